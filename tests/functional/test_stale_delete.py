"""Olivia and Eddie both have the board open. Olivia's connection drops; meanwhile Eddie
rewrites a note, and Olivia, still looking at the old text, clicks Delete. Nothing is lost:
she sees Eddie's words and chooses. (With the connection up, her board would have shown
Eddie's words within a second: tests/functional/test_live_board.py.)"""

import pytest
from django.conf import settings as django_settings

from canvas.areas import AreaKey
from canvas.models import Note
from tests.functional.a11y import check_accessibility
from tests.functional.conftest import log_in, screenshot, wait_for_htmx

pytestmark = pytest.mark.browser

# Set to a directory to keep the screenshots (the test always takes them).


@pytest.mark.parametrize("width", [1400, 390], ids=["desktop", "390px"])
def test_a_stale_delete_keeps_eddies_words_and_shows_the_conflict(
    width, new_page, transactional_db, settings, canvas, owner, olivia_and_eddie, tmp_path
):
    settings.DEBUG = django_settings.DEBUG
    settings.LIVE_POLL_MS = 250  # the boards ask four times a second: the test waits less
    note = canvas.add_note(area=AreaKey.VALUE_PROPOSITION, text="Onboarding in a week", by=owner)
    board = f"/o/{canvas.organization.slug}/canvases/{canvas.pk}/"
    olivia = new_page(width=width, height=900)
    eddie = new_page(width=width, height=900)
    log_in(olivia, "olivia")
    olivia.goto(board)
    log_in(eddie, "eddie")
    eddie.goto(board)

    # Olivia's board loses its connection to the live feed: it says so.
    olivia.locator("#board-live[data-state=live]").wait_for()
    olivia.route("**/live/**", lambda route: route.abort())
    olivia.locator("#board-live[data-state=lost]").wait_for(timeout=15_000)
    assert "Connection lost" in olivia.locator("#live-status").inner_text()

    # Eddie rewrites the note and saves.
    eddie.locator(f"#note-{note.pk} .note-text").click()
    wait_for_htmx(eddie)
    eddie.locator(f"#note-{note.pk} textarea").fill("Onboarding in three days, with a buddy")
    eddie.get_by_role("button", name="Save").click()
    wait_for_htmx(eddie)
    assert Note.objects.get(pk=note.pk).version == 2
    added = canvas.add_note(area=AreaKey.SERVICE_DELIVERY, text="Buddy programme", by=owner)

    # Olivia, still looking at the old text, deletes it.
    card = olivia.locator(f"#note-{note.pk}")
    assert "Onboarding in a week" in card.inner_text()
    card.hover()  # the note's tools come to it
    card.get_by_role("button", name="Delete").click()
    wait_for_htmx(olivia)
    panel = olivia.locator(f"#note-{note.pk} .conflict")
    panel.wait_for()
    text = panel.inner_text()
    assert "Eddie changed this note after you opened the page, so it was not deleted." in text
    assert "Onboarding in three days, with a buddy" in text
    assert Note.objects.get(pk=note.pk).text == "Onboarding in three days, with a buddy"
    assert olivia.evaluate("document.activeElement.textContent") == "Keep it as it is"
    panel.scroll_into_view_if_needed()
    screenshot(olivia, f"stale-delete-{width}", full_page=False)
    check_accessibility(olivia, "board with a stale-delete conflict")

    if width < 600:
        # Keep theirs: the note comes back as Eddie left it, and nothing is deleted.
        olivia.get_by_role("link", name="Keep it as it is").click()
        wait_for_htmx(olivia)
        assert "with a buddy" in olivia.locator(f"#note-{note.pk} .note-text").inner_text()
        assert Note.objects.filter(pk=note.pk).exists()
    else:
        # Go ahead: deleted now, with the usual undo.
        olivia.get_by_role("button", name="Delete anyway").click()
        wait_for_htmx(olivia)
        assert olivia.locator(f"#note-{note.pk}").get_by_role("button", name="Undo").is_visible()
        assert not Note.objects.filter(pk=note.pk).exists()

    # The connection comes back: the board catches up with what happened meanwhile, and
    # says it is live again.
    olivia.unroute("**/live/**")
    olivia.locator(f"#notes-{AreaKey.SERVICE_DELIVERY} #note-{added.pk}").wait_for(timeout=20_000)
    olivia.locator("#board-live[data-state=live]").wait_for(timeout=20_000)
