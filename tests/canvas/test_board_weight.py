"""The board's weight: its HTML grows by under 700 bytes a note (README "Live board"; the
figure manage.py bench_board prints), because a note card is its text and one link, and
every note's tools are one shared control (canvas/templatetags/board.py)."""

import pytest

from studio.management.commands.bench_board import bench_canvas
from tests.helpers import canvas_url

NOTES = 200
GOAL_BYTES_PER_NOTE = 700


@pytest.fixture
def boards(org, owner, editor, client_for):
    """The board's HTML as an editor gets it: with no notes, and with NOTES notes."""
    client = client_for(editor)
    pages = {}
    for count in (0, NOTES):
        response = client.get(canvas_url("board", bench_canvas(org, count, by=owner)))
        assert response.status_code == 200
        pages[count] = response.content
    return pages


def test_the_board_weighs_under_700_bytes_a_note(boards):
    body = boards[NOTES].decode()
    # The page shows every note, editable: each card links to its note's own page.
    assert body.count('class="note note-') == NOTES
    assert body.count('<span class="visually-hidden">Edit note: </span>') == NOTES
    per_note = (len(boards[NOTES]) - len(boards[0])) / NOTES
    assert per_note < GOAL_BYTES_PER_NOTE, f"{per_note:.0f} bytes per note"


def test_a_note_card_carries_no_form_of_its_own(boards):
    """The move, colour and delete tools are one control for the whole board (#note-tools),
    not a form in each card: the page has as many forms with 200 notes as with none."""
    empty, full = boards[0].decode(), boards[NOTES].decode()
    assert full.count("<form") == empty.count("<form")
    assert full.count('id="note-tools"') == 1
    assert full.count("<button") == empty.count("<button")
