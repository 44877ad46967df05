"""URLs of a canvas's indicators dashboard and its fragments (under /o/<org_slug>/)."""

from django.urls import path

from indicators import views

prefix = "canvases/<int:canvas_pk>/indicators/"
one = prefix + "<int:indicator_pk>/"
reading = one + "readings/<int:reading_pk>/"

urlpatterns = [
    path(prefix, views.indicators_page, name="indicators"),
    path(prefix + "add/", views.indicator_add, name="indicator_add"),
    path(prefix + "starter/", views.indicator_starter, name="indicator_starter"),
    path(prefix + "undo/", views.indicators_undo, name="indicators_undo"),
    path(one, views.indicator_detail, name="indicator"),
    path(one + "edit/", views.indicator_edit, name="indicator_edit"),
    path(one + "archive/", views.indicator_archive, name="indicator_archive"),
    path(one + "reactivate/", views.indicator_reactivate, name="indicator_reactivate"),
    path(one + "delete/", views.indicator_delete, name="indicator_delete"),
    path(one + "readings/add/", views.reading_add, name="reading_add"),
    path(reading + "edit/", views.reading_edit, name="reading_edit"),
    path(reading + "delete/", views.reading_delete, name="reading_delete"),
    path(one + "links/add/", views.link_add, name="link_add"),
    path(one + "links/remove/", views.link_remove, name="link_remove"),
]
