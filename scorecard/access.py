"""An assessment as the requesting user may see it: every assessment page fetches it here."""

from django.http import Http404

from canvas.access import get_canvas
from scorecard.models import Assessment


def get_assessment(request, org_slug, canvas_pk, pk, *, edit=False):
    """An assessment of a canvas of the user's organization, with the user's membership.

    Another organization's (or a missing) assessment is a 404; with `edit=True`, a
    viewer gets a 403.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=edit)
    assessment = (
        Assessment.objects.filter(canvas=canvas, pk=pk)
        .select_related("question_set", "started_by", "completed_by")
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment.")
    assessment.canvas = canvas
    return assessment, membership
