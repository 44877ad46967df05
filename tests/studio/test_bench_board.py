from io import StringIO

import pytest
from django.core.management import call_command

from canvas.models import Canvas
from orgs.models import Organization


@pytest.mark.django_db
def test_bench_board_prints_the_in_process_figures_and_cleans_up():
    """The figures measured in-process; those under gunicorn need a database another process
    can open (tests/canvas/test_live_processes.py starts servers the same way)."""
    out = StringIO()
    call_command("bench_board", notes=12, runs=2, note_saves=3, no_server=True, stdout=out)
    text = out.getvalue()
    assert "bytes per note (goal: under 700)" in text
    assert "board queries: 5 with no notes, 5 with 12" in text
    assert "an idle board's poll: 304, 1 queries" in text
    assert "note save (htmx)" in text
    assert "p95" in text
    assert not Organization.objects.exists()
    assert not Canvas.objects.exists()
