"""Every write of the pulse app: opening, closing and revoking pulses, answers, comments.

Members' changes record who changed the canvas in the same transaction.
Answers are anonymous and small: one response row, one row per area, and an
optional comment, written together or not at all.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from canvas.models import Canvas
from core.live import Change
from pulse import default_statements
from pulse.anonymity import counted
from pulse.models import (
    Answer,
    Comment,
    Pulse,
    PulseStatement,
    PulseStatementSet,
    Response,
)


@transaction.atomic
def ensure_default_statement_set() -> PulseStatementSet:
    """The default statement set; created from pulse/default_statements.py if a database has
    none (migration 0002 creates it on every install; tests that flush tables lose it)."""
    existing = PulseStatementSet.objects.default()
    if existing is not None:
        return existing
    latest = (
        PulseStatementSet.objects.filter(name=default_statements.DEFAULT_SET_NAME)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    statement_set = PulseStatementSet.objects.create(
        name=default_statements.DEFAULT_SET_NAME, version=(latest or 0) + 1
    )
    PulseStatement.objects.bulk_create(
        PulseStatement(statement_set=statement_set, area=area, text=text)
        for area, text in default_statements.DEFAULT_STATEMENTS
    )
    statement_set.publish()
    return statement_set


@transaction.atomic
def open_pulse(
    *,
    canvas: Canvas,
    groups: list[str],
    closes_on: date,
    intro: str = "",
    show_results_to_respondents: bool = False,
    by,
) -> Pulse:
    """Open a pulse on the canvas with the default statement set; its link works at once."""
    pulse = Pulse.objects.create(
        canvas=canvas,
        statement_set=ensure_default_statement_set(),
        groups=list(groups),
        closes_on=closes_on,
        intro=intro.strip(),
        show_results_to_respondents=show_results_to_respondents,
        created_by=by,
    )
    canvas.touch(by)
    return pulse


@transaction.atomic
def close_pulse(*, pulse: Pulse, by) -> bool:
    """Stop taking answers now (before the closing day). False if it had already stopped."""
    now = timezone.now()
    changed = Pulse.objects.filter(
        pk=pulse.pk, closed_at__isnull=True, revoked_at__isnull=True
    ).update(closed_at=now)
    if changed:
        pulse.closed_at = now
        pulse.canvas.touch(by)
    return bool(changed)


@transaction.atomic
def revoke_pulse(*, pulse: Pulse, by) -> bool:
    """Kill the public link at once (the answers stay). False if it was already revoked."""
    now = timezone.now()
    changed = Pulse.objects.filter(pk=pulse.pk, revoked_at__isnull=True).update(revoked_at=now)
    if changed:
        pulse.revoked_at = now
        pulse.canvas.touch(by)
    return bool(changed)


@transaction.atomic
def submit_response(
    *, pulse: Pulse, group: str, scores: dict[str, int | None], comment: str = "", on: date
) -> Response:
    """Store one anonymous response: its group, the day `on`, a score (or None for "not sure")
    per area, and the comment if there is one. Nothing about the person is stored."""
    # One submission at a time per pulse (its row's lock: the pulse before the canvas, as
    # closing one takes them), so that the count below is exact.
    Pulse.objects.select_for_update().filter(pk=pulse.pk).exists()
    response = Response.objects.create(pulse=pulse, group=group, submitted_on=on)
    Answer.objects.bulk_create(
        Answer(response=response, area=area, score=score) for area, score in scores.items()
    )
    text = comment.strip()
    if text:
        Comment.objects.create(pulse=pulse, response=response, text=text)
    # The board shows the pulse's scores, which move in steps of five responses: open boards
    # hear of each step (nobody edited the canvas). The canvas's feed records the time of
    # what it hears, so it must not hear of each response: that would keep each response's
    # time, which the pulse promises not to keep, and every submission would wait for the
    # canvas row's lock.
    received = Response.objects.filter(pulse=pulse).count()
    if counted(received) == received:
        pulse.canvas.record_change(Change("pulse.response", (), pulse.pk))
    return response


@transaction.atomic
def hide_comment(*, comment: Comment, by) -> None:
    """Stop showing a comment (it is kept)."""
    Comment.objects.filter(pk=comment.pk).update(hidden=True)
    comment.hidden = True
    comment.pulse.canvas.touch(by)
