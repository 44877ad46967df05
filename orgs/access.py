"""Who may see and change what in an organization. Every view starts here (apps add their
own lookups on top, such as `canvas.access.get_canvas`).

Lookups start from the requesting user's memberships, so another
organization's object is a 404, never a leak. Changes by someone who may only
read raise PermissionDenied with a message the 403 page shows.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from orgs.models import Membership


def get_membership(user, org_slug: str) -> Membership:
    """The user's membership in the organization with this slug, or 404. From here on the
    request shows times in the organization's time zone (`show_times_in`)."""
    membership = (
        Membership.objects.for_user(user).filter(organization__slug=org_slug).first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such organization.")
    show_times_in(membership.organization)
    return membership


def show_times_in(organization) -> None:
    """The rest of this request shows times in the organization's time zone: its members'
    pages and its public links' pages alike. OrganizationTimeZoneMiddleware puts the
    server's zone back after the request."""
    timezone.activate(organization.zone)


def require_editor(membership: Membership) -> None:
    if not membership.can_edit:
        raise PermissionDenied(
            f"You can view {membership.organization.name}'s canvases but not change them. "
            "Ask an owner to make you an editor."
        )


def require_owner(membership: Membership, action: str = "do that") -> None:
    if not membership.is_owner:
        raise PermissionDenied(f"Only an owner of {membership.organization.name} can {action}.")
