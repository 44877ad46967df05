"""The six areas of a Learning Model Canvas, and the words the board shows for them.

Everything the product says about an area lives here, so the board, the
scorecard and the printouts speak with one voice.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


class AreaKey(models.TextChoices):
    VALUE_PROPOSITION = "value_proposition", "Value proposition"
    PRODUCTS_SERVICES = "products_services", "Products & services"
    CUSTOMER_SEGMENTS = "customer_segments", "Customer segments"
    SERVICE_DELIVERY = "service_delivery", "Service delivery model"
    STRATEGY_GOVERNANCE = "strategy_governance", "Strategy & governance"
    INVESTMENT_RETURN = "investment_return", "Investment & return"


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    hint: str
    questions: tuple[str, ...]


AREAS: tuple[Area, ...] = (
    Area(
        key=AreaKey.VALUE_PROPOSITION,
        name=AreaKey.VALUE_PROPOSITION.label,
        hint="The promise learning makes to the business, in the business's own words.",
        questions=(
            "What do we want to be known for by the people who run the business?",
            "Which results do we promise to move: lower costs, stronger skills, less risk "
            "(compliance, safety), or work made easier, faster and with fewer errors?",
            "Does our promise match what each group we serve actually expects from us?",
            "Would each of those groups say it is worth paying for?",
            "Could a senior leader repeat our promise in one sentence?",
        ),
    ),
    Area(
        key=AreaKey.PRODUCTS_SERVICES,
        name=AreaKey.PRODUCTS_SERVICES.label,
        hint="What we offer, from programs and coaching to job aids and communities.",
        questions=(
            "What do we offer that nobody else inside or outside the company can?",
            "Which of our offerings would people miss most if we stopped them tomorrow?",
            "Does every offering answer a real need, and do we know whether it works?",
            "Do we look beyond courses: coaching, tools at the moment of need, curated "
            "content, communities?",
            "Do we manage the whole range for value, with a clear purpose, quality standard "
            "and owner for each offering, and retire what no longer earns its keep?",
        ),
    ),
    Area(
        key=AreaKey.CUSTOMER_SEGMENTS,
        name=AreaKey.CUSTOMER_SEGMENTS.label,
        hint="The groups we serve: learners, managers, leaders, experts, partners.",
        questions=(
            "Whom do we serve: learners, their managers, senior leaders, experts, partners, "
            "other functions? Who relies on us, and who should but doesn't?",
            "What does each group want from us, in its own words?",
            "What is it like to work with us, seen from each group's side?",
            "How valuable are we to each group, and which value us most?",
        ),
    ),
    Area(
        key=AreaKey.SERVICE_DELIVERY,
        name=AreaKey.SERVICE_DELIVERY.label,
        hint="Who does the work, how, with which tools and partners.",
        questions=(
            "Do we have the right people, with the right skills, doing the right work?",
            "Are we working at our best: quick to respond, consistent, not reinventing?",
            "Are our tools and platforms helping us move fast, or slowing us down?",
            "Which work should we keep in-house, and are our partners and suppliers used well?",
            "Are we ready for newer work such as curating content and running communities?",
        ),
    ),
    Area(
        key=AreaKey.STRATEGY_GOVERNANCE,
        name=AreaKey.STRATEGY_GOVERNANCE.label,
        hint="How learning is steered: sponsors, priorities, measures, communication.",
        questions=(
            "Does our vision help move the company toward its own goals?",
            "Are the right executives engaged, and do they help set our priorities?",
            "Is there a regular forum, such as a steering group, where priorities are decided?",
            "Which few measures tell us, and them, that we are on track, and who sees them?",
            "How does the business hear about what we achieve, and how often?",
        ),
    ),
    Area(
        key=AreaKey.INVESTMENT_RETURN,
        name=AreaKey.INVESTMENT_RETURN.label,
        hint="Everything learning costs, including hidden time, and what it brings back.",
        questions=(
            "What do we spend in total, direct budget and hidden costs alike, counting "
            "experts', managers' and learners' time?",
            "What does the business get back: savings, productivity, less risk, revenue?",
            "Which of those returns can we show with evidence, and how sure are we?",
            "Could we show the investment and its return to a finance director tomorrow?",
        ),
    ),
)

AREAS_BY_KEY: dict[str, Area] = {area.key: area for area in AREAS}


class ValueKind(models.TextChoices):
    """Kinds of value a canvas can promise (and a customer segment can expect)."""

    COST_SAVINGS = "cost_savings", "Cost savings"
    SKILLS_DEVELOPMENT = "skills_development", "Skills development"
    RISK_REDUCTION = "risk_reduction", "Risk reduction"
    PERFORMANCE_SUPPORT = "performance_support", "Performance support"


def validate_value_kinds(value) -> None:
    """Value kinds as stored on a canvas (and a segment): a list of known `ValueKind`
    strings, each once."""
    if not isinstance(value, list) or not all(
        isinstance(kind, str) and kind in ValueKind.values for kind in value
    ):
        raise ValidationError(
            "Give a list of kinds of value, chosen from: %(kinds)s.",
            code="invalid_value_kinds",
            params={"kinds": ", ".join(ValueKind.values)},
        )
    if len(set(value)) != len(value):
        raise ValidationError("List each kind of value once.", code="duplicate_value_kinds")


def value_kinds_in(value) -> list[str]:
    """The known value kinds in a stored value, each once, ignoring anything malformed, so
    a bad value written behind the app's back never breaks a page."""
    if not isinstance(value, list):
        return []
    known: list[str] = []
    for kind in value:
        if isinstance(kind, str) and kind in ValueKind.values and kind not in known:
            known.append(kind)
    return known
