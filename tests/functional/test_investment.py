"""A leader puts the full cost of learning and its return on a canvas, and reads ROI live."""

from dataclasses import replace
from decimal import Decimal

import pytest

from investment.models import InvestmentLine
from investment.services import LINE_UNDO, add_line
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, wait_for_htmx, wait_for_page

pytestmark = pytest.mark.browser


def add_cost(page, *, category, label, amount=None, time=None, cost_type=None):
    form = page.locator("#add-costs")
    form.get_by_label("Category").select_option(label=category)
    if cost_type:
        form.get_by_label("Direct or hidden").select_option(label=cost_type)
    form.get_by_label("What it is").fill(label)
    if amount:
        form.get_by_label("Amount").fill(amount)
    if time:
        hours, rate, people = time
        form.get_by_label("Hours per person").fill(hours)
        form.get_by_label("Hourly rate").fill(rate)
        form.get_by_label("People").fill(people)
    form.get_by_role("button", name="Add cost line").click()
    wait_for_htmx(page)


def add_return(page, *, kind, label, amount, confidence):
    form = page.locator("#add-returns")
    form.get_by_label("Kind of return").select_option(label=kind)
    form.get_by_label("What it is").fill(label)
    form.get_by_label("Amount").fill(amount)
    form.get_by_label("Confidence (%)").fill(confidence)
    form.get_by_role("button", name="Add return line").click()
    wait_for_htmx(page)


def figure(page, name):
    return page.locator(f'#investment-figures [data-figure="{name}"]').inner_text().strip()


def test_enter_costs_and_returns_and_watch_roi_update(page, canvas, owner, transactional_db):
    log_in(page, "owner")
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
    page.get_by_role("link", name="Investment & return", exact=True).click()
    wait_for_page(page, "investment")
    assert page.get_by_role("heading", name=f"Investment & return: {canvas.title}").is_visible()
    assert figure(page, "roi") == "Not yet"
    page.evaluate("window.noReloadMarker = true")

    add_cost(page, category="L&D payroll", label="Learning team payroll", amount="50000")
    assert figure(page, "total-investment") == "€50,000.00"
    assert figure(page, "roi") == "-100.0%"

    add_cost(
        page,
        category="Travel",
        label="Regional managers' travel to workshops",
        amount="30000",
        cost_type="Hidden: in other budgets",
    )
    add_cost(
        page,
        category="Subject-matter experts' time",
        label="Experts teaching the certification",
        time=("40", "60", "25"),
    )
    experts = page.locator(".line-costs", has_text="Experts teaching the certification")
    assert "40 h × €60.00 × 25 people" in experts.inner_text()
    assert experts.locator(".tag-hidden").is_visible()
    assert figure(page, "total-investment") == "€140,000.00"
    assert figure(page, "hidden").startswith("€90,000.00")
    assert "(64.3%)" in figure(page, "hidden")

    add_return(
        page,
        kind="Productivity",
        label="New hires productive sooner",
        amount="120000",
        confidence="100",
    )
    add_return(page, kind="Revenue", label="Add-on sales", amount="100000", confidence="80")
    assert figure(page, "total-return").startswith("€200,000.00")
    assert figure(page, "roi") == "+42.9%"
    assert figure(page, "bcr") == "€1.43"
    assert figure(page, "payback") == "8.4 months"
    check_accessibility(page, "investment")

    # Edit in place: the revenue is less certain than we thought.
    sales = page.locator(".line-returns", has_text="Add-on sales")
    sales.get_by_role("link", name="Edit").click()
    wait_for_htmx(page)
    editing = page.locator(".line-editing")
    editing.get_by_label("Confidence (%)").fill("50")
    editing.get_by_role("button", name="Save").click()
    wait_for_htmx(page)
    assert figure(page, "total-return").startswith("€170,000.00")
    assert figure(page, "roi") == "+21.4%"

    # Delete the payroll line, then undo it.
    payroll = page.locator(".line-costs", has_text="Learning team payroll")
    payroll.get_by_role("button", name="Delete").click()
    wait_for_htmx(page)
    assert page.get_by_text("Deleted “Learning team payroll”.").is_visible()
    assert figure(page, "total-investment") == "€90,000.00"
    page.get_by_role("button", name="Undo").click()
    wait_for_htmx(page)
    assert figure(page, "total-investment") == "€140,000.00"
    assert page.locator("#lines-costs > li").first.inner_text().startswith("Learning team payroll")

    assert page.evaluate("window.noReloadMarker") is True  # all of it without a reload

    # The board shows the headline figures beside the area's notes.
    page.get_by_role("link", name="Back to the canvas").click()
    wait_for_page(page, "board")
    board_figures = page.locator("#investment-board")
    assert "+21.4%" in board_figures.inner_text()
    assert "€140K" in board_figures.inner_text()


def test_the_undo_offer_of_a_deleted_line_goes_after_a_while(
    page, canvas, owner, transactional_db, monkeypatch
):
    monkeypatch.setattr("investment.pages.LINE_UNDO", replace(LINE_UNDO, offer_seconds=1))
    add_line(
        line=InvestmentLine(category="travel", label="Site visits", amount=Decimal("900")),
        canvas=canvas,
        by=owner,
    )
    log_in(page, "owner")
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/investment/")
    page.locator(".line-costs", has_text="Site visits").get_by_role("button", name="Delete").click()
    wait_for_htmx(page)
    offer = page.locator("li.line-deleted", has_text="Deleted “Site visits”.")
    assert offer.get_by_role("button", name="Undo").is_visible()
    offer.wait_for(state="detached", timeout=5_000)
    assert page.get_by_role("button", name="Undo").count() == 0
