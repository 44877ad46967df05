from django.urls import path

from studio import shared, views

urlpatterns = [
    path("canvases/<int:canvas_pk>/", views.board_page, name="board"),
    path("canvases/<int:canvas_pk>/duplicate/", views.canvas_duplicate, name="canvas_duplicate"),
    path("canvases/<int:canvas_pk>/present/", shared.present_start, name="present_start"),
    path("canvases/<int:canvas_pk>/present/<int:number>/", shared.present, name="present"),
    path(
        "canvases/<int:canvas_pk>/assessments/<int:pk>/results/",
        views.assessment_results,
        name="scorecard_results",
    ),
    path(
        "canvases/<int:canvas_pk>/assessments/<int:pk>/message/",
        views.assessment_message,
        name="scorecard_message",
    ),
    path(
        "canvases/<int:canvas_pk>/assessments/<int:pk>/pdf/",
        views.assessment_pdf,
        name="scorecard_pdf",
    ),
]
