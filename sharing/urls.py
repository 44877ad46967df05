from django.urls import path

from sharing import views

urlpatterns = [
    path("canvases/<int:canvas_pk>/share/", views.share_settings, name="share_settings"),
    path(
        "canvases/<int:canvas_pk>/share/<int:link_pk>/revoke/",
        views.share_revoke,
        name="share_revoke",
    ),
]
