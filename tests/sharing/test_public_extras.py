"""The presentation's start address through a share link, in every state, and the headers
every public answer sends: a Content-Security-Policy whose scripts need no inline code,
noindex, no referrer, no store."""

from datetime import timedelta

import pytest
from django.urls import reverse

from sharing.services import revoke_share_link
from studio.presentation import SLIDE_COUNT

UNKNOWN = "x" * 32


def start_url(link_or_token) -> str:
    return reverse("share_present_start", args=[getattr(link_or_token, "token", link_or_token)])


def slide_url(link, number: int) -> str:
    return reverse("share_present", args=[link.token, number])


@pytest.fixture
def slides_link(make_link):
    """A link that shows the presentation and nothing else (no assessment to build)."""
    return make_link(shows_board=False, shows_presentation=True)


@pytest.fixture
def board_only_link(make_link):
    return make_link(shows_board=True, shows_presentation=False)


@pytest.fixture
def expired_slides_link(slides_link):
    slides_link.expires_on = slides_link.canvas.organization.today() - timedelta(days=1)
    slides_link.save(update_fields=["expires_on"])
    return slides_link


@pytest.fixture
def revoked_slides_link(slides_link, owner):
    assert revoke_share_link(link=slides_link, by=owner)
    return slides_link


def policy_of(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def assert_public_headers(response) -> None:
    """What every answer to a public address carries, whatever its status."""
    what = (response.status_code, response.wsgi_request.path)
    assert "noindex" in response["X-Robots-Tag"], what
    assert response["Referrer-Policy"] == "no-referrer", what
    assert "no-store" in response["Cache-Control"], what
    policy = policy_of(response)
    assert policy.get("default-src") == ["'self'"], (what, policy)
    scripts = policy["script-src"]
    assert "'self'" in scripts, (what, scripts)
    assert not any("unsafe" in source for source in scripts), (what, scripts)
    assert all(source == "'self'" or source.startswith("'nonce-") for source in scripts), what
    assert policy.get("frame-ancestors") == ["'none'"], (what, policy)


def assert_public_page(response) -> None:
    """An HTML answer also says noindex and no-referrer in its head."""
    assert_public_headers(response)
    body = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert '<meta name="referrer" content="no-referrer">' in body


# The presentation's start address ----------------------------------------------------------


def test_the_start_address_leads_to_the_first_slide(client, slides_link):
    response = client.get(start_url(slides_link))
    assert response.status_code == 302
    assert response["Location"] == slide_url(slides_link, 1)
    assert_public_headers(response)
    slide = client.get(response["Location"])
    assert slide.status_code == 200
    assert_public_page(slide)
    body = slide.content.decode()
    assert f"{slides_link.canvas.title} · 1 of {SLIDE_COUNT}</p>" in body
    assert "Skills the business asks for" in body  # the first slide's note


def test_the_start_address_of_a_link_without_the_presentation_is_a_404(client, board_only_link):
    response = client.get(start_url(board_only_link))
    assert response.status_code == 404
    assert_public_page(response)
    body = response.content.decode()
    assert "lead anywhere" in body
    assert board_only_link.canvas.title not in body
    # The link itself still works for what it shows.
    assert client.get(reverse("share_home", args=[board_only_link.token])).status_code == 200


@pytest.mark.parametrize(
    ("state", "says"),
    [("expired", "This link has expired"), ("revoked", "This link no longer works")],
)
def test_the_start_address_of_an_expired_or_revoked_link_is_a_friendly_410(
    client, request, state, says
):
    link = request.getfixturevalue(f"{state}_slides_link")
    response = client.get(start_url(link))
    assert response.status_code == 410
    assert_public_page(response)
    body = response.content.decode()
    assert says in body
    assert link.canvas.title not in body
    assert "Location" not in response


def test_the_start_address_of_an_unknown_token_is_a_404(client, slides_link):
    for token in (UNKNOWN, slides_link.token[:-1] + ("A" if slides_link.token[-1] != "A" else "B")):
        response = client.get(start_url(token))
        assert response.status_code == 404, token
        assert_public_page(response)
        assert "lead anywhere" in response.content.decode()


# The headers of every public answer ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("share_home", 200),
        ("share_results", 200),
        ("share_present", 200),
        ("share_present_start", 302),
    ],
)
def test_each_public_page_sends_the_public_headers(client, full_link, name, status):
    args = [full_link.token, 2] if name == "share_present" else [full_link.token]
    response = client.get(reverse(name, args=args))
    assert response.status_code == status
    assert_public_headers(response)
    if status == 200:
        assert_public_page(response)


REFUSED = {
    "share_home": [],
    "share_results": [],
    "share_present": [1],
    "share_present_start": [],
}


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        (answer, name)
        for answer in ("unknown", "not shown", "expired", "revoked")
        for name in REFUSED
        # A link always opens its front page: nothing to refuse there.
        if (answer, name) != ("not shown", "share_home")
    ],
)
def test_every_refusal_sends_the_public_headers(client, request, make_link, answer, name):
    if answer == "unknown":
        token, status = UNKNOWN, 404
    elif answer == "not shown":
        # Nothing but the board: the results and the slides are not part of it.
        token, status = make_link(shows_board=True).token, 404
    else:
        token, status = request.getfixturevalue(f"{answer}_slides_link").token, 410
    response = client.get(reverse(name, args=[token, *REFUSED[name]]))
    assert response.status_code == status
    assert_public_page(response)
