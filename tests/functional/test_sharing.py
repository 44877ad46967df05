"""An owner shares the canvas; the CFO reads it on a phone; the team presents it from the link."""

import re

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model

from scorecard.models import Question
from scorecard.services import complete_assessment, record_answer, start_or_resume_assessment
from studio.demo import DEMO_CANVAS_TITLE, DEMO_PASSWORD, load_demo
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, screenshot, wait_for_page

pytestmark = pytest.mark.browser

PAGE_WIDTH = "() => ({page: document.documentElement.scrollWidth, view: window.innerWidth})"
SLIDE_TITLES = [
    "Value proposition",
    "Products & services",
    "Customer segments",
    "Service delivery model",
    "Strategy & governance",
    "Investment & return",
    "Summary",
]
AREA_ANSWERS = ([4, 5], [4, 3], [3, 4], [2, 3], [4, 4], [1, 2])
# Every way a demo member could be named on a page.
MEMBER_WORDS = ("Olivia", "Reyes", "Eddie", "Mensah", "Vera", "Lindqvist", "@example.com")


def assessed_demo():
    _, canvas, _ = load_demo()
    owner = get_user_model().objects.get(username="olivia")
    assessment, _ = start_or_resume_assessment(canvas=canvas, by=owner)
    questions = Question.objects.filter(area__question_set=assessment.question_set).order_by(
        "area__pk", "position"
    )
    by_area = {}  # each area its own score, so one is the weakest link
    for question in questions:
        by_area.setdefault(question.area_id, []).append(question)
    for values, area_questions in zip(AREA_ANSWERS, by_area.values(), strict=False):
        for value, question in zip(values * 4, area_questions, strict=False):
            record_answer(assessment=assessment, question=question, value=value, by=owner)
    complete_assessment(assessment=assessment, by=owner)
    return canvas


def assert_no_members_named(page):
    text = page.inner_text("body")
    for word in MEMBER_WORDS:
        assert word not in text, word


def test_share_read_on_a_phone_and_present_with_the_keyboard(
    new_page, transactional_db, settings, tmp_path
):
    settings.DEBUG = django_settings.DEBUG
    assessed_demo()

    # The owner makes a link from the board.
    page = new_page(width=1400, height=900)
    log_in(page, "olivia", DEMO_PASSWORD)
    page.get_by_role("link", name=DEMO_CANVAS_TITLE, exact=True).click()
    wait_for_page(page, "board")
    page.get_by_role("link", name="Share", exact=True).click()
    wait_for_page(page, "share_settings")
    page.get_by_label("Label (optional)").fill("Exec team, Q3")
    page.get_by_label("The presentation, one area at a time").check()
    page.get_by_label("Self-assessment to share").select_option(index=1)
    page.get_by_label("Its results").check()
    page.get_by_label("Its PDF").check()
    page.get_by_role("button", name="Make the link").click()
    wait_for_page(page, "share_settings")
    assert page.get_by_text("The link is ready").is_visible()
    check_accessibility(page, "share settings")
    screenshot(page, "share-settings")
    address = page.locator("input.share-url").first.input_value()
    token_path = re.sub(r"^https?://[^/]+", "", address)
    assert re.fullmatch(r"/s/[A-Za-z0-9_-]{32}/", token_path)

    # The CFO opens it on a phone, without an account.
    phone = new_page(width=390, height=844)
    response = phone.goto(token_path)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    assert response.headers["referrer-policy"] == "no-referrer"
    wait_for_page(phone, "share_home")
    assert phone.get_by_role("heading", name=DEMO_CANVAS_TITLE).is_visible()
    assert phone.locator("form, button").count() == 0  # nothing to change
    assert_no_members_named(phone)
    width = phone.evaluate(PAGE_WIDTH)
    assert width["page"] <= width["view"], width
    check_accessibility(phone, "shared board at 390px")
    screenshot(phone, "shared-board-390")
    phone.get_by_role("link", name="Self-assessment results").click()
    wait_for_page(phone, "share_results")
    assert phone.get_by_role("heading", name="Overall score").is_visible()
    assert_no_members_named(phone)
    width = phone.evaluate(PAGE_WIDTH)
    assert width["page"] <= width["view"], width
    check_accessibility(phone, "shared results")

    # The same link on a desktop: the board, then the presentation with the keyboard.
    room = new_page(width=1400, height=900)
    room.goto(token_path)
    wait_for_page(room, "share_home")
    check_accessibility(room, "shared board")
    screenshot(room, "shared-board")
    room.get_by_role("link", name="Present").first.click()
    wait_for_page(room, "share_present")
    check_accessibility(room, "slide")
    screenshot(room, "slide-1")
    keys = ["ArrowRight", "ArrowRight", "Space", "PageDown", "ArrowRight", "Space"]
    for number, key in enumerate(keys, start=2):
        room.keyboard.press(key)
        room.wait_for_url(re.compile(rf"/present/{number}/$"))
        assert room.locator("#slide-title").inner_text() == SLIDE_TITLES[number - 1]
        assert room.get_by_text(f"{number} of 7").is_visible()
    assert room.get_by_text("Top actions").is_visible()
    assert room.get_by_text("Return on investment").is_visible()
    assert_no_members_named(room)
    screenshot(room, "slide-summary")
    room.keyboard.press("ArrowRight")  # the last slide: nowhere further to go
    room.keyboard.press("ArrowLeft")
    room.wait_for_url(re.compile(r"/present/6/$"))
    room.reload()  # the slide number is in the address
    assert room.locator("#slide-title").inner_text() == "Investment & return"

    # Full screen keeps the slide changes in place; leaving it leaves the presentation.
    room.get_by_role("button", name="Full screen").click()
    room.wait_for_function("() => document.fullscreenElement !== null")
    room.keyboard.press("ArrowLeft")
    room.wait_for_url(re.compile(r"/present/5/$"))
    room.wait_for_function(
        "() => document.getElementById('slide-title').textContent === 'Strategy & governance'"
    )
    assert room.evaluate("() => document.fullscreenElement !== null")
    room.evaluate("() => document.exitFullscreen()")
    wait_for_page(room, "share_home")

    # A slide at 390px.
    phone.goto(token_path.rstrip("/") + "/present/1/")
    wait_for_page(phone, "share_present")
    width = phone.evaluate(PAGE_WIDTH)
    assert width["page"] <= width["view"], width
    check_accessibility(phone, "slide at 390px")
    screenshot(phone, "slide-1-390")


def test_members_present_from_the_board(page, transactional_db, settings):
    settings.DEBUG = django_settings.DEBUG
    assessed_demo()
    log_in(page, "vera", DEMO_PASSWORD)
    page.get_by_role("link", name=DEMO_CANVAS_TITLE, exact=True).click()
    wait_for_page(page, "board")
    assert page.get_by_role("link", name="Share", exact=True).count() == 0  # viewers can't
    page.get_by_role("link", name="Present").click()
    wait_for_page(page, "present")
    for number in range(2, 8):
        page.keyboard.press("ArrowRight")
        page.wait_for_url(re.compile(rf"/present/{number}/$"))
        assert page.locator("#slide-title").inner_text() == SLIDE_TITLES[number - 1]
    page.get_by_role("link", name="Leave the presentation").click()
    wait_for_page(page, "board")
