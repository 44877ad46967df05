"""Small helpers the tests share: htmx headers, canvas URLs, the partial assertion, and the
skip for tests that need PostgreSQL, and a directory every test worker of a run shares."""

import os
import re
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

HX = {"HX-Request": "true"}


def run_directory(tmp_path_factory, name: str) -> Path:
    """A directory shared by every pytest-xdist worker of this run, and by this run only."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # pytest-N/, the parent of each worker's popen-gwN/
    path = base / name
    path.mkdir(parents=True, exist_ok=True)
    return path


def canvas_url(name: str, canvas, **kwargs) -> str:
    """The URL of a route under a canvas (`org_slug` and `canvas_pk` filled in)."""
    return reverse(
        name, kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk, **kwargs}
    )


def assert_htmx_partial(response, partial: str, status: int = 200) -> None:
    """The response is the named partial ("app/page.html#name") answered to htmx:
    the expected status, that template partial, and `Vary: HX-Request` so no cache
    serves the fragment as the page (or the page as the fragment)."""
    assert response.status_code == status, response.content.decode()[:500]
    assert response.template_name == partial
    assert "HX-Request" in response.get("Vary", ""), response.get("Vary")


def hidden_fields(body: str, action: str) -> dict[str, str]:
    """The hidden fields (but the CSRF token) of the first form in `body` posting to
    `action`: what a conflict panel's "go ahead" sends."""
    form = body.split(f'action="{action}"', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def skip_unless_postgresql() -> None:
    """Skip a test of PostgreSQL's own behaviour (a deadlock between row locks) on SQLite,
    which locks the whole database file instead; the PostgreSQL pass runs it."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: a deadlock between row locks is what this test exercises. "
            "Run with DATABASE_URL=postgres://... (the PostgreSQL CI pass does)."
        )
