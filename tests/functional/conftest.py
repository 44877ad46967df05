"""Browser tests: Playwright driving the system Chromium against `live_server`.

Locally, with no Chromium installed, they skip and say what to install. In CI
(the CI variable is set) a missing Chromium fails the run instead.
"""

import contextlib
import os
import shutil
import time
from pathlib import Path

import pytest

from orgs.models import Membership
from tests.conftest import PASSWORD
from tests.functional import a11y
from tests.functional.a11y import AccessibilityRegistry, url_name
from tests.helpers import run_directory

# Playwright's sync API runs an event loop; Django refuses ORM calls from such
# threads unless told the test is not really async.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium_missing_message() -> str | None:
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return (
            f"Chromium not found at {CHROMIUM}: install it with "
            "`sudo apt-get install chromium` (Debian/Ubuntu) to run the browser tests."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "The playwright Python package is missing: run `make test` to install it."
    return None


@pytest.fixture(scope="session")
def browser():
    missing = _chromium_missing_message()
    if missing:
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(missing + " (CI must run the browser tests.)")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session", autouse=True)
def axe_registry(tmp_path_factory):
    """One record per run of the page kinds axe has scanned (see tests/functional/a11y.py)."""
    a11y.registry = AccessibilityRegistry(run_directory(tmp_path_factory, "axe-scanned"))
    yield a11y.registry
    a11y.registry = None


# Every page reports what the content security policy refused, through a binding that
# Playwright adds outside the page (so the policy can't refuse the report itself).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__reportPolicyViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber} ${event.sample || ""}`
  );
});
"""
# What Chromium writes to the console when a policy (CSP, Permissions-Policy) refuses or
# misreads something.
POLICY_CONSOLE_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def new_page(browser, live_server):
    """`new_page(width=1400, height=1000)`: a page in a fresh browser context (cookies,
    storage) of the one shared browser. A context costs milliseconds; the browser, seconds.

    The test fails if any page broke the content security policy: a `securitypolicyviolation`
    event or a policy message in the console."""
    contexts = []
    violations = []
    in_flight = set()

    def on_console(message):
        if any(word in message.text for word in POLICY_CONSOLE_WORDS):
            violations.append(f"console {message.type}: {message.text}")

    def make(width=1400, height=1000):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(10_000)
        context.expose_binding(
            "__reportPolicyViolation",
            lambda source, text: violations.append(f"{source['page'].url}: {text}"),
        )
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("console", on_console)
        context.on("request", lambda request: in_flight.add(request))
        context.on("requestfinished", lambda request: in_flight.discard(request))
        context.on("requestfailed", lambda request: in_flight.discard(request))
        contexts.append(context)
        return context.new_page()

    make.policy_violations = violations  # for the test that checks this check
    yield make
    # Open boards keep polling (static/js/live.js): stop every request, and let those on
    # their way finish, before the database is emptied under the live server's feet.
    from playwright.sync_api import Error as PlaywrightError

    open_contexts = []
    for context in contexts:
        with contextlib.suppress(PlaywrightError):  # unless the test closed it already
            context.route("**/*", lambda route: route.abort())
            open_contexts.append(context)
    for context in open_contexts:
        for open_page in context.pages:  # leave now, while requests are refused: a board
            with contextlib.suppress(PlaywrightError):  # says goodbye to the server as it goes
                open_page.goto("about:blank")
    pages = [open_page for context in open_contexts for open_page in context.pages]
    deadline = time.monotonic() + 5
    while pages and in_flight and time.monotonic() < deadline:
        pages[0].wait_for_timeout(50)  # Playwright reports requests ending while it waits
    for context in open_contexts:
        context.close()
    if violations:
        pytest.fail("The content security policy refused something:\n" + "\n".join(violations))


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name: str, *, full_page: bool = True) -> None:
    """Save a screenshot to look at by eye, into SCREENSHOT_DIR when it is set. Nothing
    in a test reads it, so without SCREENSHOT_DIR none is taken (each costs a moment)."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def wait_for_htmx(page) -> None:
    """Wait until htmx has no request in flight and nothing left to settle or swap."""
    page.wait_for_function(
        "() => !document.querySelector("
        "'.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')"
    )


def wait_for_page(page, name: str) -> None:
    """Wait until the page shows the URL named `name` and has loaded (scripts run)."""
    page.wait_for_url(lambda url: url_name(url) == name)


def log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    a11y.check_accessibility(page, "login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: url_name(url) != "login")


@pytest.fixture
def olivia_and_eddie(make_user, org):
    """Two editors of the `org` fixture's organization, to share a board."""
    people = {}
    for name in ("olivia", "eddie"):
        people[name] = make_user(name)
        Membership.objects.create(user=people[name], organization=org, role=Membership.Role.EDITOR)
    return people
