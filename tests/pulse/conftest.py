"""Pulse fixtures: open pulses, and responses added straight through the service."""

from datetime import timedelta

import pytest

from pulse.models import Group
from pulse.services import ensure_default_statement_set, open_pulse, submit_response
from tests.helpers import canvas_url
from tests.scorecard.conftest import question_set, take_assessment  # noqa: F401

ALL_AREAS = (
    "value_proposition",
    "products_services",
    "customer_segments",
    "service_delivery",
    "strategy_governance",
    "investment_return",
)


@pytest.fixture
def statement_set(db):
    return ensure_default_statement_set()


@pytest.fixture
def make_pulse(statement_set, editor):
    def make(canvas, *, groups=None, days=14, intro="", show_results=False, by=None):
        today = canvas.organization.today()
        return open_pulse(
            canvas=canvas,
            groups=groups or [Group.LEARNERS, Group.LINE_MANAGERS, Group.SENIOR_LEADERS],
            closes_on=today + timedelta(days=days),
            intro=intro,
            show_results_to_respondents=show_results,
            by=by or editor,
        )

    return make


@pytest.fixture
def pulse(make_pulse, canvas):
    return make_pulse(canvas)


@pytest.fixture
def respond():
    """`respond(pulse, n, group=..., score=4, comment="", on=None)`: n responses via the service."""

    def add(pulse, n=1, *, group=Group.LEARNERS, score=4, scores=None, comment="", on=None):
        made = []
        for _ in range(n):
            made.append(
                submit_response(
                    pulse=pulse,
                    group=group,
                    scores=scores or dict.fromkeys(ALL_AREAS, score),
                    comment=comment,
                    on=on or pulse.canvas.organization.today(),
                )
            )
        return made

    return add


def pulse_url(name, pulse, **extra):
    return canvas_url(name, pulse.canvas, pulse_pk=pulse.pk, **extra)
