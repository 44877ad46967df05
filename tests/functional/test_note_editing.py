"""The live-editing journey: a canvas built and rearranged without a page reload."""

import pytest
from django.conf import settings as django_settings

from canvas.areas import AREAS, AreaKey
from canvas.models import Note
from core.undo import UndoKind
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, wait_for_htmx

pytestmark = pytest.mark.browser


def notes_in(page, area):
    """The texts the page shows in an area, top to bottom."""
    return [
        text.replace("Edit note:", "").strip()
        for text in page.locator(f"#notes-{area} > li.note .note-text").all_inner_texts()
    ]


def test_build_and_rearrange_a_canvas_without_reloading(
    page, transactional_db, settings, editor, canvas, monkeypatch
):
    settings.DEBUG = django_settings.DEBUG
    monkeypatch.setattr(
        "canvas.pages.NOTE_UNDO", UndoKind(noun="note", valid_seconds=600, offer_seconds=1)
    )  # the offer goes within the test
    log_in(page, "editor")
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
    page.evaluate("window.__sameDocument = true")  # gone if anything reloads the page

    # Add a note in every area with the keyboard: Ctrl+Enter saves, the form stays open.
    for area in AREAS:
        page.get_by_role("link", name=f"+ Add a note to {area.name}").click()
        wait_for_htmx(page)
        box = page.locator(f"#add-{area.key} textarea")
        assert box.evaluate("el => el === document.activeElement")
        box.type(f"{area.name} first")
        if area.key == AreaKey.SERVICE_DELIVERY:
            box.press("Enter")  # a plain Enter is a new line, not a save
            box.type("second line")
        box.press("Control+Enter")
        wait_for_htmx(page)
        assert page.locator(f"#add-{area.key} textarea").evaluate(
            "el => el === document.activeElement && el.value === ''"
        )
        page.keyboard.press("Escape")  # closes the form
        wait_for_htmx(page)
        assert page.locator(f"#add-{area.key} textarea").count() == 0
    page.get_by_role("link", name="+ Add a note to Products & services").click()
    wait_for_htmx(page)
    page.locator(f"#add-{AreaKey.PRODUCTS_SERVICES} textarea").fill("Coaching toolkit")
    page.get_by_role("button", name="Add note").click()
    wait_for_htmx(page)
    page.keyboard.press("Escape")
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.PRODUCTS_SERVICES) == [
        "Products & services first",
        "Coaching toolkit",
    ]
    assert notes_in(page, AreaKey.SERVICE_DELIVERY) == ["Service delivery model first\nsecond line"]

    # Edit one in place; focus comes back to the note.
    first = Note.objects.get(text="Value proposition first")
    page.locator(f"#note-{first.pk} .note-text").click()
    wait_for_htmx(page)
    page.locator(f"#note-{first.pk} textarea").fill("Faster time to competence")
    page.locator(f"#note-{first.pk}").get_by_label("Green").check()
    page.locator(f"#note-{first.pk} textarea").press("Control+Enter")
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.VALUE_PROPOSITION) == ["Faster time to competence"]
    assert "note-green" in page.locator(f"#note-{first.pk}").get_attribute("class")
    assert page.evaluate("document.activeElement.id") == f"note-{first.pk}-text"

    # Move one to another area with the keyboard only: tabbing to a note brings its tools.
    toolkit = Note.objects.get(text="Coaching toolkit")
    page.locator(f"#note-{toolkit.pk}-text").focus()
    tools = page.locator(f"#note-{toolkit.pk} #note-tools")
    assert tools.is_visible()
    for tool in ("edit", "up", "down"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.tool") == tool
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Move to…"
    page.keyboard.press("Enter")  # opens "Move to…"
    check_accessibility(page, "board with a note's tools open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "note-tools-area"
    page.locator("#note-tools-area").select_option(AreaKey.CUSTOMER_SEGMENTS)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.CUSTOMER_SEGMENTS) == [
        "Customer segments first",
        "Coaching toolkit",
    ]
    assert notes_in(page, AreaKey.PRODUCTS_SERVICES) == ["Products & services first"]
    assert page.evaluate("document.activeElement.id") == f"note-{toolkit.pk}-text"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the tools came along: edit, then up
    page.keyboard.press("Enter")
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.CUSTOMER_SEGMENTS) == [
        "Coaching toolkit",
        "Customer segments first",
    ]
    # The focus stays on "up", beside the same note.
    assert page.evaluate(
        "[document.activeElement.dataset.tool, document.activeElement.closest('li').id]"
    ) == ["up", f"note-{toolkit.pk}"]

    # Drag one onto another area, above the note there.
    governance = Note.objects.get(text="Strategy & governance first")
    page.locator(f"#note-{governance.pk}").drag_to(
        page.locator(f"#notes-{AreaKey.INVESTMENT_RETURN} > li.note").first,
        target_position={"x": 5, "y": 5},
    )
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.INVESTMENT_RETURN) == [
        "Strategy & governance first",
        "Investment & return first",
    ]
    assert notes_in(page, AreaKey.STRATEGY_GOVERNANCE) == []
    assert page.evaluate("document.activeElement.id") == f"note-{governance.pk}-text"

    # Delete one and undo: it comes back in its place, same text and colour.
    page.locator(f"#note-{first.pk}").hover()
    page.locator(f"#note-{first.pk}").get_by_role("button", name="Delete").click()
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.VALUE_PROPOSITION) == []
    undo = page.locator(f"#note-{first.pk}").get_by_role("button", name="Undo")
    assert undo.evaluate("el => el === document.activeElement")
    undo.click()
    wait_for_htmx(page)
    assert notes_in(page, AreaKey.VALUE_PROPOSITION) == ["Faster time to competence"]
    assert "note-green" in page.locator(f"#note-{first.pk}").get_attribute("class")

    # Delete another for good: its undo offer goes away by itself.
    segment = Note.objects.get(text="Customer segments first")
    page.locator(f"#note-{segment.pk}").hover()
    page.locator(f"#note-{segment.pk}").get_by_role("button", name="Delete").click()
    wait_for_htmx(page)
    page.locator("body").click(position={"x": 5, "y": 5})  # focus leaves the Undo button
    page.locator(".note-undo").wait_for(state="detached", timeout=5_000)

    # Rename the canvas in place.
    page.get_by_role("link", name="Edit details of the canvas").click()
    wait_for_htmx(page)
    page.get_by_label("Title").fill("Acme Academy 2027")
    page.get_by_label("Title").press("Control+Enter")
    wait_for_htmx(page)
    assert page.get_by_role("heading", name="Acme Academy 2027", level=1).is_visible()

    assert page.evaluate("window.__sameDocument === true")  # not a single reload so far
    page.reload()
    expected = {
        AreaKey.VALUE_PROPOSITION: ["Faster time to competence"],
        AreaKey.PRODUCTS_SERVICES: ["Products & services first"],
        AreaKey.CUSTOMER_SEGMENTS: ["Coaching toolkit"],
        AreaKey.SERVICE_DELIVERY: ["Service delivery model first\nsecond line"],
        AreaKey.STRATEGY_GOVERNANCE: [],
        AreaKey.INVESTMENT_RETURN: ["Strategy & governance first", "Investment & return first"],
    }
    for area, texts in expected.items():
        assert notes_in(page, area) == texts, area
    assert page.get_by_role("heading", name="Acme Academy 2027", level=1).is_visible()

    # A note's own page (where its link leads without JavaScript) reads well to everyone.
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/notes/{first.pk}/")
    assert page.get_by_role("heading", name="A note in Value proposition").is_visible()
    check_accessibility(page, "note page")
