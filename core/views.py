"""Error pages every app shares: 403, 404, a stale CSRF token, and "busy, try again".

For htmx requests each answers a message fragment retargeted to the page's
message area, so whatever the user was typing stays on the page.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.views.decorators.vary import vary_on_headers

from core.htmx import flash, retarget
from core.retry import Busy


@vary_on_headers("HX-Request")
def permission_denied(request, exception=None):
    """403 page; for htmx requests, a message shown in the page's message area."""
    message = str(exception) if exception and str(exception) else "You don't have access to that."
    if getattr(request, "htmx", False):
        response = TemplateResponse(request, "403.html#message", {"message": message}, status=403)
        return retarget(response, "#messages", "beforeend")
    return TemplateResponse(request, "403.html", {"message": message}, status=403)


CSRF_MESSAGE = (
    "This page is out of date: you signed in again or your session changed. "
    "Copy anything you typed, then reload the page and try again."
)


@vary_on_headers("HX-Request")
def csrf_failure(request, reason=""):
    """A form posted with a stale security token (settings.CSRF_FAILURE_VIEW).

    htmx requests get the message in the page's message area, so the fragment the user
    was typing in stays as it is; plain posts get the 403 page with the same words.
    """
    return permission_denied(request, PermissionDenied(CSRF_MESSAGE))


@vary_on_headers("HX-Request")
def page_not_found(request, exception=None):
    """404 page; for htmx requests, a message shown in the page's message area."""
    message = "That page doesn't exist, or it belongs to an organization you're not part of."
    if getattr(request, "htmx", False):
        response = TemplateResponse(request, "404.html#message", {"message": message}, status=404)
        return retarget(response, "#messages", "beforeend")
    return TemplateResponse(request, "404.html", {"message": message}, status=404)


REMOVED_MESSAGE = (
    "Someone removed what you were working on while you had the page open, so nothing "
    "changed. Reload the page to see it as it is now."
)


@vary_on_headers("HX-Request")
def removed_meanwhile(request, exception=None):
    """A write whose record (or the list it goes in) was removed between the view finding
    it and the service locking it (core/ordering.py raises the model's DoesNotExist):
    404 with words that say so; for htmx requests, in the page's message area."""
    context = {"message": REMOVED_MESSAGE}
    if getattr(request, "htmx", False):
        response = TemplateResponse(request, "404.html#message", context, status=404)
        return retarget(response, "#messages", "beforeend")
    return TemplateResponse(request, "404.html", context, status=404)


BUSY_RETRY_AFTER_SECONDS = 2


@vary_on_headers("HX-Request")
def busy(request, exception=None):
    """A write that kept losing the race for a lock (core/retry.py): nothing was written.

    htmx requests get the message in the page's message area (409, which the page's
    htmx config swaps), so what the user typed stays on the page; plain posts get a
    503 page with the same words and a Retry-After header.
    """
    message = str(exception) if isinstance(exception, Busy) else Busy.MESSAGE
    if getattr(request, "htmx", False):
        return flash(request, message, level="error", status=409)
    response = TemplateResponse(request, "busy.html", {"message": message}, status=503)
    response["Retry-After"] = str(BUSY_RETRY_AFTER_SECONDS)
    return response
