"""What a canvas holds in the apps above canvas, counted, for the delete confirmation and the
trash (the `canvas_contents` hook, see canvas/trash.py)."""

from django.db.models import Count, Q

from canvas.trash import Tally
from customers.models import JourneyStage, Persona, Segment
from indicators.models import Indicator, Reading
from investment.models import InvestmentLine, ReturnLine
from pulse.models import Pulse, Response
from scorecard.models import Assessment
from sharing.models import ShareLink


def _per_canvas(queryset, canvas_field: str, **counts) -> dict[int, dict[str, int]]:
    rows = queryset.values(canvas_field).annotate(**counts).order_by()
    return {row.pop(canvas_field): row for row in rows}


def canvas_contents(*, canvas_ids: list[int]) -> dict[int, list[Tally]]:
    """For each canvas: its self-assessments (completed, in progress), customer segments,
    personas, journey stages, cost lines, return lines, stakeholder pulses and their
    responses, indicators and their readings, and the share links not revoked (in the trash
    they open nothing; restored, they work again). Eleven queries."""
    assessments = _per_canvas(
        Assessment.objects.filter(canvas_id__in=canvas_ids),
        "canvas_id",
        completed=Count("pk", filter=Q(completed_at__isnull=False)),
        drafts=Count("pk", filter=Q(completed_at__isnull=True)),
    )
    simple = [
        (Segment.objects.filter(canvas_id__in=canvas_ids), "canvas_id", "customer segment"),
        (
            Persona.objects.filter(segment__canvas_id__in=canvas_ids),
            "segment__canvas_id",
            "persona",
        ),
        (
            JourneyStage.objects.filter(persona__segment__canvas_id__in=canvas_ids),
            "persona__segment__canvas_id",
            "journey stage",
        ),
        (InvestmentLine.objects.filter(canvas_id__in=canvas_ids), "canvas_id", "cost line"),
        (ReturnLine.objects.filter(canvas_id__in=canvas_ids), "canvas_id", "return line"),
        (Pulse.objects.filter(canvas_id__in=canvas_ids), "canvas_id", "stakeholder pulse"),
        (
            Response.objects.filter(pulse__canvas_id__in=canvas_ids),
            "pulse__canvas_id",
            "pulse response",
        ),
        (Indicator.objects.filter(canvas_id__in=canvas_ids), "canvas_id", "indicator"),
        (
            Reading.objects.filter(indicator__canvas_id__in=canvas_ids),
            "indicator__canvas_id",
            "indicator reading",
        ),
        (
            ShareLink.objects.filter(canvas_id__in=canvas_ids, revoked_at__isnull=True),
            "canvas_id",
            "share link",
        ),
    ]
    counted = [
        (_per_canvas(queryset, field, n=Count("pk")), noun) for queryset, field, noun in simple
    ]
    answer = {}
    for pk in canvas_ids:
        done = assessments.get(pk, {})
        answer[pk] = [
            Tally(
                done.get("completed", 0), "completed self-assessment", "completed self-assessments"
            ),
            Tally(
                done.get("drafts", 0), "self-assessment in progress", "self-assessments in progress"
            ),
            *(Tally(rows.get(pk, {}).get("n", 0), noun, noun + "s") for rows, noun in counted),
        ]
    return answer
