"""A member removed from an organization is refused on their very next request, with
words they can read, whatever the page had open."""

import pytest
from django.urls import reverse

from canvas.areas import AreaKey
from canvas.models import Note
from orgs.models import Membership
from tests.helpers import HX, canvas_url

REMOVED = "You&#x27;re no longer a member of Acme Learning"


@pytest.fixture
def note(canvas, owner):
    return canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="Onboarding path", by=owner)


@pytest.fixture
def board_open(client_for, editor, canvas, note):
    """The editor has the board open, with a note's edit form, when an admin removes them."""
    client = client_for(editor)
    assert client.get(canvas_url("board", canvas)).status_code == 200
    assert (
        client.get(canvas_url("note_edit", canvas, note_pk=note.pk), headers=HX).status_code == 200
    )
    Membership.objects.filter(user=editor).delete()
    return client


def edit_data(note, text):
    prefix = f"note-{note.pk}"
    return {
        f"{prefix}-text": text,
        f"{prefix}-colour": "yellow",
        f"{prefix}-version": note.version,
        f"{prefix}-area": note.area,
    }


def test_an_open_edit_form_gets_the_message_in_the_page_message_area(board_open, canvas, note):
    response = board_open.post(
        canvas_url("note_edit", canvas, note_pk=note.pk), edit_data(note, "Mine now"), headers=HX
    )
    assert response.status_code == 403
    assert response.template_name == "403.html#message"
    assert response["HX-Retarget"] == "#messages"
    assert response["HX-Reswap"] == "beforeend"
    assert "HX-Request" in response["Vary"]
    body = response.content.decode()
    assert REMOVED in body
    assert "<html" not in body  # a fragment for the message area, not a page
    assert Note.objects.get(pk=note.pk).text == "Onboarding path"


def test_every_kind_of_htmx_request_is_refused_the_same_way(board_open, canvas, note):
    for method, url, data in [
        ("get", canvas_url("note_edit", canvas, note_pk=note.pk), None),
        ("post", canvas_url("note_add", canvas), {"area": note.area}),
        ("post", canvas_url("note_delete", canvas, note_pk=note.pk), {}),
    ]:
        response = getattr(board_open, method)(url, data, headers=HX)
        assert response.status_code == 403, url
        assert response["HX-Retarget"] == "#messages"
        assert REMOVED in response.content.decode()
    assert Note.objects.filter(pk=note.pk).exists()


def test_a_plain_post_and_a_reload_get_the_readable_403_page(board_open, canvas, note):
    response = board_open.post(
        canvas_url("note_edit", canvas, note_pk=note.pk), edit_data(note, "Mine now")
    )
    assert response.status_code == 403
    assert REMOVED in response.content.decode()
    response = board_open.get(canvas_url("board", canvas))
    assert response.status_code == 403
    assert "<h1>You can't do that here</h1>" in response.content.decode()
    assert REMOVED in response.content.decode()


def test_someone_who_never_was_a_member_still_gets_a_404(client_for, outsider, canvas, note):
    client = client_for(outsider)
    for headers in ({}, HX):
        response = client.get(canvas_url("board", canvas), headers=headers)
        assert response.status_code == 404
        assert "no longer a member" not in response.content.decode()


def test_a_member_still_gets_a_404_for_a_canvas_that_is_gone(client_for, editor, canvas):
    client = client_for(editor)
    url = canvas_url("board", canvas)
    client.get(url)
    canvas.delete()
    for headers in ({}, HX):
        response = client.get(url, headers=headers)
        assert response.status_code == 404
        assert "no longer a member" not in response.content.decode()


def test_a_member_added_back_carries_on(board_open, editor, org, canvas):
    Membership.objects.create(user=editor, organization=org, role=Membership.Role.EDITOR)
    assert board_open.get(canvas_url("board", canvas)).status_code == 200


def test_removed_from_one_organization_still_works_in_another(
    board_open, editor, other_org, client_for
):
    Membership.objects.create(user=editor, organization=other_org, role=Membership.Role.VIEWER)
    assert board_open.get(reverse("org_home", args=[other_org.slug])).status_code == 200
