"""Without JavaScript a note's link on the board opens the note's own page, where every
note action is a plain form: edit (text and colour), move (up, down, to an area), delete,
and the board then offers to undo each."""

import pytest

from canvas.areas import AreaKey
from canvas.models import Note
from tests.canvas.conftest import area_texts
from tests.helpers import hidden_fields

PRODUCTS = AreaKey.PRODUCTS_SERVICES
SEGMENTS = AreaKey.CUSTOMER_SEGMENTS


@pytest.fixture
def notes(canvas, owner):
    return [canvas.add_note(area=PRODUCTS, text=text, by=owner) for text in ["a", "b", "c"]]


def undo_token(page: str) -> str:
    return page.split('name="token" value="')[1].split('"')[0]


def test_a_notes_link_on_the_board_opens_its_page_with_every_action(editor, notes, client_for, url):
    client = client_for(editor)
    board = client.get(url("board")).content.decode()
    note = notes[1]
    page_url = url("note_detail", note_pk=note.pk)
    assert f'href="{page_url}"' in board
    response = client.get(page_url)
    assert response.template_name == "canvas/note.html"
    page = response.content.decode()
    assert "A note in Products &amp; services" in page
    assert "Place 2 in Products &amp; services" in page
    assert f'action="{url("note_edit", note_pk=note.pk)}"' in page
    assert f'name="note-{note.pk}-text"' in page
    assert 'value="up"' in page
    assert 'value="down"' in page
    assert 'name="area"' in page
    assert hidden_fields(page, url("note_delete", note_pk=note.pk)) == {"version": "1"}
    assert 'name="csrfmiddlewaretoken"' in page
    assert "<script" not in page.split("<main", 1)[1]  # the page needs no script of its own


def test_edit_on_the_note_page_then_undo(editor, notes, client_for, url):
    client = client_for(editor)
    note = notes[0]
    prefix = f"note-{note.pk}"
    data = {f"{prefix}-text": "Rewritten", f"{prefix}-colour": "pink", f"{prefix}-version": 1}
    response = client.post(url("note_edit", note_pk=note.pk), data)
    assert response["Location"] == url("board") + f"#note-{note.pk}"
    assert (Note.objects.get(pk=note.pk).text, Note.objects.get(pk=note.pk).colour) == (
        "Rewritten",
        "pink",
    )
    board = client.get(response["Location"]).content.decode()
    assert "Note saved." in board
    client.post(url("note_undo"), {"token": undo_token(board)})
    note.refresh_from_db()
    assert (note.text, note.colour, note.version) == ("a", "yellow", 3)


@pytest.mark.parametrize(
    ("move", "products", "segments"),
    [
        ({"direction": "up"}, ["b", "a", "c"], []),
        ({"direction": "down"}, ["a", "c", "b"], []),
        ({"direction": "area", "area": SEGMENTS}, ["a", "c"], ["b"]),
    ],
)
def test_move_on_the_note_page_then_undo(
    editor, canvas, notes, client_for, url, move, products, segments
):
    client = client_for(editor)
    note = notes[1]
    response = client.post(url("note_move", note_pk=note.pk), {**move, "version": 1})
    assert response["Location"] == url("board") + f"#note-{note.pk}"
    assert (area_texts(canvas, PRODUCTS), area_texts(canvas, SEGMENTS)) == (products, segments)
    board = client.get(response["Location"]).content.decode()
    assert "Note moved." in board
    client.post(url("note_undo"), {"token": undo_token(board)})
    assert (area_texts(canvas, PRODUCTS), area_texts(canvas, SEGMENTS)) == (["a", "b", "c"], [])


def test_delete_on_the_note_page_then_undo(editor, canvas, notes, client_for, url):
    client = client_for(editor)
    note = notes[2]
    response = client.post(url("note_delete", note_pk=note.pk), {"version": 1})
    board = client.get(response["Location"]).content.decode()
    assert "Note deleted." in board
    assert area_texts(canvas, PRODUCTS) == ["a", "b"]
    client.post(url("note_undo"), {"token": undo_token(board)})
    assert area_texts(canvas, PRODUCTS) == ["a", "b", "c"]


def test_a_viewer_reads_the_note_page_without_forms(viewer, notes, client_for, url):
    page = client_for(viewer).get(url("note_detail", note_pk=notes[0].pk)).content.decode()
    assert "A note in Products &amp; services" in page
    assert "<form" not in page.split("<main", 1)[1]


def test_a_deleted_notes_page_says_so_on_the_board(editor, notes, client_for, url):
    client = client_for(editor)
    note_pk = notes[0].pk
    Note.objects.filter(pk=note_pk).delete()
    response = client.get(url("note_detail", note_pk=note_pk))
    assert "deleted this note" in client.get(response["Location"]).content.decode()
