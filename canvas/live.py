"""The live board: what an open board's poll gets back (core/live.py has the machinery).

An open board (static/js/live.js) asks `board_live` about once a second for what came after
the last event it has, with the ETag it got last time. Two answers:

- nothing new: a 304, given before the session is even loaded (`quick_answer`, run by
  canvas.middleware.LiveFeedMiddleware): the page's ticket says who is asking; the canvas's
  latest event number comes from the shared cache, or else from one query by primary key;
- something new (or a ticket to renew): the usual access checks, then `feed_response`:
  the events since, and the board's parts they changed, rendered as the board renders
  them (the notes lists of the areas they touched, the header, the other apps' panels),
  with who else is here. A board too far behind for the events still kept, or that asks
  (`resync`), gets every part whole.
"""

import re

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control

from canvas.areas import AREAS, AREAS_BY_KEY
from canvas.models import Canvas, CanvasEvent, feed_name
from canvas.panels import board_panels
from core.formats import person_name
from core.live import (
    TICKET_HEADER,
    cached_state,
    check_in,
    check_out,
    etag,
    here_rev,
    issue_ticket,
    people_here,
    read_ticket,
    remember_seq,
    shared_cache,
)

EVENTS_AT_ONCE = 50  # further behind than this, a board gets its parts whole
_TAB = re.compile(r"[A-Za-z0-9_-]{1,32}")


def live_state(request, canvas, membership) -> dict:
    """What the board page hands static/js/live.js: where to poll, the ticket, and the
    number of the latest event the page already shows."""
    kwargs = {"org_slug": membership.organization.slug, "canvas_pk": canvas.pk}
    return {
        "url": reverse("board_live", kwargs=kwargs),
        "ticket": _ticket(request, canvas),
        "seq": canvas.feed_seq,
        "etag": "",  # the first poll always answers in full: who else is here
        "poll_ms": settings.LIVE_POLL_MS,
    }


def _ticket(request, canvas) -> str:
    return issue_ticket(canvas.feed, user_pk=request.user.pk, name=person_name(request.user))


def _presence(request) -> tuple[str, tuple[int, ...]]:
    """The poll's tab (one open board) and the notes it has open for editing."""
    tab = request.GET.get("tab", "")
    if not _TAB.fullmatch(tab):
        return "", ()
    editing = []
    for value in request.GET.get("editing", "").split(",")[:20]:
        if value.isdigit() and len(value) < 19:
            editing.append(int(value))
    return tab, tuple(editing)


def latest_seq(canvas_pk: int) -> int | None:
    """The number of the canvas's latest event (one query by primary key); None when the
    canvas is in the trash or gone."""
    rows = Canvas.objects.filter(pk=canvas_pk).order_by().values_list("feed_seq", flat=True)
    return next(iter(rows[:1]), None)


def _not_modified(tag: str):
    response = HttpResponseNotModified()
    response["ETag"] = tag
    patch_cache_control(response, no_store=True, private=True)
    return response


def quick_answer(request, canvas_pk: int):
    """Answer "nothing new" (304) to a poll whose ticket holds and whose ETag is current,
    without the session, the user or the membership: no query with a shared cache, else one
    by primary key. None: the full answer must decide (`feed_response`)."""
    ticket = read_ticket(request.headers.get(TICKET_HEADER, ""))
    feed = feed_name(canvas_pk)
    if ticket is None or ticket.feed != feed or request.GET.get("resync"):
        return None
    tab, editing = _presence(request)
    if tab and request.GET.get("here"):
        if not shared_cache():
            # Who is here is this process's own list: a check-in gets the list in full.
            return None
        check_in(feed, tab=tab, user_pk=ticket.user_pk, name=ticket.name, editing=editing)
        request.live_checked_in = True
    asked = request.headers.get("If-None-Match")
    if not asked:
        return None  # a board that wants the full answer (its first poll, a new ticket)
    seq, rev = cached_state(feed)
    if seq is None:
        seq = latest_seq(canvas_pk)
        if seq is None:
            return None  # in the trash or gone: the full answer says so
        remember_seq(feed, seq)
    tag = etag(seq, rev)
    if asked != tag:
        return None
    return _not_modified(tag)


def _after(request) -> int | None:
    value = request.GET.get("after", "")
    return int(value) if value.isdigit() and len(value) < 19 else None


def feed_response(request, canvas, membership):
    """The events after the poll's `after`, the board's parts they changed, who else is
    here, and a fresh ticket (JSON; a fixed number of queries, whatever the board holds)."""
    feed = canvas.feed
    tab, editing = _presence(request)
    if tab and not getattr(request, "live_checked_in", False):
        check_in(
            feed, tab=tab, user_pk=request.user.pk, name=person_name(request.user), editing=editing
        )
    after = _after(request)
    events = []
    if after is not None:
        events = list(
            CanvasEvent.objects.filter(canvas_id=canvas.pk, seq__gt=after)
            .select_related("actor")
            .order_by("seq")[: EVENTS_AT_ONCE + 1]
        )
    seq = max(canvas.feed_seq, events[-1].seq if events else 0)
    whole = (
        after is None
        or bool(request.GET.get("resync"))
        or len(events) > EVENTS_AT_ONCE
        or (events and events[0].seq != after + 1)
        or (not events and seq != after)
    )
    context = _context(canvas, membership)
    if whole:
        parts = _parts(
            request, context, areas=[area.key for area in AREAS], header=True, panels=True
        )
        shown_events = []
    else:
        kinds = [event.kind for event in events]
        areas = {area for event in events if event.kind.startswith("note.") for area in event.areas}
        parts = _parts(
            request,
            context,
            areas=[area.key for area in AREAS if area.key in areas],
            header=bool(events),
            panels=any(not kind.startswith("note.") for kind in kinds),
        )
        shown_events = [_event(event, request.user) for event in events]
    here = [
        {"name": person.name, "initials": person.initials, "editing": list(person.editing)}
        for person in people_here(feed)
        if person.user_pk != request.user.pk
    ]
    tag = etag(seq, here_rev(feed) if shared_cache() else "local")
    response = JsonResponse(
        {
            "seq": seq,
            "etag": tag,
            "whole": whole,
            "events": shown_events,
            **parts,
            "here": here,
            "ticket": _ticket(request, canvas),
        }
    )
    response["ETag"] = tag
    patch_cache_control(response, no_store=True, private=True)
    return response


def left(request, canvas):
    """A board was closed: its tab leaves the presence list at once (204)."""
    tab = request.POST.get("tab", "")
    if _TAB.fullmatch(tab):
        check_out(canvas.feed, tab=tab, user_pk=request.user.pk)
    return HttpResponse(status=204)


def _event(event: CanvasEvent, user) -> dict:
    return {
        "seq": event.seq,
        "kind": event.kind,
        "areas": event.areas,
        "record": event.record_pk,
        "by": person_name(event.actor),
        "mine": event.actor_id == user.pk,
    }


def _context(canvas, membership) -> dict:
    slug = membership.organization.slug
    return {
        "canvas": canvas,
        "membership": membership,
        "org_slug": slug,
        "notes_url": notes_url(slug, canvas.pk),
    }


def notes_url(org_slug: str, canvas_pk: int) -> str:
    """Where a note's own page lives, but for the note's id ("/o/acme/canvases/5/notes/")."""
    return reverse("note_add", kwargs={"org_slug": org_slug, "canvas_pk": canvas_pk}).removesuffix(
        "new/"
    )


def _parts(request, context: dict, *, areas: list[str], header: bool, panels: bool) -> dict:
    """The board's parts, rendered as the board page renders them."""
    canvas, membership = context["canvas"], context["membership"]
    parts: dict = {"areas": {}, "header": "", "panels": {}, "actions": ""}
    if areas:
        notes = canvas.cards(*areas)
        for key in areas:
            item = {"area": AREAS_BY_KEY[key], "notes": notes[key]}
            parts["areas"][key] = render_to_string(
                "canvas/board.html#notes", {**context, "item": item}, request
            )
    if header:
        parts["header"] = render_to_string("canvas/board.html#header", context, request)
    if panels:
        found = board_panels(request, canvas, membership)
        parts["panels"] = found.areas
        parts["actions"] = render_to_string(
            "canvas/board.html#actions",
            {**context, "assess": found.assess, "links": found.links},
            request,
        )
    return parts
