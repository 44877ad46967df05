"""The owner's headline and ask: written on the results page of a completed assessment,
version-checked like any edit, printed on page 1 of the report and on shared results."""

import pytest
from django.urls import reverse

from scorecard.models import AssessmentMessage
from sharing.services import create_share_link
from tests.helpers import HX, assert_htmx_partial
from tests.pdf_support import pdf_pages, squash
from tests.scorecard.conftest import url

HEADLINE = "Onboarding is where we win; governance is where we lose the budget."
ASK = "Two regional directors on the learning council, and a decision on the LMS by March."


@pytest.fixture
def completed(canvas, take_assessment):
    return take_assessment(canvas, [1, 2, 2, 2] + [4] * 40)


def post(client, assessment, data, **headers):
    return client.post(url("scorecard_message", assessment), data, headers=headers)


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_an_owner_writes_them_and_the_results_page_keeps_them(client_for, owner, completed, htmx):
    client = client_for(owner)
    page = client.get(url("scorecard_results", completed)).content.decode()
    assert "For the executives" in page
    assert 'name="version"' not in page  # nothing stored yet: the first save starts it

    response = post(client, completed, {"headline": HEADLINE, "ask": ASK}, **(HX if htmx else {}))
    if htmx:
        assert_htmx_partial(response, "scorecard/results.html#message")
        assert "Saved: the report prints them." in response.content.decode()
    else:
        assert response.status_code == 302
        assert response["Location"].endswith("/results/#message")
    stored = AssessmentMessage.objects.get(assessment=completed)
    assert (stored.headline, stored.ask, stored.version) == (HEADLINE, ASK, 2)
    page = client.get(url("scorecard_results", completed)).content.decode()
    assert HEADLINE in page
    assert 'name="version" value="2"' in page


@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_a_stale_save_shows_both_and_changes_nothing(client_for, owner, completed, htmx):
    client = client_for(owner)
    post(client, completed, {"headline": HEADLINE, "ask": ASK, "version": "1"})
    response = post(
        client,
        completed,
        {"headline": "Mine, written on an old page", "ask": ASK, "version": "1"},
        **(HX if htmx else {}),
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "saved a change while you were editing" in body
    assert HEADLINE in body and "Mine, written on an old page" in body
    assert AssessmentMessage.objects.get(assessment=completed).headline == HEADLINE


def test_too_long_says_so_next_to_the_field(client_for, owner, completed):
    response = post(client_for(owner), completed, {"headline": "x" * 161, "ask": ""}, **HX)
    assert response.status_code == 422
    assert "at most 160 characters" in response.content.decode()
    assert not AssessmentMessage.objects.exists()


@pytest.mark.parametrize("role, status", [("editor", 403), ("viewer", 403), ("outsider", 404)])
def test_only_owners_write_them(client_for, users, completed, role, status):
    response = post(client_for(users[role]), completed, {"headline": HEADLINE, "ask": ASK})
    assert response.status_code == status
    assert not AssessmentMessage.objects.exists()


def test_viewers_read_them_and_a_draft_has_none(
    client_for, owner, viewer, completed, canvas, take_assessment
):
    post(client_for(owner), completed, {"headline": HEADLINE, "ask": ASK})
    page = client_for(viewer).get(url("scorecard_results", completed)).content.decode()
    assert HEADLINE in page and ASK in page
    assert "Save headline and ask" not in page
    draft = take_assessment(canvas, 3, complete=False)
    assert post(client_for(owner), draft, {"headline": HEADLINE}).status_code == 403


def test_page_1_and_shared_results_print_them(client_for, owner, completed):
    post(client_for(owner), completed, {"headline": HEADLINE, "ask": ASK})
    first = squash(pdf_pages(client_for(owner).get(url("scorecard_pdf", completed)).content)[0])
    assert squash(HEADLINE) in first
    assert squash(f"Our ask {ASK}") in first
    link = create_share_link(
        canvas=completed.canvas, by=owner, assessment=completed, shows_results=True
    )
    shared = client_for(None).get(reverse("share_results", args=[link.token])).content.decode()
    assert HEADLINE in shared and ASK in shared
