from django.urls import path

from scorecard import views

ASSESSMENT = "canvases/<int:canvas_pk>/assessments/<int:pk>/"

urlpatterns = [
    path(
        "canvases/<int:canvas_pk>/assessments/",
        views.assessment_history,
        name="scorecard_history",
    ),
    path(
        "canvases/<int:canvas_pk>/assessments/start/",
        views.assessment_start,
        name="scorecard_start",
    ),
    path(ASSESSMENT, views.assessment_take, name="scorecard_take"),
    path(
        ASSESSMENT + "questions/<int:question_pk>/answer/",
        views.answer_save,
        name="scorecard_answer",
    ),
    path(
        ASSESSMENT + "questions/<int:question_pk>/evidence/",
        views.evidence_save,
        name="scorecard_evidence",
    ),
    path(ASSESSMENT + "complete/", views.assessment_complete, name="scorecard_complete"),
    path(ASSESSMENT + "actions/", views.action_tick, name="scorecard_tick"),
    path(
        "canvases/<int:canvas_pk>/assessments/blank.pdf",
        views.blank_assessment_pdf,
        name="scorecard_blank_pdf",
    ),
]
