"""Writes that lose a race for a lock are retried, then answered "busy" (core/retry.py).

These tests run outside the test's own transaction (`transaction=True`): a retry
only happens at the outermost transaction.
"""

import collections
import sqlite3
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, OperationalError, connections, transaction
from psycopg.errors import DeadlockDetected, SerializationFailure

from canvas.models import Canvas
from core.retry import ATTEMPTS, Busy, is_transient, retry_on_conflict, step
from customers.models import Segment, SegmentKind
from investment.models import InvestmentLine
from investment.services import add_line
from tests.helpers import HX, canvas_url, skip_unless_postgresql

pytestmark = pytest.mark.django_db(transaction=True)


def deadlock() -> OperationalError:
    """What Django raises when PostgreSQL chose this transaction as a deadlock's victim."""
    error = OperationalError("deadlock detected")
    error.__cause__ = DeadlockDetected("deadlock detected")
    return error


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr("core.retry.time.sleep", slept.append)
    return slept


def test_a_deadlock_is_retried_and_the_failed_try_leaves_nothing(org, pauses):
    tries = []

    @retry_on_conflict
    def add_canvas(*, title):
        tries.append(title)
        Canvas.objects.create(organization=org, title=f"{title} {len(tries)}")
        if len(tries) == 1:
            raise deadlock()

    add_canvas(title="Workshop")
    assert len(tries) == 2
    assert list(Canvas.objects.values_list("title", flat=True)) == ["Workshop 2"]
    assert len(pauses) == 1


def test_a_deadlock_every_time_is_busy_with_nothing_written(org, pauses):
    tries = []

    @retry_on_conflict
    def add_canvas():
        tries.append(1)
        Canvas.objects.create(organization=org, title="Never kept")
        raise deadlock()

    with pytest.raises(Busy, match="try again in a moment") as raised:
        add_canvas()
    assert len(tries) == ATTEMPTS
    assert isinstance(raised.value.__cause__, OperationalError)
    assert not Canvas.objects.exists()
    assert len(pauses) == ATTEMPTS - 1
    assert pauses[-1] > pauses[0]  # the pauses grow (jittered, so compare first and last)


def test_a_retried_service_starts_again_from_the_records_it_was_given(
    canvas, owner, pauses, monkeypatch
):
    """add_line saves the unsaved line it was given; the retry gets it back unsaved."""
    touches = []
    touch = Canvas.touch

    def touch_deadlocking_once(self, user, *change):
        touches.append(user)
        if len(touches) == 1:
            raise deadlock()
        touch(self, user, *change)

    monkeypatch.setattr(Canvas, "touch", touch_deadlocking_once)
    line = InvestmentLine(label="Coaching", amount=Decimal("1200"))
    add_line(line=line, canvas=canvas, by=owner)
    assert len(touches) == 2
    stored = InvestmentLine.objects.get()
    assert (stored.pk, stored.label, stored.position) == (line.pk, "Coaching", 0)


def test_inside_an_open_transaction_the_error_goes_up_to_whoever_opened_it(org, pauses):
    tries = []

    @retry_on_conflict
    def add_canvas():
        tries.append(1)
        raise deadlock()

    with pytest.raises(OperationalError), transaction.atomic():
        add_canvas()
    assert len(tries) == 1
    assert not pauses


def test_a_step_takes_a_savepoint_only_inside_someone_elses_transaction(org):
    """A service's step (a save, a move) costs no savepoint inside the transaction the
    service's retry opened; inside a caller's, it takes one, and the caller can catch what
    it raises and go on."""
    from django.test.utils import CaptureQueriesContext

    connection = connections["default"]

    @retry_on_conflict
    def rename(*, canvas, title):
        with step():
            Canvas.objects.filter(pk=canvas.pk).update(title=title)

    canvas = Canvas.objects.create(organization=org, title="First")
    with CaptureQueriesContext(connection) as queries:
        rename(canvas=canvas, title="Second")
    assert not [query for query in queries if "SAVEPOINT" in query["sql"]]

    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            rename(canvas=canvas, title="Third")
        with pytest.raises(IntegrityError), step():
            Canvas.objects.create(organization=org, title="Twin", pk=canvas.pk)
        Canvas.objects.filter(pk=canvas.pk).update(title="Fourth")  # the caller goes on
    assert [query for query in queries if "SAVEPOINT" in query["sql"]]
    assert Canvas.objects.get(pk=canvas.pk).title == "Fourth"


def test_other_database_errors_are_not_retried(org, pauses):
    tries = []

    @retry_on_conflict
    def break_something():
        tries.append(1)
        raise OperationalError("no such table: nowhere")

    with pytest.raises(OperationalError, match="no such table"):
        break_something()
    assert len(tries) == 1


def wrapped(cause: BaseException, error_class=OperationalError) -> BaseException:
    error = error_class(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (wrapped(DeadlockDetected("deadlock detected")), True),
        (wrapped(SerializationFailure("could not serialize access")), True),
        (wrapped(sqlite3.OperationalError("database is locked")), True),
        (wrapped(sqlite3.OperationalError("no such table: x")), False),
        (wrapped(DeadlockDetected("deadlock detected"), IntegrityError), False),
        (ValueError("deadlock detected"), False),
    ],
)
def test_what_counts_as_losing_a_race_for_a_lock(error, transient):
    assert is_transient(error) is transient


@pytest.fixture
def deadlocking_touch(monkeypatch):
    def touch(self, user, change=None):
        raise deadlock()

    monkeypatch.setattr(Canvas, "touch", touch)


def test_a_move_that_stays_busy_answers_a_readable_page_and_moves_nothing(
    canvas, editor, client_for, pauses, deadlocking_touch
):
    segments = [
        Segment.objects.create(canvas=canvas, name=f"S{n}", kind=SegmentKind.OTHER, position=n)
        for n in range(3)
    ]
    url = canvas_url("segment_move", canvas, segment_pk=segments[2].pk)
    response = client_for(editor).post(url, {"position": 0, "version": segments[2].version})
    assert response.status_code == 503
    assert response["Retry-After"]
    assert "wasn&#x27;t saved" in response.content.decode()
    order = list(Segment.objects.order_by("position").values_list("pk", flat=True))
    assert order == [segment.pk for segment in segments]


def test_a_busy_htmx_move_says_so_in_the_message_area(
    canvas, editor, client_for, pauses, deadlocking_touch
):
    segment = Segment.objects.create(canvas=canvas, name="S", kind=SegmentKind.OTHER)
    url = canvas_url("segment_move", canvas, segment_pk=segment.pk)
    response = client_for(editor).post(url, {"position": 0, "version": segment.version}, headers=HX)
    assert response.status_code == 409  # the status the page's htmx config swaps
    assert response["HX-Retarget"] == "#messages"
    assert "try again in a moment" in response.content.decode()
    assert "HX-Request" in response["Vary"]


def test_a_real_deadlock_on_postgresql_is_retried_and_both_writes_land(org):
    """Two writers lock two rows in opposite orders: PostgreSQL kills one, which runs again."""
    skip_unless_postgresql()
    first = Canvas.objects.create(organization=org, title="First")
    second = Canvas.objects.create(organization=org, title="Second")
    both_hold_one_row = threading.Barrier(2, timeout=10)
    tries: collections.Counter = collections.Counter()
    errors: list[BaseException] = []

    @retry_on_conflict
    def stamp(*, rows, field, value):
        tries[field] += 1
        Canvas.objects.filter(pk=rows[0].pk).update(**{field: value})
        if tries[field] == 1:
            both_hold_one_row.wait()
        Canvas.objects.filter(pk=rows[1].pk).update(**{field: value})

    def writer(rows, field, value):
        try:
            stamp(rows=rows, field=field, value=value)
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=writer, args=((first, second), "title", "Stamped")),
        threading.Thread(target=writer, args=((second, first), "description", "Also stamped")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert sum(tries.values()) == 3  # one of them was the deadlock's victim, and ran again
    assert set(Canvas.objects.values_list("title", "description")) == {("Stamped", "Also stamped")}
