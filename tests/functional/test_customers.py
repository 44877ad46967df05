"""An editor describes a segment, portrays a persona, maps and reorders a journey,
and sees the emotion curve and the value-alignment warning."""

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from customers import services
from customers.models import SegmentKind
from customers.services import add_persona, add_segment
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, wait_for_htmx, wait_for_page

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
    wait_for_page(page, "segment_list")

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
    check_accessibility(page, "segments")

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
    wait_for_page(page, "persona_create")
    check_accessibility(page, "persona form")
    page.get_by_label("Name", exact=True).fill("Priya Shah")
    page.get_by_label("Role").fill("Shift lead")
    page.get_by_label("Schedule").select_option(label="Fixed shifts")
    page.get_by_label("Goals").fill("Coach new starters\nKeep the shift running")
    page.get_by_role("button", name="Add persona").click()
    wait_for_page(page, "persona_detail")
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
    check_accessibility(page, "persona")

    # The reorder survives a reload (it was saved, not just drawn).
    page.reload()
    assert stage_names(page) == ["Coaches the team", "Hears about it", "Tries the app"]

    # The board shows the segment and the same warning.
    page.get_by_role("link", name=canvas.title).click()
    wait_for_page(page, "board")
    area = page.locator("#area-customer_segments")
    assert area.get_by_role("link", name="Line managers").is_visible()
    assert area.get_by_text(warning).is_visible()


def segment_names(page):
    return [name.strip() for name in page.locator(".segment-card .segment-name").all_inner_texts()]


def test_typed_text_survives_when_the_list_is_redrawn(
    page, transactional_db, settings, owner, editor, canvas
):
    """Moving or saving one card redraws the whole region; half-typed forms keep their text."""
    settings.DEBUG = django_settings.DEBUG
    for name in ("Stores", "Warehouses", "Head office"):
        add_segment(canvas=canvas, by=owner, name=name, kind=SegmentKind.LEARNERS)
    log_in(page, "editor")
    on_canvas = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    page.goto(reverse("segment_list", kwargs=on_canvas))
    page.evaluate("window.__sameDocument = true")  # gone if anything reloads the page

    # Half an add form, and an open edit form with a change in it...
    form = page.locator("#segment-add-form")
    form.get_by_label("Name").fill("Half typed")
    form.get_by_label("Kind").select_option(label="Senior leaders")
    form.get_by_label("What they want").fill("Kept words")
    form.get_by_label("Risk reduction").check()
    page.get_by_role("link", name="Edit Stores").click()
    wait_for_htmx(page)
    editing = page.locator(".segment-card.editing")
    editing.get_by_label("Name").fill("Stores, edited")

    # ... both survive moving another segment.
    page.get_by_role("button", name="Move Head office up").click()
    wait_for_htmx(page)
    assert segment_names(page) == ["Head office", "Warehouses"]  # Stores is being edited
    assert page.evaluate("window.__sameDocument")
    assert form.get_by_label("Name").input_value() == "Half typed"
    assert form.get_by_label("Kind").input_value() == "senior_leaders"
    assert form.get_by_label("What they want").input_value() == "Kept words"
    assert form.get_by_label("Risk reduction").is_checked()
    assert editing.get_by_label("Name").input_value() == "Stores, edited"

    # Saving the edit redraws the list again: the add form still keeps its text.
    editing.get_by_role("button", name="Save segment").click()
    wait_for_htmx(page)
    assert segment_names(page) == ["Stores, edited", "Head office", "Warehouses"]
    assert form.get_by_label("Name").input_value() == "Half typed"

    # Adding it empties the add form, as usual.
    form.get_by_role("button", name="Add segment").click()
    wait_for_htmx(page)
    assert segment_names(page)[-1] == "Half typed"
    assert page.locator("#segment-add-form").get_by_label("Name").input_value() == ""
    assert page.locator("#segment-add-form").get_by_label("What they want").input_value() == ""

    # The same on a journey: a half-typed stage survives reordering the others.
    segment = canvas.segments.get(name="Stores, edited")
    persona = add_persona(segment=segment, by=owner, name="Amira Haddad")
    for name in ("Hears about it", "Tries the app", "Learns"):
        services.add_stage(persona=persona, by=owner, name=name)
    page.goto(reverse("persona_detail", kwargs=on_canvas | {"persona_pk": persona.pk}))
    stage_form = page.locator("#stage-add-form")
    stage_form.get_by_label("Stage", exact=True).fill("Coaches the team")
    stage_form.get_by_label("Pain points").fill("No time on shift")
    page.get_by_role("button", name="Move Tries the app earlier").click()
    wait_for_htmx(page)
    assert stage_names(page) == ["Tries the app", "Hears about it", "Learns"]
    assert stage_form.get_by_label("Stage", exact=True).input_value() == "Coaches the team"
    assert stage_form.get_by_label("Pain points").input_value() == "No time on shift"

    # A stage someone removed while it was being edited: the offer to add it back
    # stays on screen, with the text, when the others are reordered.
    page.get_by_role("link", name="Edit Learns").click()
    wait_for_htmx(page)
    page.locator(".stage-card.editing").get_by_label("Pain points").fill("My notes")
    persona.stages.get(name="Learns").delete()
    page.get_by_role("button", name="Save stage").click()
    wait_for_htmx(page)
    restored = page.locator("#stage-restored")
    assert restored.get_by_text("Someone removed this stage while you were editing it").is_visible()
    page.get_by_role("button", name="Move Hears about it earlier").click()
    wait_for_htmx(page)
    assert stage_names(page) == ["Hears about it", "Tries the app"]
    assert restored.get_by_label("Pain points").input_value() == "My notes"
    assert stage_form.get_by_label("Pain points").input_value() == "No time on shift"
