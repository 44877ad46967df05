"""A leader puts three starter indicators on the dashboard, links a driver to the result
it drives, adds readings until one goes red, and finds the root cause named on the
dashboard and on the board."""

import datetime

import pytest

from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, wait_for_htmx, wait_for_page

pytestmark = pytest.mark.browser


def words(locator) -> str:
    """The text as read, whatever the layout's line breaks."""
    return " ".join(locator.inner_text().split())


def card(page, name):
    return page.locator(".indicator-card", has=page.get_by_role("heading", name=name, exact=True))


def add_starter(page, name):
    page.get_by_role("button", name=f"Add {name}", exact=True).click()
    wait_for_htmx(page)
    assert card(page, name).is_visible()


def add_reading(page, name, day, value):
    box = card(page, name)
    if not box.get_by_label("Day", exact=True).count():  # the form stays open after a reading
        box.get_by_role("link", name=f"Add a reading to {name}").click()
        wait_for_htmx(page)
    box.get_by_label("Day", exact=True).fill(day.isoformat())
    box.get_by_label("Value", exact=False).fill(str(value))
    box.get_by_role("button", name=f"Add reading to {name}").click()
    wait_for_htmx(page)


def link(page, driver, result):
    box = card(page, driver)
    box.locator("summary", has_text="Links").click()
    box.get_by_role("link", name="Link it to what it drives").click()
    wait_for_htmx(page)
    box.get_by_label("Drives").select_option(label=result)
    box.get_by_role("button", name=f"Link {driver} to what it drives").click()
    wait_for_htmx(page)


def test_three_starters_a_link_readings_and_the_root_cause(page, canvas, owner, transactional_db):
    log_in(page, "owner")
    page.goto(f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/")
    page.get_by_role("link", name="Indicators", exact=True).click()
    wait_for_page(page, "indicators")
    assert page.get_by_text("No indicators yet.").is_visible()
    page.evaluate("window.noReloadMarker = true")

    add_starter(page, "Voluntary use")
    add_starter(page, "Time to competence")
    add_starter(page, "Learner satisfaction")
    link(page, "Voluntary use", "Time to competence")
    link(page, "Learner satisfaction", "Voluntary use")
    assert page.locator("#indicators-chain .chain-node").count() == 3

    today = canvas.organization.today()
    week = datetime.timedelta(weeks=1)
    add_reading(page, "Learner satisfaction", today - week, 84)
    add_reading(page, "Voluntary use", today - week, 62)
    add_reading(page, "Time to competence", today - week, 28)
    attention = page.locator("#indicators-attention")
    assert "3 on target" in words(attention)
    assert "Nothing is off target." in words(attention)

    add_reading(page, "Voluntary use", today, 41)
    add_reading(page, "Time to competence", today, 36)
    competence = card(page, "Time to competence")
    assert "Red" in competence.locator(".status-badge").inner_text()
    assert "Up 8 days from 28 days, worse" in words(competence.locator(".trend"))
    assert competence.locator("svg.spark polyline").count() == 1

    # The dashboard says which result is off target, and why.
    text = words(attention)
    assert "Time to competence is red: 36 days against a target of 30 days." in text
    assert "Likely root cause: Voluntary use (red, 41% against a target of 60%)" in text
    assert "the offering is falling short despite good ratings" in text
    assert page.locator("#indicators-chain .chain-curve-weak").count() == 1
    check_accessibility(page, "indicators")

    # A typo corrected in place, then a reading deleted and brought back.
    use = card(page, "Voluntary use")
    use.get_by_role("link", name="Correct or delete a reading of Voluntary use").click()
    wait_for_htmx(page)
    use.get_by_role("link", name=f"Correct the reading of {today:%-d %b %Y}").click()
    wait_for_htmx(page)
    correcting = use.get_by_role("form", name=f"Correct the reading of {today:%-d %b %Y}")
    assert correcting.get_by_label("Value (%)").input_value() == "41"
    correcting.get_by_label("Value (%)").fill("40")
    correcting.get_by_role("button", name="Save").click()
    wait_for_htmx(page)
    assert use.locator(".card-value").inner_text() == "40%"
    use.get_by_role("button", name=f"Delete the reading of {today:%-d %b %Y}").click()
    wait_for_htmx(page)
    assert use.locator(".card-value").inner_text() == "62%"
    assert "Nothing is off target" not in words(attention)  # competence is still red
    use.get_by_role("button", name="Undo").click()
    wait_for_htmx(page)
    assert use.locator(".card-value").inner_text() == "40%"
    assert page.evaluate("window.noReloadMarker") is True  # all of it without a reload

    # The board names the root cause in the result's area.
    page.get_by_role("link", name="Back to the canvas").click()
    wait_for_page(page, "board")
    summary = page.locator("#area-value_proposition .indicator-summary")
    assert "Time to competence" in words(summary)
    assert "Likely root cause of time to competence: Voluntary use." in words(summary)
