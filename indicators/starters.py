"""Starter indicators: ten a leader adds with one click, then adjusts.

Most measure behaviour (what people do), because ratings alone flatter. Three
fill themselves from investment & return's figures (`FillsFrom`); the rest take
readings typed in. Targets are starting points from common practice; the
ones only the organization can judge (money, its staff ratio) start without a
target and the dashboard asks for one.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from canvas.areas import AreaKey
from indicators.rules import Direction, Kind, Measures, Unit


class FillsFrom(models.TextChoices):
    """Investment & return figures an indicator can take its readings from (the values are
    the names of `investment.figures.Figures`' attributes)."""

    COST_PER_LEARNER = "cost_per_learner", "cost per learner reached"
    STAFF_PER_THOUSAND = "ld_staff_per_thousand", "L&D staff per 1,000 employees"
    HIDDEN_SHARE = "hidden_share", "hidden share of the investment"


def figure_value(fills_from: str, figures) -> Decimal | None:
    """The figure an indicator fills itself from, or None while it can't be worked out."""
    if fills_from not in FillsFrom.values:
        return None
    if fills_from != FillsFrom.STAFF_PER_THOUSAND and not figures.has_investment:
        return None
    return getattr(figures, fills_from)


@dataclass(frozen=True)
class Starter:
    key: str
    name: str
    about: str  # one line: what it counts
    area: str
    kind: str
    unit: str
    direction: str
    measures: str
    target: Decimal | None = None
    fills_from: str = ""

    def fields(self) -> dict:
        """The indicator's fields, for `Indicator(**starter.fields())`."""
        return {
            "name": self.name,
            "area": self.area,
            "kind": self.kind,
            "unit": self.unit,
            "direction": self.direction,
            "measures": self.measures,
            "target": self.target,
            "fills_from": self.fills_from,
            "starter": self.key,
        }


STARTERS: tuple[Starter, ...] = (
    Starter(
        key="voluntary_use",
        name="Voluntary use",
        about="Learners who use an offering without being told to, as a share of those it is for.",
        area=AreaKey.PRODUCTS_SERVICES,
        kind=Kind.DRIVER,
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        measures=Measures.USE,
        target=Decimal(60),
    ),
    Starter(
        key="return_visits",
        name="Return visits",
        about="Learners who come back within a month of their first visit.",
        area=AreaKey.PRODUCTS_SERVICES,
        kind=Kind.DRIVER,
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        measures=Measures.RETURN,
        target=Decimal(40),
    ),
    Starter(
        key="recommendations",
        name="Recommendations",
        about="Learners who would recommend the offering to a colleague.",
        area=AreaKey.CUSTOMER_SEGMENTS,
        kind=Kind.DRIVER,
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        measures=Measures.RECOMMENDATION,
        target=Decimal(70),
    ),
    Starter(
        key="learning_share",
        name="Share of learning we support",
        about="How much of all the learning in the company L&D designs, curates or supports. "
        "Half is common.",
        area=AreaKey.VALUE_PROPOSITION,
        kind=Kind.RESULT,
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        measures=Measures.OUTCOME,
        target=Decimal(60),
    ),
    Starter(
        key="scrap_learning",
        name="Scrap learning",
        about="Content we produced that nobody uses, as a share of all we produced.",
        area=AreaKey.PRODUCTS_SERVICES,
        kind=Kind.DRIVER,
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        measures=Measures.COST,
        target=Decimal(15),
    ),
    Starter(
        key="time_to_competence",
        name="Time to competence",
        about="Days from starting a role to doing it to standard.",
        area=AreaKey.VALUE_PROPOSITION,
        kind=Kind.RESULT,
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        measures=Measures.SPEED,
        target=Decimal(30),
    ),
    Starter(
        key="cost_per_learner",
        name="Cost per learner reached",
        about="The whole investment, hidden costs included, divided by the learners reached.",
        area=AreaKey.INVESTMENT_RETURN,
        kind=Kind.RESULT,
        unit=Unit.MONEY,
        direction=Direction.LOWER,
        measures=Measures.COST,
        fills_from=FillsFrom.COST_PER_LEARNER,
    ),
    Starter(
        key="staff_per_thousand",
        name="L&D staff per 1,000 employees",
        about="The learning team's size against the organization's. Lean can hide costs elsewhere.",
        area=AreaKey.SERVICE_DELIVERY,
        kind=Kind.DRIVER,
        unit=Unit.RATIO,
        direction=Direction.LOWER,
        measures=Measures.COST,
        fills_from=FillsFrom.STAFF_PER_THOUSAND,
    ),
    Starter(
        key="hidden_share",
        name="Hidden share of investment",
        about="The part of what learning costs that sits in other budgets: experts', "
        "learners' and managers' time.",
        area=AreaKey.INVESTMENT_RETURN,
        kind=Kind.RESULT,
        unit=Unit.PERCENT,
        direction=Direction.LOWER,
        measures=Measures.COST,
        target=Decimal(50),
        fills_from=FillsFrom.HIDDEN_SHARE,
    ),
    Starter(
        key="satisfaction",
        name="Learner satisfaction",
        about="Learners who rate an offering 4 or 5 out of 5. Compare it with what they do.",
        area=AreaKey.CUSTOMER_SEGMENTS,
        kind=Kind.DRIVER,
        unit=Unit.PERCENT,
        direction=Direction.HIGHER,
        measures=Measures.SATISFACTION,
        target=Decimal(80),
    ),
)
STARTERS_BY_KEY = {starter.key: starter for starter in STARTERS}
