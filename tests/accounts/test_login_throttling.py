"""Failed logins are counted per username and client address (django-axes, database
handler); a locked-out pair gets our lockout page, whatever the username."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.test_settings import PRODUCTION, manage

LOGIN = reverse("login")


def log_in(client, username, password, address="203.0.113.7", **headers):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def page_text(response) -> str:
    """The page without its per-request CSRF tokens and script nonces, to compare two
    answers."""
    body = re.sub(r'"x-csrftoken": "[^"]*"', "", response.content.decode())
    body = re.sub(r' nonce="[^"]*"', "", body)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", body)


def fail(client, username, times, address="203.0.113.7"):
    for _ in range(times):
        response = log_in(client, username, "not-the-password", address)
    return response


def test_twenty_wrong_passwords_then_the_right_one_is_refused(client, owner):
    responses = [log_in(client, "owner", f"guess-{n}") for n in range(20)]
    # Four failures say "wrong password"; the fifth locks, and the lockout answers from then on.
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert {r.status_code for r in responses[4:]} == {429}

    response = log_in(client, "owner", PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    body = response.content.decode()
    assert "Logging in is paused for 15 minutes" in body
    assert "Wait 15 minutes, then try again" in body
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    # The count lives in the database, so every worker process sees the same lockout.
    attempt = AccessAttempt.objects.get(username="owner")
    assert attempt.failures_since_start >= 20


def test_the_right_password_works_again_after_cooling_off(client, owner):
    fail(client, "owner", 5)
    assert log_in(client, "owner", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert log_in(client, "owner", PASSWORD).status_code == 429  # not yet: and the clock restarts
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = log_in(client, "owner", PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)
    # Success clears the count: the next mistake starts from zero.
    assert not AccessAttempt.objects.filter(username="owner").exists()


def test_four_failures_then_the_right_password_logs_in(client, owner):
    fail(client, "owner", 4)
    assert log_in(client, "owner", PASSWORD).status_code == 302


def test_the_lockout_and_the_failure_say_nothing_about_whether_the_username_exists(client, owner):
    known_failure = log_in(client, "owner", "wrong-password-1")
    unknown_failure = log_in(client, "nobody-by-this-name", "wrong-password-1")
    assert known_failure.status_code == unknown_failure.status_code == 200
    assert "Please enter a correct username and password" in known_failure.content.decode()
    assert page_text(known_failure).replace("owner", "NAME") == page_text(unknown_failure).replace(
        "nobody-by-this-name", "NAME"
    )

    known = fail(client, "owner", 5)
    unknown = fail(client, "nobody-by-this-name", 5)
    assert known.status_code == unknown.status_code == 429
    assert page_text(known) == page_text(unknown)
    assert "owner" not in page_text(known)


def test_the_lockout_is_for_that_username_from_that_address_only(client, owner, editor):
    fail(client, "owner", 5, address="203.0.113.7")
    assert log_in(client, "owner", PASSWORD, address="203.0.113.7").status_code == 429
    # Someone else on the same network, and the owner from elsewhere, still log in.
    assert log_in(client, "editor", PASSWORD, address="203.0.113.7").status_code == 302
    client.logout()
    assert log_in(client, "owner", PASSWORD, address="198.51.100.20").status_code == 302


@override_settings(AXES_COOLOFF_TIME=timedelta(minutes=90), AXES_FAILURE_LIMIT=2)
def test_the_page_names_the_configured_cool_off(client, owner):
    fail(client, "owner", 1)
    assert log_in(client, "owner", PASSWORD).status_code == 302
    client.logout()
    response = fail(client, "owner", 2)
    assert response.status_code == 429
    assert "paused for 1 hour 30 minutes" in response.content.decode()


def test_limit_and_cool_off_come_from_the_environment():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.AXES_FAILURE_LIMIT, int(s.AXES_COOLOFF_TIME.total_seconds()), s.AXES_HANDLER)",
        **PRODUCTION,
        LOGIN_FAILURE_LIMIT="3",
        LOGIN_COOLOFF_MINUTES="30",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["3", "1800", "axes.handlers.database.AxesDatabaseHandler"]
    bad = manage("check", **PRODUCTION, LOGIN_FAILURE_LIMIT="five")
    assert bad.returncode != 0
    assert "LOGIN_FAILURE_LIMIT must be a whole number" in bad.stderr


@pytest.fixture
def admin_client_for(client, make_user):
    admin = make_user("platform-admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_platform_admins_see_lockouts_and_lift_them(client, owner, admin_client_for):
    from django.test import Client

    guesser = Client()
    fail(guesser, "owner", 5)
    assert log_in(guesser, "owner", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="owner")

    listing = admin_client_for.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "203.0.113.7" in listing.content.decode()

    delete_url = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin_client_for.post(delete_url, {"post": "yes"}).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert log_in(guesser, "owner", PASSWORD).status_code == 302
