"""Members' pulse pages: who may open, close, revoke and read; what the results page shows."""

from datetime import timedelta

import pytest
from django.urls import reverse

from pulse.models import Comment, Pulse
from pulse.services import close_pulse
from tests.helpers import canvas_url
from tests.pulse.conftest import pulse_url

OPEN_DATA = {"groups": ["learners", "smes"], "intro": "Tell us straight."}


def open_data(canvas, **extra):
    return {**OPEN_DATA, "closes_on": canvas.organization.today() + timedelta(days=10), **extra}


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_owners_and_editors_open_a_pulse(role, users, canvas, client_for):
    client = client_for(users[role])
    assert client.get(canvas_url("pulse_open", canvas)).status_code == 200
    response = client.post(canvas_url("pulse_open", canvas), open_data(canvas))
    pulse = Pulse.objects.get()
    assert response.status_code == 302
    assert response["Location"] == pulse_url("pulse_results", pulse)
    assert pulse.groups == ["learners", "smes"]
    assert pulse.intro == "Tell us straight."
    assert len(pulse.token) >= 32
    assert pulse.statement_set.is_default
    canvas.refresh_from_db()
    assert canvas.updated_by == users[role]


def test_tokens_are_unguessable_and_unique(canvas, make_pulse):
    tokens = {make_pulse(canvas).token for _ in range(5)}
    assert len(tokens) == 5
    assert all(len(token) == 32 for token in tokens)


def test_bad_settings_are_refused_by_the_field(editor, canvas, client_for):
    client = client_for(editor)
    yesterday = canvas.organization.today() - timedelta(days=1)
    response = client.post(
        canvas_url("pulse_open", canvas),
        {"groups": ["martians"], "closes_on": yesterday, "intro": "x" * 300},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert "Choose today or a later day." in body
    assert "at most 200 characters" in body
    response = client.post(canvas_url("pulse_open", canvas), {"closes_on": "31/02/2027"})
    assert "Choose at least one group." in response.content.decode()
    assert "Enter a date" in response.content.decode()
    assert not Pulse.objects.exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("pulse_open", "get"),
        ("pulse_open", "post"),
        ("pulse_close", "post"),
        ("pulse_revoke", "post"),
    ],
)
def test_viewers_cannot_open_close_or_revoke(name, method, viewer, canvas, pulse, client_for):
    client = client_for(viewer)
    url = canvas_url(name, canvas) if name == "pulse_open" else pulse_url(name, pulse)
    response = getattr(client, method)(url, open_data(canvas) if method == "post" else None)
    assert response.status_code == 403
    assert "Ask an owner" in response.content.decode()
    pulse.refresh_from_db()
    assert (pulse.closed_at, pulse.revoked_at) == (None, None)
    assert Pulse.objects.count() == 1


@pytest.mark.parametrize(
    "name", ["pulse_results", "pulse_qr", "pulse_invitation", "pulse_close", "pulse_revoke"]
)
def test_another_organization_gets_404(name, outsider, other_org, pulse, client_for):
    client = client_for(outsider)
    method = client.post if name in ("pulse_close", "pulse_revoke") else client.get
    assert method(pulse_url(name, pulse)).status_code == 404
    # Its own slug with our canvas is still a 404.
    url = reverse(
        name,
        kwargs={"org_slug": other_org.slug, "canvas_pk": pulse.canvas_id, "pulse_pk": pulse.pk},
    )
    assert method(url).status_code == 404
    pulse.refresh_from_db()
    assert pulse.revoked_at is None and pulse.closed_at is None


def test_results_are_for_members_only(pulse, respond, client, viewer, client_for):
    respond(pulse, 5, comment="Private words")
    anonymous = client.get(pulse_url("pulse_results", pulse))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    body = client_for(viewer).get(pulse_url("pulse_results", pulse)).content.decode()
    assert "Private words" in body
    assert "Close now" not in body and "Revoke the link" not in body  # viewers read only
    assert "Hide" not in body


def test_closing_and_revoking(editor, pulse, client_for):
    client = client_for(editor)
    response = client.post(pulse_url("pulse_close", pulse), follow=True)
    assert "The pulse is closed" in response.content.decode()
    pulse.refresh_from_db()
    assert pulse.state(pulse.canvas.organization.today()) == Pulse.State.CLOSED
    response = client.post(pulse_url("pulse_revoke", pulse), follow=True)
    assert "no longer works" in response.content.decode()
    pulse.refresh_from_db()
    assert pulse.state(pulse.canvas.organization.today()) == Pulse.State.REVOKED
    again = client.post(pulse_url("pulse_revoke", pulse), follow=True)
    assert "already been revoked" in again.content.decode()
    assert client.get(pulse_url("pulse_close", pulse)).status_code == 405


def test_only_an_owner_hides_a_comment(pulse, respond, owner, editor, client_for):
    respond(pulse, 5, comment="Rude")
    comment = Comment.objects.first()
    url = pulse_url("pulse_comment_hide", pulse, comment_pk=comment.pk)
    assert client_for(editor).post(url).status_code == 403
    comment.refresh_from_db()
    assert not comment.hidden
    response = client_for(owner).post(url, follow=True)
    assert "The comment is hidden" in response.content.decode()
    comment.refresh_from_db()
    assert comment.hidden
    body = client_for(owner).get(pulse_url("pulse_results", pulse)).content.decode()
    assert body.count("<p>Rude</p>") == 4
    assert "1 comment hidden" in body
    missing = pulse_url("pulse_comment_hide", pulse, comment_pk=987654)
    assert client_for(owner).post(missing, follow=True).status_code == 200


def test_the_results_page_before_five(pulse, respond, viewer, client_for):
    respond(pulse, 4, comment="too early")
    body = client_for(viewer).get(pulse_url("pulse_results", pulse)).content.decode()
    assert "Nothing to show yet" in body
    assert "4 so far" in body
    assert "too early" not in body


def test_the_results_page_sets_stakeholders_beside_the_team(
    pulse, respond, editor, viewer, client_for, take_assessment
):
    take_assessment(pulse.canvas, 5)  # the team scores itself 100 everywhere
    respond(pulse, 5, score=3)  # the business: 50
    body = client_for(viewer).get(pulse_url("pulse_results", pulse)).content.decode()
    assert "The business rates this lower than you do." in body
    assert "Wide gap" in body
    assert "The widest gap is in" in body
    assert "Scores by group appear when the pulse closes" in body


def test_the_results_page_shows_groups_once_closed(pulse, respond, editor, viewer, client_for):
    respond(pulse, 5, group="learners", score=5)
    respond(pulse, 4, group="line_managers", score=1)
    respond(pulse, 1, group="senior_leaders", score=1)
    close_pulse(pulse=pulse, by=editor)
    body = client_for(viewer).get(pulse_url("pulse_results", pulse)).content.decode()
    assert "Learners (5)" in body
    assert "Line managers (" not in body  # four: not on their own
    assert "Other groups together (5)" in body
    assert "Line managers: fewer than 5" in body


def test_compare_with_an_earlier_pulse(canvas, make_pulse, respond, viewer, client_for):
    earlier = make_pulse(canvas)
    respond(earlier, 5, score=2)
    later = make_pulse(canvas)
    respond(later, 5, score=4)
    body = client_for(viewer).get(pulse_url("pulse_results", later)).content.decode()
    assert "Compared with an earlier pulse" in body
    assert "+50" in body
    chosen = pulse_url("pulse_results", later) + f"?compare={earlier.pk}&page=zzz"
    assert client_for(viewer).get(chosen).status_code == 200
    assert (
        client_for(viewer).get(pulse_url("pulse_results", later) + "?compare=junk").status_code
        == 200
    )


def test_the_results_page_takes_the_same_queries_as_responses_grow(
    pulse,
    respond,
    editor,
    viewer,
    client_for,
    canvas,
    make_pulse,
    take_assessment,
    django_assert_num_queries,
):
    take_assessment(canvas, 4)
    earlier = make_pulse(canvas)
    respond(earlier, 5)
    close_pulse(pulse=pulse, by=editor)
    client = client_for(viewer)
    respond(pulse, 10, comment="hello")
    url = pulse_url("pulse_results", pulse)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    respond(pulse, 300, group="line_managers", comment="more")
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Line managers (300)" in response.content.decode()


def test_the_list_shows_every_pulse_with_its_state(
    canvas, make_pulse, respond, viewer, client_for, editor
):
    first = make_pulse(canvas)
    close_pulse(pulse=first, by=editor)
    second = make_pulse(canvas)
    respond(second, 3)
    body = client_for(viewer).get(canvas_url("pulse_list", canvas)).content.decode()
    assert "Closed" in body and "Open" in body
    assert "Open a pulse" not in body  # a viewer can't
    assert pulse_url("pulse_results", second) in body


def test_the_qr_code_encodes_the_public_link(pulse, viewer, client_for):
    client = client_for(viewer)
    svg = client.get(pulse_url("pulse_qr", pulse))
    assert svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert body.startswith("<svg") and "<script" not in body and "style=" not in body
    png = client.get(pulse_url("pulse_qr", pulse) + "?format=png&download")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")
    assert "attachment" in png["Content-Disposition"]


def test_the_results_page_offers_link_qr_and_invitation(pulse, viewer, client_for):
    body = client_for(viewer).get(pulse_url("pulse_results", pulse)).content.decode()
    assert f"http://testserver/p/{pulse.token}/" in body
    assert pulse_url("pulse_qr", pulse) in body
    assert pulse_url("pulse_invitation", pulse) in body


def test_the_invitation_is_one_printable_page(pulse, viewer, client_for):
    from io import BytesIO

    from pypdf import PdfReader

    response = client_for(viewer).get(pulse_url("pulse_invitation", pulse))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "How are we doing?" in text
    assert pulse.token[:10] in text.replace("\n", "")


def test_the_board_shows_the_pulse_beside_the_self_assessment(
    canvas, pulse, respond, viewer, client_for, take_assessment
):
    take_assessment(canvas, 4)
    board = client_for(viewer).get(canvas_url("board", canvas)).content.decode()
    assert "pulse-badge" not in board  # no pulse with five responses yet
    respond(pulse, 5, score=2)
    board = client_for(viewer).get(canvas_url("board", canvas)).content.decode()
    assert board.count("Stakeholders 25") == 6
    assert board.count("Score 75") == 6
    assert canvas_url("pulse_list", canvas) in board
