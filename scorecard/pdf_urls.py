from django.urls import path

from scorecard import pdf_views

urlpatterns = [
    path(
        "canvases/<int:canvas_pk>/assessments/<int:pk>/pdf/",
        pdf_views.assessment_pdf,
        name="scorecard_pdf",
    ),
    path(
        "canvases/<int:canvas_pk>/assessments/blank.pdf",
        pdf_views.blank_assessment_pdf,
        name="scorecard_blank_pdf",
    ),
]
