"""Owners make, list and revoke share links; nobody else can."""

import pytest

from sharing.models import ShareLink
from tests.helpers import canvas_url


def settings_url(canvas):
    return canvas_url("share_settings", canvas)


def revoke_url(link):
    return canvas_url("share_revoke", link.canvas, link_pk=link.pk)


def test_an_owner_makes_a_link_pinned_to_an_assessment(client_for, owner, noted_canvas, assessment):
    response = client_for(owner).post(
        settings_url(noted_canvas),
        {
            "label": "Exec team, Q3",
            "shows_board": "on",
            "assessment": assessment.pk,
            "shows_results": "on",
            "shows_pdf": "on",
            "shows_presentation": "on",
        },
    )
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert response["Location"].endswith(f"#link-{link.pk}")
    assert (link.canvas, link.assessment, link.created_by) == (noted_canvas, assessment, owner)
    assert link.shows_board and link.shows_results and link.shows_pdf and link.shows_presentation
    page = client_for(owner).get(settings_url(noted_canvas)).content.decode()
    assert "Exec team, Q3" in page
    assert f"/s/{link.token}/" in page
    assert "Not yet" in page  # last used
    assert "The board, results, the PDF, the presentation" in page


def test_the_pinned_assessment_stays_when_a_later_one_is_completed(
    full_link, assessment, take_assessment, noted_canvas
):
    later = take_assessment(noted_canvas, 5)
    full_link.refresh_from_db()
    assert full_link.assessment == assessment != later


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, None, "Choose at least one thing the link shows."),
        ({"shows_results": "on"}, "assessment", "Choose the assessment"),
        ({"shows_board": "on", "expires_on": "2001-01-01"}, "expires_on", "today or a later day"),
        ({"shows_board": "on", "expires_on": "soon"}, "expires_on", "Enter a date"),
        ({"shows_board": "on", "label": "x" * 81}, "label", "at most 80"),
    ],
)
def test_bad_input_is_refused_by_the_field(client_for, owner, noted_canvas, data, field, message):
    response = client_for(owner).post(settings_url(noted_canvas), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    if field:
        assert response.context["form"].errors[field]
    assert not ShareLink.objects.exists()


def test_an_assessment_of_another_canvas_or_a_draft_cannot_be_pinned(
    client_for, owner, noted_canvas, make_canvas, take_assessment
):
    other = take_assessment(make_canvas("Other"), 3)
    draft = take_assessment(noted_canvas, 3, complete=False)
    for wrong in (other, draft):
        response = client_for(owner).post(
            settings_url(noted_canvas),
            {"shows_results": "on", "assessment": wrong.pk},
        )
        assert response.status_code == 422
        assert response.context["form"].errors["assessment"]
    assert not ShareLink.objects.exists()


@pytest.mark.parametrize("role", ["editor", "viewer"])
def test_editors_and_viewers_can_neither_see_make_nor_revoke_links(
    client_for, users, role, noted_canvas, full_link
):
    client = client_for(users[role])
    assert client.get(settings_url(noted_canvas)).status_code == 403
    assert client.post(settings_url(noted_canvas), {"shows_board": "on"}).status_code == 403
    assert client.post(revoke_url(full_link)).status_code == 403
    full_link.refresh_from_db()
    assert full_link.revoked_at is None
    assert ShareLink.objects.count() == 1


def test_another_organization_gets_404(client_for, outsider, noted_canvas, full_link):
    client = client_for(outsider)
    assert client.get(settings_url(noted_canvas)).status_code == 404
    assert client.post(settings_url(noted_canvas), {"shows_board": "on"}).status_code == 404
    assert client.post(revoke_url(full_link)).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, noted_canvas):
    response = client.get(settings_url(noted_canvas))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_revoking_a_link_of_another_canvas_through_this_one_is_404(
    client_for, owner, full_link, make_canvas
):
    other = make_canvas("Other")
    url = canvas_url("share_revoke", other, link_pk=full_link.pk)
    assert client_for(owner).post(url).status_code == 404
    full_link.refresh_from_db()
    assert full_link.revoked_at is None


def test_revoking_stops_the_link_at_once(client_for, owner, full_link):
    public = f"/s/{full_link.token}/"
    assert client_for(None).get(public).status_code == 200
    response = client_for(owner).post(revoke_url(full_link))
    assert response.status_code == 302
    full_link.refresh_from_db()
    assert full_link.revoked_at is not None and full_link.revoked_by == owner
    assert client_for(None).get(public).status_code == 410
    again = client_for(owner).post(revoke_url(full_link), follow=True)
    assert "already been revoked" in again.content.decode()


def test_the_board_offers_share_to_owners_and_present_to_everyone(client_for, users, noted_canvas):
    board = canvas_url("board", noted_canvas)
    for role in ("owner", "editor", "viewer"):
        page = client_for(users[role]).get(board).content.decode()
        assert canvas_url("present", noted_canvas, number=1) in page
        assert (settings_url(noted_canvas) in page) == (role == "owner")
