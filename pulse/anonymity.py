"""The anonymity rules of pulse results: pure functions, no database.

Nobody who reads a results page, however often, may work out what one person
answered. The rules:

- Nothing is shown until a pulse has MIN_RESPONSES (5) responses.
- Figures move in steps of MIN_RESPONSES: they are always worked out from the
  first 5, 10, 15... responses (`counted`), so two looks at the page, whenever
  they happen, differ by at least five people. Up to four of the latest
  responses wait for the next step.
- A group is shown on its own only with at least 5 counted responses, and only
  if what remains outside the shown groups is none or at least 5 (otherwise
  the remainder could be worked out by subtraction). When the remainder would
  be 1 to 4, the smallest shown group joins it.
- Groups are broken out only once the pulse has stopped taking answers, so a
  group's figures never change under the reader's eyes one person at a time.
- Comments follow the same rules: shown only from counted responses, and
  named by group only when that group is shown.
- Responses keep the day they were sent, never the time.
"""

from collections.abc import Mapping
from dataclasses import dataclass

MIN_RESPONSES = 5
MAX_TREND_POINTS = 12


def counted(received: int) -> int:
    """How many of the responses received the figures are worked out from: a multiple of
    MIN_RESPONSES (0 until there are MIN_RESPONSES)."""
    return received - received % MIN_RESPONSES


@dataclass(frozen=True)
class Disclosure:
    """Which groups may be shown on their own, and what remains outside them."""

    total: int
    shown: tuple[str, ...]
    remainder: int

    @property
    def visible(self) -> bool:
        return self.total >= MIN_RESPONSES


def disclose(counts: Mapping[str, int], *, by_group: bool = True) -> Disclosure:
    """Apply the group rules to counted responses per group (`counts`).

    `by_group=False` shows no group on its own (an open pulse). Shown groups
    keep the order of `counts`.
    """
    total = sum(counts.values())
    if total < MIN_RESPONSES or not by_group:
        return Disclosure(total=total, shown=(), remainder=total)
    shown = [group for group, count in counts.items() if count >= MIN_RESPONSES]
    remainder = total - sum(counts[group] for group in shown)
    if 0 < remainder < MIN_RESPONSES:
        # Shown groups can't be empty here (the remainder would be the total, >= 5).
        smallest = min(shown, key=lambda group: (counts[group], group))
        shown.remove(smallest)
        remainder += counts[smallest]
    return Disclosure(total=total, shown=tuple(shown), remainder=remainder)


def trend_step(total_counted: int) -> int:
    """The number of responses between two points of the trend: a multiple of
    MIN_RESPONSES, big enough for at most MAX_TREND_POINTS points."""
    blocks = -(-total_counted // MIN_RESPONSES)  # ceiling
    per_point = max(1, -(-blocks // MAX_TREND_POINTS))
    return per_point * MIN_RESPONSES


def trend_positions(total_counted: int) -> list[int]:
    """After how many responses each trend point is taken: multiples of the step, and the
    last counted response. Every two points are at least MIN_RESPONSES apart."""
    if total_counted < MIN_RESPONSES:
        return []
    step = trend_step(total_counted)
    positions = list(range(step, total_counted + 1, step))
    if positions[-1] != total_counted:
        positions.append(total_counted)  # both multiples of 5, so at least 5 apart
    return positions


def count_label(count: int) -> str:
    """A group's number of responses as the page may show it."""
    if count == 0:
        return "none"
    if count < MIN_RESPONSES:
        return f"fewer than {MIN_RESPONSES}"
    return str(count)
