from io import StringIO

import pytest
from django.core.management import call_command

from canvas.models import Canvas
from orgs.models import Organization


@pytest.mark.django_db
@pytest.mark.parametrize("plain", [False, True])
def test_bench_note_save_prints_median_and_p95_and_cleans_up(plain):
    out = StringIO()
    call_command("bench_note_save", saves=3, notes=6, warmup=1, plain=plain, stdout=out)
    assert "note save" in out.getvalue()
    assert "over 3 saves" in out.getvalue()
    assert "median" in out.getvalue()
    assert "p95" in out.getvalue()
    assert not Organization.objects.exists()
    assert not Canvas.objects.exists()
