"""Workflows that create customer records in their place in an ordered list."""

from canvas.models import Canvas
from core.copying import fresh_copy
from core.ordering import next_position, ordering_lock
from customers.models import JourneyStage, Persona, Segment


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


def add_persona(*, segment: Segment, by, **fields) -> Persona:
    """Append a persona to a segment."""
    with ordering_lock(segment):
        persona = Persona.objects.create(
            segment=segment,
            position=next_position(segment.personas.all()),
            created_by=by,
            updated_by=by,
            **fields,
        )
        segment.canvas.touch(by)
    return persona


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
