from django.urls import include, path  # noqa: F401

urlpatterns: list = [
    path("", include("scorecard.assessment_urls")),
    path("", include("scorecard.investment_urls")),
    path("", include("scorecard.pdf_urls")),
]
