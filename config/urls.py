from django.contrib import admin
from django.urls import include, path

from orgs import views as org_views

urlpatterns = [
    path("", org_views.home, name="home"),
    path("", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("p/", include("pulse.public_urls")),
    path("s/", include("studio.public_urls")),
    path("o/<slug:org_slug>/settings/", org_views.org_settings, name="org_settings"),
    path("o/<slug:org_slug>/", include("canvas.urls")),
    path("o/<slug:org_slug>/", include("scorecard.urls")),
    path("o/<slug:org_slug>/", include("customers.urls")),
    path("o/<slug:org_slug>/", include("investment.urls")),
    path("o/<slug:org_slug>/", include("pulse.urls")),
    path("o/<slug:org_slug>/", include("sharing.urls")),
    path("o/<slug:org_slug>/", include("indicators.urls")),
    path("o/<slug:org_slug>/", include("studio.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
