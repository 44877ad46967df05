"""The live board's change feed (canvas/live.py, core/live.py): every write that changes what
the board shows adds an event in its transaction; an open board's poll gets "nothing new"
cheaply, or the events since and the board's parts they changed."""

import re

import pytest
from django.contrib.admin.sites import site
from django.core import signing
from django.test import Client

from canvas.areas import AreaKey
from canvas.models import Canvas, CanvasEvent, Note
from canvas.services import (
    add_note,
    delete_note,
    edit_header,
    edit_note,
    move_note,
    recolour_note,
    undo_note,
)
from core.live import check_in, people_here, read_ticket
from customers.models import SegmentKind
from customers.services import add_segment
from tests.helpers import HX

PRODUCTS = AreaKey.PRODUCTS_SERVICES
SEGMENTS = AreaKey.CUSTOMER_SEGMENTS


def events(canvas):
    return list(
        CanvasEvent.objects.filter(canvas=canvas)
        .order_by("seq")
        .values_list("seq", "kind", "areas", "record_pk", "actor__username")
    )


# Every write records what it changed -----------------------------------------------------


def test_each_note_write_records_one_event_with_its_areas(canvas, owner, editor):
    note = add_note(canvas=canvas, area=PRODUCTS, text="Onboarding", by=owner)
    edited = edit_note(
        note=note,
        expected_version=1,
        changes={"text": "Onboarding, v2", "colour": "blue"},
        by=editor,
    )
    recolour_note(note=note, expected_version=2, colour="green", by=editor)
    moved = move_note(note=note, expected_version=3, direction="area", area=SEGMENTS, by=editor)
    deleted = delete_note(note=note, expected_version=3, by=owner)
    undo_note(canvas=canvas, token=deleted.undo_token, by=owner)
    pk = note.pk
    assert events(canvas) == [
        (1, "note.add", [PRODUCTS], pk, "owner"),
        (2, "note.edit", [PRODUCTS], pk, "editor"),
        (3, "note.colour", [PRODUCTS], pk, "editor"),
        (4, "note.move", [PRODUCTS, SEGMENTS], pk, "editor"),
        (5, "note.delete", [SEGMENTS], pk, "owner"),
        (6, "note.restore", [SEGMENTS], pk, "owner"),
    ]
    canvas.refresh_from_db()
    assert canvas.feed_seq == 6
    assert edited.undo_token and moved.undo_token


def test_header_undo_and_other_apps_writes_are_in_the_feed(canvas, owner, editor):
    edit_header(
        canvas=canvas,
        expected_version=1,
        changes={"title": "Renamed", "description": "", "value_kinds": []},
        by=editor,
    )
    note = add_note(canvas=canvas, area=PRODUCTS, text="a", by=owner)
    saved = edit_note(
        note=note, expected_version=1, changes={"text": "b", "colour": "yellow"}, by=editor
    )
    undo_note(canvas=canvas, token=saved.undo_token, by=editor)
    add_segment(canvas=canvas, by=owner, name="Store staff", kind=SegmentKind.LEARNERS)
    kinds = [kind for _, kind, *_ in events(canvas)]
    # A change the feed knows no more about ("") refreshes the board's panels.
    assert kinds == ["canvas.edit", "note.add", "note.edit", "note.edit", ""]


def test_each_fifth_pulse_response_is_in_the_feed_without_editing_the_canvas(canvas, owner):
    """The board's pulse scores move in steps of five responses, and so does the feed: it
    never holds the time of a single response (the pulse keeps only the day)."""
    from pulse.models import Group
    from pulse.services import open_pulse, submit_response

    closes_on = canvas.organization.today()
    pulse = open_pulse(canvas=canvas, groups=[Group.LEARNERS], closes_on=closes_on, by=owner)
    canvas.refresh_from_db()
    stamped, before = canvas.updated_at, len(events(canvas))
    kinds = []
    for _ in range(11):
        submit_response(pulse=pulse, group=Group.LEARNERS, scores={}, on=closes_on)
        kinds.append(events(canvas)[-1][1] if len(events(canvas)) > before else None)
        before = len(events(canvas))
    assert kinds == [None] * 4 + ["pulse.response"] + [None] * 4 + ["pulse.response", None]
    assert events(canvas)[-1][1:] == ("pulse.response", [], pulse.pk, None)
    canvas.refresh_from_db()
    assert canvas.updated_at == stamped  # nobody edited the canvas


def test_an_admins_fix_of_a_note_is_in_the_feed(rf, canvas, owner, make_user):
    admin = make_user("platform", is_staff=True, is_superuser=True)
    note = canvas.add_note(area=PRODUCTS, text="Typo", by=owner)
    note.text = "Fixed"
    request = rf.post("/admin/")
    request.user = admin
    site._registry[Note].save_model(request, note, form=None, change=True)
    assert events(canvas)[-1][1:] == ("note.edit", [PRODUCTS], note.pk, "platform")


def test_a_write_that_fails_records_nothing(canvas, owner, editor):
    note = add_note(canvas=canvas, area=PRODUCTS, text="a", by=owner)
    stale = edit_note(
        note=note, expected_version=9, changes={"text": "x", "colour": "pink"}, by=editor
    )
    assert not stale.saved
    assert len(events(canvas)) == 1


def test_old_events_are_pruned_as_new_ones_come(canvas, owner, monkeypatch):
    monkeypatch.setattr(CanvasEvent, "KEEP", 6)
    monkeypatch.setattr(CanvasEvent, "PRUNE_EVERY", 4)
    for _ in range(9):
        canvas.touch(owner)
    assert [seq for seq, *_ in events(canvas)] == [3, 4, 5, 6, 7, 8, 9]


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_get_consecutive_numbers(canvas, owner):
    """Many writers at once, each in its own transaction: no number repeats or is skipped
    (the canvas row's lock)."""
    import threading

    from django.db import connections

    errors = []

    def write():
        try:
            for _ in range(5):
                Canvas.objects.get(pk=canvas.pk).touch(owner)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert [seq for seq, *_ in events(canvas)] == list(range(1, 31))


# The poll -------------------------------------------------------------------------------


def open_board(client, url):
    """What static/js/live.js reads from the board page: its feed, ticket and number."""
    page = client.get(url("board")).content.decode()
    return (
        re.search(r'data-feed="([^"]+)"', page)[1],
        re.search(r'data-ticket="([^"]+)"', page)[1],
        int(re.search(r'data-seq="(\d+)"', page)[1]),
    )


def poll(client, feed, ticket, seq, etag="", **params):
    headers = {**HX, "X-Live-Ticket": ticket}
    if etag:
        headers["If-None-Match"] = etag
    query = "&".join(
        f"{key}={value}" for key, value in {"after": seq, "tab": "t1", **params}.items()
    )
    return client.get(f"{feed}?{query}", headers=headers)


@pytest.fixture
def board(editor, canvas, client_for, url):
    client = client_for(editor)
    client.get(url("board"))  # the first request after logging in writes the session
    return client, *open_board(client, url)


def test_the_first_poll_answers_in_full_then_nothing_new_is_a_304(board, canvas):
    client, feed, ticket, seq = board
    first = poll(client, feed, ticket, seq)
    assert first.status_code == 200
    data = first.json()
    assert (data["seq"], data["events"], data["whole"]) == (seq, [], False)
    assert first["ETag"] == data["etag"]
    assert "no-store" in first["Cache-Control"]
    again = poll(client, feed, ticket, seq, etag=data["etag"])
    assert again.status_code == 304
    assert again["ETag"] == data["etag"]


@pytest.mark.parametrize("notes_per_area", [1, 30])
def test_nothing_new_costs_one_query_by_primary_key(
    notes_per_area, editor, make_canvas, client_for, django_assert_num_queries
):
    canvas = make_canvas(notes_per_area=notes_per_area)
    client = client_for(editor)
    client.get(f"/o/acme/canvases/{canvas.pk}/")
    feed, ticket, seq = open_board(client, lambda name: f"/o/acme/canvases/{canvas.pk}/")
    tag = poll(client, feed, ticket, seq)["ETag"]
    with django_assert_num_queries(1) as captured:  # no session, user or membership
        assert poll(client, feed, ticket, seq, etag=tag).status_code == 304
    sql = captured.captured_queries[0]["sql"]
    assert '"feed_seq"' in sql and '"id" = ' in sql and "ORDER BY" not in sql


@pytest.mark.parametrize("notes_per_area", [1, 30])
def test_nothing_new_costs_no_query_with_a_shared_cache(
    notes_per_area, settings, editor, make_canvas, client_for, django_assert_num_queries
):
    settings.LIVE_SHARED_CACHE = True  # Redis in production; the same code on locmem here
    canvas = make_canvas(notes_per_area=notes_per_area)
    client = client_for(editor)
    client.get(f"/o/acme/canvases/{canvas.pk}/")
    feed, ticket, seq = open_board(client, lambda name: f"/o/acme/canvases/{canvas.pk}/")
    tag = poll(client, feed, ticket, seq, here=1)["ETag"]
    with django_assert_num_queries(0):
        assert poll(client, feed, ticket, seq, etag=tag).status_code == 304
        assert poll(client, feed, ticket, seq, etag=tag, here=1).status_code == 304  # checked in
    canvas.touch(None)  # a write announces its number: the next poll gets it
    assert poll(client, feed, ticket, seq, etag=tag).status_code == 200


@pytest.mark.parametrize("notes_per_area", [1, 30])
def test_a_poll_with_changes_costs_the_same_queries_however_many_notes(
    notes_per_area, editor, owner, make_canvas, client_for, django_assert_num_queries
):
    canvas = make_canvas(notes_per_area=notes_per_area)
    client = client_for(editor)
    url = f"/o/acme/canvases/{canvas.pk}/"
    client.get(url)
    feed, ticket, seq = open_board(client, lambda name: url)
    note = canvas.notes.filter(area=PRODUCTS).first()
    edit_note(note=note, expected_version=1, changes={"text": "New", "colour": "pink"}, by=owner)
    # session, user, membership, canvas, events, the areas' notes
    with django_assert_num_queries(6):
        data = poll(client, feed, ticket, seq).json()
    assert [event["kind"] for event in data["events"]] == ["note.edit"]
    assert list(data["areas"]) == [PRODUCTS]
    assert f'id="note-{note.pk}" data-v="2"' in data["areas"][PRODUCTS]
    assert data["areas"][PRODUCTS].count('class="note note-') == notes_per_area


def test_the_poll_names_who_changed_what(board, canvas, owner, editor):
    client, feed, ticket, seq = board
    note = add_note(canvas=canvas, area=PRODUCTS, text="Coaching", by=owner)
    move_note(note=note, expected_version=1, direction="area", area=SEGMENTS, by=editor)
    data = poll(client, feed, ticket, seq).json()
    assert [(e["kind"], e["by"], e["mine"], e["record"]) for e in data["events"]] == [
        ("note.add", "Owner", False, note.pk),
        ("note.move", "Editor", True, note.pk),
    ]
    assert set(data["areas"]) == {PRODUCTS, SEGMENTS}
    assert "Coaching" in data["areas"][SEGMENTS]
    assert "Coaching" not in data["areas"][PRODUCTS]
    assert "Last edited" in data["header"]
    assert data["panels"] == {}  # notes only: the other apps' panels didn't change
    assert data["seq"] == seq + 2


def test_other_apps_changes_bring_the_panels(board, canvas, owner):
    client, feed, ticket, seq = board
    add_segment(canvas=canvas, by=owner, name="Shift leads", kind=SegmentKind.LINE_MANAGERS)
    data = poll(client, feed, ticket, seq).json()
    assert data["areas"] == {}
    assert "Shift leads" in data["panels"][SEGMENTS]
    assert 'id="board-actions"' in data["actions"]


def test_a_board_too_far_behind_gets_every_part_whole(board, canvas, owner, monkeypatch):
    client, feed, ticket, seq = board
    monkeypatch.setattr(CanvasEvent, "KEEP", 2)
    monkeypatch.setattr(CanvasEvent, "PRUNE_EVERY", 2)
    for _ in range(4):
        canvas.touch(owner)  # the events the board would need are pruned
    data = poll(client, feed, ticket, seq).json()
    assert data["whole"]
    assert set(data["areas"]) == set(AreaKey.values)
    assert data["header"] and data["panels"]
    assert data["seq"] == seq + 4
    assert poll(client, feed, ticket, seq, resync=1).json()["whole"]


def test_a_ticket_only_ever_gets_nothing_new(board, canvas, client_for):
    client, feed, ticket, seq = board
    tag = poll(client, feed, ticket, seq)["ETag"]
    anonymous = client_for(None)
    assert poll(anonymous, feed, ticket, seq, etag=tag).status_code == 304
    canvas.touch(None)
    response = poll(anonymous, feed, ticket, seq, etag=tag)  # something new: who is asking?
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/login/")
    assert "events" not in response.content.decode()


def test_a_forged_or_old_ticket_gets_the_full_checks(board, canvas, settings, client_for):
    client, feed, ticket, seq = board
    tag = poll(client, feed, ticket, seq)["ETag"]
    forged = signing.dumps([canvas.feed, 1, "Someone"], salt="somewhere.else")
    other_canvas = signing.dumps(["canvas-999", 1, "Someone"], salt="core.live.ticket")
    anonymous = client_for(None)
    for bad in (forged, other_canvas, "garbage"):
        assert read_ticket(bad) is None or read_ticket(bad).feed != canvas.feed
        response = poll(anonymous, feed, bad, seq, etag=tag)
        assert response["HX-Redirect"].startswith("/login/")


def test_another_organizations_member_polling_gets_a_404(board, outsider, client_for, canvas):
    _, feed, ticket, seq = board
    response = poll(client_for(outsider), feed, ticket, seq)
    assert response.status_code == 404


def test_a_canvas_moved_to_the_trash_tells_its_open_boards(board, canvas, owner):
    from canvas.services import trash_canvas

    client, feed, ticket, seq = board
    tag = poll(client, feed, ticket, seq)["ETag"]
    trash_canvas(canvas=canvas, by=owner)
    assert poll(client, feed, ticket, seq, etag=tag).status_code == 404


# Presence --------------------------------------------------------------------------------


def test_boards_see_who_else_is_here_and_what_they_edit(board, owner, url):
    client, feed, ticket, seq = board
    other = Client()
    other.force_login(owner)
    other_feed, other_ticket, _ = open_board(other, url)
    poll(other, other_feed, other_ticket, seq, tab="owner-tab", here=1, editing="12,x,13")
    data = poll(client, feed, ticket, seq, here=1).json()
    assert data["here"] == [{"name": "Owner", "initials": "O", "editing": [12, 13]}]
    assert poll(other, other_feed, other_ticket, seq, tab="owner-tab").json()["here"] == [
        {"name": "Editor", "initials": "E", "editing": []}
    ]


def test_presence_names_people_with_their_initials(canvas, owner, editor):
    check_in(canvas.feed, tab="a", user_pk=owner.pk, name="Owner Olsen")
    check_in(canvas.feed, tab="b", user_pk=editor.pk, name="Eddie")
    check_in(canvas.feed, tab="c", user_pk=editor.pk, name="Eddie")  # two tabs, one person
    assert [(p.name, p.initials) for p in people_here(canvas.feed)] == [
        ("Eddie", "E"),
        ("Owner Olsen", "OO"),
    ]


def test_leaving_by_post(board, canvas, editor, client_for):
    client, feed, ticket, seq = board
    poll(client, feed, ticket, seq, here=1)
    assert [p.user_pk for p in people_here(canvas.feed)] == [editor.pk]
    assert client.post(feed, {"leave": "1", "tab": "t1"}).status_code == 204
    assert people_here(canvas.feed) == []


def test_a_poll_is_not_the_persons_activity(board, editor):
    """A board left open doesn't keep its session alive: the idle clock only moves for
    what the person does (accounts.middleware.SessionLimitsMiddleware)."""
    from accounts.middleware import LAST_SEEN_AT

    client, feed, ticket, seq = board
    session = client.session
    session[LAST_SEEN_AT] -= 3600
    session.save()
    seen = client.session[LAST_SEEN_AT]
    poll(client, feed, ticket, seq, resync=1)  # the full answer, through the session
    assert client.session[LAST_SEEN_AT] == seen
