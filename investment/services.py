"""Investment & return workflows: load a canvas's lines and figures; add, edit, move,
delete and restore lines; save the period and headcounts.

`investment_summary(canvas)` is the one place figures come from: the page, the
board and the PDF all call it (or `load_investment`, which also hands back the
lines it read), so they never disagree. Every write that can move the figures
says so through the `investment_figures_changed` hook, in its transaction (the
indicators that fill themselves from the figures record a reading).
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from canvas.models import Canvas
from core.copying import fresh_copy
from core.hooks import call_hook
from core.ordering import lock_rows, next_position, ordering_lock, place
from core.retry import retry_on_conflict
from core.undo import Deleted, UndoKind, read_undo_token, restore
from core.versioning import SaveResult, change_on_canvas, delete_on_canvas, save_on_canvas
from customers.headcounts import learner_headcount
from investment.figures import Figures, LearnersSource, compute_figures
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine

# A deleted line can be undone for a day: long enough to notice, short enough not to
# surprise. The page offers "Undo" as briefly as the board does.
LINE_UNDO = UndoKind(noun="line", valid_seconds=60 * 60 * 24)


@dataclass(frozen=True)
class InvestmentData:
    """What a canvas's investment & return page shows: settings, lines and figures."""

    settings: InvestmentSettings
    investment_lines: list[InvestmentLine]
    return_lines: list[ReturnLine]
    figures: Figures


def settings_for(canvas: Canvas) -> InvestmentSettings:
    """The canvas's stored settings, or unsaved defaults (a read never writes)."""
    stored = InvestmentSettings.objects.filter(canvas=canvas).first()
    return stored or InvestmentSettings(canvas=canvas)


def load_investment(canvas: Canvas) -> InvestmentData:
    """The canvas's settings, lines and figures, in a constant number of queries."""
    settings = settings_for(canvas)
    investment_lines = list(InvestmentLine.objects.filter(canvas=canvas).order_by("position", "pk"))
    return_lines = list(ReturnLine.objects.filter(canvas=canvas).order_by("position", "pk"))
    learners, source = learners_reached(canvas, settings)
    return _investment_data(settings, investment_lines, return_lines, learners, source)


# What a completed assessment keeps of investment & return: the fields its printout reads,
# as text (JSON has no Decimal), so the lines and figures print as they were.
_SETTINGS_FIELDS = ("period_label", "period_is_year", "employee_headcount", "ld_staff_headcount")
_INVESTMENT_FIELDS = ("category", "hidden", "label", "amount", "hours", "hourly_rate", "people")
_RETURN_FIELDS = ("kind", "label", "amount", "confidence")


def _as_text(value):
    return value if value is None or isinstance(value, bool | int | str) else str(value)


def _fields(record, names) -> dict:
    return {name: _as_text(getattr(record, name)) for name in names}


def investment_record(canvas: Canvas) -> dict:
    """Investment & return as it stands, in plain JSON: what an assessment keeps."""
    data = load_investment(canvas)
    return {
        "settings": _fields(data.settings, _SETTINGS_FIELDS),
        "learners_reached": data.figures.learners_reached,
        "learners_source": data.figures.learners_source,
        "investment_lines": [_fields(line, _INVESTMENT_FIELDS) for line in data.investment_lines],
        "return_lines": [_fields(line, _RETURN_FIELDS) for line in data.return_lines],
    }


def investment_from_record(record: dict) -> InvestmentData:
    """The settings, lines and figures an `investment_record` kept (unsaved records: the
    model fields' own conversions turn the text back into numbers)."""

    def rebuilt(model, fields):
        return model(
            **{name: model._meta.get_field(name).to_python(v) for name, v in fields.items()}
        )

    return _investment_data(
        rebuilt(InvestmentSettings, record["settings"]),
        [rebuilt(InvestmentLine, fields) for fields in record["investment_lines"]],
        [rebuilt(ReturnLine, fields) for fields in record["return_lines"]],
        record["learners_reached"],
        record["learners_source"],
    )


def _investment_data(settings, investment_lines, return_lines, learners, source) -> InvestmentData:
    figures = compute_figures(
        investments=[line.as_item() for line in investment_lines],
        returns=[line.as_item() for line in return_lines],
        period_label=settings.period_label,
        period_is_year=settings.period_is_year,
        learners_reached=learners,
        learners_source=source,
        employee_headcount=settings.employee_headcount,
        ld_staff_headcount=settings.ld_staff_headcount,
    )
    return InvestmentData(settings, investment_lines, return_lines, figures)


def investment_summary(canvas: Canvas) -> Figures:
    """Every investment & return figure of a canvas (for the board, the PDF, anyone)."""
    return load_investment(canvas).figures


def learners_reached(canvas: Canvas, settings: InvestmentSettings) -> tuple[int | None, str | None]:
    """Learners reached and where the number came from: by hand wins over segments."""
    if settings.learners_reached is not None:
        return settings.learners_reached, LearnersSource.HAND
    headcount = learner_headcount(canvas)
    if headcount is None:
        return None, None
    return headcount, LearnersSource.SEGMENTS


def figures_changed(canvas: Canvas, by) -> None:
    """Tell the apps above that the canvas's figures may have moved (core/hooks.py)."""
    call_hook("investment_figures_changed", canvas=canvas, by=by)


@retry_on_conflict
def add_line(
    *, line: InvestmentLine | ReturnLine, canvas: Canvas, by
) -> InvestmentLine | ReturnLine:
    """Save a new (unsaved) line at the end of its canvas's list."""
    with ordering_lock(canvas):
        line.canvas = canvas
        line.updated_by = by
        line.position = next_position(line.siblings())
        line.save()
        canvas.touch(by)
    figures_changed(canvas, by)
    return line


@retry_on_conflict
def edit_line(
    *, line: InvestmentLine | ReturnLine, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save a line's new values unless someone saved or deleted it since `expected_version`."""
    result = save_on_canvas(
        line, canvas=line.canvas, expected_version=expected_version, changes=changes, by=by
    )
    if result.saved:
        figures_changed(line.canvas, by)
    return result


@retry_on_conflict
def move_line(
    *, line: InvestmentLine | ReturnLine, expected_version: int, position: int, by
) -> SaveResult:
    """Move a line to `position` in its list, unless someone changed it since
    `expected_version` or deleted it. Saved: the record's position is where it ended."""
    return change_on_canvas(
        line,
        canvas=line.canvas,
        expected_version=expected_version,
        change=lambda current: place(current, current.siblings(), position),
        by=by,
    )


@retry_on_conflict
def delete_line(*, line: InvestmentLine | ReturnLine, expected_version: int, by) -> SaveResult:
    """Delete a line unless someone changed it since `expected_version`; the result's
    `undo_token` is what `restore_line` accepts to undo it."""
    result = delete_on_canvas(
        line, canvas=line.canvas, expected_version=expected_version, by=by, undo=LINE_UNDO
    )
    if result.saved:
        figures_changed(line.canvas, by)
    return result


def read_line_undo(token: str, *, canvas: Canvas) -> Deleted:
    """The line an undo token of this canvas describes, or UndoError."""
    return read_undo_token(
        token, kind=LINE_UNDO, canvas_pk=canvas.pk, models_allowed=(InvestmentLine, ReturnLine)
    )


@retry_on_conflict
@transaction.atomic
def restore_line(*, deleted: Deleted, canvas: Canvas, by) -> InvestmentLine | ReturnLine:
    """Bring a deleted line back where it was, with its old id; UndoError if already back."""
    line = restore(deleted, kind=LINE_UNDO, parent=canvas, parent_field="canvas", by=by)
    canvas.touch(by)
    figures_changed(canvas, by)
    return line


@retry_on_conflict
@transaction.atomic
def save_settings(
    *, canvas: Canvas, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save the period and headcounts unless someone saved them since `expected_version`.

    A canvas's settings are stored on their first save, starting from version 1.
    """
    lock_rows(canvas)  # before the first save creates the row, as every writer does
    settings, _ = InvestmentSettings.objects.get_or_create(canvas=canvas)
    result = save_on_canvas(
        settings, canvas=canvas, expected_version=expected_version, changes=changes, by=by
    )
    if result.saved:
        figures_changed(canvas, by)
    return result


@retry_on_conflict
def copy_investment(*, source: Canvas, to: Canvas, by) -> None:
    """Copy the source canvas's period, headcounts, cost and return lines onto `to`
    (a duplicate of it), in the same order."""
    settings = InvestmentSettings.objects.filter(canvas=source).first()
    if settings is not None:
        fresh_copy(settings, by=by, canvas=to).save()
    for model in (InvestmentLine, ReturnLine):
        lines = model.objects.filter(canvas=source).order_by("position", "pk")
        model.objects.bulk_create(fresh_copy(line, by=by, canvas=to) for line in lines)
