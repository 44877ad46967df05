"""What an assessment keeps when it completes, from every app that has something to keep.

The canvas as it was (its notes, by area), investment & return as they stood
(investment.services.investment_record), and the results of the latest
stakeholder pulse that had closed by then (pulse.results.pulse_record), so the
printout never changes. `scorecard` asks for it through the "assessment_record"
hook (core/hooks.py), so adding figures from another app changes this module only.
"""

from django.utils import timezone

from canvas.snapshot import snapshot_canvas
from investment.services import investment_record
from pulse.results import pulse_record

PULSE_KEY = "pulse"
INVESTMENT_KEY = "investment"


def completion_record(*, canvas) -> dict:
    """The snapshot stored with a completed assessment."""
    record = snapshot_canvas(canvas)
    record[PULSE_KEY] = pulse_record(canvas, before=timezone.now())
    record[INVESTMENT_KEY] = investment_record(canvas)
    return record
