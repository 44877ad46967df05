from django.urls import path

from canvas import print_views

urlpatterns = [
    path("canvases/<int:canvas_pk>/print/", print_views.canvas_pdf, name="canvas_pdf"),
]
