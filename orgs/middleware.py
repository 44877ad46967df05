from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from core.views import permission_denied
from orgs.models import Membership, Organization

OPENED = "orgs_opened"


class OrganizationTimeZoneMiddleware:
    """An organization's pages show times in its time zone: `orgs.access.show_times_in` turns
    it on once the request knows the organization. This turns it off again after every
    request, so the next request this thread serves starts in the server's time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class FormerMemberMiddleware:
    """Someone removed from an organization while signed in gets a readable 403 on their
    next request (an htmx one in the page's message area), not a bare 404.

    Access is checked on every request (orgs/access.py), so a removed member is
    refused at once either way; this only chooses the words. An organization
    URL the session has opened successfully is remembered in the session; a
    404 there, for someone no longer a member, means they were removed. Anyone
    else still gets the 404, which says nothing about whether the
    organization exists.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        slug = org_slug(request)
        if slug and response.status_code < 400 and request.user.is_authenticated:
            opened = request.session.get(OPENED, [])
            if slug not in opened:
                request.session[OPENED] = [*opened, slug]
        return response

    def process_exception(self, request, exception):
        slug = org_slug(request)
        if not (isinstance(exception, Http404) and slug and request.user.is_authenticated):
            return None
        if slug not in request.session.get(OPENED, []):
            return None
        if Membership.objects.filter(user=request.user, organization__slug=slug).exists():
            return None  # a member, and the 404 is about something else
        name = Organization.objects.filter(slug=slug).values_list("name", flat=True).first()
        message = (
            f"You're no longer a member of {name or 'this organization'}, so this can't be "
            "opened or saved. Copy anything you typed. If you think this is a mistake, "
            "ask one of its owners."
        )
        return permission_denied(request, PermissionDenied(message))


def org_slug(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.kwargs.get("org_slug") if match else None
