"""An editor assesses the demo canvas by clicking, completes it, reads the results, ticks an action."""

import time

import pytest
from django.conf import settings as django_settings

from scorecard.models import ActionTick, Answer, Assessment
from studio.demo import DEMO_CANVAS_TITLE, DEMO_PASSWORD, load_demo
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, wait_for_htmx, wait_for_page

pytestmark = pytest.mark.browser

# Per area, the choice clicked for each of its four statements (index into 1..5, "not sure").
CHOICES = {
    "value_proposition": ["Agree", "Agree", "Partly agree", "Strongly agree"],
    "products_services": ["Agree", "Partly agree", "Agree", "Agree"],
    "customer_segments": ["Strongly agree", "Agree", "Agree", "Partly agree"],
    "service_delivery": ["Agree", "Agree", "Not sure", "Partly agree"],
    "strategy_governance": ["Agree", "Strongly agree", "Agree", "Agree"],
    "investment_return": ["Partly agree", "Strongly disagree", "Disagree", "Disagree"],
}


def test_take_the_demo_assessment_and_act_on_the_results(page, transactional_db, settings):
    settings.DEBUG = django_settings.DEBUG
    load_demo()
    log_in(page, "eddie", DEMO_PASSWORD)
    page.get_by_role("link", name=DEMO_CANVAS_TITLE).click()
    wait_for_page(page, "board")

    started = time.monotonic()
    page.get_by_role("link", name="Assess this canvas").click()
    wait_for_page(page, "scorecard_history")
    check_accessibility(page, "assessment history")
    page.get_by_role("button", name="Start the assessment").click()
    wait_for_page(page, "scorecard_take")
    assert page.get_by_text("0 of 24 answered").is_visible()

    for area, labels in CHOICES.items():
        fieldsets = page.locator(f"#assess-{area} fieldset.rating")
        assert fieldsets.count() == len(labels)
        for index, label in enumerate(labels):
            fieldsets.nth(index).get_by_role("radio", name=label, exact=True).check()
            wait_for_htmx(page)
    assert page.get_by_text("24 of 24 answered").is_visible()
    check_accessibility(page, "assessment take")

    evidence = page.locator("#assess-investment_return .evidence").first
    evidence.get_by_text("Add evidence (optional)").click()
    evidence.get_by_label("Evidence (optional)").fill(
        "Finance has the vendor invoices; payroll not yet."
    )
    evidence.get_by_role("button", name="Save note").click()
    wait_for_htmx(page)
    assert evidence.get_by_text("Note saved").is_visible()

    # leaving the box saves the note on its own, and keeps the keyboard where it was
    auto = page.locator("#assess-customer_segments .evidence").first
    auto.get_by_text("Add evidence (optional)").click()
    auto.get_by_label("Evidence (optional)").fill("Survey of 40 shift leads.")
    auto.get_by_label("Evidence (optional)").press("Tab")
    wait_for_htmx(page)
    auto = page.locator("#assess-customer_segments .evidence").first
    assert auto.get_by_text("Note saved").is_visible()
    assert page.evaluate("document.activeElement.textContent") == "Save note"

    # a note typed and never saved by hand: "Mark complete" straight away must keep it
    typed = page.locator("#assess-strategy_governance .evidence").first
    typed.get_by_text("Add evidence (optional)").click()
    typed.get_by_label("Evidence (optional)").fill("Quarterly review with the COO since March.")
    page.get_by_role("button", name="Mark complete and see results").click()
    wait_for_page(page, "scorecard_results")
    elapsed = time.monotonic() - started
    print(f"\nTaking the demo assessment in the browser took {elapsed:.1f} s (24 statements).")

    assert page.get_by_role("heading", name="Where this learning organization stands").is_visible()
    assert page.locator("svg.radar").is_visible()
    assert page.locator("svg.radar polygon").count() == 5  # four rings and the scores
    assert page.get_by_role("heading", name="Weakest link", exact=True).is_visible()
    weakest = page.locator(".weakest-area")
    assert weakest.count() == 1
    assert "Investment & return" in weakest.inner_text()
    assert "Area scores" in page.locator("#area-scores-table caption").inner_text()

    actions = page.locator(".checklist > li")
    # the weakest area's advice, then the three answers of 1 or 2, lowest first
    assert actions.count() == 4
    assert "weakest link" in actions.nth(0).inner_text()
    assert "you answered 1 (strongly disagree)" in actions.nth(1).inner_text().lower()
    notes = set(Answer.objects.exclude(evidence="").values_list("evidence", flat=True))
    assert notes == {
        "Finance has the vendor invoices; payroll not yet.",
        "Quarterly review with the COO since March.",
        "Survey of 40 shift leads.",
    }
    governance = page.locator("#advice-strategy_governance details.answers")
    governance.get_by_text("Your answers").click()
    check_accessibility(page, "assessment results")
    assert governance.get_by_text(
        "Evidence: Quarterly review with the COO since March."
    ).is_visible()

    actions.nth(0).get_by_role("button", name="Mark as done").click()
    wait_for_htmx(page)
    assert "ticked by Eddie Mensah" in page.locator(".checklist > li").nth(0).inner_text()
    assessment = Assessment.objects.get()
    assert ActionTick.objects.filter(assessment=assessment).count() == 1
    assert assessment.canvas_snapshot["title"] == DEMO_CANVAS_TITLE

    page.reload()
    assert "ticked by Eddie Mensah" in page.locator(".checklist > li").nth(0).inner_text()
