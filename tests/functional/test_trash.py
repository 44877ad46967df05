"""The trash in the browser: an owner deletes a canvas, reads what goes with it, finds it in
the trash and restores it, on a desktop and at 390 pixels wide; axe scans each page."""

import pytest
from django.urls import reverse

from canvas.models import Canvas
from customers.models import SegmentKind
from customers.services import add_persona, add_segment
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, screenshot, wait_for_page

pytestmark = pytest.mark.browser

PAGE_WIDTH = "() => ({page: document.documentElement.scrollWidth, view: window.innerWidth})"


def fits(page) -> None:
    widths = page.evaluate(PAGE_WIDTH)
    assert widths["page"] <= widths["view"], f"{page.url} scrolls sideways: {widths}"


@pytest.mark.parametrize("width", [1400], ids=["desktop"])  # 390 px: test_accessibility
def test_owner_deletes_a_canvas_and_restores_it_from_the_trash(
    new_page, transactional_db, owner, make_canvas, tmp_path, width
):
    canvas = make_canvas("Field sales academy with a long name", notes_per_area=2)
    segment = add_segment(canvas=canvas, by=owner, name="Field reps", kind=SegmentKind.LEARNERS)
    add_persona(segment=segment, by=owner, name="Sam Okafor")
    make_canvas("Already deleted")
    Canvas.objects.filter(title="Already deleted").update(trashed_at="2026-11-01T09:00:00Z")
    org_slug = canvas.organization.slug
    page = new_page(width=width, height=900 if width > 400 else 844)
    log_in(page, "owner")

    page.goto(reverse("board", kwargs={"org_slug": org_slug, "canvas_pk": canvas.pk}))
    page.get_by_role("link", name="Delete", exact=True).click()
    wait_for_page(page, "canvas_delete")
    confirmation = page.locator("ul.tally")
    assert confirmation.get_by_text("12 notes").is_visible()
    assert confirmation.get_by_text("1 customer segment").is_visible()
    assert confirmation.get_by_text("1 persona").is_visible()
    fits(page)
    check_accessibility(page, "canvas delete")
    screenshot(page, f"delete-{width}")
    page.get_by_role("button", name="Move to the trash").click()

    wait_for_page(page, "org_home")
    assert page.get_by_text("is in the trash").is_visible()
    page.get_by_role("link", name="Trash (2").click()
    wait_for_page(page, "canvas_trash")
    card = page.locator(".trash-list li", has_text="Field sales academy")
    assert card.get_by_text("12 notes, 1 customer segment, 1 persona").is_visible()
    fits(page)
    check_accessibility(page, "trash")
    screenshot(page, f"trash-{width}")

    page.get_by_role("link", name="Empty the trash").click()
    wait_for_page(page, "trash_empty")
    assert page.get_by_role("button", name="Delete 2 canvases for good").is_visible()
    fits(page)
    check_accessibility(page, "trash delete for good")
    screenshot(page, f"empty-{width}")
    page.get_by_role("link", name="Keep them in the trash").click()

    wait_for_page(page, "canvas_trash")
    card.get_by_role("button", name="Restore").click()
    wait_for_page(page, "board")
    assert page.get_by_text("is back").is_visible()
    assert Canvas.objects.filter(pk=canvas.pk).exists()
    print(f"screenshots in {tmp_path}")
