"""The emotion curve of a journey: pure geometry for a server-rendered SVG.

Feelings run from -2 (frustrated) to +2 (delighted). Each stage is a point
at the centre of its own equally wide column; higher feelings sit higher on the page (smaller
y). The line between points is straight, so the lowest feeling is always the
lowest point of the curve (a smoothed line could dip below it).
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

MIN_FEELING = -2
MAX_FEELING = 2
COLUMN_WIDTH = 200  # per stage, when no width is given
MOMENT_RING = 14  # radius of the dashed ring round a moment that matters
# A label's baseline under a ring: its radius, the stroke, and a line of 11-unit text.
MOMENT_LABEL_GAP = MOMENT_RING + 3 + 11
PRINT_STAGES_PER_ROW = 6  # the persona card wraps longer journeys onto more rows
PRINT_COLUMN = 130


@dataclass(frozen=True)
class CurvePoint:
    index: int
    feeling: int
    x: float
    y: float
    is_high: bool
    is_low: bool
    drop: int  # how far the feeling fell from the previous stage (0 if it rose or held)
    is_moment: bool  # one of the biggest drops: a moment that matters
    label_anchor: str = "middle"  # "end" at a row's right edge, "start" at its left
    label_shift: float = 0.0  # how far the label sits from the point, sideways

    @property
    def label_above_y(self) -> float:
        return round(self.y - 13, 2)

    @property
    def label_x(self) -> float:
        return round(self.x + self.label_shift, 2)

    @property
    def label_below_y(self) -> float:
        """Below the point, and below the moment marker's ring when it has one."""
        return round(self.y + (MOMENT_LABEL_GAP if self.is_moment else 22), 2)


@dataclass(frozen=True)
class Curve:
    width: float
    height: float
    padding: float
    points: tuple[CurvePoint, ...]

    @property
    def path(self) -> str:
        """SVG path data through every point (empty for no stages)."""
        if not self.points:
            return ""
        head, *rest = self.points
        return f"M {head.x:g} {head.y:g}" + "".join(f" L {p.x:g} {p.y:g}" for p in rest)

    @property
    def baseline_y(self) -> float:
        """The y of a neutral (0) feeling."""
        return feeling_y(0, self.height, self.padding)

    def level_y(self, feeling: int) -> float:
        return feeling_y(feeling, self.height, self.padding)

    @property
    def levels(self) -> list[tuple[int, float]]:
        return [(f, self.level_y(f)) for f in range(MAX_FEELING, MIN_FEELING - 1, -1)]

    @property
    def top_label_y(self) -> float:
        return round(self.level_y(MAX_FEELING) - 8, 2)

    @property
    def bottom_label_y(self) -> float:
        return round(self.level_y(MIN_FEELING) + 16, 2)

    @property
    def moments(self) -> list[CurvePoint]:
        return [point for point in self.points if point.is_moment]


def feeling_y(feeling: int, height: float, padding: float) -> float:
    feeling = max(MIN_FEELING, min(MAX_FEELING, feeling))
    usable = height - 2 * padding
    return round(padding + (MAX_FEELING - feeling) / (MAX_FEELING - MIN_FEELING) * usable, 2)


def stage_x(index: int, count: int, width: float) -> float:
    """Centre of the stage's column: stages share the width equally, so the
    curve lines up with a row of equally wide stage cards below it."""
    column = width / max(count, 1)
    return round(column * (index + 0.5), 2)


def drops(feelings: Sequence[int]) -> list[int]:
    """How far each stage's feeling fell from the stage before (0 when it rose or held)."""
    return [0] + [max(0, before - after) for before, after in itertools.pairwise(feelings)]


def emotion_curve(
    feelings: Sequence[int], *, width: float | None = None, height: float = 186, padding: float = 40
) -> Curve:
    """Points for each stage's feeling, with highs, lows and the biggest drops marked.

    Highs and lows are only marked when the journey has ups and downs (a flat
    journey has neither). The moments that matter are the stages reached by
    the biggest fall in feeling; ties are all marked.
    """
    feelings = [max(MIN_FEELING, min(MAX_FEELING, int(f))) for f in feelings]
    count = len(feelings)
    if width is None:
        width = COLUMN_WIDTH * max(count, 1)
    varied = count > 1 and max(feelings) != min(feelings)
    highest = max(feelings, default=0)
    lowest = min(feelings, default=0)
    falls = drops(feelings)
    biggest = max(falls, default=0)
    points = tuple(
        CurvePoint(
            index=i,
            feeling=feeling,
            x=stage_x(i, count, width),
            y=feeling_y(feeling, height, padding),
            is_high=varied and feeling == highest,
            is_low=varied and feeling == lowest,
            drop=falls[i],
            is_moment=biggest > 0 and falls[i] == biggest,
        )
        for i, feeling in enumerate(feelings)
    )
    return Curve(width=width, height=height, padding=padding, points=points)


def _edge(offset: int, per_row: int) -> tuple[str, float]:
    """A label's anchor and sideways shift: a row's first and last stages' labels run
    inwards from just beyond their point, so none is cut off at the edge."""
    if offset == 0:
        return "start", -16.0
    if offset == per_row - 1:
        return "end", 16.0
    return "middle", 0.0


def curve_rows(
    curve: Curve, *, per_row: int = PRINT_STAGES_PER_ROW, column: float = PRINT_COLUMN
) -> tuple[Curve, ...]:
    """The curve cut into rows of at most `per_row` stages, for paper: a long journey stays
    legible instead of shrinking to fit one line. Every row is as wide as a full one, so
    stages line up from row to row, and keeps the whole journey's highs, lows and moments."""
    rows = []
    for start in range(0, len(curve.points), per_row):
        points = tuple(
            CurvePoint(
                index=point.index,
                feeling=point.feeling,
                x=stage_x(offset, per_row, per_row * column),
                y=point.y,
                is_high=point.is_high,
                is_low=point.is_low,
                drop=point.drop,
                is_moment=point.is_moment,
                label_anchor=_edge(offset, per_row)[0],
                label_shift=_edge(offset, per_row)[1],
            )
            for offset, point in enumerate(curve.points[start : start + per_row])
        )
        rows.append(
            Curve(width=per_row * column, height=curve.height, padding=curve.padding, points=points)
        )
    return tuple(rows)
