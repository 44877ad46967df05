"""What a share link opens, for anyone and for members, in every state."""

import math
import re
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from canvas.services import trash_canvas
from sharing.models import ShareLink
from sharing.services import USE_RESOLUTION
from tests.sharing.conftest import identities

PAGES = ("share_home", "share_results", "share_pdf", "share_present")


def url(name, link_or_token, number=1):
    token = getattr(link_or_token, "token", link_or_token)
    args = [token, number] if name == "share_present" else [token]
    return reverse(name, args=args)


def assert_public_headers(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]


@pytest.fixture(params=["anonymous", "owner", "viewer", "outsider"])
def visitor(request, users):
    """Anyone, members of the canvas's organization and of another see the same pages."""
    client = Client()
    if request.param != "anonymous":
        client.force_login(users[request.param])
    return client


@pytest.mark.parametrize("name", PAGES)
def test_a_valid_link_opens_each_page_it_names(visitor, full_link, name):
    response = visitor.get(url(name, full_link))
    assert response.status_code == 200
    assert_public_headers(response)
    if name == "share_pdf":
        assert response["Content-Type"] == "application/pdf"
        return
    body = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert '<meta name="referrer" content="no-referrer">' in body
    assert ' style="' not in body  # the strict CSP allows no inline style
    assert re.search(r"<script(?![^>]*\bsrc=)", body) is None  # no inline script
    assert not re.search(r"<[^>]+\son[a-z]+=", body)  # no inline event handlers


@pytest.mark.parametrize("state", ["expired", "revoked"])
@pytest.mark.parametrize("name", PAGES)
def test_an_expired_or_revoked_link_answers_a_friendly_410(visitor, request, state, name):
    link = request.getfixturevalue(f"{state}_link")
    response = visitor.get(url(name, link))
    assert response.status_code == 410
    assert_public_headers(response)
    body = response.content.decode()
    assert "no longer works" in body or "has expired" in body
    assert link.canvas.title not in body


def test_a_link_works_through_its_last_day(client, full_link):
    full_link.expires_on = full_link.canvas.organization.today()
    full_link.save(update_fields=["expires_on"])
    assert client.get(url("share_home", full_link)).status_code == 200


@pytest.mark.parametrize("name", PAGES)
def test_an_unknown_token_is_a_404(visitor, full_link, name):
    for token in ("x" * 32, full_link.token[:-1] + "A", full_link.token.upper(), "z" * 65):
        if token == full_link.token:
            continue
        response = visitor.get(url(name, token))
        assert response.status_code == 404
        assert_public_headers(response)
        assert "lead anywhere" in response.content.decode()


def test_a_link_to_a_canvas_in_the_trash_stops(client, full_link, owner):
    trash_canvas(canvas=full_link.canvas, by=owner)
    assert client.get(url("share_home", full_link)).status_code == 410


@pytest.mark.parametrize(
    ("options", "closed"),
    [
        ({"shows_board": True}, ["share_results", "share_pdf", "share_present"]),
        ({"shows_board": False, "shows_presentation": True}, ["share_results", "share_pdf"]),
    ],
)
def test_a_link_opens_only_what_it_names(client, make_link, options, closed):
    link = make_link(**options)
    for name in closed:
        assert client.get(url(name, link)).status_code == 404, name
    assert client.get(url("share_home", link)).status_code == 200


def test_a_link_without_the_board_shows_no_notes(client, make_link, assessment):
    link = make_link(shows_board=False, assessment=assessment, shows_results=True)
    body = client.get(url("share_home", link)).content.decode()
    assert "Skills the business asks for" not in body
    assert url("share_results", link) in body


def test_public_addresses_carry_no_database_ids(full_link, assessment, noted_canvas):
    for name in PAGES:
        address = url(name, full_link, number=3)
        segments = address.strip("/").split("/")
        assert segments[:2] == ["s", full_link.token]
        numbers = [segment for segment in segments if segment.isdigit()]
        assert numbers == (["3"] if name == "share_present" else []), address
    with pytest.raises(NoReverseMatch):
        reverse("share_results", args=[full_link.token, assessment.pk])


@pytest.mark.parametrize(
    "path",
    [
        "{token}/canvases/{other_canvas}/",
        "{token}/results/{other_assessment}/",
        "{token}/assessments/{other_assessment}/results/",
        "{token}/results.pdf/{other_assessment}",
        "{token}/?canvas={other_canvas}",
        "{token}/results/?assessment={other_assessment}",
    ],
)
def test_no_other_canvas_or_assessment_can_be_reached_through_a_link(
    visitor, full_link, make_canvas, take_assessment, path
):
    other_canvas = make_canvas("Secret plans")
    other_canvas.add_note(area="value_proposition", text="Top secret note", by=full_link.created_by)
    other_assessment = take_assessment(other_canvas, 1)
    address = "/s/" + path.format(
        token=full_link.token, other_canvas=other_canvas.pk, other_assessment=other_assessment.pk
    )
    response = visitor.get(address)
    body = response.content.decode()
    assert "Top secret note" not in body and "Secret plans" not in body
    if "?" not in path:
        assert response.status_code == 404
    else:
        # The query is ignored: the link's own canvas and assessment show.
        assert response.status_code == 200
        assert full_link.canvas.title in body


def test_a_pinned_assessment_moved_to_another_canvas_is_not_shown(
    client, full_link, make_canvas, assessment
):
    """Defence in depth: the results page checks the assessment still belongs to the link's
    canvas, whatever happens to the rows later."""
    other = make_canvas("Other")
    type(assessment).objects.filter(pk=assessment.pk).update(canvas=other)
    assert client.get(url("share_results", full_link)).status_code == 404
    assert client.get(url("share_pdf", full_link)).status_code == 404


@pytest.mark.parametrize("number", [0, 8, 99])
def test_slides_out_of_range_are_404(client, full_link, number):
    assert client.get(url("share_present", full_link, number=number)).status_code == 404


def test_the_shared_board_shows_notes_but_no_edit_controls_or_people(
    client, full_link, owner, editor, viewer
):
    body = client.get(url("share_home", full_link)).content.decode()
    assert "Skills the business asks for" in body
    assert "Fewer hours lost to rework" in body
    for forbidden in ("<form", "csrf", "hx-", "Edit", "Add a note", "Delete", "Duplicate"):
        assert forbidden not in body, forbidden
    for word in identities(owner, editor, viewer):
        assert word not in body, word
    assert "Last edited" not in body


def test_the_shared_board_is_not_live_and_shows_nobody_here(
    client, full_link, canvas, owner, editor
):
    """A board opened through a link doesn't poll the feed (whose answers name people) and
    shows no presence, even while members have the board open."""
    from core.live import check_in

    check_in(canvas.feed, tab="a", user_pk=editor.pk, name=editor.get_full_name())
    body = client.get(url("share_home", full_link)).content.decode()
    for forbidden in ("live.js", "data-feed", "data-ticket", "board-live", "Also here"):
        assert forbidden not in body, forbidden
    assert editor.get_full_name() not in body


def test_the_shared_results_show_scores_and_advice_but_no_people(
    client, full_link, owner, editor, viewer, assessment
):
    body = client.get(url("share_results", full_link)).content.decode()
    assert "Overall score" in body and "Weakest link" in body
    assert "Area by area" in body
    for forbidden in ("<form", "csrf", "hx-", "tick"):
        assert forbidden not in body, forbidden
    for word in identities(owner, editor, viewer):
        assert word not in body, word


def test_the_shared_pdf_prints_no_names(client, full_link, editor, monkeypatch):
    captured = {}
    from studio import shared

    real = shared.pdf_download

    def spy(request, template, context, **kwargs):
        from django.template.loader import render_to_string

        captured["html"] = render_to_string(template, context)
        return real(request, template, context, **kwargs)

    monkeypatch.setattr(shared, "pdf_download", spy)
    response = client.get(url("share_pdf", full_link))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    for word in identities(editor):
        assert word not in captured["html"], word
    assert "Taken by" not in captured["html"]


def test_last_used_is_written_at_most_once_a_minute(client, full_link, django_assert_num_queries):
    assert full_link.last_used_at is None
    client.get(url("share_home", full_link))
    full_link.refresh_from_db()
    first = full_link.last_used_at
    assert first is not None
    client.get(url("share_home", full_link))
    full_link.refresh_from_db()
    assert full_link.last_used_at == first
    ShareLink.objects.filter(pk=full_link.pk).update(
        last_used_at=timezone.now() - USE_RESOLUTION - timedelta(seconds=1)
    )
    client.get(url("share_home", full_link))
    full_link.refresh_from_db()
    assert full_link.last_used_at > first - USE_RESOLUTION


def test_revoked_means_revoked_at_once_even_for_an_open_session(client, full_link, owner):
    """Nothing about a link is cached: the very next request after revoking is refused."""
    assert client.get(url("share_present", full_link, number=2)).status_code == 200
    ShareLink.objects.filter(pk=full_link.pk).update(revoked_at=timezone.now())
    for name in PAGES:
        assert client.get(url(name, full_link)).status_code == 410


def test_tokens_are_long_random_and_distinct(make_link):
    links = [make_link() for _ in range(50)]
    tokens = {link.token for link in links}
    assert len(tokens) == 50
    for token in tokens:
        assert len(token) >= 32
        assert re.fullmatch(r"[A-Za-z0-9_-]+", token)
    # 32 characters of a 64-letter alphabet: 192 bits, far beyond guessing.
    assert 32 * math.log2(64) >= 128
    # Not sequential: no two tokens share a long prefix.
    ordered = sorted(tokens)
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a[:8] != b[:8]


@override_settings(SHARE_RATE_LIMIT="5/h")
def test_the_rate_limit_holds_on_every_share_page(full_link):
    address = {"REMOTE_ADDR": "198.51.100.20"}
    client = Client()
    names = ["share_home", "share_results", "share_present", "share_pdf", "share_home"]
    for name in names:
        assert client.get(url(name, full_link), **address).status_code == 200, name
    for name in PAGES:
        refused = client.get(url(name, full_link), **address)
        assert refused.status_code == 429
        assert_public_headers(refused)
    # Guessing tokens counts too, and another address still gets through.
    assert client.get(url("share_home", "guess" * 7), **address).status_code == 429
    assert client.get(url("share_home", full_link), REMOTE_ADDR="198.51.100.21").status_code == 200


@override_settings(SHARE_RATE_LIMIT=None)
def test_the_rate_limit_can_be_lifted(client, full_link):
    for _ in range(20):
        assert client.get(url("share_home", full_link)).status_code == 200


def test_the_default_rate_limit_lets_a_meeting_present(settings):
    assert int(settings.SHARE_RATE_LIMIT.split("/")[0]) >= 100
