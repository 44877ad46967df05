from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import resolve_url
from django_htmx.http import HttpResponseClientRedirect


class HtmxLoginRedirectMiddleware:
    """Send the whole browser to the login page when an htmx request lost its session.

    Without this, htmx would follow the redirect and swap the login form into
    whatever fragment made the request.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.login_path = None

    def __call__(self, request):
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.status_code != 302:
            return response
        if self.login_path is None:
            self.login_path = resolve_url(settings.LOGIN_URL)
        location = response.get("Location", "")
        if not location.split("?", 1)[0].endswith(self.login_path):
            return response
        current = request.htmx.current_url_abs_path or "/"
        return HttpResponseClientRedirect(f"{self.login_path}?{urlencode({'next': current})}")
