"""Indicator fixtures: indicators on the shared `canvas`, readings, links."""

import datetime
from decimal import Decimal

import pytest

from indicators.models import Indicator, Reading
from indicators.rules import Direction, Kind, Measures, Unit
from indicators.services import add_indicator, link


@pytest.fixture
def make_indicator(canvas, owner):
    def make(name="Voluntary use", on=None, **fields) -> Indicator:
        values = {
            "area": "products_services",
            "kind": Kind.DRIVER,
            "unit": Unit.PERCENT,
            "direction": Direction.HIGHER,
            "measures": Measures.USE,
            "target": Decimal(60),
            "baseline": Decimal(40),
        }
        values.update(fields)
        return add_indicator(
            indicator=Indicator(name=name, **values), canvas=on or canvas, by=owner
        )

    return make


@pytest.fixture
def read(owner):
    """`read(indicator, 31, 35, ...)`: readings one a week, oldest first, the last a week ago
    (so a reading for today is the latest)."""

    def add(indicator, *values, last=None) -> list[Reading]:
        last = last or indicator.canvas.organization.today() - datetime.timedelta(weeks=1)
        days = [last - datetime.timedelta(weeks=n) for n in range(len(values))][::-1]
        return Reading.objects.bulk_create(
            Reading(indicator=indicator, date=day, value=Decimal(value), updated_by=owner)
            for day, value in zip(days, values, strict=True)
        )

    return add


@pytest.fixture
def chain(make_indicator, read, owner):
    """Satisfaction (on target) drives voluntary use (red), which drives time to
    competence (red): the result's root cause is voluntary use, and the behaviour check
    calls out the good ratings."""
    satisfaction = make_indicator(
        "Learner satisfaction", measures=Measures.SATISFACTION, target=Decimal(80)
    )
    use = make_indicator("Voluntary use")
    competence = make_indicator(
        "Time to competence",
        area="value_proposition",
        kind=Kind.RESULT,
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        measures=Measures.SPEED,
        target=Decimal(14),
        baseline=Decimal(21),
    )
    read(satisfaction, 82, 86)
    read(use, 50, 31)
    read(competence, 16, 19)
    link(driver=satisfaction, result=use, by=owner)
    link(driver=use, result=competence, by=owner)
    return {"satisfaction": satisfaction, "use": use, "competence": competence}
