"""The rules of the indicators dashboard: pure functions on plain values, no database.

- **Status** (`status`, `thresholds`): on target, amber or red, in either direction and
  for a target of 0. The rule (also in the README, "Indicators"):

  *Amber* begins where a reading is worse than the amber threshold, *red* where it is
  worse than the red threshold; a reading exactly on a threshold counts on its better
  side. "Worse" means lower when higher is better, higher when lower is better. By
  default the amber threshold is the target (any miss is at least amber), and the red
  threshold lies 10% of the span from baseline to target beyond the amber threshold.
  The baseline is the one entered, or else the first reading; when baseline and
  target are equal the span is the target's own size, and when both are 0 there is
  no span, so any miss is red.

- **Trend** (`trend`): the latest reading against the previous one, and whether the
  move is for the better.
- **Change over the last calendar quarter** (`last_quarter`, `quarter_change`).
- **Root cause** (`root_cause`): the off-target indicators upstream of a result, the
  weakest links first; `would_loop` keeps the chain free of loops.
- **"Behaviour doesn't lie"** (`behaviour_gaps`): a satisfaction indicator on target
  linked to a behaviour indicator off target.
"""

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.db import models

MAX_ACTIVE = 12  # the dashboard stays small: more indicators can exist, archived
MISS_MARGIN = Decimal("0.1")  # the default red threshold: 10% of the span beyond amber


class Kind(models.TextChoices):
    DRIVER = "driver", "Driver (leading)"
    RESULT = "result", "Result (lagging)"


class Unit(models.TextChoices):
    PERCENT = "percent", "Percent"
    COUNT = "count", "Count"
    DAYS = "days", "Days"
    MONEY = "money", "Money"
    RATIO = "ratio", "Ratio"


class Direction(models.TextChoices):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"


class Measures(models.TextChoices):
    USE = "use", "Behaviour: use"
    RETURN = "return", "Behaviour: coming back"
    RECOMMENDATION = "recommendation", "Behaviour: recommending"
    SATISFACTION = "satisfaction", "Satisfaction"
    OUTCOME = "outcome", "Outcome"
    COST = "cost", "Cost"
    SPEED = "speed", "Speed"


BEHAVIOUR = frozenset({Measures.USE, Measures.RETURN, Measures.RECOMMENDATION})


class Status(StrEnum):
    ON_TARGET = "on_target"
    AMBER = "amber"
    RED = "red"
    NO_READING = "no_reading"
    NO_TARGET = "no_target"

    @property
    def off_target(self) -> bool:
        return self in (Status.AMBER, Status.RED)

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def icon(self) -> str:
        """A shape that says the status without colour: ✓ ! ✕, or a dash for none."""
        return STATUS_ICONS[self]


STATUS_LABELS = {
    Status.ON_TARGET: "On target",
    Status.AMBER: "Amber",
    Status.RED: "Red",
    Status.NO_READING: "No readings yet",
    Status.NO_TARGET: "No target set",
}
STATUS_ICONS = {
    Status.ON_TARGET: "✓",
    Status.AMBER: "!",
    Status.RED: "✕",
    Status.NO_READING: "–",
    Status.NO_TARGET: "–",
}
SEVERITY = {Status.RED: 0, Status.AMBER: 1}


# Status -------------------------------------------------------------------------------------


def is_worse(value: Decimal, than: Decimal, direction: str) -> bool:
    """Whether `value` is strictly worse than `than` when `direction` is better."""
    return value < than if direction == Direction.HIGHER else value > than


def span(target: Decimal, baseline: Decimal | None) -> Decimal:
    """The distance from baseline to target; the target's own size when there is no
    baseline or it equals the target; 0 when both are 0."""
    if baseline is not None and baseline != target:
        return abs(target - baseline)
    return abs(target)


def default_red(amber: Decimal, *, target: Decimal, baseline: Decimal | None, direction: str):
    """The red threshold when none is set: 10% of the span beyond the amber threshold."""
    margin = span(target, baseline) * MISS_MARGIN
    return amber - margin if direction == Direction.HIGHER else amber + margin


@dataclass(frozen=True)
class Thresholds:
    amber: Decimal  # worse than this is amber
    red: Decimal  # worse than this is red


def thresholds(
    *,
    target: Decimal,
    direction: str,
    baseline: Decimal | None = None,
    amber: Decimal | None = None,
    red: Decimal | None = None,
) -> Thresholds:
    """The thresholds in force: those set, and the defaults for those left empty."""
    amber = target if amber is None else amber
    if red is None:
        red = default_red(amber, target=target, baseline=baseline, direction=direction)
    return Thresholds(amber=amber, red=red)


def status(
    value: Decimal | None,
    *,
    target: Decimal | None,
    direction: str,
    baseline: Decimal | None = None,
    amber: Decimal | None = None,
    red: Decimal | None = None,
) -> Status:
    """Where a reading stands: on target, amber or red (the rule is at the top of this
    module); no reading or no target says so instead."""
    if target is None:
        return Status.NO_TARGET
    if value is None:
        return Status.NO_READING
    lines = thresholds(target=target, direction=direction, baseline=baseline, amber=amber, red=red)
    if is_worse(value, lines.red, direction):
        return Status.RED
    if is_worse(value, lines.amber, direction):
        return Status.AMBER
    return Status.ON_TARGET


def threshold_errors(
    *, target: Decimal | None, direction: str, amber: Decimal | None, red: Decimal | None
) -> dict[str, str]:
    """What is wrong with thresholds someone set, by field ("amber_threshold",
    "red_threshold"); empty when nothing is. Thresholds must lie on the worse side."""
    if target is None or direction not in Direction.values:
        return {}
    errors = {}
    worse_word = "below" if direction == Direction.HIGHER else "above"
    if amber is not None and is_worse(target, amber, direction):
        errors["amber_threshold"] = (
            f"Amber starts at the target or {worse_word} it: a reading that meets the "
            f"target is on target."
        )
    if red is not None and "amber_threshold" not in errors:
        line = target if amber is None else amber
        if is_worse(line, red, direction):
            errors["red_threshold"] = (
                f"Red starts at the amber threshold ({_plain(line)}) or {worse_word} it."
            )
    return errors


def _plain(value: Decimal) -> str:
    """A number without trailing zeros: 60, 12.5."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# Trend and quarter ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """The latest reading against the previous one."""

    change: Decimal  # latest minus previous
    better: bool | None  # None: no change

    @property
    def arrow(self) -> str:
        return "up" if self.change > 0 else "down" if self.change < 0 else "flat"


def trend(latest: Decimal | None, previous: Decimal | None, direction: str) -> Trend | None:
    """How the latest reading moved from the previous one; None without two readings."""
    if latest is None or previous is None:
        return None
    change = latest - previous
    better = None if not change else not is_worse(latest, previous, direction)
    return Trend(change=change, better=better)


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date  # inclusive

    @property
    def label(self) -> str:
        return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"


def last_quarter(today: date) -> Quarter:
    """The last complete calendar quarter before `today` (on 10 May 2027: Q1 2027)."""
    this_start_month = (today.month - 1) // 3 * 3 + 1
    if this_start_month == 1:
        year, month = today.year - 1, 10
    else:
        year, month = today.year, this_start_month - 3
    end_month = month + 2
    end_day = 31 if end_month in (3, 12) else 30
    return Quarter(start=date(year, month, 1), end=date(year, end_month, end_day))


@dataclass(frozen=True)
class QuarterChange:
    quarter: Quarter
    start: Decimal  # where the quarter began (the last reading before it, or its first)
    end: Decimal  # the last reading in the quarter
    better: bool | None  # None: no change

    @property
    def change(self) -> Decimal:
        return self.end - self.start


def quarter_change(
    readings: Iterable[tuple[date, Decimal]], quarter: Quarter, direction: str
) -> QuarterChange | None:
    """The change across `quarter`: from the last reading before it (or, with none, its
    first reading) to its last reading. None when the quarter has no reading, or only one
    and nothing before it. `readings` may hold any readings; those after the quarter are
    ignored."""
    before = [(day, value) for day, value in readings if day < quarter.start]
    within = [(day, value) for day, value in readings if quarter.start <= day <= quarter.end]
    if not within:
        return None
    within.sort(key=lambda reading: reading[0])
    end = within[-1][1]
    if before:
        start = max(before, key=lambda reading: reading[0])[1]
    elif len(within) > 1:
        start = within[0][1]
    else:
        return None
    better = None if start == end else not is_worse(end, start, direction)
    return QuarterChange(quarter=quarter, start=start, end=end, better=better)


# The chain: root causes and loops -------------------------------------------------------------


def upstream(node: int, drivers: Mapping[int, Collection[int]]) -> list[int]:
    """Every indicator upstream of `node`, nearest first (breadth first), each once."""
    seen = {node}
    order: list[int] = []
    frontier = sorted(drivers.get(node, ()))
    while frontier:
        following: list[int] = []
        for item in frontier:
            if item in seen:
                continue
            seen.add(item)
            order.append(item)
            following.extend(sorted(drivers.get(item, ())))
        frontier = following
    return order


def would_loop(driver: int, result: int, drivers: Mapping[int, Collection[int]]) -> bool:
    """Whether linking `driver` -> `result` would close a loop: `result` is `driver`
    itself, or already upstream of it."""
    return driver == result or result in upstream(driver, drivers)


@dataclass(frozen=True)
class RootCause:
    """Why a result is off target, as far as the chain can tell."""

    result: int
    causes: tuple[int, ...]  # the weakest links: off target, nothing off target above them
    along: tuple[int, ...]  # off target too, between a cause and the result
    unread: tuple[int, ...]  # upstream, without a reading (or a target) to judge by

    @property
    def found(self) -> bool:
        return bool(self.causes)


def root_cause(
    result: int, *, drivers: Mapping[int, Collection[int]], statuses: Mapping[int, Status]
) -> RootCause:
    """The off-target indicators upstream of `result`. The likely root causes are those
    with nothing off target further upstream (the weakest links of the chain), red before
    amber, nearest first; the others off target are on the way."""
    above = upstream(result, drivers)
    off = [node for node in above if statuses.get(node, Status.NO_READING).off_target]
    off_set = set(off)
    causes = [node for node in off if not off_set.intersection(upstream(node, drivers))]
    along = [node for node in off if node not in causes]
    unjudged = (Status.NO_READING, Status.NO_TARGET)
    unread = [node for node in above if statuses.get(node, Status.NO_READING) in unjudged]
    distance = {node: index for index, node in enumerate(above)}

    def severity(node: int) -> tuple[int, int]:
        return (SEVERITY[statuses[node]], distance[node])

    return RootCause(
        result=result,
        causes=tuple(sorted(causes, key=severity)),
        along=tuple(sorted(along, key=severity)),
        unread=tuple(unread),
    )


# "Behaviour doesn't lie" ----------------------------------------------------------------------


@dataclass(frozen=True)
class Measured:
    """What the behaviour check needs to know about an indicator."""

    measures: str
    status: Status


def behaviour_gaps(
    indicators: Mapping[int, Measured], links: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(satisfaction, behaviour) pairs, linked either way, where the satisfaction
    indicator is on target and the behaviour indicator is off target: people say they
    like the offering, but what they do says it falls short. Each pair once, in link order."""
    gaps: list[tuple[int, int]] = []
    for one, other in links:
        for satisfaction, behaviour in ((one, other), (other, one)):
            rated, used = indicators.get(satisfaction), indicators.get(behaviour)
            if rated is None or used is None:
                continue
            if (
                rated.measures == Measures.SATISFACTION
                and rated.status is Status.ON_TARGET
                and used.measures in BEHAVIOUR
                and used.status.off_target
                and (satisfaction, behaviour) not in gaps
            ):
                gaps.append((satisfaction, behaviour))
    return gaps
