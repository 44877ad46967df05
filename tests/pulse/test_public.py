"""The public answering page: no account, one submit, and every way it refuses."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from pulse.models import Answer, Comment, Response
from pulse.services import close_pulse, revoke_pulse
from pulse.views import ANSWERED_COOKIE
from tests.pulse.conftest import ALL_AREAS


def answer_url(pulse):
    return reverse("pulse_answer", kwargs={"token": pulse.token})


def thanks_url(pulse):
    return reverse("pulse_thanks", kwargs={"token": pulse.token})


def filled(group="learners", score="4", **extra):
    data = {"group": group, **{f"area_{area}": score for area in ALL_AREAS}}
    data.update(extra)
    return data


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def test_anyone_can_open_the_page_without_logging_in(pulse, client):
    response = client.get(answer_url(pulse))
    assert response.status_code == 200
    body = response.content.decode()
    assert "how are we doing?" in body
    for statement in pulse.statement_set.statements.values_list("text", flat=True):
        assert statement in body
    assert 'name="website"' in body  # the honeypot
    assert "csrfmiddlewaretoken" in body
    assert "<script" not in body  # works without JavaScript, and has none
    assert ' style="' not in body  # a strict CSP allows no inline style


def test_answering_stores_the_group_the_day_and_the_scores_and_nothing_else(pulse, client):
    data = filled(comment="  Keep the short videos  ", area_value_proposition="not_sure")
    response = client.post(
        answer_url(pulse), data, REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Secret/1.0"
    )
    assert response.status_code == 302
    assert response["Location"] == thanks_url(pulse)
    stored = Response.objects.get()
    assert (stored.group, stored.submitted_on) == ("learners", pulse.canvas.organization.today())
    scores = dict(Answer.objects.values_list("area", "score"))
    assert scores == {**dict.fromkeys(ALL_AREAS, 4), "value_proposition": None}
    assert Comment.objects.get().text == "Keep the short videos"
    # Nothing about the person anywhere in what was stored.
    from django.core import serializers

    dumped = serializers.serialize("json", [stored, *Answer.objects.all(), *Comment.objects.all()])
    assert "203.0.113.9" not in dumped and "Secret" not in dumped


def test_the_thank_you_page_follows(pulse, client):
    response = client.post(answer_url(pulse), filled(), follow=True)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()


def test_the_same_browser_cannot_answer_twice(pulse, client):
    client.post(answer_url(pulse), filled())
    assert ANSWERED_COOKIE in client.cookies
    assert client.cookies[ANSWERED_COOKIE]["path"] == answer_url(pulse)
    assert client.cookies[ANSWERED_COOKIE]["httponly"]
    again = client.post(answer_url(pulse), filled())
    assert again.status_code == 200
    assert "already sent answers" in again.content.decode()
    assert "already sent answers" in client.get(answer_url(pulse)).content.decode()
    assert Response.objects.count() == 1


def test_a_forged_cookie_is_ignored(pulse, client):
    client.cookies[ANSWERED_COOKIE] = pulse.token  # not signed by us
    assert "how are we doing?" in client.get(answer_url(pulse)).content.decode()


def test_missing_answers_are_marked_by_the_field_and_nothing_is_stored(pulse, client):
    data = filled()
    del data["area_service_delivery"]
    data["group"] = "astronauts"
    response = client.post(answer_url(pulse), data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Choose one of the groups listed." in body
    assert "Choose a number, or “Not sure”." in body
    assert "Please check the answers marked below." in body
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "junk",
    [
        {"area_value_proposition": "9"},
        {"area_value_proposition": "-1"},
        {"group": ""},
        {"comment": "x" * 1001},
        {"area_value_proposition": "4.5"},
    ],
)
def test_malformed_answers_get_a_message_never_a_500(pulse, client, junk):
    response = client.post(answer_url(pulse), filled(**junk))
    assert response.status_code == 422
    assert Response.objects.count() == 0


def test_a_long_comment_is_refused_with_a_message(pulse, client):
    response = client.post(answer_url(pulse), filled(comment="x" * 1001))
    assert "under 1,000 characters" in response.content.decode()


@override_settings(PULSE_MAX_POST_BYTES=2000)
def test_an_oversized_post_is_refused_with_a_message(pulse, client):
    response = client.post(answer_url(pulse), filled(comment="y" * 900, padding="z" * 3000))
    assert response.status_code == 413
    assert "too long" in response.content.decode()
    assert Response.objects.count() == 0


def test_a_post_too_big_for_the_site_is_a_413_page_not_a_500(pulse):
    # Bigger than the site's request limits: refused before anything reads the body.
    client = Client(enforce_csrf_checks=True)
    token = str(client.get(answer_url(pulse)).context["csrf_token"])
    data = filled(padding="z" * 3_000_000, csrfmiddlewaretoken=token)
    response = client.post(answer_url(pulse), data)
    assert response.status_code == 413
    assert "more than we accept in one go" in response.content.decode()
    assert Response.objects.count() == 0


def test_a_broken_multipart_body_is_not_a_500(pulse, client):
    response = client.generic(
        "POST",
        answer_url(pulse),
        b"--broken\r\nContent-Disposition: form-data; name=\x00\r\n\r\n",
        content_type="multipart/form-data; boundary=broken",
    )
    assert response.status_code < 500


def test_the_honeypot_pretends_to_accept_and_stores_nothing(pulse, client):
    response = client.post(answer_url(pulse), filled(website="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == thanks_url(pulse)
    assert Response.objects.count() == 0


@override_settings(PULSE_RATE_LIMIT="3/h")
def test_the_rate_limit_counts_per_pulse_and_address(pulse, make_pulse, canvas):
    for _ in range(3):
        assert (
            Client().post(answer_url(pulse), filled(), REMOTE_ADDR="198.51.100.7").status_code
            == 302
        )
    refused = Client().post(answer_url(pulse), filled(), REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert "try again" in refused.content.decode()
    assert Response.objects.count() == 3
    # Another address, or another pulse from the same address, still gets through.
    assert Client().post(answer_url(pulse), filled(), REMOTE_ADDR="198.51.100.8").status_code == 302
    other = make_pulse(canvas)
    assert Client().post(answer_url(other), filled(), REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_default_rate_limit_lets_a_workshop_through(pulse, settings):
    limit = int(settings.PULSE_RATE_LIMIT.split("/")[0])
    assert limit >= 100  # thirty phones on one office network share one address
    for _ in range(30):
        assert Client().post(answer_url(pulse), filled(), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert Response.objects.count() == 30


@override_settings(PULSE_RATE_LIMIT=None)
def test_the_rate_limit_can_be_lifted(pulse):
    with override_settings(PULSE_RATE_LIMIT=None):
        for _ in range(5):
            assert Client().post(answer_url(pulse), filled()).status_code == 302


def test_the_rate_limit_is_kept_in_the_cache_not_in_the_responses(pulse):
    Client().post(answer_url(pulse), filled(), REMOTE_ADDR="192.0.2.44")
    assert any("rl:" in str(key) for key in cache._cache)  # locmem: django-ratelimit's key
    assert not Response.objects.filter(group__contains="192.0.2.44").exists()


def test_a_post_without_the_csrf_token_gets_the_readable_csrf_page(pulse):
    client = Client(enforce_csrf_checks=True)
    client.get(answer_url(pulse))
    response = client.post(answer_url(pulse), filled())
    assert response.status_code == 403
    assert "reload the page" in response.content.decode()
    assert Response.objects.count() == 0


def test_with_the_csrf_token_the_same_client_gets_through(pulse):
    client = Client(enforce_csrf_checks=True)
    page = client.get(answer_url(pulse))
    token = page.context["csrf_token"]
    response = client.post(answer_url(pulse), filled(csrfmiddlewaretoken=str(token)))
    assert response.status_code == 302


def test_an_unknown_token_is_a_404(db, client):
    response = client.get(reverse("pulse_answer", kwargs={"token": "no-such-pulse"}))
    assert response.status_code == 404
    assert "lead anywhere" in response.content.decode()
    assert client.post(reverse("pulse_answer", kwargs={"token": "x" * 80})).status_code == 404
    assert client.get(reverse("pulse_thanks", kwargs={"token": "nope"})).status_code == 404


def test_a_revoked_pulse_answers_410_at_once(pulse, client, editor):
    revoke_pulse(pulse=pulse, by=editor)
    for response in (client.get(answer_url(pulse)), client.post(answer_url(pulse), filled())):
        assert response.status_code == 410
        assert "no longer works" in response.content.decode()
    assert client.get(thanks_url(pulse)).status_code == 410
    assert Response.objects.count() == 0


def test_a_pulse_closed_early_answers_410(pulse, client, editor):
    close_pulse(pulse=pulse, by=editor)
    response = client.post(answer_url(pulse), filled())
    assert response.status_code == 410
    assert "has closed" in response.content.decode()
    assert Response.objects.count() == 0


def test_a_pulse_closes_after_its_last_day_in_the_organizations_time_zone(
    make_pulse, canvas, client
):
    organization = canvas.organization
    organization.time_zone = "Pacific/Kiritimati"  # UTC+14: its today is ahead of UTC's
    organization.save()
    pulse = make_pulse(canvas, days=0)
    assert pulse.closes_on == organization.today()
    assert client.get(answer_url(pulse)).status_code == 200
    pulse.closes_on = organization.today() - timedelta(days=1)
    pulse.save()
    assert client.get(answer_url(pulse)).status_code == 410


def test_respondents_see_overall_results_only_when_allowed_and_after_five(
    make_pulse, canvas, respond
):
    hidden = make_pulse(canvas, show_results=False)
    shown = make_pulse(canvas, show_results=True)
    respond(hidden, 5)
    respond(shown, 4)
    client = Client()
    assert "What everyone has said" not in client.get(thanks_url(hidden)).content.decode()
    body = client.get(thanks_url(shown)).content.decode()
    assert "once 5 people have answered" in body
    respond(shown, 1, group="line_managers", comment="secret words")
    body = client.get(thanks_url(shown)).content.decode()
    assert "What everyone has said" in body
    assert "secret words" not in body  # no comments
    assert "Line managers" not in body  # no groups


def test_the_public_pages_keep_out_of_search_engines_and_caches(client, pulse, respond):
    """Every answer of the public pulse pages (the form, the thank-you, a closed or unknown
    link) is kept out of search engines and shared caches; the form page lets a same-site
    post say where it came from (Django's CSRF check needs that), and no other site hears
    the address."""
    answer = client.get(reverse("pulse_answer", args=[pulse.token]))
    thanks = client.get(reverse("pulse_thanks", args=[pulse.token]))
    unknown = client.get(reverse("pulse_answer", args=["nothing-here"]))
    for response, referrer in (
        (answer, "same-origin"),
        (thanks, "no-referrer"),
        (unknown, "same-origin"),
    ):
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        assert "no-store" in response["Cache-Control"]
        assert response["Referrer-Policy"] == referrer
