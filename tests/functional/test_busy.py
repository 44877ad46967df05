"""A change that keeps losing the race for a lock says "busy, try again", with and without
JavaScript, and changes nothing."""

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError
from psycopg.errors import DeadlockDetected

from canvas.models import Canvas
from customers.models import Segment, SegmentKind
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, screenshot, wait_for_htmx

pytestmark = pytest.mark.browser


@pytest.fixture
def deadlocking_canvas(monkeypatch):
    """Every write's last step (recording who changed the canvas) loses to a deadlock."""

    def touch(self, user, change=None):
        error = OperationalError("deadlock detected")
        error.__cause__ = DeadlockDetected("deadlock detected")
        raise error

    monkeypatch.setattr(Canvas, "touch", touch)
    monkeypatch.setattr("core.retry.time.sleep", lambda seconds: None)


def test_a_move_that_stays_busy_says_so_and_moves_nothing(
    new_page, transactional_db, settings, editor, canvas, deadlocking_canvas, tmp_path
):
    settings.DEBUG = django_settings.DEBUG
    for n, name in enumerate(["Store associates", "Line managers"]):
        Segment.objects.create(canvas=canvas, name=name, kind=SegmentKind.OTHER, position=n)
    url = f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/segments/"

    page = new_page()
    log_in(page, "editor")
    page.goto(url)
    page.get_by_role("button", name="Move Line managers up").click()
    wait_for_htmx(page)
    message = page.locator("#messages .message-error")
    assert "Many people are changing this canvas" in message.inner_text()
    names = page.locator(".segment-card .segment-name").all_inner_texts()
    assert [name.strip() for name in names] == ["Store associates", "Line managers"]

    plain = new_page(width=390, height=844)
    plain.context.route("**/*.js", lambda route: route.abort())  # no JavaScript: a plain post
    log_in(plain, "editor")
    plain.goto(url)
    plain.get_by_role("button", name="Move Line managers up").click()
    plain.wait_for_load_state()
    assert plain.get_by_role("heading", name="Busy right now").is_visible()
    assert "try again in a moment" in plain.locator("main").inner_text()
    screenshot(plain, "busy")
    check_accessibility(plain, "busy")
    assert list(Segment.objects.order_by("position").values_list("name", flat=True)) == [
        "Store associates",
        "Line managers",
    ]
