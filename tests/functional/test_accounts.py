"""The account pages in a browser: the lockout page, password reset by email, the
account page and logging out; axe on each, and each fits a 390-pixel phone."""

import re

import pytest
from django.core import mail

from tests.conftest import PASSWORD
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, screenshot, wait_for_page

pytestmark = pytest.mark.browser

PAGE_WIDTH = "() => document.documentElement.scrollWidth <= window.innerWidth"
NEW_PASSWORD = "a-fresh-password-for-2027"


def shoot(page, tmp_path, name: str) -> None:
    assert page.evaluate(PAGE_WIDTH), f"{name} scrolls sideways"
    screenshot(page, name)


# Each journey runs at one width; the other pages' fit at 390 px is checked in
# test_accessibility.test_pages_work_at_390_pixels_wide.
@pytest.mark.parametrize("width", [390])
def test_the_lockout_page_says_how_long_and_not_whether_the_user_exists(
    new_page, transactional_db, owner, tmp_path, width
):
    page = new_page(width=width, height=900)
    page.goto("/login/")
    for n in range(5):
        page.get_by_label("Username").fill("owner")
        page.get_by_label("Password").fill(f"wrong-guess-{n}")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
    heading = page.get_by_role("heading", level=1)
    assert heading.inner_text() == "Logging in is paused for 15 minutes"
    assert "owner" not in page.locator("main").inner_text()
    check_accessibility(page, "login lockout")
    shoot(page, tmp_path, f"lockout-{width}")
    page.get_by_role("link", name="reset it by email").click()
    wait_for_page(page, "password_reset")


@pytest.mark.parametrize("width", [1280])
def test_a_forgotten_password_is_reset_by_email(new_page, transactional_db, owner, tmp_path, width):
    owner.email = "olivia@example.com"
    owner.save()
    page = new_page(width=width, height=900)
    page.goto("/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    wait_for_page(page, "password_reset")
    check_accessibility(page, "password reset")
    shoot(page, tmp_path, f"reset-form-{width}")
    page.get_by_label("Email").fill("olivia@example.com")
    page.get_by_role("button", name="Send the link").click()
    wait_for_page(page, "password_reset_done")
    assert page.get_by_role("heading", name="Check your email").is_visible()
    check_accessibility(page, "password reset sent")
    shoot(page, tmp_path, f"reset-sent-{width}")

    link = re.search(r"https?://\S+/password-reset/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    wait_for_page(page, "password_reset_confirm")
    page.get_by_label("New password", exact=True).fill("too-short")
    page.get_by_label("New password confirmation").fill("too-short")
    page.get_by_role("button", name="Save the new password").click()
    page.wait_for_load_state()
    assert "at least 12 characters" in page.locator("main").inner_text()
    check_accessibility(page, "password reset confirm")
    shoot(page, tmp_path, f"reset-confirm-{width}")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    wait_for_page(page, "password_reset_complete")
    check_accessibility(page, "password reset complete")
    shoot(page, tmp_path, f"reset-complete-{width}")

    log_in(page, "owner", NEW_PASSWORD)
    wait_for_page(page, "org_home")


@pytest.mark.parametrize("width", [390])
def test_account_page_changes_the_password_and_logout_asks_first(
    new_page, transactional_db, owner, org, tmp_path, width
):
    page = new_page(width=width, height=900)
    log_in(page, "owner", PASSWORD)
    page.get_by_role("link", name=re.compile("your account")).click()
    wait_for_page(page, "account")
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("short")
    page.get_by_role("button", name="Change password").click()
    page.wait_for_load_state()
    assert "at least 12 characters" in page.locator("main").inner_text()
    check_accessibility(page, "account")
    shoot(page, tmp_path, f"account-{width}")
    page.get_by_label("Old password").fill(PASSWORD)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change password").click()
    wait_for_page(page, "account")
    assert "Password changed" in page.locator("#messages").inner_text()

    page.goto("/logout/")
    check_accessibility(page, "logout")
    shoot(page, tmp_path, f"logout-{width}")
    page.locator("main").get_by_role("button", name="Log out").click()
    wait_for_page(page, "login")
    assert "logged out" in page.locator("#messages").inner_text()
