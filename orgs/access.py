"""Who may see and change what. Every view fetches organization data through here.

Lookups start from the requesting user's memberships, so another
organization's object is a 404, never a leak. Changes by someone who may only
read raise PermissionDenied with a message the 403 page shows.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from canvas.models import Canvas
from orgs.models import Membership


def get_membership(user, org_slug: str) -> Membership:
    """The user's membership in the organization with this slug, or 404."""
    membership = (
        Membership.objects.for_user(user).filter(organization__slug=org_slug).first()
        if user.is_authenticated
        else None
    )
    if membership is None:
        raise Http404("No such organization.")
    return membership


def require_editor(membership: Membership) -> None:
    if not membership.can_edit:
        raise PermissionDenied(
            f"You can view {membership.organization.name}'s canvases but not change them. "
            "Ask an owner to make you an editor."
        )


def require_owner(membership: Membership, action: str = "do that") -> None:
    if not membership.is_owner:
        raise PermissionDenied(f"Only an owner of {membership.organization.name} can {action}.")


def get_canvas(
    user, org_slug: str, canvas_pk: int, *, edit: bool = False
) -> tuple[Canvas, Membership]:
    """A canvas of the user's organization, with the user's membership.

    Another organization's canvas (or a missing one) is a 404. With
    `edit=True`, a viewer gets a 403.
    """
    membership = get_membership(user, org_slug)
    canvas = (
        Canvas.objects.filter(organization=membership.organization, pk=canvas_pk)
        .select_related("updated_by")
        .first()
    )
    if canvas is None:
        raise Http404("No such canvas.")
    canvas.organization = membership.organization
    if edit:
        require_editor(membership)
    return canvas, membership
