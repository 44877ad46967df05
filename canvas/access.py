"""A canvas as the requesting user may see it: every canvas page fetches it through here.

The lookup starts from the user's membership (`orgs.access`), so another
organization's canvas is a 404, never a leak. A canvas in the trash is a 404
too (`Canvas.objects` leaves it out); only the trash's own pages reach it,
through `get_trashed_canvas`, and only for owners.
"""

from django.http import Http404

from canvas.models import Canvas
from orgs.access import get_membership, require_editor, require_owner
from orgs.models import Membership


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


def get_trashed_canvas(user, org_slug: str, canvas_pk: int) -> tuple[Canvas, Membership]:
    """A canvas in the trash of the user's organization, for an owner (others get a 403;
    another organization's canvas, a live one or a missing one is a 404)."""
    membership = get_membership(user, org_slug)
    require_owner(membership, "restore or delete canvases in the trash")
    canvas = (
        Canvas.everything.trashed()
        .filter(organization=membership.organization, pk=canvas_pk)
        .first()
    )
    if canvas is None:
        raise Http404("No such canvas in the trash.")
    canvas.organization = membership.organization
    return canvas, membership
