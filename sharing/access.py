"""Share links as an owner manages them, and a share link as its public URL finds it."""

from django.http import Http404

from canvas.access import get_canvas
from orgs.access import require_owner, show_times_in
from sharing.models import ShareLink


def get_owned_canvas(user, org_slug: str, canvas_pk: int):
    """A canvas whose share links the user may manage: owners only (others 403, other
    organizations 404)."""
    canvas, membership = get_canvas(user, org_slug, canvas_pk)
    require_owner(membership, "share canvases outside the organization")
    return canvas, membership


def get_share_link(user, org_slug: str, canvas_pk: int, link_pk: int):
    canvas, membership = get_owned_canvas(user, org_slug, canvas_pk)
    link = ShareLink.objects.filter(canvas=canvas, pk=link_pk).first()
    if link is None:
        raise Http404("No such share link.")
    link.canvas = canvas
    return link, membership


def public_link(token: str) -> ShareLink | None:
    """The link a public URL names (None for an unknown token): one query."""
    if not token or len(token) > 64:
        return None
    link = (
        ShareLink.objects.filter(token=token)
        .select_related("canvas", "canvas__organization", "assessment")
        .first()
    )
    if link is not None:
        show_times_in(link.canvas.organization)
    return link
