"""Value alignment: does what the canvas promises match what its customers expect?

Pure functions over plain values, so the rules are easy to test and to reuse
on the segment list and on the board. A mismatch goes two ways:

- a segment expects a kind of value the canvas does not claim (an unmet
  expectation: the customers will look elsewhere), and
- the canvas claims a kind of value no segment expects (effort spent on a
  promise nobody asked for).

The second rule only applies once at least one segment says what it expects;
before that, every claim would look unwanted and the warning would be noise.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from canvas.areas import ValueKind

UNMET = "unmet"
UNWANTED = "unwanted"


@dataclass(frozen=True)
class SegmentExpectation:
    """What one segment expects: its name and the value kinds it lists."""

    name: str
    expected: Sequence[str]


@dataclass(frozen=True)
class Mismatch:
    kind: str  # UNMET or UNWANTED
    value_kind: str
    segment_names: tuple[str, ...] = ()

    @property
    def value_label(self) -> str:
        return ValueKind(self.value_kind).label

    @property
    def message(self) -> str:
        value = self.value_label.lower()
        if self.kind == UNMET:
            # Segments are groups ("Line managers", "Store associates"): plural verb.
            return f"{join_names(self.segment_names)} expect {value}; the canvas does not offer it."
        return f"The canvas offers {value}; no customer segment expects it."


def join_names(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _known(kinds: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for kind in kinds:
        if kind in ValueKind.values and kind not in seen:
            seen.append(kind)
    return seen


def unmet_expectations(
    claimed: Iterable[str], segments: Iterable[SegmentExpectation]
) -> list[Mismatch]:
    """Value kinds some segment expects and the canvas does not claim, in ValueKind order."""
    claimed_set = set(_known(claimed))
    wanting: dict[str, list[str]] = {}
    for segment in segments:
        for kind in _known(segment.expected):
            if kind not in claimed_set:
                wanting.setdefault(kind, []).append(segment.name)
    return [
        Mismatch(UNMET, kind, tuple(wanting[kind])) for kind in ValueKind.values if kind in wanting
    ]


def unwanted_claims(
    claimed: Iterable[str], segments: Iterable[SegmentExpectation]
) -> list[Mismatch]:
    """Value kinds the canvas claims that no segment expects (once any segment expects something)."""
    expected: set[str] = set()
    for segment in segments:
        expected.update(_known(segment.expected))
    if not expected:
        return []
    claimed_kinds = _known(claimed)
    return [
        Mismatch(UNWANTED, kind)
        for kind in ValueKind.values
        if kind in claimed_kinds and kind not in expected
    ]


def value_alignment(
    claimed: Iterable[str], segments: Iterable[SegmentExpectation]
) -> list[Mismatch]:
    """Every mismatch: unmet expectations first, then claims nobody expects."""
    claimed = list(claimed)
    segments = list(segments)
    return unmet_expectations(claimed, segments) + unwanted_claims(claimed, segments)
