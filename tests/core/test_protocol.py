"""The one edit protocol (core/versioning.py) and the one undo scheme (core/undo.py),
exercised on notes, the simplest versioned record."""

from types import SimpleNamespace

import pytest
from django import forms

from canvas.areas import AreaKey
from canvas.forms import NoteEditForm
from canvas.models import Note
from canvas.services import NOTE_UNDO, delete_note, edit_note, restore_note
from core.undo import UndoError, UndoKind, read_undo_token
from core.versioning import Outcome, describe_conflict, edit_record, posted_values, save_versioned


@pytest.fixture
def note(canvas, owner):
    return canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="First", by=owner)


def test_save_versioned_says_saved_conflict_or_gone(note, owner, editor):
    result = save_versioned(note, expected_version=1, changes={"text": "Second"}, by=editor)
    assert result.outcome is Outcome.SAVED
    assert result.record.version == 2
    assert result.record.updated_by == editor
    stale = save_versioned(note, expected_version=1, changes={"text": "Third"}, by=owner)
    assert stale.outcome is Outcome.CONFLICT
    assert stale.record.text == "Second"
    assert stale.record.updated_by == editor
    Note.objects.filter(pk=note.pk).delete()
    gone = save_versioned(note, expected_version=2, changes={"text": "Fourth"}, by=owner)
    assert gone.outcome is Outcome.GONE
    assert gone.record is None


def post(note, text, version):
    prefix = f"note-{note.pk}"
    return NoteEditForm(
        {f"{prefix}-text": text, f"{prefix}-colour": "yellow", f"{prefix}-version": version},
        prefix=prefix,
    )


def save_with(note, by):
    return lambda form: edit_note(
        note=note, expected_version=form.cleaned_data["version"], changes=form.changes(), by=by
    )


def test_edit_record_runs_the_protocol(note, owner, editor):
    invalid = edit_record(post(note, "", 1), note, save=save_with(note, editor))
    assert invalid.invalid
    assert invalid.status == 422
    saved = edit_record(post(note, "Mine", 1), note, save=save_with(note, editor))
    assert saved.saved
    assert saved.status == 200
    conflict = edit_record(post(note, "Theirs", 1), note, save=save_with(note, owner))
    assert conflict.status == 409
    assert [row.name for row in conflict.conflict.rows] == ["text"]
    assert conflict.form.data[f"note-{note.pk}-version"] == "2"  # rebased: saving keeps mine
    same = edit_record(post(note, "Mine", 1), note, save=save_with(note, owner))
    assert same.saved  # the stored text is what was typed: nothing to choose
    gone = edit_record(post(note, "Late", 2), None, save=save_with(note, owner))
    assert gone.gone
    assert gone.status == 409
    assert posted_values(gone.form) == {"text": "Late", "colour": "yellow"}


def test_a_saved_edit_touches_the_canvas(note, editor):
    edit_note(note=note, expected_version=1, changes={"text": "New", "colour": "blue"}, by=editor)
    note.canvas.refresh_from_db()
    assert note.canvas.updated_by == editor


def test_undo_brings_a_note_back_as_it_was(note, canvas, editor):
    second = canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="Second", by=editor)
    token = delete_note(note=note, expected_version=note.version, by=editor).undo_token
    assert list(canvas.notes.values_list("text", flat=True)) == ["Second"]
    back = restore_note(canvas=canvas, token=token, by=editor)
    assert back.pk == note.pk
    assert back.version == note.version
    assert back.created_at == note.created_at
    assert list(canvas.notes.order_by("position").values_list("pk", flat=True)) == [
        note.pk,
        second.pk,
    ]
    with pytest.raises(UndoError, match="already back"):
        restore_note(canvas=canvas, token=token, by=editor)


def test_an_undo_token_is_bound_to_its_canvas_kind_and_window(note, canvas, make_canvas, editor):
    token = delete_note(note=note, expected_version=note.version, by=editor).undo_token
    other = make_canvas()
    with pytest.raises(UndoError, match="isn't valid for this canvas"):
        read_undo_token(token, kind=NOTE_UNDO, canvas_pk=other.pk, models_allowed=(Note,))
    with pytest.raises(UndoError, match="isn't valid for this canvas"):
        read_undo_token(
            token, kind=UndoKind("line", 60), canvas_pk=canvas.pk, models_allowed=(Note,)
        )
    expired = UndoKind(noun="note", valid_seconds=-1)
    with pytest.raises(UndoError, match="too late"):
        read_undo_token(token, kind=expired, canvas_pk=canvas.pk, models_allowed=(Note,))


def test_a_form_without_its_version_says_so_at_the_top():
    class Form(NoteEditForm):
        pass

    form = Form({"note-1-text": "x", "note-1-colour": "yellow"}, prefix="note-1")
    assert not form.is_valid()
    assert "nothing was saved" in form.non_field_errors()[0]
    assert isinstance(form.fields["version"].widget, forms.HiddenInput)


def test_an_empty_choice_on_both_sides_is_no_difference():
    class RatingForm(forms.Form):
        rating = forms.TypedChoiceField(
            choices=[("", "Not rated yet"), (1, "Low"), (2, "High")],
            coerce=int,
            empty_value=None,
            required=False,
        )

    stored = SimpleNamespace(rating=None, updated_by=None)
    unchanged = RatingForm({"rating": ""})
    assert unchanged.is_valid()
    assert describe_conflict(unchanged, stored, ["rating"]).rows == []
    changed = RatingForm({"rating": "2"})
    assert changed.is_valid()
    [row] = describe_conflict(changed, stored, ["rating"]).rows
    assert (row.mine, row.theirs) == ("High", "Not rated yet")
