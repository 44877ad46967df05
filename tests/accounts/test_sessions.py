"""Signing in and out, session limits, and what a password change does to other sessions."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

from accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.conftest import PASSWORD
from tests.helpers import HX

NEW_PASSWORD = "a-fresh-password-for-2027"


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_logging_in_rotates_the_session_key(client, owner):
    session = client.session  # an anonymous session, as a visitor might have been given
    session["seen"] = True
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    # The old key is gone: whoever knew it (session fixation) holds nothing.
    assert not Session.objects.filter(session_key=before).exists()
    assert signed_in(client)


def test_logging_out_by_get_only_asks(client_for, owner):
    client = client_for(owner)
    response = client.get(reverse("logout"))
    assert response.status_code == 200
    assert response.templates[0].name == "accounts/logout.html"
    assert 'method="post"' in response.content.decode()
    assert signed_in(client)
    assert client.put(reverse("logout")).status_code == 405
    assert signed_in(client)


def test_logging_out_by_post_ends_the_session(client_for, owner):
    client = client_for(owner)
    key = client.session.session_key
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain[0] == (reverse("login"), 302)
    assert "You&#x27;re logged out." in response.content.decode()
    assert not signed_in(client)
    assert not Session.objects.filter(session_key=key).exists()


def test_the_header_logs_out_with_a_form(client_for, owner, org):
    body = client_for(owner).get(reverse("org_home", args=[org.slug])).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in body


def test_changing_the_password_ends_other_sessions_but_not_this_one(owner, org):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(reverse("login"), {"username": "owner", "password": PASSWORD})
        assert signed_in(device)
    home = reverse("org_home", args=[org.slug])
    assert phone.get(home).status_code == 200

    response = laptop.post(
        reverse("account"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert laptop.get(home).status_code == 200  # this session stays signed in

    response = phone.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)


def test_password_change_refuses_a_wrong_old_password_and_changes_nothing(client_for, owner):
    client = client_for(owner)
    response = client.post(
        reverse("account"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 422
    assert "Your old password was entered incorrectly" in response.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("password", "accepted"),
    [("short-pw-11", False), ("twelve-chars", True), ("a much longer passphrase", True)],
)
def test_passwords_need_at_least_twelve_characters(client_for, owner, password, accepted):
    client = client_for(owner)
    response = client.post(
        reverse("account"),
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    owner.refresh_from_db()
    assert owner.check_password(password) is accepted
    if not accepted:
        assert response.status_code == 422
        assert "at least 12 characters" in response.content.decode()


def test_the_account_page_shows_who_you_are_and_your_organizations(client_for, owner, org):
    owner.email = "olivia@example.com"
    owner.save()
    response = client_for(owner).get(reverse("account"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "olivia@example.com" in body
    assert "Acme Learning</a> · Owner" in body
    assert "Change your password" in body


def test_the_account_page_needs_a_login(client):
    response = client.get(reverse("account"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_signed_in_pages_are_never_stored(client_for, owner, org, canvas):
    client = client_for(owner)
    for url in [
        reverse("org_home", args=[org.slug]),
        reverse("board", args=[org.slug, canvas.pk]),
        reverse("account"),
        reverse("logout"),
    ]:
        response = client.get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
    # An htmx fragment and a refusal too.
    response = client.get(reverse("board", args=[org.slug, 999999]), headers=HX)
    assert response.status_code == 404
    assert "no-store" in response["Cache-Control"]


def test_pdfs_keep_their_own_revalidated_caching(client_for, owner, canvas):
    response = client_for(owner).get(
        reverse("canvas_pdf", args=[canvas.organization.slug, canvas.pk])
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"


def age_session(client, **seconds_ago) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


@pytest.fixture
def board_open(client_for, owner, org, canvas):
    """A signed-in client that has the board open (its session clocks started)."""
    client = client_for(owner)
    url = reverse("board", args=[org.slug, canvas.pk])
    assert client.get(url).status_code == 200
    assert {SIGNED_IN_AT, LAST_SEEN_AT} <= set(client.session.keys())
    return client, url


def test_a_session_idle_for_eight_hours_ends(board_open):
    client, url = board_open
    age_session(client, **{LAST_SEEN_AT: 8 * 3600 - 120})
    assert client.get(url).status_code == 200  # just under: still signed in, clock moves on
    assert time.time() - client.session[LAST_SEEN_AT] < 60

    age_session(client, **{LAST_SEEN_AT: 8 * 3600 + 1})
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "after 8 hours without activity" in response.content.decode()
    assert not signed_in(client)


def test_an_htmx_request_after_the_idle_limit_sends_the_page_to_login(board_open):
    client, url = board_open
    age_session(client, **{LAST_SEEN_AT: 8 * 3600 + 1})
    response = client.get(url, headers=HX)
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("login"))


@override_settings(SESSION_IDLE_TIMEOUT=600)
def test_the_idle_limit_is_a_setting(board_open):
    client, url = board_open
    age_session(client, **{LAST_SEEN_AT: 601})
    assert client.get(url).status_code == 302


def test_a_busy_session_still_ends_fourteen_days_after_signing_in(board_open):
    client, url = board_open
    age_session(client, **{SIGNED_IN_AT: 14 * 24 * 3600 - 120, LAST_SEEN_AT: 30})
    assert client.get(url).status_code == 200

    age_session(client, **{SIGNED_IN_AT: 14 * 24 * 3600 + 1, LAST_SEEN_AT: 30})
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "a sign-in lasts at most 14 days" in response.content.decode()
    assert not signed_in(client)


def test_idle_timeout_comes_from_the_environment():
    from tests.test_settings import PRODUCTION, manage

    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.SESSION_IDLE_TIMEOUT, s.SESSION_COOKIE_AGE)",
        **PRODUCTION,
        SESSION_IDLE_TIMEOUT="3600",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["3600", str(14 * 24 * 3600)]
