"""Error pages every app shares: 400 (and 413 for a request too big), 403, 404, a stale
CSRF token, and "busy, try again".

For htmx requests each answers a message fragment retargeted to the page's
message area, so whatever the user was typing stays on the page.
"""

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
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


TOO_BIG = (TooManyFieldsSent, TooManyFilesSent, RequestDataTooBig)
TOO_BIG_MESSAGE = (
    "That was more than we accept in one go, so nothing was saved. Shorten the text "
    "(or send fewer items at once) and try again."
)
BAD_REQUEST_MESSAGE = "We couldn't read that request, so nothing was saved. Please try again."


@vary_on_headers("HX-Request")
def bad_request(request, exception=None):
    """400 page (handler400), and 413 for a body over the size limits in settings.

    Django answers a request it refuses to read (too big, too many fields, a bad
    host) here. For htmx requests the message goes to the page's message area.
    """
    too_big = isinstance(exception, TOO_BIG)
    status = 413 if too_big else 400
    context = {
        "title": "Too much at once" if too_big else "Bad request",
        "message": TOO_BIG_MESSAGE if too_big else BAD_REQUEST_MESSAGE,
    }
    if getattr(request, "htmx", False):
        response = TemplateResponse(request, "400.html#message", context, status=status)
        return retarget(response, "#messages", "beforeend")
    return TemplateResponse(request, "400.html", context, status=status)


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
