"""The client address login throttling counts: the proxy's header only behind our proxy."""

from django.test import RequestFactory, override_settings
from django.urls import reverse

from core.network import client_address
from tests.conftest import PASSWORD

factory = RequestFactory()


def request(remote="10.0.0.5", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **extra)


@override_settings(BEHIND_TLS_PROXY=False)
def test_without_the_proxy_setting_the_header_is_ignored():
    assert client_address(request(forwarded="198.51.100.9")) == "10.0.0.5"
    assert client_address(request()) == "10.0.0.5"


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_the_address_it_appended_counts():
    assert client_address(request(forwarded="198.51.100.9")) == "198.51.100.9"
    # Whatever the client wrote itself sits to the left of what our proxy appended.
    assert client_address(request(forwarded="1.2.3.4, 6.6.6.6, 198.51.100.9")) == "198.51.100.9"
    assert client_address(request(forwarded="2001:db8::1")) == "2001:db8::1"


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_a_missing_or_garbled_header_falls_back_to_the_connection():
    assert client_address(request()) == "10.0.0.5"
    assert client_address(request(forwarded="")) == "10.0.0.5"
    assert client_address(request(forwarded="198.51.100.9, not-an-address")) == "10.0.0.5"


def fail_then_try(client, username, forwarded_for):
    """Five wrong passwords each from a different claimed address, then the right one."""
    for n in range(5):
        client.post(
            reverse("login"),
            {"username": username, "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.5",
            HTTP_X_FORWARDED_FOR=forwarded_for(n),
        )
    return client.post(
        reverse("login"),
        {"username": username, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.5",
        HTTP_X_FORWARDED_FOR=forwarded_for(5),
    )


@override_settings(BEHIND_TLS_PROXY=False)
def test_without_the_proxy_a_forged_header_does_not_escape_the_lockout(client, owner):
    response = fail_then_try(client, "owner", lambda n: f"198.51.100.{n}")
    assert response.status_code == 429


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_each_client_is_counted_on_its_own(client, owner):
    # All requests arrive from the proxy (10.0.0.5); the clients behind it differ.
    response = fail_then_try(client, "owner", lambda n: f"198.51.100.{n}")
    assert response.status_code == 302
    client.logout()
    response = fail_then_try(client, "owner", lambda n: "198.51.100.77")
    assert response.status_code == 429
