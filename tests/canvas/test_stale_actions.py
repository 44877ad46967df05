"""Stale deletes and moves of notes: Olivia acts on a note Eddie changed since she loaded
the board. Nothing is deleted or moved; she sees Eddie's note as it is now and chooses."""

import pytest

from canvas.areas import AreaKey
from canvas.forms import NoteEditForm
from canvas.models import Note
from canvas.services import edit_note, move_note
from core.versioning import Outcome, edit_record, saving
from tests.canvas.conftest import area_texts
from tests.helpers import HX, assert_htmx_partial, hidden_fields

PRODUCTS = AreaKey.PRODUCTS_SERVICES
SEGMENTS = AreaKey.CUSTOMER_SEGMENTS


@pytest.fixture
def notes(canvas, owner):
    return [canvas.add_note(area=PRODUCTS, text=text, by=owner) for text in ["a", "b", "c"]]


def rewrite(note, by, text="Eddie's better words"):
    """Eddie (`by`) saves a new text: the version goes up."""
    result = edit_note(
        note=note, expected_version=note.version, changes={"text": text, "colour": "pink"}, by=by
    )
    assert result.saved


def test_moves_never_change_a_notes_version(canvas, notes, owner, editor):
    note = notes[0]
    note.move_to(area=SEGMENTS, by=editor)
    note.nudge(steps=1, by=editor)
    result = move_note(note=note, expected_version=1, direction="up", by=editor)
    assert result.saved
    result = move_note(
        note=note, expected_version=1, direction="area", area=PRODUCTS, position=2, by=owner
    )
    assert result.saved
    assert Note.objects.get(pk=note.pk).version == 1


def test_an_edit_form_opened_before_a_colleagues_drag_still_saves(canvas, notes, owner, editor):
    note = notes[1]
    prefix = f"note-{note.pk}"
    data = {f"{prefix}-text": "Mine", f"{prefix}-colour": "blue", f"{prefix}-version": "1"}
    move_note(note=note, expected_version=1, direction="area", area=SEGMENTS, by=owner)
    form = NoteEditForm(data, prefix=prefix)
    edit = edit_record(form, note, save=saving(edit_note, note=note, by=editor))
    assert edit.saved
    assert Note.objects.get(pk=note.pk).text == "Mine"


# Deleting ---------------------------------------------------------------------------------


def test_stale_delete_with_htmx_shows_their_note_and_deletes_nothing(
    canvas, notes, owner, editor, client_for, url
):
    note = notes[1]
    rewrite(note, owner)
    response = client_for(editor).post(
        url("note_delete", note_pk=note.pk), {"version": 1}, headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#note", 409)
    assert response["HX-Retarget"] == f"#note-{note.pk}"
    body = response.content.decode()
    assert "Owner changed this note after you opened the page, so it was not deleted." in body
    assert "Eddie&#x27;s better words" in body
    assert "Pink" in body
    assert "Keep it as it is" in body
    assert "Delete anyway" in body
    assert hidden_fields(body, url("note_delete", note_pk=note.pk)) == {"version": "2"}
    assert f'hx-get="{url("note_detail", note_pk=note.pk)}"' in body
    assert Note.objects.get(pk=note.pk).text == "Eddie's better words"
    assert area_texts(canvas, PRODUCTS) == ["a", "Eddie's better words", "c"]


def test_stale_delete_without_js_is_a_page_with_both_choices(
    canvas, notes, owner, editor, client_for, url
):
    note = notes[1]
    rewrite(note, owner)
    client = client_for(editor)
    response = client.post(url("note_delete", note_pk=note.pk), {"version": 1})
    assert response.status_code == 409
    assert response.template_name == "canvas/board.html"
    body = response.content.decode()
    assert "<html" in body
    assert "so it was not deleted" in body
    assert f'href="{url("board")}#note-{note.pk}"' in body  # keep it: back to the board
    assert hidden_fields(body, url("note_delete", note_pk=note.pk)) == {"version": "2"}
    assert 'name="csrfmiddlewaretoken"' in body
    assert Note.objects.filter(pk=note.pk).exists()
    response = client.post(url("note_delete", note_pk=note.pk), {"version": 2})  # go ahead
    assert response["Location"] == url("board") + "#board-undo"
    assert not Note.objects.filter(pk=note.pk).exists()


def test_go_ahead_deletes_with_the_current_version_and_offers_undo(
    canvas, notes, owner, editor, client_for, url
):
    note = notes[1]
    rewrite(note, owner)
    client = client_for(editor)
    stale = client.post(url("note_delete", note_pk=note.pk), {"version": 1}, headers=HX)
    fields = hidden_fields(stale.content.decode(), url("note_delete", note_pk=note.pk))
    response = client.post(url("note_delete", note_pk=note.pk), fields, headers=HX)
    assert_htmx_partial(response, "canvas/board.html#undo")
    assert area_texts(canvas, PRODUCTS) == ["a", "c"]
    client.post(url("note_undo"), {"token": response.context_data["undo_token"]}, headers=HX)
    back = Note.objects.get(pk=note.pk)
    assert (back.text, back.version, back.position) == ("Eddie's better words", 2, 1)


def test_go_ahead_stops_again_if_they_changed_it_once_more(
    canvas, notes, owner, editor, client_for, url
):
    note = notes[1]
    rewrite(note, owner)
    rewrite(note, owner, text="Third thoughts")
    response = client_for(editor).post(
        url("note_delete", note_pk=note.pk), {"version": 2}, headers=HX
    )
    assert response.status_code == 409
    assert "Third thoughts" in response.content.decode()
    assert Note.objects.filter(pk=note.pk).exists()


@pytest.mark.parametrize("headers", [HX, {}])
def test_delete_of_a_note_deleted_meanwhile_says_so(
    canvas, notes, editor, client_for, url, headers
):
    note = notes[1]
    Note.objects.filter(pk=note.pk).delete()
    client = client_for(editor)
    response = client.post(url("note_delete", note_pk=note.pk), {"version": 1}, headers=headers)
    if headers:
        assert_htmx_partial(response, "canvas/board.html#gone")
        assert "Someone else deleted this note" in response.content.decode()
    else:
        page = client.get(response["Location"]).content.decode()
        assert "Someone else deleted this note" in page


@pytest.mark.parametrize("data", [{}, {"version": "x"}, {"version": "0"}])
def test_delete_without_a_readable_version_changes_nothing(
    canvas, notes, editor, client_for, url, data
):
    response = client_for(editor).post(url("note_delete", note_pk=notes[0].pk), data, headers=HX)
    assert_htmx_partial(response, "base.html#flash", 422)
    assert "nothing changed" in response.content.decode()
    assert Note.objects.count() == 3


def test_the_board_and_the_note_page_send_the_version_with_every_move_and_delete(
    canvas, notes, owner, editor, client_for, url
):
    rewrite(notes[0], owner)
    note = notes[0]
    client = client_for(editor)
    board = client.get(url("board")).content.decode()
    # What the note tools and drag and drop post (static/js/board.js).
    assert f'id="note-{note.pk}" data-v="2"' in board
    page = client.get(url("note_detail", note_pk=note.pk)).content.decode()
    assert hidden_fields(page, url("note_delete", note_pk=note.pk))["version"] == "2"
    assert hidden_fields(page, url("note_move", note_pk=note.pk))["version"] == "2"


# Moving -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "move",
    [
        {"direction": "up"},
        {"direction": "down"},
        {"direction": "area", "area": SEGMENTS},
        {"direction": "area", "area": PRODUCTS, "position": 0},
    ],
)
def test_stale_move_with_htmx_moves_nothing(canvas, notes, owner, editor, client_for, url, move):
    note = notes[1]
    rewrite(note, owner)
    response = client_for(editor).post(
        url("note_move", note_pk=note.pk), {**move, "version": 1}, headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#moved", 409)
    assert response["HX-Retarget"] == f"#notes-{PRODUCTS}"
    body = response.content.decode()
    assert "so it was not moved" in body
    assert "Move anyway" in body
    assert hidden_fields(body, url("note_move", note_pk=note.pk)) == {
        **{key: str(value) for key, value in move.items()},
        "version": "2",
    }
    if move.get("area") == SEGMENTS:  # the list a dragged note was dropped in comes back
        assert f'id="notes-{SEGMENTS}" data-area' in body
        assert 'hx-swap-oob="true"' in body
    assert area_texts(canvas, PRODUCTS) == ["a", "Eddie's better words", "c"]
    assert area_texts(canvas, SEGMENTS) == []


def test_stale_move_without_js_then_go_ahead(canvas, notes, owner, editor, client_for, url):
    note = notes[1]
    rewrite(note, owner)
    client = client_for(editor)
    move = {"direction": "area", "area": SEGMENTS}
    response = client.post(url("note_move", note_pk=note.pk), {**move, "version": 1})
    assert response.status_code == 409
    assert response.template_name == "canvas/board.html"
    body = response.content.decode()
    assert "so it was not moved" in body
    fields = hidden_fields(body, url("note_move", note_pk=note.pk))
    assert (fields["direction"], fields["area"], fields["version"]) == ("area", SEGMENTS, "2")
    assert area_texts(canvas, SEGMENTS) == []
    response = client.post(url("note_move", note_pk=note.pk), fields)
    assert response.status_code == 302
    assert area_texts(canvas, SEGMENTS) == ["Eddie's better words"]


def test_go_ahead_moves_with_htmx(canvas, notes, owner, editor, client_for, url):
    note = notes[2]
    rewrite(note, owner)
    client = client_for(editor)
    stale = client.post(
        url("note_move", note_pk=note.pk), {"direction": "up", "version": 1}, headers=HX
    )
    fields = hidden_fields(stale.content.decode(), url("note_move", note_pk=note.pk))
    response = client.post(url("note_move", note_pk=note.pk), fields, headers=HX)
    assert_htmx_partial(response, "canvas/board.html#moved")
    assert area_texts(canvas, PRODUCTS) == ["a", "Eddie's better words", "b"]


def test_a_move_of_a_note_only_moved_meanwhile_goes_ahead(
    canvas, notes, owner, editor, client_for, url
):
    move_note(note=notes[0], expected_version=1, direction="down", by=owner)
    response = client_for(editor).post(
        url("note_move", note_pk=notes[0].pk), {"direction": "down", "version": 1}, headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#moved")
    assert area_texts(canvas, PRODUCTS) == ["b", "c", "a"]


def test_service_outcomes(canvas, notes, owner, editor):
    note = notes[0]
    rewrite(note, owner)
    assert move_note(note=note, expected_version=1, direction="down", by=editor).outcome is (
        Outcome.CONFLICT
    )
    Note.objects.filter(pk=note.pk).delete()
    assert move_note(note=note, expected_version=2, direction="down", by=editor).outcome is (
        Outcome.GONE
    )
