from django.urls import path

from canvas import views

urlpatterns = [
    path("", views.org_home, name="org_home"),
    path("canvases/new/", views.canvas_create, name="canvas_create"),
    path("canvases/<int:canvas_pk>/edit/", views.canvas_edit, name="canvas_edit"),
    path("canvases/<int:canvas_pk>/delete/", views.canvas_delete, name="canvas_delete"),
    path("canvases/<int:canvas_pk>/notes/new/", views.note_add, name="note_add"),
    path("canvases/<int:canvas_pk>/notes/undo/", views.note_undo, name="note_undo"),
    path("canvases/<int:canvas_pk>/notes/<int:note_pk>/", views.note_detail, name="note_detail"),
    path("canvases/<int:canvas_pk>/notes/<int:note_pk>/edit/", views.note_edit, name="note_edit"),
    path("canvases/<int:canvas_pk>/notes/<int:note_pk>/move/", views.note_move, name="note_move"),
    path(
        "canvases/<int:canvas_pk>/notes/<int:note_pk>/colour/",
        views.note_colour,
        name="note_colour",
    ),
    path("canvases/<int:canvas_pk>/live/", views.board_live, name="board_live"),
    path(
        "canvases/<int:canvas_pk>/notes/<int:note_pk>/delete/",
        views.note_delete,
        name="note_delete",
    ),
    path("canvases/<int:canvas_pk>/print/", views.canvas_pdf, name="canvas_pdf"),
    path("trash/", views.trash, name="canvas_trash"),
    path("trash/empty/", views.trash_empty, name="trash_empty"),
    path("trash/<int:canvas_pk>/restore/", views.canvas_restore, name="canvas_restore"),
    path(
        "trash/<int:canvas_pk>/delete/",
        views.canvas_delete_for_good,
        name="canvas_delete_for_good",
    ),
]
