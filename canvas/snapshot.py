"""A canvas frozen as plain data: what it said at one moment.

Assessments store one when they are completed, so their results (and the PDF)
always show the canvas that was assessed, even after it has been edited.
Canvas versions can build on the same shape. The dict is JSON-able and
self-describing (area names and value-kind labels are copied in), so it still
reads correctly if those words change later.
"""

from typing import Any

from canvas.areas import AREAS, ValueKind
from canvas.models import Canvas

SNAPSHOT_SCHEMA = 1


def snapshot_canvas(canvas: Canvas) -> dict[str, Any]:
    """Title, description, value-proposition kinds and every area's notes in order.

    One query (the notes); the canvas itself is already loaded.
    """
    notes = canvas.notes_by_area()
    return {
        "schema": SNAPSHOT_SCHEMA,
        "canvas_id": canvas.pk,
        "title": canvas.title,
        "description": canvas.description,
        "value_kinds": [
            {"key": kind, "label": ValueKind(kind).label} for kind in canvas.known_value_kinds
        ],
        "areas": [
            {
                "key": area.key,
                "name": area.name,
                "notes": [{"text": note.text, "colour": note.colour} for note in notes[area.key]],
            }
            for area in AREAS
        ],
    }
