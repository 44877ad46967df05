"""An editor describes a segment, portrays a persona, maps and reorders a journey,
and sees the emotion curve and the value-alignment warning."""

import pytest
from django.conf import settings as django_settings

from tests.functional.conftest import log_in, wait_for_htmx

pytestmark = pytest.mark.browser


def add_stage(page, name, feeling_label, touchpoint=""):
    form = page.locator("#stage-add-form")
    form.get_by_label("Stage", exact=True).fill(name)
    form.get_by_label("Touchpoint or channel").fill(touchpoint)
    form.get_by_label(feeling_label).check()
    form.get_by_role("button", name="Add stage").click()
    wait_for_htmx(page)


def stage_names(page):
    return [name.strip() for name in page.locator(".stage-card .stage-name").all_inner_texts()]


def test_segment_persona_journey_and_alignment(page, transactional_db, settings, editor, canvas):
    settings.DEBUG = django_settings.DEBUG
    log_in(page, "editor")
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
    page.get_by_role("link", name="Describe your customer segments").click()
    page.wait_for_load_state("networkidle")

    # A segment, added with htmx; the alignment check speaks up at once.
    form = page.locator("#segment-add-form")
    form.get_by_label("Name").fill("Line managers")
    form.get_by_label("Kind").select_option(label="Line managers")
    form.get_by_label("Headcount").fill("380")
    form.get_by_label("Risk reduction").check()
    form.get_by_role("button", name="Add segment").click()
    wait_for_htmx(page)
    card = page.locator(".segment-card", has_text="Line managers")
    assert card.get_by_text("380 people").is_visible()
    warning = "Line managers expect risk reduction; the canvas does not offer it."
    assert page.locator("#alignment").get_by_text(warning).is_visible()

    # Validation shows next to the field, keeping what was typed.
    form = page.locator("#segment-add-form")
    form.get_by_label("What they want").fill("Kept words")
    form.get_by_role("button", name="Add segment").click()
    wait_for_htmx(page)
    assert page.locator("#segment-add-form .field-error").first.inner_text() == (
        "Give the segment a name."
    )
    assert page.locator("#segment-add-form").get_by_label("What they want").input_value() == (
        "Kept words"
    )

    # A persona in that segment.
    card.get_by_role("link", name="Add a persona").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Name", exact=True).fill("Priya Shah")
    page.get_by_label("Role").fill("Shift lead")
    page.get_by_label("Schedule").select_option(label="Fixed shifts")
    page.get_by_label("Goals").fill("Coach new starters\nKeep the shift running")
    page.get_by_role("button", name="Add persona").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Priya Shah", level=1).is_visible()
    assert page.get_by_text("Coach new starters").is_visible()

    # Three stages, then the last one moved to the front.
    add_stage(page, "Hears about it", "+1 · Pleased", "Huddle")
    add_stage(page, "Tries the app", "-2 · Frustrated", "Phone")
    add_stage(page, "Coaches the team", "+2 · Delighted")
    assert stage_names(page) == ["Hears about it", "Tries the app", "Coaches the team"]
    page.get_by_role("button", name="Move Coaches the team earlier").click()
    wait_for_htmx(page)
    page.get_by_role("button", name="Move Coaches the team earlier").click()
    wait_for_htmx(page)
    assert stage_names(page) == ["Coaches the team", "Hears about it", "Tries the app"]

    # The curve: three points, the frustrated stage lowest, marked as a moment that matters.
    curve = page.locator("svg.emotion-curve")
    assert curve.is_visible()
    points = curve.locator("circle.curve-point")
    assert points.count() == 3
    ys = [float(points.nth(i).get_attribute("cy")) for i in range(3)]
    assert max(ys) == ys[2]  # SVG y grows downward: the last stage (-2) is the lowest point
    assert "curve-low" in points.nth(2).get_attribute("class")
    assert page.locator(".stage-card.moment .stage-name").inner_text() == "Tries the app"
    assert page.locator(".moments").get_by_text("Tries the app").is_visible()

    # The reorder survives a reload (it was saved, not just drawn).
    page.reload()
    assert stage_names(page) == ["Coaches the team", "Hears about it", "Tries the app"]

    # The board shows the segment and the same warning.
    page.get_by_role("link", name=canvas.title).click()
    page.wait_for_load_state("networkidle")
    area = page.locator("#area-customer_segments")
    assert area.get_by_role("link", name="Line managers").is_visible()
    assert area.get_by_text(warning).is_visible()
