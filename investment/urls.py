"""URLs of a canvas's investment & return page and its fragments (under /o/<org_slug>/)."""

from django.urls import path

from investment import views

prefix = "canvases/<int:canvas_pk>/investment/"
line = prefix + "<slug:section>/<int:line_pk>/"

urlpatterns = [
    path(prefix, views.investment_page, name="investment"),
    path(prefix + "settings/", views.investment_settings, name="investment_settings"),
    path(prefix + "restore/", views.line_restore, name="investment_line_restore"),
    path(prefix + "<slug:section>/add/", views.line_add, name="investment_line_add"),
    path(line, views.line_detail, name="investment_line"),
    path(line + "edit/", views.line_edit, name="investment_line_edit"),
    path(line + "delete/", views.line_delete, name="investment_line_delete"),
    path(line + "move/", views.line_move, name="investment_line_move"),
]
