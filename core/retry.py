"""Writes that lost a race for a lock are tried again, and then answered "busy", never 500.

The lock order (core/ordering.py) keeps the app's own writers from deadlocking
each other. What still happens (a writer outside that code, PostgreSQL's
serialization checks, SQLite's "database is locked") makes the database roll
the whole transaction back, so running it again is safe: `retry_on_conflict`
does so a few times, after short random pauses that let the writers drift apart.

It retries only the outermost transaction. Inside a transaction someone else
opened, the failed transaction can't be run again from the middle: the error
goes up to whoever opened it (a service that is itself retried, or the
request, which answers "busy"). When the tries run out it raises `Busy`, with
nothing written; core.middleware.BusyMiddleware answers it with a message.
"""

import functools
import random
import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import OperationalError, models, transaction

ATTEMPTS = 4  # the first try and three more
PAUSE_SECONDS = 0.02  # doubled after each try, then jittered between half and one and a half

# Whether this thread is inside a transaction that `retry_on_conflict` opened (see `step`).
_retried = threading.local()

# PostgreSQL: serialization_failure, deadlock_detected, lock_not_available (lock_timeout).
TRANSIENT_SQLSTATES = {"40001", "40P01", "55P03"}


class Busy(Exception):
    """A write kept losing the race for a lock; nothing was written."""

    MESSAGE = (
        "Many people are changing this canvas at this moment, so your change wasn't saved. "
        "Nothing was lost: try again in a moment."
    )

    def __init__(self, message: str = MESSAGE):
        super().__init__(message)


def is_transient(error: BaseException) -> bool:
    """Whether a database error means "lost a race for a lock, try again": a deadlock,
    a serialization failure or a lock time-out on PostgreSQL, a locked SQLite database."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__ or error
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    if sqlstate in TRANSIENT_SQLSTATES:
        return True
    return type(cause).__module__ == "sqlite3" and "locked" in str(cause)


def _remember(values) -> list[tuple[models.Model, dict[str, Any], bool]]:
    """The loaded field values of the model instances among `values`."""
    remembered = []
    for value in values:
        if isinstance(value, models.Model):
            loaded = {
                field.attname: value.__dict__[field.attname]
                for field in value._meta.concrete_fields
                if field.attname in value.__dict__
            }
            remembered.append((value, loaded, value._state.adding))
    return remembered


def _rewind(remembered) -> None:
    """Put the instances back as they were before a try that was rolled back (a new
    record saved by it, for one, has no id again)."""
    for instance, loaded, adding in remembered:
        instance.__dict__.update(loaded)
        instance._state.adding = adding


def retry_on_conflict(service: Callable) -> Callable:
    """Run `service` in a transaction, and again (up to ATTEMPTS in all) when the database
    rolled it back for a lock; then raise Busy. Inside an open transaction it runs once.

    Put it above every other decorator of the service, so that it sees the outermost
    transaction.
    """

    @functools.wraps(service)
    def run(*args, **kwargs):
        if transaction.get_connection().in_atomic_block:
            return service(*args, **kwargs)
        remembered = _remember([*args, *kwargs.values()])
        attempt = 1
        while True:
            try:
                with transaction.atomic():
                    _retried.open = True
                    try:
                        return service(*args, **kwargs)
                    finally:
                        _retried.open = False
            except OperationalError as error:
                if not is_transient(error):
                    raise
                if attempt == ATTEMPTS:
                    raise Busy from error
            _rewind(remembered)
            time.sleep(PAUSE_SECONDS * 2 ** (attempt - 1) * random.uniform(0.5, 1.5))
            attempt += 1

    return run


def step() -> transaction.Atomic:
    """The transaction of one step of a service (a save, a move, an addition to a list).

    Directly inside the transaction `retry_on_conflict` opened for the service, the step
    adds no savepoint: whatever it raises ends that whole transaction anyway, and a
    savepoint is two more round trips to the database on every write. Inside a transaction
    someone else opened (a caller's, or a test's), it takes a savepoint, so that the caller
    can catch what the step raises and go on.
    """
    connection = transaction.get_connection()
    own = getattr(_retried, "open", False) and not connection.savepoint_ids
    return transaction.atomic(savepoint=not own)
