"""Every change to a canvas and its notes. Views call these and never save models.

Each function is keyword-only and atomic, and records who changed the canvas
(`Canvas.touch`) in the same transaction as the change.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst

from canvas.areas import value_kinds_in
from canvas.models import Canvas, Note, NoteColour
from canvas.trash import purge_cutoff
from core.formats import person_name
from core.live import Change
from core.ordering import ordering_lock
from core.retry import retry_on_conflict
from core.undo import (
    Deleted,
    UndoError,
    UndoKind,
    change_token,
    read_undo,
    read_undo_token,
    restore,
)
from core.versioning import (
    Outcome,
    SaveResult,
    change_on_canvas,
    delete_on_canvas,
    save_on_canvas,
)
from orgs.models import Organization

# A deleted note can be brought back for ten minutes; the board offers "Undo"
# for ten seconds (static/js/app.js reads it from the page).
NOTE_UNDO = UndoKind(noun="note", valid_seconds=10 * 60)


@retry_on_conflict
def create_canvas(*, organization: Organization, by, **fields) -> Canvas:
    """A new canvas of the organization, from the org home's form."""
    return Canvas.objects.create(organization=organization, created_by=by, updated_by=by, **fields)


@retry_on_conflict
def edit_header(*, canvas: Canvas, expected_version: int, changes: dict, by) -> SaveResult:
    """Save the title, description and value kinds unless someone saved them since."""
    kinds = changes.get("value_kinds", canvas.known_value_kinds)
    changes = {**changes, "value_kinds": value_kinds_in(list(kinds))}
    return save_on_canvas(
        canvas, canvas=canvas, expected_version=expected_version, changes=changes, by=by
    )


@retry_on_conflict
@transaction.atomic
def trash_canvas(*, canvas: Canvas, by) -> bool:
    """Move the canvas, with everything on it, to its organization's trash (owners only;
    the view checks). Nothing is deleted: `restore_canvas` brings it back whole, and
    `purge_trash` deletes it once it has been there `CANVAS_TRASH_DAYS`. False if it was
    already in the trash (or deleted)."""
    now = timezone.now()
    canvas.touch(by, Change("canvas.trash"))  # open boards hear of it (and then get a 404)
    moved = Canvas.objects.filter(pk=canvas.pk).update(trashed_at=now, trashed_by=by)
    if moved:
        canvas.trashed_at, canvas.trashed_by = now, by
    return bool(moved)


@retry_on_conflict
@transaction.atomic
def restore_canvas(*, canvas: Canvas) -> bool:
    """Bring a canvas back from the trash as it was: notes, self-assessments, customers,
    investment & return. False if it was no longer in the trash."""
    restored = (
        Canvas.everything.trashed().filter(pk=canvas.pk).update(trashed_at=None, trashed_by=None)
    )
    if restored:
        canvas.trashed_at = canvas.trashed_by = None
    return bool(restored)


@retry_on_conflict
def delete_for_good(*, organization: Organization, canvas_ids: Iterable[int]) -> list[str]:
    """Delete canvases of the organization's trash for good, with everything on them; only
    those still in the trash (one restored meanwhile stays). Returns their titles."""
    return _delete_trashed(
        Canvas.everything.trashed().filter(organization=organization, pk__in=list(canvas_ids))
    )


@retry_on_conflict
def purge_trash(*, now: datetime.datetime | None = None) -> list[str]:
    """Delete for good every canvas that has been in the trash longer than
    `CANVAS_TRASH_DAYS` (`manage.py purge_trash`). Returns their titles."""
    return _delete_trashed(Canvas.everything.filter(trashed_at__lt=purge_cutoff(now)))


def _delete_trashed(trashed) -> list[str]:
    """One transaction per canvas, each checking it is still in the trash as it goes."""
    deleted = []
    for pk, title in trashed.values_list("pk", "title"):
        with transaction.atomic():
            count, _ = trashed.filter(pk=pk).delete()
        if count:
            deleted.append(title)
    return deleted


@retry_on_conflict
def add_note(*, canvas: Canvas, area: str, text: str, colour: str = "", by) -> Note:
    """Append a note at the end of an area."""
    return canvas.add_note(area=area, text=text, colour=colour or NoteColour.YELLOW, by=by)


@retry_on_conflict
def edit_note(*, note: Note, expected_version: int, changes: dict, by) -> SaveResult:
    """Save a note's text and colour unless someone saved it (or deleted it) since. Saved,
    the result's `undo_token` puts back what the note said before (`undo_note`)."""
    changes = {**changes, "text": changes["text"].strip()}
    return _edit(note, expected_version=expected_version, changes=changes, by=by)


@retry_on_conflict
def recolour_note(*, note: Note, expected_version: int, colour: str, by) -> SaveResult:
    """Give a note another colour unless someone changed it (or deleted it) since; with an
    `undo_token` that puts the old colour back."""
    return _edit(
        note, expected_version=expected_version, changes={"colour": colour}, by=by, verb="colour"
    )


def _edit(note: Note, *, expected_version: int, changes: dict, by, verb="edit") -> SaveResult:
    # The note as the view loaded it is the version being replaced, if the versions agree.
    before = {name: getattr(note, name) for name in changes}
    known = note.version == expected_version
    result = save_on_canvas(
        note,
        canvas=note.canvas,
        expected_version=expected_version,
        changes=changes,
        by=by,
        verb=verb,
    )
    if not (result.saved and known):
        return result
    token = change_token(
        note,
        kind=NOTE_UNDO,
        canvas_pk=note.canvas_id,
        action="edit",
        before=before,
        version=note.version,
    )
    return replace(result, undo_token=token)


@retry_on_conflict
def move_note(
    *,
    note: Note,
    expected_version: int,
    direction: str,
    area: str | None = None,
    position: int | None = None,
    by,
) -> SaveResult:
    """One step "up" or "down" from wherever the note is now, or to `position` in `area`
    (the end when no position is given), unless someone changed its text or colour since
    `expected_version` (a conflict) or deleted it (gone). Moves don't change the version.
    Moved, the result's `undo_token` moves it back (`undo_note`)."""
    token = ""

    def move(current: Note) -> None:
        nonlocal token
        before = {"area": current.area, "position": current.position}
        current.canvas = note.canvas
        if direction in ("up", "down"):
            current.nudge(steps=-1 if direction == "up" else 1, by=by)
        else:
            current.move_to(area=area, position=position, by=by)
        token = change_token(
            current,
            kind=NOTE_UNDO,
            canvas_pk=note.canvas_id,
            action="move",
            before=before,
            version=current.version,
        )

    result = change_on_canvas(
        note, canvas=note.canvas, expected_version=expected_version, change=move, by=by
    )
    return replace(result, undo_token=token)


@retry_on_conflict
def delete_note(*, note: Note, expected_version: int, by) -> SaveResult:
    """Delete the note unless someone changed it since `expected_version` (a conflict) or
    deleted it (gone); when deleted, the result's `undo_token` is what `restore_note` takes
    to bring it back."""
    return delete_on_canvas(
        note, canvas=note.canvas, expected_version=expected_version, by=by, undo=NOTE_UNDO
    )


@dataclass(frozen=True)
class Undone:
    """A note brought back as it was, and the area it was in before the undo (where it
    was deleted from, edited, or moved to)."""

    note: Note
    from_area: str
    restored: bool = False  # a deleted note came back (else an edit or a move was undone)


@retry_on_conflict
def undo_note(*, canvas: Canvas, token: str, by) -> Undone:
    """Undo a person's delete, edit or move of a note, from its undo token. Raises UndoError
    when the token is forged, from another canvas, too old or already used, or when someone
    changed (or deleted) the note since, which the undo never overwrites."""
    undo = read_undo(token, kind=NOTE_UNDO, canvas_pk=canvas.pk, models_allowed=(Note,))
    if isinstance(undo, Deleted):
        note = restore_note(canvas=canvas, token=token, by=by)
        return Undone(note, note.area, restored=True)
    note = canvas.notes.filter(pk=undo.pk).first()
    if note is None:
        raise UndoError("That note was deleted since, so there is nothing to undo.")
    note.canvas = canvas
    from_area = note.area
    if undo.action == "edit":
        result = save_on_canvas(
            note, canvas=canvas, expected_version=undo.version, changes=undo.before, by=by
        )
    else:

        def back(current: Note) -> None:
            current.canvas = canvas
            current.move_to(area=undo.before["area"], position=undo.before["position"], by=by)

        result = change_on_canvas(
            note, canvas=canvas, expected_version=undo.version, change=back, by=by
        )
    if result.outcome is Outcome.GONE:
        raise UndoError("That note was deleted since, so there is nothing to undo.")
    if result.outcome is Outcome.CONFLICT:
        who = capfirst(person_name(result.record.updated_by))
        raise UndoError(
            f"{who} changed this note after your {undo.action}, so it wasn't undone: "
            "their change stays."
        )
    saved = canvas.notes.get(pk=note.pk)
    saved.canvas = canvas
    return Undone(saved, from_area)


@retry_on_conflict
def restore_note(*, canvas: Canvas, token: str, by) -> Note:
    """Bring back a deleted note in its place, as it was. Raises UndoError when the token
    is forged, from another canvas, too old, or already used."""
    deleted = read_undo_token(token, kind=NOTE_UNDO, canvas_pk=canvas.pk, models_allowed=(Note,))
    with ordering_lock(canvas):
        note = restore(deleted, kind=NOTE_UNDO, parent=canvas, parent_field="canvas", by=by)
        canvas.touch(by, Change("note.restore", (note.area,), note.pk))
    return note
