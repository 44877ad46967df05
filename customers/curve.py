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

    @property
    def label_above_y(self) -> float:
        return round(self.y - 13, 2)

    @property
    def label_below_y(self) -> float:
        return round(self.y + 22, 2)


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
    feelings: Sequence[int], *, width: float | None = None, height: float = 170, padding: float = 28
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
