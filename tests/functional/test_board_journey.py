"""A newcomer logs in, creates a canvas, sees the six areas, and opens the demo canvas."""

import pytest
from django.conf import settings as django_settings

from canvas.areas import AREAS
from studio.demo import DEMO_CANVAS_TITLE, DEMO_NOTES, DEMO_PASSWORD, load_demo
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, wait_for_page

pytestmark = pytest.mark.browser


def test_log_in_create_a_canvas_and_open_the_demo(page, transactional_db, settings):
    settings.DEBUG = django_settings.DEBUG
    load_demo()
    log_in(page, "eddie", DEMO_PASSWORD)
    assert page.get_by_role("heading", name="Northwind Learning: canvases").is_visible()
    check_accessibility(page, "org home")

    page.get_by_label("Title").fill("Field sales academy")
    page.get_by_label("Skills development").check()
    page.get_by_role("button", name="Create canvas").click()
    wait_for_page(page, "board")
    assert page.get_by_role("heading", name="Field sales academy", level=1).is_visible()
    for area in AREAS:
        assert page.get_by_role("heading", name=area.name, exact=True).is_visible()
    assert page.get_by_text("Skills development").first.is_visible()

    page.get_by_role("link", name="Northwind Learning").click()
    page.get_by_role("link", name=DEMO_CANVAS_TITLE).click()
    wait_for_page(page, "board")
    first_value_note = DEMO_NOTES["value_proposition"][0][0]
    first_note = page.locator("#area-value_proposition .note .note-text").first
    assert first_note.inner_text().strip().endswith(first_value_note)
    assert page.locator(".note").count() == sum(len(notes) for notes in DEMO_NOTES.values())
    check_accessibility(page, "board")
