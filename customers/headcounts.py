"""How many learners a canvas's customer segments cover, and what reaching them costs.

Investment & return uses `learner_headcount` as the default for "learners
reached" when no number was entered by hand. The segment list shows each
learner segment's part of the investment with `segment_costs`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from django.db.models import Sum

from customers.models import Segment, SegmentKind

CENT = Decimal("0.01")


def learner_headcount(canvas) -> int | None:
    """Total headcount of the canvas's learner segments, or None when it has none.

    Learner segments without a headcount don't count; when none has one,
    there is no figure to offer (None), rather than a misleading 0.
    """
    total = Segment.objects.filter(
        canvas_id=canvas.pk, kind=SegmentKind.LEARNERS, headcount__isnull=False
    ).aggregate(total=Sum("headcount"))["total"]
    return None if total is None else int(total)


@dataclass(frozen=True)
class SegmentCost:
    """A learner segment's part of the investment."""

    cost_per_learner: Decimal  # what reaching each of its learners costs
    headcount: int
    share: Decimal  # cost per learner x headcount, to the cent
    # True when fewer learners are counted as reached than the learner segments
    # hold: the investment is then shared out by headcount, so the parts add up
    # to no more than the whole.
    by_headcount: bool = False


def segment_costs(
    *,
    cost_per_learner: Decimal | None,
    segments: Iterable[tuple[int, str, int | None]],
    investment: Decimal | None = None,
    learners_reached: int | None = None,
) -> dict[int, SegmentCost]:
    """Each learner segment's cost, keyed by segment id.

    `segments` are (id, kind, headcount) triples. Only learner segments with a
    headcount get a figure, and only when the canvas has a cost per learner.
    Each part is the cost per learner times the segment's headcount, unless
    `learners_reached` (say, entered by hand) is lower than the segments' total
    headcount: then cost per learner x headcount would add up to more than the
    whole `investment`, so the investment is shared out in proportion to
    headcount instead (rounded down to the cent, so the parts never exceed it).
    """
    if cost_per_learner is None:
        return {}
    learners = [
        (pk, headcount)
        for pk, kind, headcount in segments
        if kind == SegmentKind.LEARNERS and headcount is not None
    ]
    total = sum(headcount for _, headcount in learners)
    if investment is not None and learners_reached is not None and total > learners_reached:
        per_learner = investment / total
        return {
            pk: SegmentCost(
                cost_per_learner=per_learner,
                headcount=headcount,
                share=(investment * headcount / total).quantize(CENT, rounding=ROUND_DOWN),
                by_headcount=True,
            )
            for pk, headcount in learners
        }
    return {
        pk: SegmentCost(
            cost_per_learner=cost_per_learner,
            headcount=headcount,
            share=(cost_per_learner * headcount).quantize(CENT, rounding=ROUND_HALF_UP),
        )
        for pk, headcount in learners
    }
