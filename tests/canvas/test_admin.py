"""The admin fixes notes without breaking the board's ordering or anyone's edit."""

from django.urls import reverse

from canvas.areas import AreaKey
from canvas.models import Note
from canvas.services import edit_note
from tests.canvas.conftest import area_texts, positions
from tests.helpers import HX

PRODUCTS = AreaKey.PRODUCTS_SERVICES


def test_admin_fix_bumps_the_version_so_a_stale_board_edit_conflicts(
    admin_client, editor, canvas, note, client_for, url
):
    opened_at = note.version
    response = admin_client.post(
        reverse("admin:canvas_note_change", args=[note.pk]),
        {"text": "Onboarding path (fixed by admin)", "colour": note.colour},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert (note.text, note.version) == ("Onboarding path (fixed by admin)", opened_at + 1)

    prefix = f"note-{note.pk}"
    stale = {
        f"{prefix}-text": "My edit",
        f"{prefix}-colour": note.colour,
        f"{prefix}-version": opened_at,
        f"{prefix}-area": note.area,
    }
    response = client_for(editor).post(url("note_edit", note_pk=note.pk), stale, headers=HX)
    assert response.status_code == 409
    assert "My edit" in response.content.decode()
    assert Note.objects.get(pk=note.pk).text == "Onboarding path (fixed by admin)"


def test_admin_leaves_positions_to_the_board(admin_client, canvas, owner):
    notes = [canvas.add_note(area=PRODUCTS, text=text, by=owner) for text in "abc"]
    page = admin_client.get(reverse("admin:canvas_note_change", args=[notes[0].pk]))
    assert 'name="position"' not in page.content.decode()
    admin_client.post(reverse("admin:canvas_note_delete", args=[notes[1].pk]), {"post": "yes"})
    assert area_texts(canvas, PRODUCTS) == ["a", "c"]
    assert positions(canvas, PRODUCTS) == [0, 1]


def test_admin_bulk_delete_keeps_positions_dense(admin_client, canvas, owner):
    notes = [canvas.add_note(area=PRODUCTS, text=text, by=owner) for text in "abcd"]
    admin_client.post(
        reverse("admin:canvas_note_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [notes[0].pk, notes[2].pk],
            "post": "yes",
        },
    )
    assert area_texts(canvas, PRODUCTS) == ["b", "d"]
    assert positions(canvas, PRODUCTS) == [0, 1]


def test_canvas_admin_shows_its_notes(admin_client, canvas, note):
    page = admin_client.get(reverse("admin:canvas_canvas_change", args=[canvas.pk]))
    assert page.status_code == 200
    assert "Onboarding path" in page.content.decode()


def test_admin_save_over_a_newer_board_edit_is_refused(admin_client, editor, note):
    page = admin_client.get(reverse("admin:canvas_note_change", args=[note.pk]))
    assert f'name="opened_version" value="{note.version}"' in page.content.decode()
    opened_at = note.version
    assert edit_note(
        note=note,
        expected_version=opened_at,
        changes={"text": "Editor's newer text", "colour": note.colour},
        by=editor,
    ).saved
    response = admin_client.post(
        reverse("admin:canvas_note_change", args=[note.pk]),
        {"text": "Admin's older fix", "colour": note.colour, "opened_version": opened_at},
    )
    assert response.status_code == 200
    assert "Someone changed this after you opened it" in response.content.decode()
    assert Note.objects.get(pk=note.pk).text == "Editor's newer text"


def test_customer_records_keep_their_list_in_the_admin(admin_client, canvas, owner):
    from customers.services import add_segment

    segment = add_segment(canvas=canvas, by=owner, name="Store associates", kind="learners")
    page = admin_client.get(reverse("admin:customers_segment_change", args=[segment.pk]))
    assert 'name="canvas"' not in page.content.decode()
