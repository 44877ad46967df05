"""What a pulse's results show, read with aggregate queries under the anonymity rules.

Scores use the self-assessment's scale, so the two sit side by side: an area's
score is the mean of its 1-5 answers mapped to 0-100 by (mean - 1) / 4 x 100,
"not sure" left out, and shown as a whole number (half up). A pulse's overall
score is the plain mean of its scored areas.

`figures_for` runs a fixed number of queries however many responses there are
(see its docstring); nothing here loads responses one by one.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.expressions import Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from canvas.areas import AREAS, AREAS_BY_KEY
from pulse.anonymity import (
    MIN_RESPONSES,
    count_label,
    counted,
    disclose,
    trend_positions,
)
from pulse.models import Answer, Comment, Group, Pulse, PulseStatement, Response
from scorecard.scoring import display_score

GAP_HIGHLIGHT = 15
COMMENTS_PER_PAGE = 10
ANOTHER_GROUP = "Another group"


def score_100(total: int | None, rated: int) -> float | None:
    """The 0-100 score of `rated` answers summing to `total` (None when nothing was rated)."""
    if not rated:
        return None
    return (total / rated - 1) / 4 * 100


def mean_score(scores) -> float | None:
    """The plain mean of the scores that exist (None when none does)."""
    values = [score for score in scores if score is not None]
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class AreaLine:
    """All stakeholders' score for one area."""

    key: str
    name: str
    statement: str
    score: float | None
    rated: int
    not_sure: int

    @property
    def display(self) -> int | None:
        return display_score(self.score)


@dataclass(frozen=True)
class GroupFigures:
    """One shown group's scores by area (or every group not shown, together)."""

    key: str  # "" for the groups not shown, together
    label: str
    count: int
    scores: dict[str, float | None]

    @property
    def overall(self) -> float | None:
        return mean_score(self.scores.values())


@dataclass(frozen=True)
class TrendPoint:
    responses: int
    on: date
    overall: float | None

    @property
    def display(self) -> int | None:
        return display_score(self.overall)


@dataclass(frozen=True)
class PulseFigures:
    """What may be shown of a pulse: nothing below MIN_RESPONSES counted responses."""

    received: int
    counted: int
    by_group: bool  # the pulse has stopped, so shown groups are broken out
    areas: tuple[AreaLine, ...] = ()
    groups: tuple[GroupFigures, ...] = ()
    others: GroupFigures | None = None
    group_counts: tuple[tuple[str, str], ...] = ()  # (label, count as shown)
    trend: tuple[TrendPoint, ...] = ()
    cutoff_pk: int | None = None
    shown_groups: frozenset[str] = field(default_factory=frozenset)

    @property
    def visible(self) -> bool:
        return self.counted >= MIN_RESPONSES

    @property
    def waiting(self) -> int:
        """Responses received but not yet counted (they wait for the next step of five)."""
        return self.received - self.counted

    @property
    def needed(self) -> int:
        """How many more responses before anything shows."""
        return max(0, MIN_RESPONSES - self.received)

    @property
    def overall(self) -> float | None:
        return mean_score(area.score for area in self.areas)

    @property
    def overall_display(self) -> int | None:
        return display_score(self.overall)

    def scores(self) -> dict[str, float | None]:
        return {area.key: area.score for area in self.areas}


def statements_of(pulse: Pulse) -> dict[str, str]:
    """Area key to the statement the pulse asks (one query), in canvas order."""
    texts = dict(
        PulseStatement.objects.filter(statement_set_id=pulse.statement_set_id).values_list(
            "area", "text"
        )
    )
    return {area.key: texts[area.key] for area in AREAS if area.key in texts}


def _positions_and_pks(pulse: Pulse, positions: list[int]) -> list[tuple[int, int, date]]:
    """(position, pk, day) of the responses at those positions in arrival order: one query."""
    ranked = Response.objects.filter(pulse=pulse).annotate(
        position=Window(RowNumber(), order_by=F("pk").asc())
    )
    return sorted(
        ranked.filter(position__in=positions).values_list("position", "pk", "submitted_on")
    )


def figures_for(
    pulse: Pulse,
    *,
    today: date,
    statements: dict[str, str] | None = None,
    trend: bool = True,
) -> PulseFigures:
    """A pulse's figures as the anonymity rules allow (pulse/anonymity.py).

    Queries: the statements (unless given), responses received by group; and once
    there are five, the counted responses' positions, counted responses by group,
    answer sums by group and area, and (with `trend`) answer sums by trend step.
    The same number whether the pulse has 5 responses or 50,000.
    """
    statements = statements_of(pulse) if statements is None else statements
    by_group = pulse.state(today) != Pulse.State.OPEN
    received_by_group = dict(
        Response.objects.filter(pulse=pulse)
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
        .order_by()
    )
    received = sum(received_by_group.values())
    total = counted(received)
    if total < MIN_RESPONSES:
        return PulseFigures(received=received, counted=total, by_group=by_group)

    positions = trend_positions(total) if trend else [total]
    marks = _positions_and_pks(pulse, positions)
    cutoff = marks[-1][1]
    counted_by_group = dict(
        Response.objects.filter(pulse=pulse, pk__lte=cutoff)
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
        .order_by()
    )
    ordered = {g: counted_by_group[g] for g in Group.values if counted_by_group.get(g)}
    disclosure = disclose(ordered, by_group=by_group)

    sums: dict[tuple[str, str], tuple[int, int, int]] = {}
    for group, area, answer_sum, rated, asked in (
        Answer.objects.filter(response__pulse=pulse, response_id__lte=cutoff)
        .values("response__group", "area")
        .annotate(total=Sum("score"), rated=Count("score"), asked=Count("pk"))
        .values_list("response__group", "area", "total", "rated", "asked")
        .order_by()
    ):
        sums[(group, area)] = (answer_sum or 0, rated, asked)

    def add_up(groups) -> dict[str, tuple[int, int, int]]:
        result = {}
        for key in statements:
            parts = [sums.get((group, key), (0, 0, 0)) for group in groups]
            result[key] = tuple(sum(part[i] for part in parts) for i in range(3))
        return result

    everyone = add_up(ordered)
    areas = tuple(
        AreaLine(
            key=key,
            name=AREAS_BY_KEY[key].name,
            statement=text,
            score=score_100(everyone[key][0], everyone[key][1]),
            rated=everyone[key][1],
            not_sure=everyone[key][2] - everyone[key][1],
        )
        for key, text in statements.items()
    )

    def figures(key, label, groups, count) -> GroupFigures:
        added = add_up(groups)
        scores = {area: score_100(total, rated) for area, (total, rated, _) in added.items()}
        return GroupFigures(key=key, label=label, count=count, scores=scores)

    groups = tuple(
        figures(group, Group(group).label, [group], ordered[group]) for group in disclosure.shown
    )
    others = None
    if disclosure.shown and disclosure.remainder:
        rest = [group for group in ordered if group not in disclosure.shown]
        others = figures("", "Other groups together", rest, disclosure.remainder)

    # The counted responses only, as the scores: a count that moved with every response would
    # tell a watcher the group of each one as it came in.
    asked = [group for group in Group.values if group in pulse.groups or group in ordered]
    group_counts = tuple(
        (Group(group).label, count_label(counted_by_group.get(group, 0))) for group in asked
    )
    return PulseFigures(
        received=received,
        counted=total,
        by_group=by_group,
        areas=areas,
        groups=groups,
        others=others,
        group_counts=group_counts,
        trend=_trend(pulse, marks, statements) if trend else (),
        cutoff_pk=cutoff,
        shown_groups=frozenset(disclosure.shown),
    )


def _trend(pulse: Pulse, marks, statements) -> tuple[TrendPoint, ...]:
    """The overall score after each trend position (one query: answer sums by step)."""
    step_of = Case(
        *[
            When(response_id__lte=pk, then=Value(index))
            for index, (_position, pk, _day) in enumerate(marks)
        ],
        output_field=IntegerField(),
    )
    per_step: dict[int, dict[str, tuple[int, int]]] = {}
    for step, area, answer_sum, rated in (
        Answer.objects.filter(response__pulse=pulse, response_id__lte=marks[-1][1])
        .annotate(step=step_of)
        .values("step", "area")
        .annotate(total=Sum("score"), rated=Count("score"))
        .values_list("step", "area", "total", "rated")
        .order_by()
    ):
        per_step.setdefault(step, {})[area] = (answer_sum or 0, rated)
    points = []
    running = dict.fromkeys(statements, (0, 0))
    for index, (position, _pk, day) in enumerate(marks):
        for key in statements:
            total, rated = per_step.get(index, {}).get(key, (0, 0))
            running[key] = (running[key][0] + total, running[key][1] + rated)
        overall = mean_score(score_100(total, rated) for total, rated in running.values())
        points.append(TrendPoint(responses=position, on=day, overall=overall))
    return tuple(points)


# The board -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LatestPulse:
    """The latest pulse with results to show: all stakeholders' score per area."""

    pulse_pk: int
    opened_at: Any
    responses: int  # counted
    scores: dict[str, int | None]


def latest_pulse_scores(canvas) -> LatestPulse | None:
    """The area scores of the canvas's latest pulse (not revoked) with at least five
    responses: three queries, whatever the number of responses."""
    pulse = (
        Pulse.objects.live()
        .filter(canvas_id=canvas.pk)
        .annotate(n=Count("responses"))
        .filter(n__gte=MIN_RESPONSES)
        .order_by("-created_at", "-pk")
        .values("pk", "created_at", "n")
        .first()
    )
    if pulse is None:
        return None
    total = counted(pulse["n"])
    cutoff = (
        Response.objects.filter(pulse_id=pulse["pk"])
        .order_by("pk")
        .values_list("pk", flat=True)[total - 1]
    )
    sums = {
        area: score_100(answer_sum, rated)
        for area, answer_sum, rated in Answer.objects.filter(
            response__pulse_id=pulse["pk"], response_id__lte=cutoff
        )
        .values("area")
        .annotate(total=Sum("score"), rated=Count("score"))
        .values_list("area", "total", "rated")
        .order_by()
    }
    return LatestPulse(
        pulse_pk=pulse["pk"],
        opened_at=pulse["created_at"],
        responses=total,
        scores={area.key: display_score(sums.get(area.key)) for area in AREAS},
    )


# Comments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShownComment:
    pk: int
    text: str
    group: str  # the group's name, or "Another group"


def comments_page(pulse: Pulse, figures: PulseFigures, page: Any = 1):
    """One page of the counted, visible comments (None before anything shows): two queries.

    A comment is named by its group only when that group is shown on its own.
    """
    if not figures.visible:
        return None
    queryset = (
        Comment.objects.filter(pulse=pulse, hidden=False, response_id__lte=figures.cutoff_pk)
        .order_by("pk")
        .values_list("pk", "text", "response__group")
    )
    paged = Paginator(queryset, COMMENTS_PER_PAGE).get_page(page)
    paged.object_list = [
        ShownComment(
            pk=pk,
            text=text,
            group=Group(group).label if group in figures.shown_groups else ANOTHER_GROUP,
        )
        for pk, text, group in paged.object_list
    ]
    return paged


def hidden_comment_count(pulse: Pulse) -> int:
    return Comment.objects.filter(pulse=pulse, hidden=True).count()


# Stakeholders against the team ------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    """One area: the stakeholders' score, the team's own, and how far apart they are."""

    key: str
    name: str
    statement: str
    stakeholders: int | None
    team: int | None

    @property
    def gap(self) -> int | None:
        if self.stakeholders is None or self.team is None:
            return None
        return abs(self.stakeholders - self.team)

    @property
    def wide(self) -> bool:
        return self.gap is not None and self.gap >= GAP_HIGHLIGHT

    @property
    def words(self) -> str:
        if self.stakeholders is None:
            return "Not enough answers to score this area."
        if self.team is None:
            return "Your team hasn't scored this area yet."
        if self.stakeholders < self.team:
            return "The business rates this lower than you do."
        if self.stakeholders > self.team:
            return "The business rates this higher than you do."
        return "You both see this the same way."


def gap_rows(
    stakeholders: dict[str, int | None], team: dict[str, int | None], statements: dict[str, str]
) -> tuple[GapRow, ...]:
    """Per area in canvas order: both shown (whole-number) scores and the gap between them."""
    return tuple(
        GapRow(
            key=area.key,
            name=area.name,
            statement=statements.get(area.key, ""),
            stakeholders=stakeholders.get(area.key),
            team=team.get(area.key),
        )
        for area in AREAS
        if area.key in statements
    )


def widest_gap(rows) -> GapRow | None:
    """The area where the two views differ most (the first in canvas order on a tie)."""
    measured = [row for row in rows if row.gap is not None]
    return max(measured, key=lambda row: row.gap) if measured else None


def respondents_see(figures: PulseFigures) -> tuple[tuple[str, int | None], ...]:
    """What respondents may see when the owner allows it: all stakeholders' score per area."""
    return tuple((area.name, area.display) for area in figures.areas)


# What a completed self-assessment keeps -----------------------------------------------------

RECORD_SCHEMA = 1


def pulse_for_report(canvas, *, before) -> Pulse | None:
    """The latest pulse on the canvas (not revoked) that had stopped taking answers before
    the moment `before` and has at least five responses: one query."""
    organization = canvas.organization
    day = timezone.localtime(before, organization.zone).date()
    return (
        Pulse.objects.live()
        .filter(canvas_id=canvas.pk)
        .filter(Q(closed_at__lte=before) | Q(closes_on__lt=day))
        .annotate(n=Count("responses"))
        .filter(n__gte=MIN_RESPONSES)
        .order_by("-created_at", "-pk")
        .first()
    )


def pulse_record(canvas, *, before) -> dict | None:
    """The pulse results a self-assessment completed at `before` keeps with its snapshot
    (plain, JSON-able data, under the same anonymity rules), or None when no pulse fits."""
    pulse = pulse_for_report(canvas, before=before)
    if pulse is None:
        return None
    pulse.canvas = canvas
    today = timezone.localtime(before, canvas.organization.zone).date()
    figures = figures_for(pulse, today=today, trend=False)
    if not figures.visible:
        return None

    def group(item: GroupFigures) -> dict:
        return {"label": item.label, "count": item.count, "scores": item.scores}

    return {
        "schema": RECORD_SCHEMA,
        "pulse_id": pulse.pk,
        "opened_on": timezone.localtime(pulse.created_at, canvas.organization.zone)
        .date()
        .isoformat(),
        "ended_on": pulse.ended_on(today).isoformat(),
        "responses": figures.counted,
        "areas": [
            {"key": a.key, "name": a.name, "statement": a.statement, "score": a.score}
            for a in figures.areas
        ],
        "groups": [group(item) for item in figures.groups],
        "others": group(figures.others) if figures.others else None,
    }


@dataclass(frozen=True)
class PulseReport:
    """A stored pulse record set against a self-assessment, as the PDF prints it."""

    opened_on: date
    ended_on: date
    responses: int
    rows: tuple[GapRow, ...]
    stakeholders_overall: int | None
    team_overall: int | None
    columns: tuple[tuple[str, int], ...]  # (group label, responses) of each shown column
    group_rows: tuple[tuple[str, tuple[int | None, ...]], ...]  # (area name, cells)

    @property
    def widest(self) -> GapRow | None:
        return widest_gap(self.rows)

    @property
    def summary_line(self) -> str:
        """One line for page 1: both overall scores and where they differ most."""
        if self.stakeholders_overall is None:
            return "Our stakeholders' answers gave no score yet."
        line = f"Our stakeholders score us {self.stakeholders_overall}"
        if self.team_overall is None:
            return line + "; we have no score of our own yet."
        line += f"; we score ourselves {self.team_overall}"
        widest = self.widest
        if widest is None or not widest.gap:
            return line + "; we see every area the same way."
        return line + f"; the widest gap is {widest.name.lower()} ({widest.gap} points)."


def pulse_report(
    record: dict | None, *, team_scores: dict[str, int | None], team_overall: int | None
) -> PulseReport | None:
    """The printable pulse results from a stored record (`pulse_record`), or None."""
    if not record or record.get("schema") != RECORD_SCHEMA:
        return None
    areas = record["areas"]
    statements = {area["key"]: area["statement"] for area in areas}
    names = {area["key"]: area["name"] for area in areas}
    stakeholders = {area["key"]: display_score(area["score"]) for area in areas}
    columns = [*record["groups"], *([record["others"]] if record.get("others") else [])]
    return PulseReport(
        opened_on=date.fromisoformat(record["opened_on"]),
        ended_on=date.fromisoformat(record["ended_on"]),
        responses=record["responses"],
        rows=gap_rows(stakeholders, team_scores, statements),
        stakeholders_overall=display_score(mean_score(area["score"] for area in areas)),
        team_overall=team_overall,
        columns=tuple((column["label"], column["count"]) for column in columns),
        group_rows=tuple(
            (
                names[key],
                tuple(display_score(column["scores"].get(key)) for column in columns),
            )
            for key in statements
        ),
    )
