"""How many learners a canvas's customer segments cover, and what reaching them costs.

Investment & return uses `learner_headcount` as the default for "learners
reached" when no number was entered by hand. The segment list shows each
learner segment's part of the investment with `segment_costs`.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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


def largest_remainder(total: Decimal, weights: list[int], unit: Decimal = CENT) -> list[Decimal]:
    """`total` split in proportion to `weights`, in whole `unit`s, adding up to `total`
    exactly: each part rounded down, then the units left over go to the parts that lost
    the most in rounding (ties to the earlier part)."""
    whole = sum(weights)
    if not weights or whole <= 0:
        return [Decimal(0) * unit for _ in weights]
    units = int((total / unit).to_integral_value(rounding=ROUND_HALF_UP))
    exact = [Decimal(units) * weight / whole for weight in weights]
    parts = [int(value) for value in exact]
    leftover = units - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in order[:leftover]:
        parts[index] += 1
    return [Decimal(part) * unit for part in parts]


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
    if investment is not None and learners_reached is not None and total >= learners_reached:
        # The segments hold every learner reached (or more): share the whole investment
        # out by headcount, to the cent, so the parts add up to it exactly.
        shares = largest_remainder(investment, [headcount for _, headcount in learners])
        per_learner = investment / total if total else cost_per_learner
        return {
            pk: SegmentCost(
                cost_per_learner=per_learner if total > learners_reached else cost_per_learner,
                headcount=headcount,
                share=share,
                by_headcount=total > learners_reached,
            )
            for (pk, headcount), share in zip(learners, shares, strict=True)
        }
    return {
        pk: SegmentCost(
            cost_per_learner=cost_per_learner,
            headcount=headcount,
            share=(cost_per_learner * headcount).quantize(CENT, rounding=ROUND_HALF_UP),
        )
        for pk, headcount in learners
    }
