from io import StringIO

import pytest
from django.core.management import call_command

from orgs.models import Organization
from pulse.models import Pulse, Response


@pytest.mark.django_db
def test_bench_pulse_submits_through_the_view_prints_figures_and_cleans_up(settings):
    settings.PULSE_RATE_LIMIT = "2/h"  # the benchmark lifts it for its own posts
    out = StringIO()
    call_command("bench_pulse", responses=12, runs=2, stdout=out)
    text = out.getvalue()
    assert "12 submissions through the real view" in text
    assert "per second" in text
    assert "results page with 12 responses" in text
    assert not Organization.objects.exists()
    assert not Pulse.objects.exists() and not Response.objects.exists()
