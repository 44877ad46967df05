"""Many people reorganizing one canvas's customers at once: the lock order
(core/ordering.py) as the services take it, and a threaded test on both databases.

Threads reorder segments, add, duplicate and delete personas, add, move, edit
and delete journey stages, all on one canvas at the same moment. Afterwards no
thread has met an error, every list is numbered 0..n-1, and every write a
service accepted is there.
"""

import random
import threading
from dataclasses import dataclass, field

import pytest
from django.db import connection, connections
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from canvas.models import Canvas
from core.ordering import close_gaps, ordering_lock, place
from core.versioning import Outcome
from customers import services
from customers.models import JourneyStage, Persona, Segment, SegmentKind

THREADS = 10
STEPS = 14


def locked_tables(queries) -> list[str]:
    """The tables of the row-locking SELECTs (SQLite runs them without FOR ...)."""
    tables = []
    for query in queries:
        sql = query["sql"]
        if sql.startswith("SELECT") and (" FOR " in sql or connection.vendor == "sqlite"):
            tables.append(sql.split(" FROM ", 1)[1].split()[0].strip('"'))
            if connection.vendor == "postgresql":
                assert "FOR NO KEY UPDATE" in sql, sql
    return tables


@pytest.mark.django_db
def test_ordering_lock_takes_the_canvas_then_each_level_down_whatever_it_is_given(persona):
    stage = JourneyStage.objects.select_related("persona__segment__canvas").filter(persona=persona)[
        0
    ]
    with CaptureQueriesContext(connection) as queries, ordering_lock(stage.persona, stage):
        pass
    assert locked_tables(queries) == [
        "canvas_canvas",
        "customers_segment",
        "customers_persona",
        "customers_journeystage",
    ]


@pytest.mark.django_db
def test_a_move_locks_the_list_rows_in_key_order_before_renumbering(make_segment, owner):
    segments = [make_segment(name=f"S{n}") for n in range(3)]
    segment = Segment.objects.select_related("canvas").get(pk=segments[2].pk)
    with CaptureQueriesContext(connection) as queries:
        services.move_segment(
            segment=segment, expected_version=segment.version, position=0, by=owner
        )
    sql = [query["sql"] for query in queries]
    rows_locked = next(
        n
        for n, q in enumerate(sql)
        if q.startswith("SELECT") and "ORDER BY" in q and "segment" in q
    )
    renumbered = next(n for n, q in enumerate(sql) if q.startswith('UPDATE "customers_segment"'))
    assert rows_locked < renumbered
    first_column = sql[rows_locked].removeprefix("SELECT ").split(",")[0].split(" AS ")[0]
    order = sql[rows_locked].split("ORDER BY ")[1].split()[0]
    assert first_column == '"customers_segment"."id"'
    assert order in ("1", first_column)  # by primary key (Django may name it by its place)
    assert locked_tables(queries)[0] == "canvas_canvas"


@pytest.mark.django_db(transaction=True)
def test_positions_change_only_inside_a_transaction(make_segment):
    segment = make_segment()
    with pytest.raises(TransactionManagementError):
        place(segment, segment.siblings(), 0)
    with pytest.raises(TransactionManagementError):
        close_gaps(segment.siblings())


@pytest.mark.django_db
def test_moving_or_adding_to_a_removed_segment_is_refused_and_keeps_the_list_dense(
    make_segment, owner
):
    first, gone, last = (make_segment(name=name) for name in ("A", "B", "C"))
    stale = Segment.objects.select_related("canvas").get(pk=gone.pk)
    services.remove_segment(segment=gone, expected_version=gone.version, by=owner)
    moved = services.move_segment(
        segment=stale, expected_version=stale.version, position=0, by=owner
    )
    assert moved.outcome is Outcome.GONE
    with pytest.raises(Segment.DoesNotExist):
        services.add_persona(segment=stale, by=owner, name="Nobody")
    assert list(Segment.objects.order_by("position").values_list("pk", "position")) == [
        (first.pk, 0),
        (last.pk, 1),
    ]
    assert not Persona.objects.filter(name="Nobody").exists()


@dataclass
class Accepted:
    """What the services accepted from one thread."""

    personas: dict[int, int] = field(default_factory=dict)  # added or duplicated: pk -> segment
    removed_personas: set[int] = field(default_factory=set)
    stages: dict[int, int] = field(default_factory=dict)  # added: pk -> persona
    removed_stages: set[int] = field(default_factory=set)
    segments: set[int] = field(default_factory=set)  # added, then removed with their personas
    removed_segments: set[int] = field(default_factory=set)
    edits: list[tuple[type, int, int, str]] = field(
        default_factory=list
    )  # model, pk, version, name


def _assert_dense(label: str, positions: list[int]) -> None:
    assert positions == list(range(len(positions))), f"{label}: positions {positions}"


@pytest.mark.django_db(transaction=True)
def test_threads_reorganizing_one_canvas_customers_keep_every_accepted_write(org, owner):
    canvas = Canvas.objects.create(organization=org, title="Workshop", created_by=owner)
    segments = [
        services.add_segment(canvas=canvas, by=owner, name=f"Segment {n}", kind=SegmentKind.OTHER)
        for n in range(4)
    ]
    personas = [
        services.add_persona(segment=segment, by=owner, name=f"Persona {segment.pk}-{n}")
        for segment in segments
        for n in range(2)
    ]
    stages = [
        services.add_stage(persona=persona, by=owner, name=f"Stage {n}")
        for persona in personas
        for n in range(3)
    ]
    segment_pks = [segment.pk for segment in segments]
    persona_pks = [persona.pk for persona in personas]
    stage_pks = [stage.pk for stage in stages]
    accepted = [Accepted() for _ in range(THREADS)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def edit(model, pk: int, service, argument: str, name: str, mine: Accepted) -> None:
        record = model.objects.get(pk=pk)
        seen = record.version
        result = service(
            **{argument: record}, expected_version=seen, changes={"name": name}, by=owner
        )
        if result.saved:
            mine.edits.append((model, pk, seen, name))

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        mine = accepted[seed]
        try:
            barrier.wait()
            own_segment = services.add_segment(
                canvas=canvas, by=owner, name=f"Own {seed}", kind=SegmentKind.OTHER
            )
            mine.segments.add(own_segment.pk)
            for step in range(STEPS):
                name = f"t{seed}-{step}"
                action = rng.randrange(10)
                if action == 0:
                    pk = rng.choice([*segment_pks, own_segment.pk])
                    segment = Segment.objects.select_related("canvas").get(pk=pk)
                    services.move_segment(
                        segment=segment,
                        expected_version=segment.version,
                        position=rng.randrange(16),
                        by=owner,
                    )
                elif action == 1:
                    edit(
                        Segment,
                        rng.choice(segment_pks),
                        services.edit_segment,
                        "segment",
                        name,
                        mine,
                    )
                elif action == 2:
                    pk = rng.choice([*segment_pks, own_segment.pk])
                    segment = Segment.objects.select_related("canvas").get(pk=pk)
                    persona = services.add_persona(segment=segment, by=owner, name=name)
                    mine.personas[persona.pk] = pk
                elif action == 3:
                    source = Persona.objects.select_related("segment__canvas").get(
                        pk=rng.choice(persona_pks)
                    )
                    copy = services.duplicate_persona(persona=source, by=owner)
                    mine.personas[copy.pk] = source.segment_id
                elif action == 4 and set(mine.personas) - mine.removed_personas:
                    pk = rng.choice(sorted(set(mine.personas) - mine.removed_personas))
                    persona = Persona.objects.select_related("segment__canvas").get(pk=pk)
                    result = services.remove_persona(
                        persona=persona, expected_version=persona.version, by=owner
                    )
                    assert result.saved, result.outcome  # only this thread touches its own
                    mine.removed_personas.add(pk)
                elif action == 5:
                    pk = rng.choice(persona_pks)
                    persona = Persona.objects.select_related("segment__canvas").get(pk=pk)
                    stage = services.add_stage(persona=persona, by=owner, name=name)
                    mine.stages[stage.pk] = pk
                elif action == 6:
                    stage = JourneyStage.objects.select_related("persona__segment__canvas").get(
                        pk=rng.choice(stage_pks)
                    )
                    services.move_stage(
                        stage=stage,
                        expected_version=stage.version,
                        position=rng.randrange(8),
                        by=owner,
                    )
                elif action == 7 and set(mine.stages) - mine.removed_stages:
                    pk = rng.choice(sorted(set(mine.stages) - mine.removed_stages))
                    stage = JourneyStage.objects.select_related("persona__segment__canvas").get(
                        pk=pk
                    )
                    result = services.remove_stage(
                        stage=stage, expected_version=stage.version, by=owner
                    )
                    assert result.saved, result.outcome  # only this thread touches its own
                    mine.removed_stages.add(pk)
                elif action == 8:
                    edit(
                        JourneyStage,
                        rng.choice(stage_pks),
                        services.edit_stage,
                        "stage",
                        name,
                        mine,
                    )
                else:
                    edit(
                        Persona,
                        rng.choice(persona_pks),
                        services.edit_persona,
                        "persona",
                        name,
                        mine,
                    )
            if seed % 2:  # half the threads remove their segment, with its personas
                segment = Segment.objects.select_related("canvas").get(pk=own_segment.pk)
                result = services.remove_segment(
                    segment=segment, expected_version=segment.version, by=owner
                )
                assert result.saved, result.outcome  # only this thread touches its own
                mine.removed_segments.add(own_segment.pk)
        except BaseException as error:  # surfaced in the main thread below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(seed,)) for seed in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors

    # Every list is numbered 0..n-1.
    _assert_dense(
        "segments", list(canvas.segments.order_by("position").values_list("position", flat=True))
    )
    for segment in canvas.segments.all():
        positions = segment.personas.order_by("position").values_list("position", flat=True)
        _assert_dense(f"personas of {segment}", list(positions))
    for persona in Persona.objects.filter(segment__canvas=canvas):
        positions = persona.stages.order_by("position").values_list("position", flat=True)
        _assert_dense(f"stages of {persona}", list(positions))

    # Every accepted write is there, and nothing accepted as removed came back.
    segments_now = set(canvas.segments.values_list("pk", flat=True))
    removed_segments = set().union(*(mine.removed_segments for mine in accepted))
    added_segments = set().union(*(mine.segments for mine in accepted))
    assert segments_now == set(segment_pks) | (added_segments - removed_segments)
    personas_now = dict(Persona.objects.filter(segment__canvas=canvas).values_list("pk", "segment"))
    stages_now = dict(
        JourneyStage.objects.filter(persona__segment__canvas=canvas).values_list("pk", "persona")
    )
    expected_personas = dict.fromkeys(persona_pks, None)
    expected_stages = dict.fromkeys(stage_pks, None)
    for mine in accepted:
        for pk, segment_pk in mine.personas.items():
            if pk not in mine.removed_personas and segment_pk not in removed_segments:
                expected_personas[pk] = segment_pk
        for pk, persona_pk in mine.stages.items():
            if pk not in mine.removed_stages:
                expected_stages[pk] = persona_pk
    assert set(personas_now) == set(expected_personas)
    assert all(personas_now[pk] == segment for pk, segment in expected_personas.items() if segment)
    base_and_added = {pk: stages_now.get(pk) for pk in expected_stages}
    assert all(base_and_added.values()), "an accepted stage is missing"
    assert all(stages_now[pk] == persona for pk, persona in expected_stages.items() if persona)
    copies = Persona.objects.filter(segment__canvas=canvas, name__endswith="(variant)")
    for copy in copies:
        assert copy.stages.count() >= 3  # a copy carries its source's journey

    edits: dict[tuple[type, int], list[tuple[int, str]]] = {}
    for mine in accepted:
        for model, pk, version, name in mine.edits:
            edits.setdefault((model, pk), []).append((version, name))
    assert edits, "no edit was accepted: the test exercised nothing"
    for (model, pk), writes in edits.items():
        stored = model.objects.get(pk=pk)
        writes.sort()
        assert [version for version, _ in writes] == list(range(1, stored.version))
        assert stored.name == writes[-1][1]
