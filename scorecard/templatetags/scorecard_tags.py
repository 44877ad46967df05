"""The board's self-assessment pieces: area score badges and the way into an assessment."""

from django import template
from django.urls import reverse

from scorecard.models import Assessment
from scorecard.scoring import band_for
from scorecard.services import latest_scores

register = template.Library()

_MISSING = object()


@register.simple_tag
def area_score(canvas, area_key: str) -> dict | None:
    """`{% area_score canvas "value_proposition" as badge %}`: score, band and advice link.

    The latest completed assessment is fetched once per canvas object and kept
    on it, so six badges cost one query. None when the canvas has no completed
    assessment.
    """
    latest = getattr(canvas, "_scorecard_latest", _MISSING)
    if latest is _MISSING:
        latest = latest_scores(canvas)
        canvas._scorecard_latest = latest
    if latest is None:
        return None
    score = latest.scores.get(area_key)
    url = reverse(
        "scorecard_results",
        kwargs={
            "org_slug": canvas.organization.slug,
            "canvas_pk": canvas.pk,
            "pk": latest.assessment_pk,
        },
    )
    band = band_for(score)
    return {
        "score": score,
        "band": band.value if band else "",
        "url": f"{url}#advice-{area_key}",
        "completed_at": latest.completed_at,
    }


@register.simple_tag
def assess_link(canvas, membership) -> dict:
    """Where the board's assessment button leads: straight back into a draft in progress
    for editors (one query), else the canvas's assessments page."""
    kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    if membership.can_edit:
        draft = (
            Assessment.objects.drafts()
            .filter(canvas_id=canvas.pk)
            .order_by("-started_at", "-pk")
            .values_list("pk", flat=True)
            .first()
        )
        if draft is not None:
            url = reverse("scorecard_take", kwargs={**kwargs, "pk": draft})
            return {"url": url, "label": "Continue the assessment"}
        label = "Assess this canvas"
    else:
        label = "Self-assessment results"
    return {"url": reverse("scorecard_history", kwargs=kwargs), "label": label}
