"""Every change to customer segments, personas and journeys happens here.

Each function is keyword-only and atomic, and records who changed the canvas
in the same transaction. Edits are version-checked (`core.versioning`): a save
over someone else's newer change writes nothing and returns the stored record
for the conflict panel. Lists stay densely ordered under their parent's lock
(`core.ordering`).
"""

from typing import Any

from django.db import transaction

from canvas.models import Canvas
from core.copying import fresh_copy
from core.ordering import close_gaps, next_position, ordering_lock, place
from core.retry import retry_on_conflict
from core.versioning import Outcome, SaveResult, save_on_canvas
from customers.models import JourneyStage, Persona, Segment, variant_name

# Segments ---------------------------------------------------------------------------------


@retry_on_conflict
def add_segment(*, canvas: Canvas, by, **fields) -> Segment:
    """Append a segment at the end of the canvas's segment list."""
    with ordering_lock(canvas):
        segment = Segment.objects.create(
            canvas=canvas,
            position=next_position(canvas.segments.all()),
            created_by=by,
            updated_by=by,
            **fields,
        )
        canvas.touch(by)
    return segment


@retry_on_conflict
def edit_segment(
    *, segment: Segment, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save a segment's edited fields unless someone saved it since `expected_version`."""
    result = save_on_canvas(
        segment, canvas=segment.canvas, expected_version=expected_version, changes=changes, by=by
    )
    if result.outcome is Outcome.CONFLICT:
        result.record.canvas = segment.canvas
    return result


@retry_on_conflict
def move_segment(*, segment: Segment, position: int, by) -> int:
    """Move a segment to `position` in its canvas's list; returns where it ended."""
    with ordering_lock(segment.canvas):
        position = place(segment, segment.siblings(), position)
        segment.canvas.touch(by)
    return position


@retry_on_conflict
def remove_segment(*, segment: Segment, by) -> None:
    """Delete a segment (with its personas and journeys) and close the gap."""
    with ordering_lock(segment.canvas):
        segment.delete()
        close_gaps(segment.siblings())
        segment.canvas.touch(by)


# Personas ---------------------------------------------------------------------------------


@retry_on_conflict
def add_persona(*, segment: Segment, by, **fields) -> Persona:
    """Append a persona to a segment."""
    with ordering_lock(segment.canvas, segment):
        persona = Persona.objects.create(
            segment=segment,
            position=next_position(segment.personas.all()),
            created_by=by,
            updated_by=by,
            **fields,
        )
        segment.canvas.touch(by)
    return persona


@retry_on_conflict
def edit_persona(
    *, persona: Persona, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save a persona's edited fields unless someone saved it since `expected_version`."""
    result = save_on_canvas(
        persona,
        canvas=persona.segment.canvas,
        expected_version=expected_version,
        changes=changes,
        by=by,
    )
    if result.outcome is Outcome.CONFLICT:
        result.record.segment = persona.segment
    return result


@retry_on_conflict
@transaction.atomic
def duplicate_persona(*, persona: Persona, by) -> Persona:
    """A variant of a persona, with its whole journey, placed right after it."""
    with ordering_lock(persona.segment.canvas, persona.segment):
        copy = fresh_copy(
            persona,
            by=by,
            name=variant_name(persona.name),
            position=next_position(persona.siblings()),
        )
        copy.save()
        place(copy, persona.siblings(), persona.position + 1)
        persona.segment.canvas.touch(by)
    JourneyStage.objects.bulk_create(
        fresh_copy(stage, by=by, persona=copy)
        for stage in persona.stages.order_by("position", "pk")
    )
    return copy


@retry_on_conflict
def remove_persona(*, persona: Persona, by) -> None:
    """Delete a persona with their journey and close the gap in their segment."""
    with ordering_lock(persona.segment.canvas, persona.segment):
        persona.delete()
        close_gaps(persona.siblings())
        persona.segment.canvas.touch(by)


# Journey stages ---------------------------------------------------------------------------


@retry_on_conflict
def add_stage(*, persona: Persona, by, **fields) -> JourneyStage:
    """Append a stage at the end of a persona's journey."""
    with ordering_lock(persona.segment.canvas, persona):
        stage = JourneyStage.objects.create(
            persona=persona,
            position=next_position(persona.stages.all()),
            created_by=by,
            updated_by=by,
            **fields,
        )
        persona.segment.canvas.touch(by)
    return stage


@retry_on_conflict
def edit_stage(
    *, stage: JourneyStage, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save a stage's edited fields unless someone saved it since `expected_version`."""
    result = save_on_canvas(
        stage,
        canvas=stage.persona.segment.canvas,
        expected_version=expected_version,
        changes=changes,
        by=by,
    )
    if result.outcome is Outcome.CONFLICT:
        result.record.persona = stage.persona
    return result


@retry_on_conflict
def move_stage(*, stage: JourneyStage, position: int, by) -> int:
    """Move a stage to `position` in its journey; returns where it ended."""
    with ordering_lock(stage.persona.segment.canvas, stage.persona):
        position = place(stage, stage.siblings(), position)
        stage.persona.segment.canvas.touch(by)
    return position


@retry_on_conflict
def remove_stage(*, stage: JourneyStage, by) -> None:
    """Delete a stage and close the gap in its journey."""
    with ordering_lock(stage.persona.segment.canvas, stage.persona):
        stage.delete()
        close_gaps(stage.siblings())
        stage.persona.segment.canvas.touch(by)


# Copies -----------------------------------------------------------------------------------


@retry_on_conflict
@transaction.atomic
def copy_customers(*, source: Canvas, to: Canvas, by) -> None:
    """Copy the source canvas's segments, with their personas and journeys, onto `to`
    (a duplicate of it), in the same order."""
    segments = source.segments.order_by("position", "pk").prefetch_related("personas__stages")
    for segment in segments:
        new_segment = fresh_copy(segment, by=by, canvas=to)
        new_segment.save()
        for persona in segment.personas.all():
            new_persona = fresh_copy(persona, by=by, segment=new_segment)
            new_persona.save()
            JourneyStage.objects.bulk_create(
                fresh_copy(stage, by=by, persona=new_persona) for stage in persona.stages.all()
            )
