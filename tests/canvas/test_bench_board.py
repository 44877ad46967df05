from io import StringIO

import pytest
from django.core.management import call_command

from canvas.models import Canvas
from orgs.models import Organization


@pytest.mark.django_db
def test_bench_board_prints_figures_and_cleans_up():
    out = StringIO()
    call_command("bench_board", notes=12, runs=2, stdout=out)
    assert "board with 12 notes" in out.getvalue()
    assert "median" in out.getvalue()
    assert "p95" in out.getvalue()
    assert not Organization.objects.exists()
    assert not Canvas.objects.exists()
