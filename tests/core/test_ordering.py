"""Ordering invariants: after any sequence of adds, moves, deletes and undos, the
notes of every area are numbered 0..n-1 in the order a plain list would have."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas.areas import AreaKey
from canvas.models import Canvas, Note
from canvas.services import delete_note, edit_note, restore_note
from core.ordering import close_gaps, next_position, ordering_lock, place
from core.versioning import Outcome

AREA_KEYS = [AreaKey.VALUE_PROPOSITION, AreaKey.PRODUCTS_SERVICES, AreaKey.INVESTMENT_RETURN]

operations = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.sampled_from(AREA_KEYS)),
        st.tuples(
            st.just("move"),
            st.integers(0, 30),
            st.sampled_from(AREA_KEYS),
            st.none() | st.integers(0, 12),
        ),
        st.tuples(st.just("nudge"), st.integers(0, 30), st.sampled_from([-2, -1, 1, 3])),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("undo")),
    ),
    max_size=25,
)


def stored_order(canvas) -> dict[str, list[int]]:
    rows = canvas.notes.order_by("area", "position").values_list("area", "position", "pk")
    order: dict[str, list[int]] = {key: [] for key in AREA_KEYS}
    for area, position, pk in rows:
        assert position == len(order[area]), f"{area} is not numbered 0..n-1"
        order[area].append(pk)
    return order


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=operations)
def test_positions_stay_dense_and_match_a_plain_list(org, owner, ops):
    canvas = Canvas.objects.create(organization=org, title="Property", created_by=owner)
    model: dict[str, list[int]] = {key: [] for key in AREA_KEYS}
    undo: list[tuple[str, int, int, str]] = []  # token, pk, position, area
    counter = 0

    def all_pks():
        return [pk for key in AREA_KEYS for pk in model[key]]

    def area_of(pk):
        return next(key for key in AREA_KEYS if pk in model[key])

    for op in ops:
        kind = op[0]
        if kind == "add":
            counter += 1
            note = canvas.add_note(area=op[1], text=f"note {counter}", by=owner)
            model[op[1]].append(note.pk)
        elif kind in ("move", "nudge", "delete") and all_pks():
            pk = all_pks()[op[1] % len(all_pks())]
            note = Note.objects.select_related("canvas").get(pk=pk)
            old = area_of(pk)
            index = model[old].index(pk)
            model[old].remove(pk)
            if kind == "move":
                _, _, area, position = op
                target = model[area]
                at = len(target) if position is None else min(position, len(target))
                target.insert(at, pk)
                note.move_to(area=area, position=position, by=owner)
            elif kind == "nudge":
                at = max(0, min(index + op[2], len(model[old])))
                model[old].insert(at, pk)
                note.nudge(steps=op[2], by=owner)
            else:
                undo.append(
                    (
                        delete_note(note=note, expected_version=note.version, by=owner).undo_token,
                        pk,
                        index,
                        old,
                    )
                )
        elif kind == "undo" and undo:
            token, pk, index, area = undo.pop()
            restore_note(canvas=canvas, token=token, by=owner)
            model[area].insert(min(index, len(model[area])), pk)
        assert stored_order(canvas) == model
    canvas.delete()


def test_place_clamps_and_renumbers(canvas, owner):
    notes = [
        canvas.add_note(area=AreaKey.SERVICE_DELIVERY, text=str(n), by=owner) for n in range(4)
    ]
    siblings = canvas.notes.filter(area=AreaKey.SERVICE_DELIVERY)
    with ordering_lock(canvas):
        assert place(notes[0], siblings, 99) == 3
        assert place(notes[3], siblings, -5) == 0
    assert list(siblings.order_by("position").values_list("text", flat=True)) == [
        "3",
        "1",
        "2",
        "0",
    ]


def test_close_gaps_after_rows_vanish(canvas, owner):
    notes = [
        canvas.add_note(area=AreaKey.SERVICE_DELIVERY, text=str(n), by=owner) for n in range(5)
    ]
    Note.objects.filter(pk__in=[notes[0].pk, notes[3].pk]).delete()
    siblings = canvas.notes.filter(area=AreaKey.SERVICE_DELIVERY)
    with ordering_lock(canvas):
        close_gaps(siblings)
        assert next_position(siblings) == 3
    assert list(siblings.order_by("position").values_list("text", "position")) == [
        ("1", 0),
        ("2", 1),
        ("4", 2),
    ]


def test_moving_a_deleted_note_says_so(canvas, owner):
    note = canvas.add_note(area=AreaKey.SERVICE_DELIVERY, text="x", by=owner)
    stale = Note.objects.get(pk=note.pk)
    delete_note(note=note, expected_version=note.version, by=owner)
    with pytest.raises(Note.DoesNotExist):
        stale.move_to(area=AreaKey.PRODUCTS_SERVICES, by=owner)
    gone = delete_note(note=stale, expected_version=stale.version, by=owner)
    assert gone.outcome is Outcome.GONE


def test_every_note_change_records_who_and_when(canvas, owner, editor):
    before = canvas.updated_at
    note = canvas.add_note(area=AreaKey.SERVICE_DELIVERY, text="x", by=owner)
    for change in [
        lambda: (
            edit_note(
                note=note, expected_version=1, changes={"text": "y", "colour": "blue"}, by=editor
            ).saved
        ),
        lambda: note.move_to(area=AreaKey.PRODUCTS_SERVICES, by=editor),
        lambda: note.nudge(steps=1, by=editor),
        lambda: delete_note(note=note, expected_version=note.version, by=editor).undo_token,
    ]:
        Canvas.objects.filter(pk=canvas.pk).update(updated_by=owner)
        change()
        canvas.refresh_from_db()
        assert canvas.updated_by == editor
    assert canvas.updated_at > before
