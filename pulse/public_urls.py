"""The public link: no account needed (each view is marked login_not_required)."""

from django.urls import path

from pulse import views

urlpatterns = [
    path("<str:token>/", views.pulse_answer, name="pulse_answer"),
    path("<str:token>/thanks/", views.pulse_thanks, name="pulse_thanks"),
]
