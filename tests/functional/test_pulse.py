"""A stakeholder answers a pulse on a phone in one go; the owner opens it and reads the results."""

import re
from datetime import timedelta

import pytest
from django.conf import settings as django_settings

from pulse.models import Comment, Pulse, Response
from pulse.services import ensure_default_statement_set, submit_response
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, screenshot, wait_for_page
from tests.pulse.conftest import ALL_AREAS

pytestmark = pytest.mark.browser

MAX_WORDS = 130  # about 120 words to read, plus the six "Not sure" buttons' short labels


def words_on(page) -> int:
    """Words a person reads on the page: runs of letters (digits on the scale don't count)."""
    return len(re.findall(r"[A-Za-z][A-Za-z'’&-]*", page.inner_text("main")))


def answer_on_a_phone(new_page, pulse, *, group: str, tmp_path=None) -> None:
    page = new_page(width=390, height=844)
    page.goto(f"/p/{pulse.token}/")
    wait_for_page(page, "pulse_answer")
    if tmp_path is not None:
        count = words_on(page)
        assert count <= MAX_WORDS, f"{count} words to read"
        widths = page.evaluate(
            "() => ({page: document.documentElement.scrollWidth, view: window.innerWidth})"
        )
        assert widths["page"] <= widths["view"], f"scrolls sideways at 390 px: {widths}"
        tap = page.locator("label.tap").first.bounding_box()
        assert tap["height"] >= 44 and tap["width"] >= 44, f"tap target too small: {tap}"
        check_accessibility(page, "pulse answer at 390px")
        screenshot(page, "pulse-answer-390")
    page.get_by_role("radio", name=group, exact=True).check()
    fieldsets = page.locator("fieldset.question")
    assert fieldsets.count() == 7  # the group, then one statement per area
    # The first statement by keyboard: Tab to its radios, arrows move the choice.
    first = fieldsets.nth(1)
    first.get_by_role("radio", name="1", exact=True).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert first.get_by_role("radio", name="3", exact=True).is_checked()
    for index in range(2, 7):
        label = "Not sure" if index == 6 else "4"
        fieldsets.nth(index).locator("label.tap", has_text=label).click()  # one tap each
    page.get_by_label("Anything else").fill("The coaching huddles work.")
    page.get_by_role("button", name="Send my answers").click()
    wait_for_page(page, "pulse_thanks")
    assert page.get_by_role("heading", name="Thank you").is_visible()
    if tmp_path is not None:
        check_accessibility(page, "pulse thanks")
    page.context.close()


def test_a_stakeholder_answers_in_one_go_and_results_wait_for_five(
    new_page, transactional_db, owner, canvas, settings, tmp_path
):
    settings.DEBUG = django_settings.DEBUG
    ensure_default_statement_set()
    # The owner opens the pulse.
    page = new_page()
    log_in(page, "owner")
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
    page.get_by_role("link", name="Stakeholder pulse").click()
    wait_for_page(page, "pulse_list")
    check_accessibility(page, "pulse list")
    page.get_by_role("link", name="Open a pulse").click()
    wait_for_page(page, "pulse_open")
    check_accessibility(page, "pulse open")
    for name in ("Senior leaders",):
        page.get_by_label(name).uncheck()
    page.get_by_label("Partners").check()
    page.get_by_label("A line of introduction").fill("Help us plan next year: six quick questions.")
    page.get_by_role("button", name="Open the pulse").click()
    wait_for_page(page, "pulse_results")
    pulse = Pulse.objects.get()
    assert pulse.groups == ["learners", "line_managers", "partners"]
    assert page.get_by_label("Public link").input_value().endswith(f"/p/{pulse.token}/")
    assert page.locator("img.qr").evaluate("img => img.naturalWidth") > 100

    answer_on_a_phone(new_page, pulse, group="Learners", tmp_path=tmp_path)
    stored = Response.objects.get()
    scores = dict(stored.answers.values_list("area", "score"))
    assert scores["value_proposition"] == 3 and scores["investment_return"] is None
    assert Comment.objects.get().text == "The coaching huddles work."

    # Four answers: nothing shows. Five: the overall results.
    today = canvas.organization.today()
    for _ in range(3):
        submit_response(pulse=pulse, group="learners", scores=dict.fromkeys(ALL_AREAS, 2), on=today)
    page.reload()
    assert page.get_by_text("Nothing to show yet").is_visible()
    assert page.get_by_text("The coaching huddles work.").count() == 0
    answer_on_a_phone(new_page, pulse, group="Learners")
    page.reload()
    assert page.get_by_text("Nothing to show yet").count() == 0
    assert page.get_by_text("From 5 responses").is_visible()
    assert page.get_by_text("The coaching huddles work.").count() == 2

    # By group, after it closes: five learners show, four line managers don't.
    for _ in range(4):
        submit_response(
            pulse=pulse, group="line_managers", scores=dict.fromkeys(ALL_AREAS, 5), on=today
        )
    submit_response(pulse=pulse, group="partners", scores=dict.fromkeys(ALL_AREAS, 5), on=today)
    page.get_by_role("button", name="Close now").click()
    wait_for_page(page, "pulse_results")
    groups = page.locator("table.group-table")
    assert groups.get_by_role("columnheader", name="Learners (5)").is_visible()
    assert groups.get_by_text("Line managers").count() == 0
    assert groups.get_by_role("columnheader", name="Other groups together (5)").is_visible()
    check_accessibility(page, "pulse results")
    screenshot(page, "pulse-results")

    # The closed link now says so.
    phone = new_page(width=390, height=844)
    response = phone.goto(f"/p/{pulse.token}/")
    assert response.status == 410
    assert phone.get_by_role("heading", name="This pulse has closed").is_visible()


def test_the_answer_page_marks_what_is_missing_without_javascript(
    browser, live_server, new_page, transactional_db, canvas, owner, settings
):
    settings.DEBUG = django_settings.DEBUG
    ensure_default_statement_set()
    from pulse.services import open_pulse

    pulse = open_pulse(
        canvas=canvas,
        groups=["learners"],
        closes_on=canvas.organization.today() + timedelta(days=3),
        by=owner,
    )
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto(f"/p/{pulse.token}/")
        page.get_by_role("radio", name="Learners").check()
        page.get_by_role("button", name="Send my answers").click()
        assert page.get_by_text("Please check the answers marked below.").is_visible()
        assert page.get_by_text("Choose a number, or “Not sure”.").count() == 6
        assert page.get_by_role("radio", name="Learners").is_checked()  # kept
        assert Response.objects.count() == 0
    finally:
        context.close()
    # axe needs JavaScript to scan: the same answer in a browser with it on.
    page = new_page(width=390, height=844)
    page.goto(f"/p/{pulse.token}/")
    page.get_by_role("button", name="Send my answers").click()
    wait_for_page(page, "pulse_answer")
    assert page.get_by_text("Choose the group you belong to.").is_visible()
    check_accessibility(page, "pulse answer with errors")
