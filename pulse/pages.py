"""What the pulse pages show: the list of a canvas's pulses, one pulse's results, the
public answering page and its answers for each outcome."""

from dataclasses import dataclass
from datetime import date

from django.template.response import TemplateResponse
from django.urls import reverse

from pulse.anonymity import MIN_RESPONSES
from pulse.forms import HONEYPOT, AnswerForm
from pulse.models import Pulse
from pulse.results import (
    PulseFigures,
    comments_page,
    figures_for,
    gap_rows,
    hidden_comment_count,
    statements_of,
    widest_gap,
)
from scorecard.charts import trend
from scorecard.scoring import display_score
from scorecard.services import latest_scores


@dataclass(frozen=True)
class PulseItem:
    """A pulse in a canvas's list."""

    pulse: Pulse
    state: str
    received: int
    urls: dict


def pulse_urls(pulse: Pulse, request=None) -> dict:
    """Every address of a pulse (the public link absolute when a request is given)."""
    kwargs = {
        "org_slug": pulse.canvas.organization.slug,
        "canvas_pk": pulse.canvas_id,
        "pulse_pk": pulse.pk,
    }
    public = reverse("pulse_answer", kwargs={"token": pulse.token})
    return {
        "results": reverse("pulse_results", kwargs=kwargs),
        "close": reverse("pulse_close", kwargs=kwargs),
        "revoke": reverse("pulse_revoke", kwargs=kwargs),
        "qr": reverse("pulse_qr", kwargs=kwargs),
        "invitation": reverse("pulse_invitation", kwargs=kwargs),
        "public": request.build_absolute_uri(public) if request else public,
    }


def canvas_urls(canvas) -> dict:
    kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    return {
        "list": reverse("pulse_list", kwargs=kwargs),
        "open": reverse("pulse_open", kwargs=kwargs),
        "board": reverse("board", kwargs=kwargs),
    }


def results_context(request, pulse: Pulse, membership, *, compare_pk=None, page=1) -> dict:
    """Everything the results page shows, in a fixed number of queries."""
    canvas = pulse.canvas
    today = canvas.organization.today()
    statements = statements_of(pulse)
    figures = figures_for(pulse, today=today, statements=statements)
    team = latest_scores(canvas)
    team_scores = team.scores if team else {}
    rows = gap_rows({area.key: area.display for area in figures.areas}, team_scores, statements)
    earlier = _earlier_pulses(pulse)
    compare = next((item for item in earlier if str(item.pk) == str(compare_pk)), None)
    if compare is None and earlier:
        compare = earlier[0]
    comparison = None
    if compare is not None:
        compare.canvas = canvas
        their = figures_for(compare, today=today, trend=False)
        comparison = {
            "pulse": compare,
            "figures": their,
            "rows": _comparison_rows(figures, their, statements),
        }
    return {
        "pulse": pulse,
        "canvas": canvas,
        "membership": membership,
        "state": pulse.state(today),
        "figures": figures,
        "rows": rows,
        "widest": widest_gap(rows),
        "team": team,
        "comments": comments_page(pulse, figures, page),
        "hidden_comments": hidden_comment_count(pulse) if membership.is_owner else 0,
        "earlier": earlier,
        "comparison": comparison,
        "urls": pulse_urls(pulse, request),
        "canvas_urls": canvas_urls(canvas),
        "min_responses": MIN_RESPONSES,
        "group_rows": _group_rows(figures),
        "chart": trend([(f"{p.on:%d %b} ({p.responses})", p.display) for p in figures.trend]),
    }


def _group_rows(figures: PulseFigures) -> list[dict]:
    """Per area, each shown group's score (then the other groups together)."""
    columns = [*figures.groups, *([figures.others] if figures.others else [])]
    return [
        {
            "name": area.name,
            "cells": [display_score(column.scores.get(area.key)) for column in columns],
        }
        for area in figures.areas
    ]


def _earlier_pulses(pulse: Pulse) -> list[Pulse]:
    """Pulses on the same canvas opened before this one, latest first (one query)."""
    return list(
        Pulse.objects.filter(canvas_id=pulse.canvas_id, created_at__lte=pulse.created_at)
        .exclude(pk=pulse.pk)
        .order_by("-created_at", "-pk")
        .only("pk", "created_at", "closes_on", "closed_at", "revoked_at", "groups", "canvas_id")
    )


def _comparison_rows(now: PulseFigures, then: PulseFigures, statements) -> list[dict]:
    before = {area.key: area.display for area in then.areas}
    rows = []
    for area in now.areas:
        earlier = before.get(area.key)
        change = None if earlier is None or area.display is None else area.display - earlier
        rows.append({"name": area.name, "now": area.display, "then": earlier, "change": change})
    return rows


def answer_page(request, pulse: Pulse, form: AnswerForm, *, status=200) -> TemplateResponse:
    context = {
        "pulse": pulse,
        "organization": pulse.canvas.organization,
        "form": form,
        "honeypot": HONEYPOT,
        "statement_fields": form.statement_fields(),
    }
    return TemplateResponse(request, "pulse/answer.html", context, status=status)


def public_message(request, title: str, text: str, *, status: int, pulse=None):
    """A short page for the public link: closed, revoked, unknown, refused."""
    context = {"title": title, "text": text, "pulse": pulse}
    return TemplateResponse(request, "pulse/message.html", context, status=status)


def thanks_page(request, pulse: Pulse, *, today: date, already: bool = False):
    figures = None
    if pulse.show_results_to_respondents:
        figures = figures_for(pulse, today=today, trend=False)
    context = {
        "pulse": pulse,
        "organization": pulse.canvas.organization,
        "figures": figures,
        "already": already,
        "min_responses": MIN_RESPONSES,
    }
    return TemplateResponse(request, "pulse/thanks.html", context)
