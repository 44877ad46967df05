from django.urls import path

from pulse import views

PULSE = "canvases/<int:canvas_pk>/pulses/<int:pulse_pk>/"

urlpatterns = [
    path("canvases/<int:canvas_pk>/pulses/", views.pulse_list, name="pulse_list"),
    path("canvases/<int:canvas_pk>/pulses/new/", views.pulse_open, name="pulse_open"),
    path(PULSE, views.pulse_results, name="pulse_results"),
    path(PULSE + "close/", views.pulse_close, name="pulse_close"),
    path(PULSE + "revoke/", views.pulse_revoke, name="pulse_revoke"),
    path(PULSE + "qr/", views.pulse_qr, name="pulse_qr"),
    path(PULSE + "invitation.pdf", views.pulse_invitation, name="pulse_invitation"),
    path(PULSE + "comments/<int:comment_pk>/hide/", views.comment_hide, name="pulse_comment_hide"),
]
