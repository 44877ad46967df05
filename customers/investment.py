"""The one figure customers borrows from investment & return: the canvas's cost per learner."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CanvasCost:
    amount: Decimal  # cost per learner reached
    currency: str


def canvas_cost_per_learner(canvas) -> CanvasCost | None:
    """The canvas's cost per learner reached, or None until investment & return has one."""
    return None
