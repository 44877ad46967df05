"""The security headers are on every kind of response, and a request too big to read gets
a readable page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.views.defaults import server_error

from tests.helpers import HX, canvas_url

HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
POLICY = {
    "default-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
TURNED_OFF = ["camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"]


def policy_of(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )


def assert_secure_headers(response, what):
    for header, value in HEADERS.items():
        assert response.get(header) == value, (what, header, response.get(header))
    policy = policy_of(response)
    for directive, value in POLICY.items():
        assert policy.get(directive) == value, (what, directive, policy)
    scripts = policy["script-src"].split()
    assert scripts[0] == "'self'", (what, scripts)
    assert all(source == "'self'" or source.startswith("'nonce-") for source in scripts)
    assert "unsafe" not in response["Content-Security-Policy"], what
    permissions = response["Permissions-Policy"].split(", ")
    assert set(TURNED_OFF) <= set(permissions), (what, permissions)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.com", "x")


def test_every_kind_of_page_carries_the_security_headers(
    client, canvas, owner, viewer, superuser, other_org
):
    org_slug = canvas.organization.slug
    pages = [
        ("login page", None, reverse("login"), {}),
        ("member page", owner, reverse("org_home", args=[org_slug]), {}),
        ("board", viewer, canvas_url("board", canvas), {}),
        ("htmx fragment", owner, canvas_url("note_add", canvas) + "?area=value_proposition", HX),
        ("redirect", None, reverse("home"), {}),
        ("404 page", viewer, reverse("org_home", args=[other_org.slug]), {}),
        ("404 fragment", viewer, reverse("org_home", args=[other_org.slug]), HX),
        ("403 page", viewer, reverse("org_settings", args=[org_slug]), {}),
        ("PDF", viewer, canvas_url("canvas_pdf", canvas), {}),
        ("admin login", None, reverse("admin:login"), {}),
        ("admin page", superuser, reverse("admin:canvas_canvas_change", args=[canvas.pk]), {}),
    ]
    for what, user, url, headers in pages:
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 302, 403, 404), (what, response.status_code)
        assert_secure_headers(response, what)
    assert response["Content-Type"].startswith("text/html")


def test_the_500_page_needs_no_inline_style_or_script(rf):
    response = server_error(rf.get("/"))
    body = response.content.decode()
    assert "<style" not in body and "style=" not in body and "<script" not in body
    assert 'rel="stylesheet"' in body


def test_pages_need_no_inline_script_or_style(client, canvas, owner):
    """What the policy would refuse is not in our pages: no inline script, no style
    attribute (the browser tests then check the policy in Chromium)."""
    client.force_login(owner)
    for name in ("board", "segment_list", "investment", "scorecard_history"):
        body = client.get(canvas_url(name, canvas)).content.decode()
        assert "style=" not in body, name
        for script in body.split("<script")[1:]:
            assert " src=" in script.split(">", 1)[0], (name, script[:80])


def test_a_body_over_the_size_limit_gets_a_readable_413(client, canvas, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(owner)
    url = canvas_url("canvas_edit", canvas)
    data = {"title": "x" * 20_000, "description": "", "version": canvas.version}
    response = client.post(url, data)
    assert response.status_code == 413
    assert "more than we accept in one go" in response.content.decode()
    assert_secure_headers(response, "413 page")
    response = client.post(url, data, headers=HX)
    assert response.status_code == 413
    assert response["HX-Retarget"] == "#messages"
    assert "<html" not in response.content.decode()
    canvas.refresh_from_db()
    assert canvas.title == "Acme Academy"


def test_too_many_fields_get_a_readable_413(client, canvas, owner, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client.force_login(owner)
    data = {f"field{n}": "1" for n in range(60)}
    response = client.post(canvas_url("canvas_edit", canvas), data)
    assert response.status_code == 413
    assert "more than we accept in one go" in response.content.decode()


def test_an_upload_over_the_limits_is_refused_before_it_is_read(client, canvas, owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(owner)
    upload = SimpleUploadedFile("big.bin", b"\0" * 5000)
    response = client.post(canvas_url("canvas_edit", canvas), {"file": upload, "title": "x"})
    assert response.status_code == 413


def test_the_size_limits_come_from_the_environment():
    from tests.test_settings import manage

    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.DATA_UPLOAD_MAX_MEMORY_SIZE, "
        "s.FILE_UPLOAD_MAX_MEMORY_SIZE, s.DATA_UPLOAD_MAX_NUMBER_FIELDS)",
        DEBUG="1",
        DATA_UPLOAD_MAX_MEMORY_SIZE="12345",
        DATA_UPLOAD_MAX_NUMBER_FIELDS="77",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["12345", "1048576", "77"]
