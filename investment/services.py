"""Investment & return workflows: load a canvas's lines and figures, add, delete, restore.

`investment_summary(canvas)` is the one place figures come from: the page, the
board and the PDF all call it (or `load_investment`, which also hands back the
lines it read), so they never disagree.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db import IntegrityError, models, transaction

from canvas.models import Canvas
from core.copying import fresh_copy
from core.ordering import close_gaps, next_position, ordering_lock, place
from customers.headcounts import learner_headcount
from investment.figures import Figures, LearnersSource, compute_figures
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine

UNDO_SALT = "investment.figures.undo"
UNDO_MAX_AGE = 60 * 60 * 24  # a day: long enough to notice, short enough not to surprise

LINE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    InvestmentLine: ("category", "hidden", "label", "amount", "hours", "hourly_rate", "people"),
    ReturnLine: ("kind", "label", "amount", "confidence"),
}


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


def add_line(
    *, line: InvestmentLine | ReturnLine, canvas: Canvas, by
) -> InvestmentLine | ReturnLine:
    """Save a new (unsaved) line at the end of its canvas's list."""
    model = type(line)
    with ordering_lock(canvas):
        line.canvas = canvas
        line.updated_by = by
        line.position = next_position(model.objects.filter(canvas=canvas))
        line.save()
        canvas.touch(by)
    return line


def move_line(*, line: InvestmentLine | ReturnLine, position: int, by) -> int:
    """Move a line to `position` in its list; returns where it ended up."""
    with ordering_lock(line.canvas):
        siblings = type(line).objects.filter(canvas_id=line.canvas_id)
        if not siblings.filter(pk=line.pk).exists():
            raise type(line).DoesNotExist
        position = place(line, siblings, position)
        line.canvas.touch(by)
    return position


def delete_line(*, line: InvestmentLine | ReturnLine, by) -> str:
    """Delete a line and return a signed token that `restore_line` accepts to undo it."""
    model = type(line)
    token = signing.dumps(
        {
            "canvas": line.canvas_id,
            "model": model._meta.model_name,
            "pk": line.pk,
            "position": line.position,
            "fields": {name: _serialise(getattr(line, name)) for name in LINE_FIELDS[model]},
        },
        salt=UNDO_SALT,
        compress=True,
    )
    with ordering_lock(line.canvas):
        model.objects.filter(pk=line.pk).delete()
        close_gaps(model.objects.filter(canvas_id=line.canvas_id))
        line.canvas.touch(by)
    return token


class UndoError(Exception):
    """An undo that cannot happen; the message says why, for the person who asked."""


@dataclass(frozen=True)
class DeletedLine:
    """What an undo token describes: enough to show "Deleted …" and to restore it."""

    model: type[models.Model]
    pk: int
    position: int
    fields: dict[str, Any]

    @property
    def label(self) -> str:
        return self.fields.get("label", "")


def read_undo_token(token: str, *, canvas: Canvas) -> DeletedLine:
    """Decode an undo token for this canvas, or raise UndoError."""
    try:
        data = signing.loads(token, salt=UNDO_SALT, max_age=UNDO_MAX_AGE)
    except signing.SignatureExpired as error:
        raise UndoError("That undo has expired; add the line again instead.") from error
    except signing.BadSignature as error:
        raise UndoError("That undo link isn't valid.") from error
    models_by_name = {model._meta.model_name: model for model in LINE_FIELDS}
    model = models_by_name.get(data.get("model"))
    if data.get("canvas") != canvas.pk or model is None:
        raise UndoError("That undo link isn't valid.")
    fields = {
        name: _deserialise(model, name, value)
        for name, value in data["fields"].items()
        if name in LINE_FIELDS[model]
    }
    return DeletedLine(model=model, pk=data["pk"], position=data["position"], fields=fields)


def restore_line(*, deleted: DeletedLine, canvas: Canvas, by) -> InvestmentLine | ReturnLine:
    """Bring a deleted line back where it was, with its old id; UndoError if already back."""
    model = deleted.model
    with ordering_lock(canvas):
        if model.objects.filter(pk=deleted.pk).exists():
            raise UndoError(f"“{deleted.label}” is already back.")
        line = model(pk=deleted.pk, canvas=canvas, updated_by=by, **deleted.fields)
        line.position = next_position(model.objects.filter(canvas=canvas))
        try:
            with transaction.atomic():
                line.save(force_insert=True)
        except IntegrityError as error:
            raise UndoError(f"“{deleted.label}” is already back.") from error
        place(line, model.objects.filter(canvas=canvas), deleted.position)
        canvas.touch(by)
    return line


def _serialise(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _deserialise(model: type[models.Model], name: str, value: Any) -> Any:
    if value is None:
        return None
    return model._meta.get_field(name).to_python(value)


def copy_investment(*, source: Canvas, to: Canvas, by) -> None:
    """Copy the source canvas's period, headcounts, cost and return lines onto `to`
    (a duplicate of it), in the same order."""
    settings = InvestmentSettings.objects.filter(canvas=source).first()
    if settings is not None:
        fresh_copy(settings, by=by, canvas=to).save()
    for model in (InvestmentLine, ReturnLine):
        lines = model.objects.filter(canvas=source).order_by("position", "pk")
        model.objects.bulk_create(fresh_copy(line, by=by, canvas=to) for line in lines)
