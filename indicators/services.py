"""Indicators workflows: load a canvas's dashboard and board summary; add, edit, archive,
delete and restore indicators; add, correct, delete and restore readings; link drivers to
results; record the readings that fill themselves from investment & return.

Every write is keyword-only, atomic, retried on a lost lock race, and records who
changed the canvas in the same transaction. It locks the canvas first, then the
indicator, then its readings (core/ordering.py). Edits are version-checked
(core/versioning.py) and deletes offer Undo (core/undo.py).
"""

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from canvas.models import Canvas
from core.copying import fresh_copy
from core.ordering import lock_rows, next_position, ordering_lock
from core.retry import retry_on_conflict
from core.undo import Deleted, UndoError, UndoKind, read_undo_token, restore
from core.versioning import (
    Outcome,
    SaveResult,
    change_on_canvas,
    delete_on_canvas,
    save_on_canvas,
    save_versioned,
)
from indicators.models import Indicator, Link, Reading
from indicators.rules import MAX_ACTIVE, Quarter, last_quarter, would_loop
from indicators.starters import STARTERS_BY_KEY, figure_value
from investment.services import investment_summary

SPARK_READINGS = 12  # the sparkline's length, and the readings a card lists
# A deleted indicator (with its readings and links) or reading comes back for ten minutes,
# like a note; the page offers "Undo" for ten seconds.
INDICATOR_UNDO = UndoKind(
    noun="indicator",
    valid_seconds=10 * 60,
    children=("readings", "result_links", "driver_links"),
)
READING_UNDO = UndoKind(noun="reading", valid_seconds=10 * 60, parent="indicator")
AUTOMATIC_NOTE = "Filled in from investment & return."


class DashboardFull(Exception):
    """The dashboard already shows MAX_ACTIVE indicators: one has to be archived first."""


class Refused(Exception):
    """A change that can't be made; the message says why, in the user's words."""


# Loading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DashboardData:
    """What a canvas's dashboard shows, read in a fixed number of queries."""

    indicators: list[Indicator]  # all of them, archived too, in their order
    links: list[tuple[int, int]]  # (driver pk, result pk)
    recent: dict[int, list[Reading]]  # active indicator pk: its latest readings, newest first
    quarter: Quarter
    quarter_readings: dict[int, list[tuple[datetime.date, Decimal]]]

    @property
    def active(self) -> list[Indicator]:
        return [indicator for indicator in self.indicators if indicator.is_active]

    @property
    def archived(self) -> list[Indicator]:
        return [indicator for indicator in self.indicators if not indicator.is_active]


def _first_value():
    first = Reading.objects.filter(indicator=OuterRef("pk")).order_by("date", "pk")
    return Subquery(first.values("value")[:1])


def _reading_count():
    counted = (
        Reading.objects.filter(indicator=OuterRef("pk"))
        .order_by()
        .values("indicator")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(counted)


def load_indicators(canvas: Canvas) -> list[Indicator]:
    """The canvas's indicators in their order, each with its first reading's value
    (`first_value`, the baseline when none is entered) and its number of readings."""
    return list(
        Indicator.objects.filter(canvas=canvas)
        .select_related("owner")
        .annotate(first_value=_first_value(), reading_count=_reading_count())
        .order_by("position", "pk")
    )


def load_links(canvas: Canvas) -> list[tuple[int, int]]:
    """The canvas's links as (driver pk, result pk), oldest first."""
    rows = Link.objects.filter(driver__canvas=canvas).order_by("pk")
    return list(rows.values_list("driver_id", "result_id"))


def recent_readings(indicator_ids: list[int], count: int = SPARK_READINGS) -> dict:
    """Each indicator's latest `count` readings, newest first (one query, whatever the
    number of readings)."""
    if not indicator_ids:
        return {}
    rank = Window(
        RowNumber(),
        partition_by=[F("indicator_id")],
        order_by=[F("date").desc(), F("pk").desc()],
    )
    rows = (
        Reading.objects.filter(indicator_id__in=indicator_ids)
        .annotate(rank=rank)
        .filter(rank__lte=count)
        .order_by("indicator_id", "-date", "-pk")
    )
    found: dict[int, list[Reading]] = {pk: [] for pk in indicator_ids}
    for reading in rows:
        found[reading.indicator_id].append(reading)
    return found


def quarter_readings(indicator_ids: list[int], quarter: Quarter) -> dict:
    """What the change over `quarter` needs, per indicator (one query): the last reading
    before it, and its first and last readings, as (date, value)."""
    if not indicator_ids:
        return {}
    # Partitioned by indicator and by which side of the quarter's start a reading lies.
    early = Case(
        When(date__lt=quarter.start, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    rows = (
        Reading.objects.filter(indicator_id__in=indicator_ids, date__lte=quarter.end)
        .annotate(
            early=early,
            newest=Window(
                RowNumber(),
                partition_by=[F("indicator_id"), F("early")],
                order_by=[F("date").desc(), F("pk").desc()],
            ),
            oldest=Window(
                RowNumber(),
                partition_by=[F("indicator_id"), F("early")],
                order_by=[F("date").asc(), F("pk").asc()],
            ),
        )
        .filter(Q(newest=1) | Q(oldest=1))
        .values_list("indicator_id", "date", "value")
    )
    found: dict[int, list] = {pk: [] for pk in indicator_ids}
    for indicator_id, day, value in rows:
        found[indicator_id].append((day, value))
    return found


def load_dashboard(canvas: Canvas) -> DashboardData:
    """Everything the dashboard shows: five queries, whatever the number of readings."""
    indicators = load_indicators(canvas)
    active_ids = [indicator.pk for indicator in indicators if indicator.is_active]
    quarter = last_quarter(canvas.organization.today())
    return DashboardData(
        indicators=indicators,
        links=load_links(canvas) if indicators else [],
        recent=recent_readings(active_ids),
        quarter=quarter,
        quarter_readings=quarter_readings(active_ids, quarter),
    )


def _latest(field: str):
    latest = Reading.objects.filter(indicator=OuterRef("pk")).order_by("-date", "-pk")
    return Subquery(latest.values(field)[:1])


def load_board_indicators(canvas: Canvas) -> tuple[list[Indicator], list[tuple[int, int]]]:
    """The active indicators with their latest reading's value (`latest_value`) and the
    first's (`first_value`), and the links: what the board's summary needs, in one query
    (two when the canvas has indicators)."""
    indicators = list(
        Indicator.objects.filter(canvas_id=canvas.pk)
        .active()
        .annotate(latest_value=_latest("value"), first_value=_first_value())
        .order_by("position", "pk")
    )
    return indicators, load_links(canvas) if indicators else []


# Indicators ---------------------------------------------------------------------------------


def _make_room(canvas: Canvas, archive: Indicator | None, by) -> None:
    """Check, under the canvas's lock, that the dashboard has room for one more active
    indicator, archiving `archive` (one of its active indicators) to make it."""
    active = Indicator.objects.filter(canvas=canvas).active()
    if active.count() < MAX_ACTIVE:
        return
    if archive is None or not active.filter(pk=archive.pk).exists():
        raise DashboardFull(
            f"The dashboard shows {MAX_ACTIVE} indicators at most: archive one to make room."
        )
    now = timezone.now()
    Indicator.objects.filter(pk=archive.pk).update(
        archived_at=now, updated_at=now, updated_by=by, version=F("version") + 1
    )


@retry_on_conflict
def add_indicator(
    *, indicator: Indicator, canvas: Canvas, by, archive: Indicator | None = None
) -> Indicator:
    """Save a new (unsaved) indicator at the end of the canvas's list. On a full dashboard,
    `archive` (an active indicator) is archived to make room, else DashboardFull. One that
    fills itself gets its first reading from investment & return's figures."""
    with ordering_lock(canvas):
        taken = canvas.indicators.filter(fills_from=indicator.fills_from)
        if indicator.fills_from and taken.exists():
            raise Refused("This canvas already has that indicator; it fills itself once.")
        _make_room(canvas, archive, by)
        indicator.canvas = canvas
        indicator.updated_by = by
        indicator.position = next_position(indicator.siblings())
        indicator.save()
        canvas.touch(by)
    if indicator.fills_from:
        _record_figures(canvas, [indicator], by=by)
    return indicator


def starter_indicator(key: str) -> Indicator:
    """An unsaved indicator from the starter `key` (KeyError for an unknown one)."""
    return Indicator(**STARTERS_BY_KEY[key].fields())


@retry_on_conflict
def edit_indicator(
    *, indicator: Indicator, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save an indicator's new values unless someone saved or deleted it since."""
    result = save_on_canvas(
        indicator,
        canvas=indicator.canvas,
        expected_version=expected_version,
        changes=changes,
        by=by,
    )
    if result.outcome is Outcome.CONFLICT:
        result.record.canvas = indicator.canvas
    return result


@retry_on_conflict
def archive_indicator(*, indicator: Indicator, expected_version: int, by) -> SaveResult:
    """Take an indicator off the dashboard, keeping its readings and links."""

    def archive(current: Indicator) -> None:
        current.archived_at = timezone.now()
        save_versioned(
            current,
            expected_version=current.version,
            changes={"archived_at": current.archived_at},
            by=by,
        )

    return change_on_canvas(
        indicator,
        canvas=indicator.canvas,
        expected_version=expected_version,
        change=archive,
        by=by,
    )


@retry_on_conflict
def reactivate_indicator(
    *, indicator: Indicator, expected_version: int, by, archive: Indicator | None = None
) -> SaveResult:
    """Put an archived indicator back on the dashboard; on a full one, `archive` makes
    room (else DashboardFull)."""

    def reactivate(current: Indicator) -> None:
        if current.is_active:  # someone brought it back already
            return
        _make_room(indicator.canvas, archive, by)
        save_versioned(
            current, expected_version=current.version, changes={"archived_at": None}, by=by
        )

    return change_on_canvas(
        indicator,
        canvas=indicator.canvas,
        expected_version=expected_version,
        change=reactivate,
        by=by,
    )


@retry_on_conflict
def delete_indicator(*, indicator: Indicator, expected_version: int, by) -> SaveResult:
    """Delete an indicator with its readings and links, unless someone changed it since;
    the result's `undo_token` brings it all back."""
    return delete_on_canvas(
        indicator,
        canvas=indicator.canvas,
        expected_version=expected_version,
        by=by,
        undo=INDICATOR_UNDO,
    )


def read_undo(token: str, *, kind: str, canvas: Canvas) -> Deleted:
    """The indicator or reading an undo token of this canvas describes, or UndoError."""
    if kind == "reading":
        return read_undo_token(
            token, kind=READING_UNDO, canvas_pk=canvas.pk, models_allowed=(Reading,)
        )
    return read_undo_token(
        token, kind=INDICATOR_UNDO, canvas_pk=canvas.pk, models_allowed=(Indicator,)
    )


@retry_on_conflict
def restore_indicator(*, deleted: Deleted, canvas: Canvas, by) -> Indicator:
    """Bring a deleted indicator back where it was, with its readings and the links whose
    other end is still there. Back on a full dashboard, it comes back archived."""
    with ordering_lock(canvas):
        others = set(Indicator.objects.filter(canvas=canvas).values_list("pk", flat=True))
        children = dict(deleted.children)
        children["result_links"] = [
            link
            for link in children.get("result_links", [])
            if link["fields"]["result_id"] in others
        ]
        children["driver_links"] = [
            link
            for link in children.get("driver_links", [])
            if link["fields"]["driver_id"] in others
        ]
        deleted = dataclasses.replace(deleted, children=children)
        indicator = restore(deleted, kind=INDICATOR_UNDO, parent=canvas, by=by)
        if indicator.is_active and canvas.indicators.active().count() > MAX_ACTIVE:
            indicator.archived_at = timezone.now()
            Indicator.objects.filter(pk=indicator.pk).update(archived_at=indicator.archived_at)
        canvas.touch(by)
    return indicator


# Readings -----------------------------------------------------------------------------------


def _day_taken(indicator: Indicator, day: datetime.date, *, but: int | None = None) -> bool:
    return indicator.readings.filter(date=day).exclude(pk=but).exists()


def day_taken_message(day: datetime.date) -> str:
    return f"There is already a reading for {day:%-d %b %Y}: correct that one, or pick another day."


@retry_on_conflict
def add_reading(
    *, indicator: Indicator, by, date: datetime.date, value: Decimal, note: str = ""
) -> Reading:
    """Add a reading to an indicator typed in by hand: one a day (Refused otherwise)."""
    with ordering_lock(indicator.canvas, indicator):
        if indicator.fills_from:
            raise Refused(FILLS_ITSELF)
        if _day_taken(indicator, date):
            raise Refused(day_taken_message(date))
        reading = Reading.objects.create(
            indicator=indicator, date=date, value=value, note=note, updated_by=by
        )
        indicator.canvas.touch(by)
    return reading


FILLS_ITSELF = (
    "This indicator fills itself from investment & return's figures: change them there and "
    "a reading follows."
)


@retry_on_conflict
@transaction.atomic
def edit_reading(
    *, reading: Reading, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Correct a reading unless someone changed or deleted it since; moving it onto a day
    that has a reading is Refused."""
    indicator = reading.indicator
    if not lock_rows(indicator.canvas, indicator):
        return SaveResult(Outcome.GONE, None)
    if indicator.fills_from or reading.automatic:
        raise Refused(FILLS_ITSELF)
    day = changes.get("date", reading.date)
    if _day_taken(indicator, day, but=reading.pk):
        raise Refused(day_taken_message(day))
    result = save_on_canvas(
        reading,
        canvas=indicator.canvas,
        expected_version=expected_version,
        changes=changes,
        by=by,
    )
    if result.record is not None:
        result.record.indicator = indicator
    return result


@retry_on_conflict
def delete_reading(*, reading: Reading, expected_version: int, by) -> SaveResult:
    """Delete a reading unless someone changed it since; `undo_token` brings it back."""
    if reading.automatic:
        raise Refused(FILLS_ITSELF)
    return delete_on_canvas(
        reading,
        canvas=reading.indicator.canvas,
        parents=(reading.indicator,),
        expected_version=expected_version,
        by=by,
        undo=READING_UNDO,
    )


@retry_on_conflict
def restore_reading(*, deleted: Deleted, canvas: Canvas, by) -> Reading:
    """Bring a deleted reading back; UndoError when its indicator is gone or its day has
    a reading again."""
    with ordering_lock(canvas):
        indicator = Indicator.objects.filter(canvas=canvas, pk=deleted.parent_pk).first()
        if indicator is None:
            raise UndoError("Its indicator was deleted since, so this reading can't come back.")
        day = deleted.fields.get("date")
        if day is not None and _day_taken(indicator, day, but=deleted.pk):
            raise UndoError(
                f"{day:%-d %b %Y} has a reading again, so the deleted one can't come back."
            )
        reading = restore(deleted, kind=READING_UNDO, parent=indicator, by=by)
        canvas.touch(by)
    return reading


# Links --------------------------------------------------------------------------------------


@retry_on_conflict
def link(*, driver: Indicator, result: Indicator, by) -> Link:
    """Record that `driver` drives `result` (both on one canvas). Refused when it is
    already so, or when it would close a loop in the chain."""
    canvas = driver.canvas
    with ordering_lock(canvas):
        if result.canvas_id != canvas.pk:
            raise Refused("Link indicators of the same canvas.")
        if not lock_rows(driver, result):
            raise Refused("One of these indicators was deleted meanwhile.")
        drivers: dict[int, set[int]] = {}
        for one, other in load_links(canvas):
            drivers.setdefault(other, set()).add(one)
        if driver.pk in drivers.get(result.pk, set()):
            raise Refused(f"“{driver.name}” already drives “{result.name}”.")
        if would_loop(driver.pk, result.pk, drivers):
            raise Refused(
                f"“{result.name}” already drives “{driver.name}”, directly or through "
                "others: the chain can't go round in a loop."
            )
        made = Link.objects.create(driver=driver, result=result, created_by=by)
        canvas.touch(by)
    return made


@retry_on_conflict
def unlink(*, driver: Indicator, result: Indicator, by) -> bool:
    """Remove the link from `driver` to `result`; False if there was none."""
    with ordering_lock(driver.canvas):
        deleted, _ = Link.objects.filter(driver=driver, result=result).delete()
        if deleted:
            driver.canvas.touch(by)
    return bool(deleted)


# Readings that fill themselves --------------------------------------------------------------


def record_investment_figures(*, canvas: Canvas, by=None) -> None:
    """Investment & return's figures may have changed: give each indicator that fills
    itself from them a reading for today when its figure moved (the `investment_figures_
    changed` hook, called by investment's and customers' write services in their
    transaction). One query when the canvas has no such indicator."""
    indicators = list(Indicator.objects.filter(canvas_id=canvas.pk).exclude(fills_from=""))
    if indicators:
        _record_figures(canvas, indicators, by=by)


def _record_figures(canvas: Canvas, indicators: list[Indicator], *, by) -> None:
    """Today's reading of each indicator that fills itself, where its figure differs from
    its latest reading: a new reading, or today's corrected."""
    figures = investment_summary(canvas)
    today = canvas.organization.today()
    lock_rows(*indicators)  # the canvas (held already by the caller), then the indicators
    latest = recent_readings([indicator.pk for indicator in indicators], count=1)
    for indicator in indicators:
        value = figure_value(indicator.fills_from, figures)
        if value is None:
            continue
        last = latest[indicator.pk][0] if latest[indicator.pk] else None
        if last is not None and last.value == value:
            continue
        if last is not None and last.date == today:
            Reading.objects.filter(pk=last.pk).update(
                value=value, updated_by=by, updated_at=timezone.now(), version=F("version") + 1
            )
        elif last is None or last.date < today:
            Reading.objects.create(
                indicator=indicator,
                date=today,
                value=value,
                note=AUTOMATIC_NOTE,
                automatic=True,
                updated_by=by,
            )


# Copies -------------------------------------------------------------------------------------


@retry_on_conflict
@transaction.atomic
def copy_indicators(*, source: Canvas, to: Canvas, by) -> None:
    """Copy the source canvas's indicators, with their readings and links, onto `to` (a
    duplicate of it), in the same order."""
    copies: dict[int, Indicator] = {}
    for indicator in Indicator.objects.filter(canvas=source).order_by("position", "pk"):
        copy = fresh_copy(indicator, by=by, canvas=to)
        copy.save()
        copies[indicator.pk] = copy
    readings = Reading.objects.filter(indicator__canvas=source).order_by("pk")
    Reading.objects.bulk_create(
        fresh_copy(reading, by=by, indicator=copies[reading.indicator_id]) for reading in readings
    )
    Link.objects.bulk_create(
        Link(driver=copies[driver], result=copies[result], created_by=by)
        for driver, result in load_links(source)
    )
