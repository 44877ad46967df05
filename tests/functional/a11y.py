"""Accessibility checks for the browser tests: axe-core, once per kind of page.

A browser test calls `check_accessibility(page, "board")` when its page shows
what that kind of page usually shows. The first call for a kind in a test run
scans the page with axe-core (bundled by axe-playwright-python); later calls
for the same kind return at once, because a scan costs about a second. Under
pytest-xdist the workers share the record (a marker file per kind in the run's
temporary directory), so each kind is still scanned once per run.

A serious or critical violation fails the test with a readable list; moderate
and minor ones are reported as warnings (pytest's warnings summary).
"""

import os
import warnings
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

# Each kind of page the browser tests visit, and the URL names it may have.
PAGE_KINDS = {
    "login": {"login"},
    "login lockout": {"login"},
    "password reset": {"password_reset"},
    "password reset sent": {"password_reset_done"},
    "password reset confirm": {"password_reset_confirm"},
    "password reset complete": {"password_reset_complete"},
    "account": {"account"},
    "logout": {"logout"},
    "org picker": {"home"},
    "org home": {"org_home"},
    "org settings": {"org_settings"},
    "board": {"board"},
    "board at 390px": {"board"},
    "board with a stale-delete conflict": {"board"},
    "live board with someone else editing": {"board"},
    "board with a note's tools open": {"board"},
    "note page": {"note_detail"},
    "canvas delete": {"canvas_delete"},
    "trash": {"canvas_trash"},
    "trash delete for good": {"canvas_delete_for_good", "trash_empty"},
    "segments": {"segment_list"},
    "segment delete": {"segment_delete"},
    "busy": {"segment_move"},
    "persona form": {"persona_create", "persona_edit"},
    "persona": {"persona_detail"},
    "persona delete": {"persona_delete"},
    "investment": {"investment"},
    "indicators": {"indicators"},
    "assessment history": {"scorecard_history"},
    "assessment take": {"scorecard_take"},
    "assessment results": {"scorecard_results"},
    "pulse answer at 390px": {"pulse_answer"},
    "pulse answer with errors": {"pulse_answer"},
    "pulse thanks": {"pulse_thanks"},
    "pulse list": {"pulse_list"},
    "pulse open": {"pulse_open"},
    "pulse results": {"pulse_results"},
    "share settings": {"share_settings"},
    "shared board": {"share_home"},
    "shared board at 390px": {"share_home"},
    "shared results": {"share_results"},
    "slide": {"present", "share_present"},
    "slide at 390px": {"present", "share_present"},
}
FAILING_IMPACTS = {"serious", "critical"}


class AccessibilityWarning(UserWarning):
    """A moderate or minor axe finding: worth fixing, not failing the run."""


class AccessibilityRegistry:
    """Which kinds of page this run has scanned, shared by every xdist worker."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)

    def claim(self, kind: str) -> bool:
        """True for the first caller in the whole run, False for every later one."""
        marker = self.directory / kind.replace(" ", "-")
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            return False
        return True


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ... and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)


def scan(page) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def url_name(url: str) -> str | None:
    """The name of the route a page URL resolves to (None: no route)."""
    try:
        return resolve(urlsplit(url).path).url_name
    except Resolver404:
        return None


def assert_page_kind(page, kind: str) -> None:
    if kind not in PAGE_KINDS:
        raise AssertionError(f"Unknown page kind {kind!r}: add it to PAGE_KINDS in {__file__}.")
    name = url_name(page.url)
    assert name in PAGE_KINDS[kind], f"{kind!r} scan on {page.url}, a {name!r} page"


# Set for the run by the session fixture `axe_registry` (tests/functional/conftest.py).
registry: AccessibilityRegistry | None = None


def check_accessibility(page, kind: str) -> None:
    """Scan the page with axe if no test of this run has scanned this kind of page yet."""
    assert_page_kind(page, kind)
    assert registry is not None, "the axe_registry fixture sets up the registry"
    if not registry.claim(kind):
        return
    violations = scan(page)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    others = [v for v in violations if v["impact"] not in FAILING_IMPACTS]
    if others:
        warnings.warn(
            f"axe on the {kind} page ({page.url}):\n{format_violations(others)}",
            AccessibilityWarning,
            stacklevel=2,
        )
    assert not failing, (
        f"axe found {len(failing)} serious or critical accessibility violation(s) on the "
        f"{kind} page ({page.url}):\n{format_violations(failing)}"
    )


def _rgba(css: str) -> tuple[float, float, float, float]:
    """(r, g, b, alpha) of a computed CSS colour, "rgb(1, 2, 3)" or "rgba(1, 2, 3, 0.5)"."""
    inside = css[css.index("(") + 1 : css.rindex(")")].replace("/", " ").replace(",", " ")
    parts = [float(part) for part in inside.split()]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb) -> float:
    def channel(value):
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast of two computed CSS colours; a translucent foreground is blended
    onto the (opaque) background first."""
    *fg, alpha = _rgba(foreground)
    bg = _rgba(background)[:3]
    blended = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]
    lighter, darker = sorted((_luminance(blended), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
