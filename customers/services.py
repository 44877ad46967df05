"""Workflows that create customer records in their place in an ordered list."""

from canvas.models import Canvas
from canvas.ordering import next_position, ordering_lock
from customers.models import Persona, Segment


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
