"""Optimistic concurrency (core/versioning.py) and the concurrent-writers test (both databases)."""

import random
import threading

import pytest
from django.db import connections

from canvas.areas import AreaKey
from canvas.forms import NoteEditForm
from canvas.models import Canvas, Note
from canvas.services import edit_note
from core.versioning import describe_conflict, save_versioned


def test_save_versioned_writes_once_per_version(canvas, owner):
    note = canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="a", by=owner)
    first = Note.objects.get(pk=note.pk)
    second = Note.objects.get(pk=note.pk)
    assert save_versioned(first, expected_version=1, changes={"text": "first"}).saved
    assert first.version == 2
    assert not save_versioned(second, expected_version=1, changes={"text": "second"}).saved
    assert Note.objects.get(pk=note.pk).text == "first"


def test_conflict_lists_only_differing_fields_in_words(canvas, owner, editor):
    note = canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="same", colour="pink", by=owner)
    Note.objects.filter(pk=note.pk).update(colour="blue", updated_by=editor)
    form = NoteEditForm(
        {
            f"note-{note.pk}-text": "same",
            f"note-{note.pk}-colour": "green",
            f"note-{note.pk}-version": 1,
        },
        prefix=f"note-{note.pk}",
    )
    assert form.is_valid()
    conflict = describe_conflict(form, Note.objects.get(pk=note.pk), ["text", "colour"])
    assert conflict.saved_by == "Editor"
    assert [(row.label, row.mine, row.theirs) for row in conflict.rows] == [
        ("Colour", "Green", "Blue")
    ]


@pytest.mark.django_db(transaction=True)
def test_threads_moving_and_editing_one_area_keep_positions_and_accepted_writes(org, owner):
    canvas = Canvas.objects.create(organization=org, title="Workshop", created_by=owner)
    area = AreaKey.PRODUCTS_SERVICES
    other = AreaKey.CUSTOMER_SEGMENTS
    pks = [canvas.add_note(area=area, text=f"n{i}", by=owner).pk for i in range(8)]
    accepted: dict[int, list[tuple[int, str]]] = {pk: [] for pk in pks}
    lock = threading.Lock()
    errors: list[BaseException] = []
    barrier = threading.Barrier(6)

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        try:
            barrier.wait()
            for step in range(25):
                pk = rng.choice(pks)
                note = Note.objects.select_related("canvas").get(pk=pk)
                action = rng.random()
                if action < 0.4:
                    text = f"t{seed}-{step}"
                    if edit_note(
                        note=note,
                        expected_version=note.version,
                        changes={"text": text, "colour": "blue"},
                        by=owner,
                    ).saved:
                        with lock:
                            accepted[pk].append((note.version, text))
                elif action < 0.7:
                    note.move_to(area=area, position=rng.randrange(9), by=owner)
                elif action < 0.85:
                    note.nudge(steps=rng.choice([-1, 1]), by=owner)
                else:
                    note.move_to(area=rng.choice([area, other]), by=owner)
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors

    for key in (area, other):
        rows = list(
            canvas.notes.filter(area=key).order_by("position").values_list("position", flat=True)
        )
        assert rows == list(range(len(rows))), f"{key} positions are not 0..n-1: {rows}"
    assert canvas.notes.count() == len(pks)
    for note in Note.objects.filter(pk__in=pks):
        writes = sorted(accepted[note.pk])
        assert note.version == 1 + len(writes)  # every accepted write counted, none lost
        assert [version for version, _ in writes] == list(range(2, note.version + 1))
        if writes:
            assert note.text == writes[-1][1]
