"""Password reset by email with Django's own views, in our templates."""

import re

from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

NEW_PASSWORD = "a-fresh-password-for-2027"


def ask_for_link(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def link_from(message) -> str:
    return re.search(r"https?://[^/\s]+(/password-reset/\S+/)", message.body).group(1)


def test_the_reset_pages_need_no_login(client, db):
    for url in [
        reverse("password_reset"),
        reverse("password_reset_done"),
        reverse("password_reset_complete"),
        reverse("password_reset_confirm", args=["MQ", "set-password"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Forgot your password?" in client.get(reverse("login")).content.decode()


def test_a_member_resets_a_forgotten_password_by_email(client, owner, org):
    owner.email = "olivia@example.com"
    owner.save()
    response = ask_for_link(client, "olivia@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olivia@example.com"]
    assert message.subject == "Reset your LMC Studio password"
    assert "(owner)" in message.body

    form = client.get(link_from(message), follow=True)
    assert "Choose a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": "too-short", "new_password2": "too-short"})
    assert response.status_code == 200
    assert "at least 12 characters" in response.content.decode()

    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    # The link works once.
    again = client.get(link_from(message), follow=True)
    assert "This link no longer works" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, owner):
    response = ask_for_link(client, "nobody@example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_a_reset_ends_every_session_of_that_user(client, owner, org):
    owner.email = "olivia@example.com"
    owner.save()
    elsewhere = Client()
    elsewhere.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    home = reverse("org_home", args=[org.slug])
    assert elsewhere.get(home).status_code == 200

    ask_for_link(client, "olivia@example.com")
    set_url = client.get(link_from(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert elsewhere.get(home).status_code == 302


def test_a_reset_lifts_a_lockout_on_that_username(client, owner):
    owner.email = "olivia@example.com"
    owner.save()
    for _ in range(5):
        client.post(reverse("login"), {"username": "owner", "password": "wrong-password"})
    assert (
        client.post(reverse("login"), {"username": "owner", "password": PASSWORD}).status_code
        == 429
    )

    ask_for_link(client, "olivia@example.com")
    set_url = client.get(link_from(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert not AccessAttempt.objects.filter(username="owner").exists()
    response = client.post(reverse("login"), {"username": "owner", "password": NEW_PASSWORD})
    assert response.status_code == 302
