"""What a share link opens: no account needed (each view is a core.public.public_page)."""

from django.urls import path

from studio import shared

urlpatterns = [
    path("<str:token>/", shared.share_home, name="share_home"),
    path("<str:token>/results/", shared.share_results, name="share_results"),
    path("<str:token>/results.pdf", shared.share_pdf, name="share_pdf"),
    path("<str:token>/present/", shared.share_present_start, name="share_present_start"),
    path("<str:token>/present/<int:number>/", shared.share_present, name="share_present"),
]
