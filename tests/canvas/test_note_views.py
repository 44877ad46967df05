"""The board's note endpoints, each as htmx (partial) and as a plain form post (redirect)."""

import pytest
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canvas import services
from canvas.areas import AreaKey
from canvas.models import Canvas, Note
from canvas.services import delete_note, edit_header, edit_note, restore_note
from core.undo import UndoKind
from tests.canvas.conftest import area_texts
from tests.helpers import HX, assert_htmx_partial

PRODUCTS = AreaKey.PRODUCTS_SERVICES
SEGMENTS = AreaKey.CUSTOMER_SEGMENTS


def edit_data(note, text, colour="yellow", version=None, area=None):
    prefix = f"note-{note.pk}"
    return {
        f"{prefix}-text": text,
        f"{prefix}-colour": colour,
        f"{prefix}-version": note.version if version is None else version,
        f"{prefix}-area": area or note.area,
    }


def add_data(area, text, colour="green"):
    return {"area": area, f"add-{area}-text": text, f"add-{area}-colour": colour}


# Adding --------------------------------------------------------------------------------------


def test_add_note_with_htmx_returns_a_fresh_form_and_the_note_out_of_band(
    editor, canvas, client_for, url
):
    response = client_for(editor).post(
        url("note_add"), add_data(PRODUCTS, "  Coaching toolkit\nfor leads "), headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#add_note")
    note = Note.objects.get()
    assert (note.text, note.colour, note.area, note.position) == (
        "Coaching toolkit\nfor leads",
        "green",
        PRODUCTS,
        0,
    )
    body = response.content.decode()
    assert f'hx-swap-oob="beforeend:#notes-{PRODUCTS}"' in body
    assert f'id="note-{note.pk}"' in body
    assert "<textarea" in body
    assert "autofocus" in body  # stays open for the next note
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_add_note_without_js_redirects_with_the_form_still_open(editor, canvas, client_for, url):
    client = client_for(editor)
    response = client.post(url("note_add"), add_data(SEGMENTS, "Store associates"))
    assert response.status_code == 302
    assert response["Location"] == url("board") + f"?add={SEGMENTS}#add-{SEGMENTS}"
    page = client.get(response["Location"]).content.decode()
    assert f'name="add-{SEGMENTS}-text"' in page
    assert "Store associates" in page


def test_add_notes_append_in_order(editor, canvas, client_for, url):
    client = client_for(editor)
    for text in ["one", "two", "three"]:
        client.post(url("note_add"), add_data(PRODUCTS, text), headers=HX)
    assert area_texts(canvas, PRODUCTS) == ["one", "two", "three"]


@pytest.mark.parametrize("headers", [HX, {}])
def test_add_note_validation_keeps_the_text(editor, canvas, client_for, url, headers):
    response = client_for(editor).post(
        url("note_add"), add_data(PRODUCTS, "x" * 501), headers=headers
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "x" * 501 in body
    assert "field-error" in body
    if headers:
        assert_htmx_partial(response, "canvas/board.html#add_note", 422)
    response = client_for(editor).post(url("note_add"), add_data(PRODUCTS, "   "), headers=headers)
    assert response.status_code == 422
    assert "Write something on the note first." in response.content.decode()
    assert not Note.objects.exists()


def test_open_and_close_the_add_form(editor, canvas, client_for, url):
    client = client_for(editor)
    response = client.get(url("note_add") + f"?area={SEGMENTS}", headers=HX)
    assert_htmx_partial(response, "canvas/board.html#add_note")
    assert f'name="add-{SEGMENTS}-text"' in response.content.decode()
    response = client.get(url("note_add") + f"?area={SEGMENTS}&close=1", headers=HX)
    assert_htmx_partial(response, "canvas/board.html#add_note")
    assert "+ Add a note" in response.content.decode()
    response = client.get(url("note_add") + f"?area={SEGMENTS}")
    assert response["Location"] == url("board") + f"?add={SEGMENTS}#add-{SEGMENTS}"
    response = client.get(url("note_add") + f"?area={SEGMENTS}&close=1")
    assert response["Location"] == url("board") + f"#area-{SEGMENTS}"


# Editing -------------------------------------------------------------------------------------


def test_edit_form_in_place_and_as_a_page(editor, note, client_for, url):
    client = client_for(editor)
    response = client.get(url("note_edit", note_pk=note.pk), headers=HX)
    assert_htmx_partial(response, "canvas/board.html#note")
    body = response.content.decode()
    assert f'name="note-{note.pk}-text"' in body
    assert "Onboarding path" in body
    assert f'name="note-{note.pk}-version" value="1"' in body
    page = client.get(url("note_edit", note_pk=note.pk))
    assert page.status_code == 200
    assert page.template_name == "canvas/board.html"
    assert f'name="note-{note.pk}-text"' in page.content.decode()
    assert "HX-Request" in page["Vary"]


def test_edit_note_with_htmx_returns_the_note(editor, note, canvas, client_for, url):
    response = client_for(editor).post(
        url("note_edit", note_pk=note.pk), edit_data(note, "Onboarding, v2", "blue"), headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#saved")
    note.refresh_from_db()
    assert (note.text, note.colour, note.version, note.updated_by) == (
        "Onboarding, v2",
        "blue",
        2,
        editor,
    )
    body = response.content.decode()
    assert "note-blue" in body
    assert "Onboarding, v2" in body
    assert "autofocus" in body
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_edit_note_without_js_redirects_to_the_note(editor, note, client_for, url):
    response = client_for(editor).post(
        url("note_edit", note_pk=note.pk), edit_data(note, "Plain post")
    )
    assert response.status_code == 302
    assert response["Location"] == url("board") + f"#note-{note.pk}"
    assert Note.objects.get().text == "Plain post"


@pytest.mark.parametrize("headers", [HX, {}])
def test_edit_validation_keeps_the_text_next_to_the_field(editor, note, client_for, url, headers):
    response = client_for(editor).post(
        url("note_edit", note_pk=note.pk), edit_data(note, "y" * 600), headers=headers
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "y" * 600 in body
    assert "at most 500 characters" in body
    if headers:
        assert_htmx_partial(response, "canvas/board.html#note", 422)
    assert Note.objects.get().text == "Onboarding path"


@pytest.mark.parametrize("headers", [HX, {}])
def test_second_save_does_not_overwrite_and_shows_both_texts(
    owner, editor, note, client_for, url, headers
):
    stale = edit_data(note, "Editor's wording", "pink")
    assert edit_note(
        note=note,
        expected_version=1,
        changes={"text": "Owner's wording", "colour": "yellow"},
        by=owner,
    ).saved
    response = client_for(editor).post(url("note_edit", note_pk=note.pk), stale, headers=headers)
    assert response.status_code == 409
    if headers:
        assert_htmx_partial(response, "canvas/board.html#note", 409)
    body = response.content.decode()
    assert "Owner saved a change while you were editing" in body
    assert "Owner&#x27;s wording" in body
    assert "Editor&#x27;s wording" in body
    assert "Pink" in body  # the colours read as words, not codes
    assert f'name="note-{note.pk}-version" value="2"' in body  # rebased: saving means "keep mine"
    assert Note.objects.get().text == "Owner's wording"

    keep_mine = {**stale, f"note-{note.pk}-version": 2}
    response = client_for(editor).post(url("note_edit", note_pk=note.pk), keep_mine, headers=HX)
    assert_htmx_partial(response, "canvas/board.html#saved")
    note.refresh_from_db()
    assert (note.text, note.colour, note.version) == ("Editor's wording", "pink", 3)


def test_same_text_saved_twice_is_not_a_conflict(owner, editor, note, client_for, url):
    assert edit_note(
        note=note, expected_version=1, changes={"text": "Agreed", "colour": "yellow"}, by=owner
    ).saved
    response = client_for(editor).post(
        url("note_edit", note_pk=note.pk), edit_data(note, "Agreed", version=1), headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#saved")
    assert Note.objects.get().version == 2


@pytest.mark.parametrize("headers", [HX, {}])
def test_editing_a_deleted_note_keeps_the_text_and_offers_to_add_it(
    owner, editor, note, client_for, url, headers
):
    data = edit_data(note, "My careful rewrite")
    delete_note(note=note, expected_version=note.version, by=owner)
    response = client_for(editor).post(url("note_edit", note_pk=note.pk), data, headers=headers)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else deleted this note" in body
    assert "My careful rewrite" in body
    if headers:
        assert_htmx_partial(response, "canvas/board.html#gone", 409)
        assert 'name="in_place"' in body
    else:
        assert response.template_name == "canvas/board.html"


def test_gone_note_text_added_back_in_place(editor, canvas, client_for, url):
    response = client_for(editor).post(
        url("note_add"), {**add_data(PRODUCTS, "Rescued"), "in_place": "999"}, headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#note")
    assert area_texts(canvas, PRODUCTS) == ["Rescued"]


def test_save_after_someone_moved_the_note_says_where_it_went(owner, editor, note, client_for, url):
    data = edit_data(note, "Edited while moved")
    Note.objects.get(pk=note.pk).move_to(area=SEGMENTS, by=owner)
    response = client_for(editor).post(url("note_edit", note_pk=note.pk), data, headers=HX)
    assert_htmx_partial(response, "canvas/board.html#moved")
    assert response["HX-Retarget"] == f"#notes-{PRODUCTS}"
    body = response.content.decode()
    assert "Someone had moved this note to Customer segments" in body
    assert f'id="notes-{SEGMENTS}"' in body
    assert 'hx-swap-oob="true"' in body
    assert Note.objects.get().text == "Edited while moved"


def test_cancel_brings_back_the_note(editor, note, client_for, url):
    client = client_for(editor)
    response = client.get(url("note_detail", note_pk=note.pk), headers=HX)
    assert_htmx_partial(response, "canvas/board.html#note")
    # Without JavaScript the same address is the note's own page (tests/canvas/test_note_page.py).
    response = client.get(url("note_detail", note_pk=note.pk))
    assert response.template_name == "canvas/note.html"


def test_a_deleted_note_is_a_message_not_a_404(editor, note, client_for, url):
    note_pk = note.pk
    delete_note(note=note, expected_version=note.version, by=editor)
    client = client_for(editor)
    response = client.get(url("note_edit", note_pk=note_pk), headers=HX)
    assert_htmx_partial(response, "canvas/board.html#gone")
    response = client.get(url("note_detail", note_pk=note_pk), headers=HX)
    assert_htmx_partial(response, "canvas/board.html#gone")
    for name in ["note_move", "note_delete"]:
        response = client.post(url(name, note_pk=note_pk), {"direction": "up"}, headers=HX)
        assert_htmx_partial(response, "canvas/board.html#gone")
        assert response["HX-Retarget"] == f"#note-{note_pk}"
    response = client.post(url("note_delete", note_pk=note_pk))
    assert response.status_code == 302
    assert "deleted this note" in client.get(response["Location"]).content.decode()


# Moving --------------------------------------------------------------------------------------


@pytest.fixture
def three(canvas, owner):
    return [canvas.add_note(area=PRODUCTS, text=text, by=owner) for text in ["a", "b", "c"]]


def test_move_up_and_down_with_htmx(editor, canvas, three, client_for, url):
    client = client_for(editor)
    response = client.post(
        url("note_move", note_pk=three[2].pk), {"direction": "up", "version": 1}, headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#moved")
    assert area_texts(canvas, PRODUCTS) == ["a", "c", "b"]
    body = response.content.decode()
    assert body.index(f'id="note-{three[2].pk}"') < body.index(f'id="note-{three[1].pk}"')
    assert "notes-" not in body.split('hx-swap-oob="true"', 1)[1]  # one list, and the undo
    assert 'id="board-undo" role="status" hx-swap-oob="true"' in body
    assert "Note moved." in body
    client.post(
        url("note_move", note_pk=three[0].pk), {"direction": "down", "version": 1}, headers=HX
    )
    assert area_texts(canvas, PRODUCTS) == ["c", "a", "b"]
    client.post(
        url("note_move", note_pk=three[2].pk), {"direction": "up", "version": 1}, headers=HX
    )
    assert area_texts(canvas, PRODUCTS) == ["c", "a", "b"]  # already first: stays


def test_move_to_another_area_renders_both_lists(editor, canvas, three, client_for, url):
    response = client_for(editor).post(
        url("note_move", note_pk=three[0].pk),
        {"direction": "area", "area": SEGMENTS, "version": 1},
        headers=HX,
    )
    assert_htmx_partial(response, "canvas/board.html#moved")
    body = response.content.decode()
    assert f'id="notes-{PRODUCTS}"' in body
    assert f'id="notes-{SEGMENTS}"' in body
    assert (
        f'id="notes-{SEGMENTS}" data-area="{SEGMENTS}" aria-label="Notes in Customer segments" hx-swap-oob="true"'
        in body
    )
    assert body.count('hx-swap-oob="true"') == 2  # the list it joined, and the "Undo"
    assert area_texts(canvas, PRODUCTS) == ["b", "c"]
    assert area_texts(canvas, SEGMENTS) == ["a"]


def test_drag_and_drop_posts_a_position(editor, canvas, three, client_for, url):
    client_for(editor).post(
        url("note_move", note_pk=three[2].pk),
        {"direction": "area", "area": PRODUCTS, "position": 0, "version": 1},
        headers=HX,
    )
    assert area_texts(canvas, PRODUCTS) == ["c", "a", "b"]


def test_move_without_js_redirects_to_the_note(editor, canvas, three, client_for, url):
    client = client_for(editor)
    response = client.post(
        url("note_move", note_pk=three[1].pk), {"direction": "area", "area": SEGMENTS, "version": 1}
    )
    assert response.status_code == 302
    assert response["Location"] == url("board") + f"#note-{three[1].pk}"
    assert "Moved to Customer segments" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("data", [{}, {"direction": "sideways"}, {"area": "nowhere"}])
def test_a_move_that_makes_no_sense_changes_nothing(editor, canvas, three, client_for, url, data):
    client = client_for(editor)
    response = client.post(url("note_move", note_pk=three[0].pk), data, headers=HX)
    assert_htmx_partial(response, "base.html#flash", 422)
    assert response["HX-Retarget"] == "#messages"
    assert client.post(url("note_move", note_pk=three[0].pk), data).status_code == 302
    assert area_texts(canvas, PRODUCTS) == ["a", "b", "c"]


# Deleting and undo ---------------------------------------------------------------------------


def test_delete_offers_undo_and_undo_restores_in_place(editor, canvas, client_for, url, owner):
    notes = [
        canvas.add_note(area=PRODUCTS, text=text, colour=colour, by=owner)
        for text, colour in [("a", "yellow"), ("b", "pink"), ("c", "blue")]
    ]
    client = client_for(editor)
    response = client.post(url("note_delete", note_pk=notes[1].pk), {"version": 1}, headers=HX)
    assert_htmx_partial(response, "canvas/board.html#undo")
    body = response.content.decode()
    assert f'id="note-{notes[1].pk}"' in body
    assert 'name="token"' in body
    assert "Undo" in body
    assert area_texts(canvas, PRODUCTS) == ["a", "c"]
    token = response.context_data["undo_token"]

    client.post(
        url("note_move", note_pk=notes[2].pk), {"direction": "up", "version": 1}, headers=HX
    )
    response = client.post(url("note_undo"), {"token": token}, headers=HX)
    assert_htmx_partial(response, "canvas/board.html#note")
    restored = Note.objects.get(pk=notes[1].pk)
    assert (restored.text, restored.colour, restored.position, restored.created_by) == (
        "b",
        "pink",
        1,
        owner,
    )
    assert restored.created_at == notes[1].created_at
    assert area_texts(canvas, PRODUCTS) == ["c", "b", "a"]
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_delete_and_undo_without_js(editor, canvas, note, client_for, url):
    client = client_for(editor)
    response = client.post(url("note_delete", note_pk=note.pk), {"version": note.version})
    assert response["Location"] == url("board") + "#board-undo"
    page = client.get(response["Location"]).content.decode()
    assert 'class="undo-offer"' in page
    assert "Note deleted." in page
    token = page.split('name="token" value="')[1].split('"')[0]
    assert 'class="undo-offer"' not in client.get(url("board")).content.decode()  # offered once
    response = client.post(url("note_undo"), {"token": token})
    assert response["Location"] == url("board") + f"#note-{note.pk}"
    assert Note.objects.get().text == "Onboarding path"


@pytest.mark.parametrize("headers", [HX, {}])
def test_undo_twice_or_forged_is_a_message(editor, canvas, note, client_for, url, headers):
    client = client_for(editor)
    token = delete_note(note=note, expected_version=note.version, by=editor).undo_token
    assert client.post(url("note_undo"), {"token": token}, headers=headers).status_code in (
        200,
        302,
    )
    for bad in [token, token + "x", ""]:
        response = client.post(url("note_undo"), {"token": bad}, headers=headers)
        if headers:
            assert_htmx_partial(response, "base.html#flash", 409)
            assert response["HX-Retarget"] == "#messages"
        else:
            assert response.status_code == 302
    assert Note.objects.count() == 1


def test_undo_brings_a_note_back_after_its_author_left(editor, canvas, client_for, url, make_user):
    author = make_user("leaver")
    note = canvas.add_note(area=PRODUCTS, text="Written by someone who left", by=author)
    token = delete_note(note=note, expected_version=note.version, by=editor).undo_token
    author.delete()
    response = client_for(editor).post(url("note_undo"), {"token": token}, headers=HX)
    assert response.status_code == 200
    restored = Note.objects.get(pk=note.pk)
    assert (restored.text, restored.created_by) == ("Written by someone who left", None)


def test_undo_token_from_another_canvas_is_refused(editor, canvas, make_canvas, client_for, url):
    other = make_canvas(notes_per_area=1)
    token = delete_note(
        note=other.notes.first(), expected_version=other.notes.first().version, by=editor
    ).undo_token
    response = client_for(editor).post(url("note_undo"), {"token": token}, headers=HX)
    assert response.status_code == 409
    assert "isn&#x27;t valid for this canvas" in response.content.decode()


def test_undo_expires(editor, canvas, note, client_for, url, monkeypatch):
    token = delete_note(note=note, expected_version=note.version, by=editor).undo_token
    monkeypatch.setattr("canvas.services.NOTE_UNDO", UndoKind(noun="note", valid_seconds=-1))
    response = client_for(editor).post(url("note_undo"), {"token": token}, headers=HX)
    assert "too late to undo" in response.content.decode()
    assert not Note.objects.exists()


def test_undo_token_cannot_be_tampered_with(editor, canvas, note):
    token = delete_note(note=note, expected_version=note.version, by=editor).undo_token
    data = signing.loads(token, salt=f"core.undo.note.{canvas.pk}")
    data["fields"]["text"] = "Injected"
    forged = signing.dumps(data, salt="something-else", compress=True)
    with pytest.raises(Exception, match="isn't valid"):
        restore_note(canvas=canvas, token=forged, by=editor)


# The canvas header -------------------------------------------------------------------------


def header_data(canvas, **changes):
    data = {
        "canvas-title": canvas.title,
        "canvas-description": canvas.description,
        "canvas-value_kinds": list(canvas.value_kinds),
        "canvas-version": canvas.version,
    }
    data.update({f"canvas-{key}": value for key, value in changes.items()})
    return data


def test_header_edit_in_place(editor, canvas, client_for, url):
    client = client_for(editor)
    response = client.get(url("canvas_edit"), headers=HX)
    assert_htmx_partial(response, "canvas/board.html#header")
    assert 'name="canvas-title"' in response.content.decode()
    response = client.post(
        url("canvas_edit"),
        header_data(canvas, title=" New name ", value_kinds=["cost_savings", "risk_reduction"]),
        headers=HX,
    )
    assert_htmx_partial(response, "canvas/board.html#header")
    assert "New name" in response.content.decode()
    canvas.refresh_from_db()
    assert (canvas.title, canvas.value_kinds, canvas.version, canvas.updated_by) == (
        "New name",
        ["cost_savings", "risk_reduction"],
        2,
        editor,
    )
    response = client.get(url("canvas_edit") + "?close=1", headers=HX)
    assert_htmx_partial(response, "canvas/board.html#header")


def test_header_save_refreshes_the_boards_value_alignment(editor, canvas, client_for, url):
    from customers.models import Segment

    Segment.objects.create(
        canvas=canvas, name="Line managers", kind="line_managers", expected_value=["risk_reduction"]
    )
    canvas.value_kinds = ["risk_reduction"]
    canvas.save()
    response = client_for(editor).post(
        url("canvas_edit"), header_data(canvas, value_kinds=["cost_savings"]), headers=HX
    )
    assert_htmx_partial(response, "canvas/board.html#header")
    body = response.content.decode()
    assert 'id="board-segments" hx-swap-oob="true"' in body
    oob = body[body.index('id="board-segments"') :]
    assert "Line managers expect risk reduction; the canvas does not offer it." in oob
    assert "The canvas offers cost savings; no customer segment expects it." in oob


@pytest.fixture
def canvas_deleted_on_save(monkeypatch):
    """An owner deletes the canvas between the form's checks and its save."""

    real_edit_header = services.edit_header

    def deleted_meanwhile(*, canvas, **kwargs):
        Canvas.objects.filter(pk=canvas.pk).delete()
        return real_edit_header(canvas=canvas, **kwargs)

    monkeypatch.setattr(services, "edit_header", deleted_meanwhile)


def test_header_save_when_the_canvas_was_deleted_meanwhile(
    editor, canvas, client_for, url, canvas_deleted_on_save
):
    data = header_data(canvas, title="Too late")
    response = client_for(editor).post(url("canvas_edit"), data, headers=HX)
    assert response.status_code == 404
    assert response["HX-Retarget"] == "#messages"
    assert "deleted this canvas while you were editing" in response.content.decode()


def test_header_save_when_the_canvas_was_deleted_meanwhile_without_js(
    editor, canvas, client_for, url, canvas_deleted_on_save
):
    client = client_for(editor)
    response = client.post(url("canvas_edit"), header_data(canvas, title="Too late"))
    assert response["Location"] == reverse("org_home", kwargs={"org_slug": "acme"})
    assert (
        "deleted this canvas while you were editing"
        in client.get(response["Location"]).content.decode()
    )


def test_header_edit_without_js(editor, canvas, client_for, url):
    client = client_for(editor)
    page = client.get(url("canvas_edit"))
    assert page.template_name == "canvas/board.html"
    assert 'name="canvas-title"' in page.content.decode()
    response = client.post(url("canvas_edit"), header_data(canvas, description="Plainly"))
    assert response["Location"] == url("board")
    assert Canvas.objects.get().description == "Plainly"
    assert client.get(url("canvas_edit") + "?close=1")["Location"] == url("board")


@pytest.mark.parametrize("headers", [HX, {}])
def test_header_validation(editor, canvas, client_for, url, headers):
    response = client_for(editor).post(
        url("canvas_edit"), header_data(canvas, title="  ", description="kept"), headers=headers
    )
    assert response.status_code == 422
    assert "Give the canvas a title." in response.content.decode()
    assert "kept" in response.content.decode()


@pytest.mark.parametrize("headers", [HX, {}])
def test_header_conflict_keeps_both(owner, editor, canvas, client_for, url, headers):
    stale = header_data(canvas, title="Editor title", value_kinds=["cost_savings"])
    assert edit_header(
        canvas=canvas,
        expected_version=1,
        changes={"title": "Owner title", "description": "", "value_kinds": []},
        by=owner,
    ).saved
    response = client_for(editor).post(url("canvas_edit"), stale, headers=headers)
    assert response.status_code == 409
    body = response.content.decode()
    assert "Owner title" in body
    assert "Editor title" in body
    assert "Cost savings" in body
    assert 'name="canvas-version" value="2"' in body
    assert Canvas.objects.get().title == "Owner title"


# Access ------------------------------------------------------------------------------------

WRITE_ENDPOINTS = [
    ("post", "note_add", False),
    ("get", "note_edit", True),
    ("post", "note_edit", True),
    ("post", "note_move", True),
    ("post", "note_delete", True),
    ("post", "note_undo", False),
    ("get", "canvas_edit", False),
    ("post", "canvas_edit", False),
]


@pytest.mark.parametrize(("method", "name", "with_note"), WRITE_ENDPOINTS)
@pytest.mark.parametrize("headers", [HX, {}])
def test_access_rules_on_every_endpoint(
    users, note, client_for, url, method, name, with_note, headers
):
    target = url(name, note_pk=note.pk) if with_note else url(name)
    expected = {"viewer": 403, "outsider": 404, "editor": None, "owner": None}
    for role, status in expected.items():
        response = getattr(client_for(users[role]), method)(target, headers=headers)
        if status is None:
            assert response.status_code not in (403, 404, 500), (role, name)
        else:
            assert response.status_code == status, (role, name)
            if headers:
                assert response["HX-Retarget"] == "#messages"
    response = getattr(client_for(None), method)(target, headers=headers)
    if headers:
        assert response.status_code == 200
        assert response["HX-Redirect"].startswith("/login/")
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    if name != "note_delete":
        assert Note.objects.get().text == "Onboarding path"


def test_viewer_403_reads_as_a_message(viewer, note, client_for, url):
    response = client_for(viewer).post(url("note_delete", note_pk=note.pk), headers=HX)
    assert response.status_code == 403
    assert "can view Acme Learning&#x27;s canvases but not change them" in response.content.decode()


def test_viewer_sees_notes_without_controls(viewer, note, client_for, url):
    body = client_for(viewer).get(url("board")).content.decode()
    assert "Onboarding path" in body
    assert "Move up" not in body
    assert "Add a note" not in body
    assert "Edit details" not in body
    response = client_for(viewer).get(url("note_detail", note_pk=note.pk), headers=HX)
    assert_htmx_partial(response, "canvas/board.html#note")


def test_another_orgs_note_is_never_touched(
    editor, make_canvas, other_org, client_for, url, canvas
):
    foreign = make_canvas(organization=other_org, notes_per_area=1).notes.first()
    response = client_for(editor).post(url("note_delete", note_pk=foreign.pk), headers=HX)
    assert_htmx_partial(
        response, "canvas/board.html#gone"
    )  # looked up only inside this canvas: never touched
    assert Note.objects.filter(pk=foreign.pk).exists()


def test_editor_controls_and_open_forms_add_no_queries(
    editor, make_canvas, client_for, django_assert_num_queries
):
    """tests/canvas/test_pages.py pins the board's query count; an editor's controls
    and an open add form must not change it."""
    canvas = make_canvas(notes_per_area=10)
    url = reverse("board", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk})
    client = client_for(editor)
    client.get(url)  # open once: the first request after logging in writes the session
    with CaptureQueriesContext(connection) as plain:
        client.get(url)
    with django_assert_num_queries(len(plain.captured_queries)):
        body = client.get(url + f"?add={SEGMENTS}").content.decode()
    assert body.count('class="note-text" id="note-') == 60  # each note a link to its page
    assert body.count("Move up") == 1  # one set of note tools for the whole board
