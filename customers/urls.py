from django.urls import path

from customers import views

segment = "canvases/<int:canvas_pk>/segments/<int:segment_pk>/"
persona = "canvases/<int:canvas_pk>/personas/<int:persona_pk>/"
stage = persona + "stages/<int:stage_pk>/"

urlpatterns = [
    path("canvases/<int:canvas_pk>/segments/", views.segment_list, name="segment_list"),
    path("canvases/<int:canvas_pk>/segments/new/", views.segment_create, name="segment_create"),
    path("canvases/<int:canvas_pk>/customers/undo/", views.customers_undo, name="customers_undo"),
    path(segment + "edit/", views.segment_edit, name="segment_edit"),
    path(segment + "move/", views.segment_move, name="segment_move"),
    path(segment + "delete/", views.segment_delete, name="segment_delete"),
    path(segment + "personas/new/", views.persona_create, name="persona_create"),
    path(persona, views.persona_detail, name="persona_detail"),
    path(persona + "edit/", views.persona_edit, name="persona_edit"),
    path(persona + "duplicate/", views.persona_duplicate, name="persona_duplicate"),
    path(persona + "delete/", views.persona_delete, name="persona_delete"),
    path(persona + "card.pdf", views.persona_card, name="persona_card"),
    path(persona + "stages/new/", views.stage_create, name="stage_create"),
    path(stage + "edit/", views.stage_edit, name="stage_edit"),
    path(stage + "move/", views.stage_move, name="stage_move"),
    path(stage + "delete/", views.stage_delete, name="stage_delete"),
]
