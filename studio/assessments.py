"""What an assessment keeps when it completes, from every app that has something to keep.

Today that is the canvas as it was (its notes, by area). `scorecard` asks for it
through the "assessment_record" hook (core/hooks.py), so adding figures from
another app later changes this module only.
"""

from canvas.snapshot import snapshot_canvas


def completion_record(*, canvas) -> dict:
    """The snapshot stored with a completed assessment."""
    return snapshot_canvas(canvas)
