"""Accessibility beyond the journeys: the pages no journey opens, the board on a phone,
and a focus ring that can be seen on every background it sits on.

The journeys scan the pages they pass through (tests/functional/a11y.py); this file
scans the rest, once each, the same way.
"""

import pytest
from django.urls import reverse

from canvas.areas import AREAS
from customers.models import SegmentKind
from customers.services import add_persona, add_segment, add_stage
from indicators.services import add_indicator, link, starter_indicator
from orgs.models import Membership
from scorecard.services import ensure_default_question_set, start_or_resume_assessment
from studio.sample import build_sample_assessment
from tests.functional.a11y import check_accessibility, contrast_ratio, format_violations, scan
from tests.functional.conftest import log_in, wait_for_page

pytestmark = pytest.mark.browser


def test_the_scan_finds_what_it_should_and_says_where(page):
    """The checks can fail: a faint paragraph and an image without a text alternative."""
    page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main>'
        '<p style="color: #bbb; background: #fff">Faint words</p>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="20" height="20">'
        "</main></body></html>"
    )
    violations = scan(page)
    assert {"color-contrast", "image-alt"} <= {v["id"] for v in violations}
    report = format_violations(violations)
    assert "color-contrast (serious)" in report
    assert "at p:" in report


def test_settings_picker_and_delete_confirmations_pass_axe(
    page, transactional_db, owner, other_org, canvas
):
    Membership.objects.create(user=owner, organization=other_org, role=Membership.Role.VIEWER)
    segment = add_segment(
        canvas=canvas, by=owner, name="Store associates", kind=SegmentKind.LEARNERS
    )
    persona = add_persona(segment=segment, by=owner, name="Amira Haddad")
    on_canvas = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}

    log_in(page, "owner")
    wait_for_page(page, "home")  # a member of two organizations picks one
    assert page.get_by_role("heading", name="Choose an organization").is_visible()
    check_accessibility(page, "org picker")

    page.goto(reverse("org_settings", kwargs={"org_slug": canvas.organization.slug}))
    assert page.get_by_role("heading", name="Organization settings").is_visible()
    check_accessibility(page, "org settings")

    page.goto(reverse("canvas_delete", kwargs=on_canvas))
    assert page.get_by_role("button", name="Move to the trash").is_visible()
    check_accessibility(page, "canvas delete")

    page.goto(reverse("segment_delete", kwargs=on_canvas | {"segment_pk": segment.pk}))
    assert page.get_by_role("heading", name="Store associates").is_visible()
    check_accessibility(page, "segment delete")

    page.goto(reverse("persona_delete", kwargs=on_canvas | {"persona_pk": persona.pk}))
    assert page.get_by_role("heading", name="Amira Haddad").is_visible()
    check_accessibility(page, "persona delete")


PAGE_WIDTH = "() => ({page: document.documentElement.scrollWidth, view: window.innerWidth})"


def test_pages_work_at_390_pixels_wide(new_page, transactional_db, owner, make_canvas):
    """On a phone nothing makes the whole page scroll sideways (a wide journey or table
    scrolls inside its own box), and the board passes axe at that width too."""
    canvas = make_canvas("A canvas with a rather long title to wrap on a phone", notes_per_area=2)
    ensure_default_question_set()
    assessment = build_sample_assessment(canvas=canvas, by=owner, notes=6)
    draft, _ = start_or_resume_assessment(canvas=canvas, by=owner)
    segment = add_segment(
        canvas=canvas, by=owner, name="Store associates on every shift", kind=SegmentKind.LEARNERS
    )
    persona = add_persona(segment=segment, by=owner, name="Amira Haddad")
    for n in range(4):
        add_stage(persona=persona, by=owner, name=f"Stage {n}", feeling=n - 2)
    drivers = [
        add_indicator(indicator=starter_indicator(key), canvas=canvas, by=owner)
        for key in ("voluntary_use", "return_visits", "satisfaction")
    ]
    result = add_indicator(
        indicator=starter_indicator("time_to_competence"), canvas=canvas, by=owner
    )
    for driver in drivers:
        link(driver=driver, result=result, by=owner)
    org_slug = canvas.organization.slug
    on_canvas = {"org_slug": org_slug, "canvas_pk": canvas.pk}
    page = new_page(width=390, height=844)
    log_in(page, "owner")

    page.goto(reverse("board", kwargs=on_canvas))
    for area in AREAS:
        assert page.locator(f"#area-{area.key}").is_visible()
    widths = page.evaluate(PAGE_WIDTH)
    assert widths["page"] <= widths["view"], f"the board scrolls sideways at 390 px: {widths}"
    check_accessibility(page, "board at 390px")

    for url in (
        reverse("org_home", kwargs={"org_slug": org_slug}),
        reverse("org_settings", kwargs={"org_slug": org_slug}),
        reverse("segment_list", kwargs=on_canvas),
        reverse("persona_detail", kwargs=on_canvas | {"persona_pk": persona.pk}),
        reverse("investment", kwargs=on_canvas),
        reverse("indicators", kwargs=on_canvas),
        reverse("scorecard_history", kwargs=on_canvas),
        reverse("scorecard_take", kwargs=on_canvas | {"pk": draft.pk}),
        reverse("scorecard_results", kwargs=on_canvas | {"pk": assessment.pk}),
        reverse("canvas_delete", kwargs=on_canvas),
        reverse("canvas_trash", kwargs={"org_slug": org_slug}),
        reverse("password_reset"),
        reverse("logout"),
    ):
        page.goto(url)
        widths = page.evaluate(PAGE_WIDTH)
        assert widths["page"] <= widths["view"], f"{url} scrolls sideways at 390 px: {widths}"


# Where the focus ring is drawn: the element's outline, and the first opaque background
# behind it (the ring sits outside the element, on its parent's background).
FOCUS_RING = """el => {
  el.focus();
  const style = getComputedStyle(el);
  let node = el.parentElement;
  let background = "rgba(0, 0, 0, 0)";
  while (node) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(colour) && colour !== "transparent") { background = colour; break; }
    node = node.parentElement;
  }
  return {
    focusVisible: el.matches(":focus-visible"),
    outline: style.outlineColor,
    width: parseFloat(style.outlineWidth),
    style: style.outlineStyle,
    background: background === "rgba(0, 0, 0, 0)" ? "rgb(255, 255, 255)" : background,
  };
}"""


def test_the_focus_ring_stands_out_on_every_background(page, transactional_db, editor, canvas):
    for n, colour in enumerate(("yellow", "green", "blue", "pink", "purple", "grey")):
        canvas.add_note(area=AREAS[n].key, text=f"A {colour} note", by=editor, colour=colour)
    log_in(page, "editor")
    page.goto(
        reverse("board", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk})
    )
    page.keyboard.press("Tab")  # keyboard use: focus() now shows the ring (:focus-visible)
    targets = {
        "a link on the page": page.get_by_role("link", name="LMC Studio"),
        "a button on the page": page.get_by_role("link", name="Edit details of the canvas"),
    }
    for colour in ("yellow", "green", "blue", "pink", "purple", "grey"):
        note = page.locator(".note", has_text=f"A {colour} note")
        targets[f"a note's text ({colour})"] = note.locator(".note-text")
        targets[f"a note's tool ({colour})"] = note.locator(".tool").first
    for name, locator in targets.items():
        ring = locator.evaluate(FOCUS_RING)
        assert ring["focusVisible"], name
        assert ring["style"] != "none", (name, ring)
        assert ring["width"] >= 2, (name, ring)
        ratio = contrast_ratio(ring["outline"], ring["background"])
        assert ratio >= 3, f"{name}: the focus ring's contrast is {ratio:.2f}:1 ({ring})"
