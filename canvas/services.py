"""Every change to a canvas and its notes. Views call these and never save models.

Each function is keyword-only and atomic, and records who changed the canvas
(`Canvas.touch`) in the same transaction as the change.
"""

from django.db import transaction

from canvas.models import Canvas, Note, NoteColour
from core.ordering import close_gaps, lock_rows, ordering_lock
from core.retry import retry_on_conflict
from core.undo import UndoKind, read_undo_token, restore, undo_token
from core.versioning import SaveResult, save_on_canvas, save_versioned
from orgs.models import Organization

# A deleted note can be brought back for ten minutes; the board offers "Undo"
# for ten seconds (static/js/app.js reads it from the page).
NOTE_UNDO = UndoKind(noun="note", valid_seconds=10 * 60)


@retry_on_conflict
def create_canvas(*, organization: Organization, by, **fields) -> Canvas:
    """A new canvas of the organization, from the org home's form."""
    return Canvas.objects.create(organization=organization, created_by=by, updated_by=by, **fields)


@retry_on_conflict
@transaction.atomic
def edit_header(*, canvas: Canvas, expected_version: int, changes: dict, by) -> SaveResult:
    """Save the title, description and value kinds unless someone saved them since."""
    changes = {**changes, "value_kinds": list(changes.get("value_kinds", canvas.value_kinds))}
    return save_versioned(canvas, expected_version=expected_version, changes=changes, by=by)


@retry_on_conflict
@transaction.atomic
def delete_canvas(*, canvas: Canvas) -> None:
    """Delete the canvas with everything on it (owners only; the view checks)."""
    lock_rows(canvas)  # the lock order: the canvas before the rows on it
    canvas.delete()


@retry_on_conflict
def add_note(*, canvas: Canvas, area: str, text: str, colour: str = "", by) -> Note:
    """Append a note at the end of an area."""
    return canvas.add_note(area=area, text=text, colour=colour or NoteColour.YELLOW, by=by)


@retry_on_conflict
def edit_note(*, note: Note, expected_version: int, changes: dict, by) -> SaveResult:
    """Save a note's text and colour unless someone saved it (or deleted it) since."""
    changes = {**changes, "text": changes["text"].strip()}
    return save_on_canvas(
        note, canvas=note.canvas, expected_version=expected_version, changes=changes, by=by
    )


@retry_on_conflict
def move_note(
    *, note: Note, direction: str, area: str | None = None, position: int | None = None, by
) -> None:
    """One step "up" or "down" from wherever the note is now, or to `position` in `area`
    (the end when no position is given). Raises Note.DoesNotExist if it was deleted."""
    if direction in ("up", "down"):
        note.nudge(steps=-1 if direction == "up" else 1, by=by)
    else:
        note.move_to(area=area, position=position, by=by)


@retry_on_conflict
def delete_note(*, note: Note, by) -> str:
    """Delete the note; returns the token `restore_note` takes to bring it back.

    Raises Note.DoesNotExist if someone else deleted it first.
    """
    with ordering_lock(note.canvas):
        current = Note.objects.filter(pk=note.pk).first()
        if current is None:
            raise Note.DoesNotExist("The note was already deleted.")
        token = undo_token(current, kind=NOTE_UNDO, canvas_pk=note.canvas_id, parent="canvas")
        current.delete()
        close_gaps(Note.objects.filter(canvas_id=note.canvas_id, area=current.area))
        note.canvas.touch(by)
    return token


@retry_on_conflict
def restore_note(*, canvas: Canvas, token: str, by) -> Note:
    """Bring back a deleted note in its place, as it was. Raises UndoError when the token
    is forged, from another canvas, too old, or already used."""
    deleted = read_undo_token(token, kind=NOTE_UNDO, canvas_pk=canvas.pk, models_allowed=(Note,))
    with ordering_lock(canvas):
        note = restore(deleted, kind=NOTE_UNDO, parent=canvas, parent_field="canvas", by=by)
        canvas.touch(by)
    return note
