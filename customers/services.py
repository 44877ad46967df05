"""Every change to customer segments, personas and journeys happens here.

Each function is keyword-only and atomic, and records who changed the canvas
in the same transaction. Edits are version-checked (`core.versioning`): a save
over someone else's newer change writes nothing and returns the stored record
for the conflict panel. Lists stay densely ordered under their parent's lock
(`core.ordering`). A change to segments can move investment & return's figures (its
learners reached may be the learner segments' headcount), so those writes say so
through the `investment_figures_changed` hook, in their transaction.
"""

from typing import Any

from django.db import transaction

from canvas.models import Canvas
from core.copying import fresh_copy
from core.hooks import call_hook
from core.ordering import next_position, ordering_lock, place
from core.retry import retry_on_conflict
from core.undo import UndoError, UndoKind, read_undo_token, restore
from core.versioning import (
    Outcome,
    SaveResult,
    change_on_canvas,
    delete_on_canvas,
    save_on_canvas,
)
from customers.models import JourneyStage, Persona, Segment, variant_name

# A removed segment (with its personas and their journeys), persona (with their journey)
# or stage can be brought back for ten minutes, like a note; the page offers "Undo" for
# ten seconds.
SEGMENT_UNDO = UndoKind(noun="segment", valid_seconds=10 * 60, children=("personas__stages",))
PERSONA_UNDO = UndoKind(
    noun="persona", valid_seconds=10 * 60, parent="segment", children=("stages",)
)
STAGE_UNDO = UndoKind(noun="stage", valid_seconds=10 * 60, parent="persona")

# Segments ---------------------------------------------------------------------------------


def _headcounts_changed(canvas: Canvas, by) -> None:
    """Learner headcounts may have moved, and with them the cost per learner."""
    call_hook("investment_figures_changed", canvas=canvas, by=by)


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
    _headcounts_changed(canvas, by)
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
    if result.saved:
        _headcounts_changed(segment.canvas, by)
    return result


@retry_on_conflict
def move_segment(*, segment: Segment, expected_version: int, position: int, by) -> SaveResult:
    """Move a segment to `position` in its canvas's list, unless someone changed it since
    `expected_version` or removed it. Saved: the record's position is where it ended."""
    return change_on_canvas(
        segment,
        canvas=segment.canvas,
        expected_version=expected_version,
        change=lambda current: place(current, current.siblings(), position),
        by=by,
    )


@retry_on_conflict
def remove_segment(*, segment: Segment, expected_version: int, by) -> SaveResult:
    """Remove a segment with its personas and journeys and close the gap, unless someone
    changed it since `expected_version`; the result's `undo_token` brings it all back."""
    result = delete_on_canvas(
        segment,
        canvas=segment.canvas,
        expected_version=expected_version,
        by=by,
        undo=SEGMENT_UNDO,
    )
    if result.saved:
        _headcounts_changed(segment.canvas, by)
    return result


@retry_on_conflict
def restore_segment(*, canvas: Canvas, token: str, by) -> Segment:
    """Bring a removed segment back in its place, with its personas and their journeys, as
    they were (ids, positions, versions). UndoError when the token is forged, from another
    canvas, too old, or already used."""
    deleted = read_undo_token(
        token, kind=SEGMENT_UNDO, canvas_pk=canvas.pk, models_allowed=(Segment,)
    )
    with ordering_lock(canvas):
        segment = restore(deleted, kind=SEGMENT_UNDO, parent=canvas, by=by)
        canvas.touch(by)
    _headcounts_changed(canvas, by)
    return segment


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
def remove_persona(*, persona: Persona, expected_version: int, by) -> SaveResult:
    """Remove a persona with their journey and close the gap in their segment, unless
    someone changed them since `expected_version`; `undo_token` brings them back."""
    return delete_on_canvas(
        persona,
        canvas=persona.segment.canvas,
        parents=(persona.segment,),
        expected_version=expected_version,
        by=by,
        undo=PERSONA_UNDO,
    )


@retry_on_conflict
def restore_persona(*, canvas: Canvas, token: str, by) -> Persona:
    """Bring a removed persona back in their segment, with their journey. UndoError as for
    segments, and when their segment was removed since."""
    deleted = read_undo_token(
        token, kind=PERSONA_UNDO, canvas_pk=canvas.pk, models_allowed=(Persona,)
    )
    with ordering_lock(canvas):
        segment = Segment.objects.filter(canvas=canvas, pk=deleted.parent_pk).first()
        if segment is None:
            raise UndoError("Their segment was removed since, so this persona can't come back.")
        persona = restore(deleted, kind=PERSONA_UNDO, parent=segment, by=by)
        canvas.touch(by)
    return persona


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
def move_stage(*, stage: JourneyStage, expected_version: int, position: int, by) -> SaveResult:
    """Move a stage to `position` in its journey, unless someone changed it since
    `expected_version` or removed it."""
    return change_on_canvas(
        stage,
        canvas=stage.persona.segment.canvas,
        parents=(stage.persona,),
        expected_version=expected_version,
        change=lambda current: place(current, current.siblings(), position),
        by=by,
    )


@retry_on_conflict
def remove_stage(*, stage: JourneyStage, expected_version: int, by) -> SaveResult:
    """Remove a stage and close the gap in its journey, unless someone changed it since
    `expected_version`; `undo_token` brings it back."""
    return delete_on_canvas(
        stage,
        canvas=stage.persona.segment.canvas,
        parents=(stage.persona,),
        expected_version=expected_version,
        by=by,
        undo=STAGE_UNDO,
    )


@retry_on_conflict
def restore_stage(*, canvas: Canvas, token: str, by) -> JourneyStage:
    """Bring a removed stage back in its journey. UndoError as for segments, and when its
    persona was removed since."""
    deleted = read_undo_token(
        token, kind=STAGE_UNDO, canvas_pk=canvas.pk, models_allowed=(JourneyStage,)
    )
    with ordering_lock(canvas):
        persona = Persona.objects.filter(segment__canvas=canvas, pk=deleted.parent_pk).first()
        if persona is None:
            raise UndoError("Its persona was removed since, so this stage can't come back.")
        stage = restore(deleted, kind=STAGE_UNDO, parent=persona, by=by)
        canvas.touch(by)
    return stage


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
