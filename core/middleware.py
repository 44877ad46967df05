from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.http import Http404
from django.shortcuts import resolve_url
from django.utils.cache import patch_cache_control, patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

from core.retry import Busy, is_transient
from core.views import busy, page_not_found, removed_meanwhile


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
        if response.status_code != 302:
            return response
        if self.login_path is None:
            self.login_path = resolve_url(settings.LOGIN_URL)
        if not response.get("Location", "").split("?", 1)[0].endswith(self.login_path):
            return response
        if getattr(request, "htmx", False):
            current = request.htmx.current_url_abs_path or "/"
            response = HttpResponseClientRedirect(
                f"{self.login_path}?{urlencode({'next': current})}"
            )
        # The same URL answers a redirect or an HX-Redirect; caches must tell them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response


class HtmxNotFoundMiddleware:
    """Answer an htmx request's 404 with our message fragment, even with DEBUG on.

    With DEBUG on Django renders its technical 404 page instead of calling
    `handler404`, and htmx would swap that whole page into the fragment. This
    covers every Http404 a view raises (a record gone or out of reach), and a record a
    service found removed once it held the lock (the model's DoesNotExist); a URL
    that matches no route at all never reaches a view, but htmx only requests
    URLs our templates built.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and getattr(request, "htmx", False):
            return page_not_found(request, exception)
        if isinstance(exception, ObjectDoesNotExist):  # removed while the service waited
            return removed_meanwhile(request, exception)
        return None


class NoStoreForSignedInMiddleware:
    """`Cache-Control: no-store` on every answer to a signed-in person, so no browser or
    proxy keeps a copy of an organization's pages (the back button after logging out on
    a shared computer shows nothing). Answers that chose their own caching keep it: PDF
    downloads are private and revalidated on every request (core/pdf.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response


class BusyMiddleware:
    """Answer a write that lost the race for a lock with "busy, try again", never a 500.

    Services retry such writes themselves (`core.retry.retry_on_conflict`) and raise
    Busy when the tries run out; a deadlock or lock time-out that reaches a view some
    other way (the admin, a write no service wraps) is answered the same way. Either
    way the database rolled the transaction back: nothing was written.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Busy) or is_transient(exception):
            return busy(request, exception)
        return None


class PermissionsPolicyMiddleware:
    """Turn off the browser features no page uses (settings.PERMISSIONS_POLICY), for the
    site and for anything it might embed."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allowed)})"
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RequestSizeLimitMiddleware:
    """Refuse a request whose declared body is bigger than the form data and upload limits
    together (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + FILE_UPLOAD_MAX_MEMORY_SIZE), before
    anything reads it. Django checks form data against its own limit as it reads it, but
    not files: without this an upload could fill the disk. The refusal is a 413 page
    (core.views.bad_request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = (settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0) + settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None and length > limit:
            raise RequestDataTooBig("The request body is bigger than the limits in settings.")
        return self.get_response(request)
