from django.urls import path

from canvas import views

urlpatterns = [
    path("", views.org_home, name="org_home"),
    path("canvases/new/", views.canvas_create, name="canvas_create"),
    path("canvases/<int:canvas_pk>/", views.board, name="board"),
    path("canvases/<int:canvas_pk>/duplicate/", views.canvas_duplicate, name="canvas_duplicate"),
    path("canvases/<int:canvas_pk>/delete/", views.canvas_delete, name="canvas_delete"),
]
