"""The one figure customers borrows from investment & return: the canvas's cost per learner.

Investment & return owns the figures (`scorecard.investment_services`); the
segment list only shows each learner segment's part of them.
"""

from dataclasses import dataclass
from decimal import Decimal

from scorecard.investment_services import investment_summary


@dataclass(frozen=True)
class CanvasCost:
    amount: Decimal  # cost per learner reached
    currency: str
    investment: Decimal  # the whole investment the cost per learner comes from
    learners_reached: int
    learners_source: str  # e.g. "from the canvas's learner segments"


def canvas_cost_per_learner(canvas) -> CanvasCost | None:
    """The canvas's cost per learner reached, or None until investment & return has one
    (some investment entered, and a number of learners reached)."""
    figures = investment_summary(canvas)
    if figures.cost_per_learner is None or not figures.has_investment:
        return None
    return CanvasCost(
        amount=figures.cost_per_learner,
        currency=canvas.organization.currency,
        investment=figures.total_investment,
        learners_reached=figures.learners_reached,
        learners_source=figures.learners_source_label,
    )
