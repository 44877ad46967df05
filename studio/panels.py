"""What pages of the domain apps show from other apps, built here in Python.

The board (canvas) shows each area's latest score (scorecard) and the latest
stakeholder pulse's score beside it (pulse), the investment
headline (investment), the segments with their value alignment (customers) and
each area's indicators with the root cause of an off-target result (indicators);
the segments page (customers) shows each learner segment's part of the
investment. `settings.HOOKS` points the pages at these functions
(core/hooks.py). Each runs a fixed number of queries, whatever the data.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.urls import reverse

from canvas.areas import AREAS, AreaKey
from core.formats import format_money, format_signed
from customers.alignment import SegmentExpectation, value_alignment
from customers.headcounts import segment_costs as share_by_segment
from customers.models import Segment
from indicators.dashboard import board_summaries
from indicators.services import load_board_indicators
from investment.services import investment_summary
from pulse.results import latest_pulse_scores
from scorecard.models import Assessment
from scorecard.scoring import Band, band_for
from scorecard.services import latest_scores


@dataclass(frozen=True)
class Panel:
    """A piece of another app on a page: its template, and the data it shows."""

    template: str
    data: Any


def board_panels(*, canvas, membership) -> dict:
    """The board's panels: the assessment button, the other buttons (the indicators, the
    stakeholder pulse, the presentation, and for owners the share links), and each area's
    extra pieces (score badges; investment figures; segments; indicators), in the order
    they show."""
    area_panels: dict[str, list[Panel]] = {area.key: [] for area in AREAS}
    latest = latest_scores(canvas)
    if latest is not None:
        for area in AREAS:
            area_panels[area.key].append(
                Panel("scorecard/includes/area_badge.html", _badge(canvas, latest, area.key))
            )
    pulse = latest_pulse_scores(canvas)
    if pulse is not None:
        for area in AREAS:
            area_panels[area.key].append(
                Panel("pulse/includes/area_badge.html", _pulse_badge(canvas, pulse, area.key))
            )
    area_panels[AreaKey.INVESTMENT_RETURN].append(
        Panel("investment/includes/board_panel.html", investment_summary(canvas))
    )
    area_panels[AreaKey.CUSTOMER_SEGMENTS].append(board_segments(canvas=canvas)["segments_panel"])
    for area_key, summary in board_indicators(canvas).items():
        area_panels[area_key].append(Panel("indicators/includes/board_area.html", summary))
    kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    links = [
        {"url": reverse("indicators", kwargs=kwargs), "label": "Indicators"},
        {"url": reverse("pulse_list", kwargs=kwargs), "label": "Stakeholder pulse"},
        {"url": reverse("present", kwargs={**kwargs, "number": 1}), "label": "Present"},
    ]
    if membership.is_owner:
        links.append({"url": reverse("share_settings", kwargs=kwargs), "label": "Share"})
    return {
        "area_panels": area_panels,
        "assess": _assess_link(canvas, membership),
        "links": links,
    }


def board_indicators(canvas) -> dict:
    """Each area's indicator summary (two queries for the whole canvas; one without any)."""
    indicators, links = load_board_indicators(canvas)
    if not indicators:
        return {}
    return board_summaries(indicators, links, canvas.organization.currency)


def poster_figures(*, canvas) -> dict[str, tuple[str, ...]]:
    """What the printed canvas shows under each area's name (two queries and the
    investment's): the latest self-assessment's score and band, and in investment &
    return the headline figures. Plain text: the poster is paper."""
    latest = latest_scores(canvas)
    return figure_lines(
        scores=latest.scores if latest is not None else None,
        day=latest.completed_at if latest is not None else None,
        money=investment_summary(canvas),
        currency=canvas.organization.currency,
    )


def figure_lines(*, scores, day, money, currency: str) -> dict[str, tuple[str, ...]]:
    """The lines under each area's name on a printed canvas: a self-assessment's scores
    (area key to score out of 100, None when not scored; no scores: no lines) of `day`,
    and the investment & return headline of `money` (Figures)."""
    figures: dict[str, list[str]] = {area.key: [] for area in AREAS}
    if scores is not None:
        when = day.strftime("%-d %b %Y") if day else ""
        for area in AREAS:
            score = scores.get(area.key)
            if score is None:
                figures[area.key].append(f"Not scored in the self-assessment of {when}")
            else:
                label = BAND_WORDS.get(band_for(score), "")
                figures[area.key].append(f"Self-assessment {when}: {score} of 100 · {label}")
    if not money.is_empty:
        parts = [
            f"Investment {format_money(money.total_investment, currency, compact=True)}",
            f"return {format_money(money.total_return, currency, compact=True)}",
        ]
        if money.roi_percent is not None:
            parts.append(f"ROI {format_signed(money.roi_percent)}%")
        headline = " · ".join(parts)
        if money.period_label:
            headline += f" ({money.period_label}, return confidence-adjusted)"
        figures[AreaKey.INVESTMENT_RETURN].append(headline)
    return {key: tuple(lines) for key, lines in figures.items()}


BAND_WORDS = {Band.LOW: "low", Band.MIDDLE: "middling", Band.HIGH: "strong"}


def board_segments(*, canvas, **_) -> dict:
    """The customer-segments area's panel: segments and value-alignment warnings (one query)."""
    segments = list(
        Segment.objects.filter(canvas_id=canvas.pk)
        .only("pk", "name", "kind", "headcount", "expected_value", "position")
        .order_by("position", "pk")
    )
    mismatches = value_alignment(
        canvas.known_value_kinds,
        [SegmentExpectation(segment.name, segment.expected_kinds) for segment in segments],
    )
    data = {"segments": segments, "mismatches": mismatches}
    return {"segments_panel": Panel("customers/includes/board_segments.html", data)}


def _badge(canvas, latest, area_key: str) -> dict:
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


def _pulse_badge(canvas, pulse, area_key: str) -> dict:
    url = reverse(
        "pulse_results",
        kwargs={
            "org_slug": canvas.organization.slug,
            "canvas_pk": canvas.pk,
            "pulse_pk": pulse.pulse_pk,
        },
    )
    return {
        "score": pulse.scores.get(area_key),
        "url": url,
        "opened": pulse.opened_at,
        "responses": pulse.responses,
    }


def _assess_link(canvas, membership) -> dict:
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


@dataclass(frozen=True)
class CanvasCost:
    amount: Decimal  # cost per learner reached
    currency: str
    investment: Decimal  # the whole investment the cost per learner comes from
    learners_reached: int
    learners_source: str  # e.g. "from the canvas's learner segments"


def canvas_cost_per_learner(canvas) -> CanvasCost | None:
    """The canvas's cost per learner reached, or None until investment & return has one
    (some investment entered, and a number of learners reached)."""
    figures = investment_summary(canvas)
    if figures.cost_per_learner is None or not figures.has_investment:
        return None
    return CanvasCost(
        amount=figures.cost_per_learner,
        currency=canvas.organization.currency,
        investment=figures.total_investment,
        learners_reached=figures.learners_reached,
        learners_source=figures.learners_source_label,
    )


def segment_costs(*, canvas, segments) -> dict:
    """The segments page's cost panel: the cost per learner, and each learner segment's
    part of the investment (set as `segment.cost`)."""
    cost = canvas_cost_per_learner(canvas)
    costs = share_by_segment(
        cost_per_learner=cost.amount if cost else None,
        investment=cost.investment if cost else None,
        learners_reached=cost.learners_reached if cost else None,
        segments=[(segment.pk, segment.kind, segment.headcount) for segment in segments],
    )
    for segment in segments:
        segment.cost = costs.get(segment.pk)
    return {
        "cost": cost,
        "shared_by_headcount": any(part.by_headcount for part in costs.values()),
        "learners_in_segments": sum(part.headcount for part in costs.values()),
    }
