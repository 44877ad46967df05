"""Live pages: a change feed every process can read, and who else has the page open.

The feed. Every write that changes what a live page shows adds an event to its feed, in
the same transaction (the canvas does it in `Canvas.touch`, which every write service calls
last). Each event has the next number of the feed's sequence, taken under the row lock
the write already holds, so numbers never repeat or go back, across processes and machines.
Open pages ask about once a second for what came after the number they have. The answer
"nothing new" is a 304 to an `If-None-Match` carrying the number they have (`etag`):

- with a shared cache (`settings.LIVE_SHARED_CACHE`, on when `CACHE_URL` is set) the feed's
  latest number is read from the cache, so the answer costs no query at all; the write sets
  it (`announce`) while it still holds the lock, so a later write can't be overtaken;
- without one, it costs one query by primary key.

Either way it runs before the session and the user are loaded: the page holds a signed
*ticket* (`issue_ticket`) naming the feed and the person, good for `TICKET_SECONDS`. A
ticket only ever gets "nothing new" (and keeps its holder on the presence list); anything
else goes through the usual access checks, which also renew it.

Presence lives in the cache: one entry per open page (a *tab*), refreshed by its polls,
gone `PRESENCE_SECONDS` after its last one. With `CACHE_URL` every process shares it;
without, each process has its own (fine for `runserver`, README "Live board").
"""

import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import models

TICKET_HEADER = "X-Live-Ticket"  # every poll of a live page carries its ticket here
TICKET_SECONDS = 10 * 60  # how long a page's ticket gets "nothing new" without a renewal
PRESENCE_SECONDS = 25  # without a poll for this long, a tab no longer counts as open
SEQ_CACHE_SECONDS = 24 * 60 * 60  # a feed's latest number stays in the cache this long
_TICKET_SALT = "core.live.ticket"


@dataclass(frozen=True)
class Change:
    """What a write changed on a live page, as its feed records it.

    `kind` is "<record>.<verb>" ("note.edit", "note.move", "segment.delete"), or a word the
    page knows ("header"); `areas` names the parts of the page whose records changed (a
    note's area before and after a move); `record_pk` the record, if there is one."""

    kind: str = ""
    areas: tuple[str, ...] = ()
    record_pk: int | None = None


def areas_of(record: models.Model) -> tuple[str, ...]:
    """The parts of a live page a record appears in (`feed_areas()`, when its model has it)."""
    feed_areas = getattr(record, "feed_areas", None)
    return tuple(feed_areas()) if feed_areas else ()


def change_of(record: models.Model, verb: str) -> Change:
    """The change a versioned write (core/versioning.py) made to `record`: "<model>.<verb>",
    where it shows, and its key."""
    return Change(f"{record._meta.model_name}.{verb}", areas_of(record), record.pk)


# The latest number of a feed, in the cache -------------------------------------------------


def _seq_key(feed: str) -> str:
    return f"live:{feed}:seq"


def _rev_key(feed: str) -> str:
    return f"live:{feed}:here-rev"


def _here_key(feed: str) -> str:
    return f"live:{feed}:here"


def shared_cache() -> bool:
    """Whether the cache is shared by every process (Redis through `CACHE_URL`)."""
    return settings.LIVE_SHARED_CACHE


def announce(feed: str, seq: int) -> None:
    """Tell the shared cache the feed's latest number. Call it inside the write's
    transaction, while it holds the lock that gave `seq`: the next writer waits for that
    lock, so it can't announce first. (Polls that see the number before the commit find
    nothing new in the database yet, and ask again.)"""
    if shared_cache():
        cache.set(_seq_key(feed), seq, SEQ_CACHE_SECONDS)


def cached_state(feed: str) -> tuple[int | None, str]:
    """The feed's latest number as the shared cache knows it (None: ask the database), and
    who is here (`here_rev`), in one round trip. Without a shared cache, presence is each
    process's own: it stays out of the ETag, and a board's check-ins (every ten seconds)
    get the list in full instead."""
    if not shared_cache():
        return None, "local"  # each process's own list: its changes can't be in the ETag
    values = cache.get_many([_seq_key(feed), _rev_key(feed)])
    return values.get(_seq_key(feed)), values.get(_rev_key(feed)) or "0"


def remember_seq(feed: str, seq: int) -> None:
    """Put a number read from the database into the shared cache, unless a write already
    announced one (`add` never overwrites)."""
    if shared_cache():
        cache.add(_seq_key(feed), seq, SEQ_CACHE_SECONDS)


def etag(seq: int, here_rev: str) -> str:
    """The feed's state as one strong ETag: its latest number and who is here."""
    return f'"{seq}.{here_rev}"'


# Tickets ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ticket:
    """Who holds a live page open, as its signed ticket says."""

    feed: str
    user_pk: int
    name: str


def is_poll(request) -> bool:
    """Whether a request is a live page's poll: done by the page, not the person, so it
    doesn't count as their activity (accounts.middleware.SessionLimitsMiddleware)."""
    return TICKET_HEADER in request.headers


def issue_ticket(feed: str, *, user_pk: int, name: str) -> str:
    return signing.dumps([feed, user_pk, name], salt=_TICKET_SALT)


def read_ticket(value: str) -> Ticket | None:
    """The ticket's contents, or None when it is forged, garbled or older than TICKET_SECONDS."""
    if not value or len(value) > 1000:
        return None
    try:
        feed, user_pk, name = signing.loads(value, salt=_TICKET_SALT, max_age=TICKET_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Ticket(str(feed), int(user_pk), str(name))


# Presence --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Here:
    """Someone with the page open: their name and initials, and what they are editing."""

    user_pk: int
    name: str
    initials: str
    editing: tuple[int, ...] = ()


def initials(name: str) -> str:
    words = [word for word in name.replace(".", " ").split() if word[:1].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def _people(entries: dict, now: float) -> tuple:
    """Who is here, as the page shows it (the same people in any order compare equal)."""
    shown = {}
    for entry in entries.values():
        if entry["until"] > now:
            person = shown.setdefault(entry["user"], [entry["name"], set()])
            person[1].update(entry["editing"])
    return tuple(
        sorted((user, name, tuple(sorted(editing))) for user, (name, editing) in shown.items())
    )


def here_rev(feed: str) -> str:
    """A token that changes whenever who is here (or what they edit) changes."""
    return cache.get(_rev_key(feed)) or "0"


def check_in(
    feed: str, *, tab: str, user_pk: int, name: str, editing: tuple[int, ...] = (), now=None
) -> None:
    """Keep a tab on the presence list for another PRESENCE_SECONDS, editing `editing`;
    drop tabs that stopped checking in. Changes the feed's `here_rev` when who is here (or
    what they edit) changed."""
    now = time.time() if now is None else now
    entries, rev = _load(feed)
    before = _people(entries, now)
    entries = {key: entry for key, entry in entries.items() if entry["until"] > now}
    entries[tab] = {
        "user": user_pk,
        "name": name,
        "editing": list(editing),
        "until": now + PRESENCE_SECONDS,
    }
    _store(feed, entries, rev, changed=_people(entries, now) != before)


def check_out(feed: str, *, tab: str, user_pk: int) -> None:
    """Take a tab off the presence list at once (the page was closed)."""
    entries, rev = _load(feed)
    entry = entries.get(tab)
    if entry is None or entry["user"] != user_pk:
        return
    now = time.time()
    before = _people(entries, now)
    del entries[tab]
    _store(feed, entries, rev, changed=_people(entries, now) != before)


def _load(feed: str) -> tuple[dict, str]:
    values = cache.get_many([_here_key(feed), _rev_key(feed)])
    return values.get(_here_key(feed)) or {}, values.get(_rev_key(feed)) or "0"


def _store(feed: str, entries: dict, rev: str, *, changed: bool) -> None:
    """Both keys, with a fresh lifetime (the revision outlives no entry, and no entry it)."""
    rev = secrets.token_hex(4) if changed else rev
    cache.set_many({_here_key(feed): entries, _rev_key(feed): rev}, PRESENCE_SECONDS * 4)


def people_here(feed: str, *, now=None) -> list[Here]:
    """Who has the page open now, one entry per person, by name."""
    now = time.time() if now is None else now
    people = _people(cache.get(_here_key(feed)) or {}, now)
    return sorted(
        (Here(user, name, initials(name), editing) for user, name, editing in people),
        key=lambda here: (here.name.lower(), here.user_pk),
    )
