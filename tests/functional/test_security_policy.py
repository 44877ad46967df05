"""The content security policy in Chromium: the check that fails browser tests on a
violation works, and the pages the other journeys don't visit (the admin, error pages)
work under the policy too."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.functional.conftest import log_in, wait_for_htmx

pytestmark = pytest.mark.browser


def test_a_refused_inline_script_or_style_is_reported(new_page, transactional_db, owner):
    page = new_page()
    log_in(page, "owner")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "document.title = 'ran'";
            document.body.append(script);
            document.body.insertAdjacentHTML("beforeend", '<p style="color: red">x</p>');
        }"""
    )
    violations = new_page.policy_violations
    for _ in range(40):  # the reports reach the test through Playwright's binding
        if len(violations) >= 2:
            break
        page.wait_for_timeout(50)
    assert page.title() != "ran"  # the policy refused it
    assert any("script-src" in v for v in violations), violations
    assert any("style-src" in v for v in violations), violations
    violations.clear()  # this test broke the policy on purpose


def test_the_admin_works_under_the_policy(new_page, transactional_db, canvas):
    get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    page = new_page()
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: url.endswith("/admin/"))
    page.goto(reverse("admin:canvas_canvas_changelist"))
    page.get_by_role("link", name=canvas.title).click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert page.get_by_text("was changed successfully").is_visible()
    page.goto(reverse("admin:orgs_organization_add"))
    page.get_by_label("Name:").press_sequentially("Northwind")
    assert page.get_by_label("Slug:").input_value() == "northwind"  # admin's own script ran


def test_error_pages_and_fragments_work_under_the_policy(page, transactional_db, canvas, viewer):
    log_in(page, "viewer")
    page.goto("/o/nowhere/")
    assert page.get_by_role("heading", name="Not found").is_visible()
    page.goto(reverse("org_settings", args=[canvas.organization.slug]))
    assert page.get_by_role("heading", name="You can't do that here").is_visible()
    page.goto(reverse("board", args=[canvas.organization.slug, canvas.pk]))
    wait_for_htmx(page)
