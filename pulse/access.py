"""A pulse as the requesting user may see it, and a pulse as its public link finds it.

Members' lookups start from the canvas (`canvas.access.get_canvas`), so another
organization's pulse is a 404 and a viewer's change is a 403. The public link
finds a pulse by its token alone.
"""

from django.http import Http404

from canvas.access import get_canvas
from orgs.access import show_times_in
from pulse.models import Pulse


def get_pulse(user, org_slug: str, canvas_pk: int, pulse_pk: int, *, edit: bool = False):
    """A pulse on a canvas of the user's organization, with the user's membership."""
    canvas, membership = get_canvas(user, org_slug, canvas_pk, edit=edit)
    pulse = Pulse.objects.filter(canvas=canvas, pk=pulse_pk).select_related("created_by").first()
    if pulse is None:
        raise Http404("No such pulse.")
    pulse.canvas = canvas
    return pulse, membership


def public_pulse(token: str) -> Pulse | None:
    """The pulse a public link names (None for an unknown token): one query."""
    if not token or len(token) > 64:
        return None
    pulse = (
        Pulse.objects.filter(token=token).select_related("canvas", "canvas__organization").first()
    )
    if pulse is not None:
        show_times_in(pulse.canvas.organization)
    return pulse
