"""Chart geometry for server-rendered SVG: pure functions, fixed-precision numbers.

Every coordinate is formatted to one decimal here, so the same scores always
produce byte-identical SVG on screen, in print and in the PDF.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

RADAR_WIDTH = 520
RADAR_HEIGHT = 420
RADAR_RADIUS = 130
RADAR_RINGS = (25, 50, 75, 100)
LABEL_GAP = 22
LABEL_LINE_CHARS = 14


def _fmt(number: float) -> str:
    text = f"{number:.1f}"
    return "0.0" if text == "-0.0" else text


@dataclass(frozen=True)
class RadarAxis:
    key: str
    name: str
    score: int | None  # the displayed score, None when not scored
    end_x: str
    end_y: str
    point_x: str
    point_y: str
    label_x: str
    label_y: str
    anchor: str
    label_lines: tuple[str, ...]

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Radar:
    width: int
    height: int
    centre_x: str
    centre_y: str
    axes: tuple[RadarAxis, ...]
    rings: tuple[tuple[int, str], ...]  # (value, polygon points)
    shape: str  # polygon points of the scores (unscored areas sit at the centre)
    previous_shape: str = ""  # the previous assessment's, drawn dashed beneath; "" if none

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _wrap(name: str, width: int = LABEL_LINE_CHARS) -> tuple[str, ...]:
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


def radar(
    items: Sequence[tuple[str, str, int | None]],
    *,
    width: int = RADAR_WIDTH,
    height: int = RADAR_HEIGHT,
    radius: int = RADAR_RADIUS,
    previous: Sequence[int | None] | None = None,
) -> Radar:
    """A radar chart for (key, name, displayed score or None) items, first axis at the top.

    Unscored areas sit at the centre; the template marks them "not scored".
    `previous` (the same areas' displayed scores last time) adds the earlier shape.
    """
    count = len(items)
    centre_x, centre_y = width / 2, height / 2

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / count
        distance = radius * value / 100
        return centre_x + distance * math.cos(angle), centre_y + distance * math.sin(angle)

    def polygon(values: Sequence[float]) -> str:
        return " ".join(
            f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, v) for i, v in enumerate(values))
        )

    axes = []
    for index, (key, name, score) in enumerate(items):
        end_x, end_y = point(index, 100)
        point_x, point_y = point(index, score or 0)
        label_x, label_y = point(index, 100 * (radius + LABEL_GAP) / radius)
        offset = label_x - centre_x
        anchor = "middle" if abs(offset) < 1 else ("start" if offset > 0 else "end")
        lines = _wrap(name)
        if label_y < centre_y - 1:  # labels above the centre grow upwards
            label_y -= 14 * (len(lines) - 1)
        axes.append(
            RadarAxis(
                key=key,
                name=name,
                score=score,
                end_x=_fmt(end_x),
                end_y=_fmt(end_y),
                point_x=_fmt(point_x),
                point_y=_fmt(point_y),
                label_x=_fmt(label_x),
                label_y=_fmt(label_y),
                anchor=anchor,
                label_lines=lines,
            )
        )
    return Radar(
        width=width,
        height=height,
        centre_x=_fmt(centre_x),
        centre_y=_fmt(centre_y),
        axes=tuple(axes),
        rings=tuple((ring, polygon([ring] * count)) for ring in RADAR_RINGS),
        shape=polygon([score or 0 for _, _, score in items]),
        previous_shape=polygon([score or 0 for score in previous]) if previous else "",
    )


@dataclass(frozen=True)
class TrendPoint:
    x: str
    y: str
    score: int
    label: str


@dataclass(frozen=True)
class Trend:
    width: int
    height: int
    line: str
    points: tuple[TrendPoint, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def trend(
    items: Sequence[tuple[str, int | None]], *, width: int = 240, height: int = 64, pad: int = 6
) -> Trend:
    """A small line of overall scores (0-100), oldest first; unscored entries are skipped."""
    scored = [(label, score) for label, score in items if score is not None]
    step = (width - 2 * pad) / (len(scored) - 1) if len(scored) > 1 else 0
    points = tuple(
        TrendPoint(
            x=_fmt(pad + step * index if len(scored) > 1 else width / 2),
            y=_fmt(height - pad - (height - 2 * pad) * score / 100),
            score=score,
            label=label,
        )
        for index, (label, score) in enumerate(scored)
    )
    return Trend(
        width=width,
        height=height,
        line=" ".join(f"{p.x},{p.y}" for p in points),
        points=points,
    )
