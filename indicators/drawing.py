"""The dashboard's two drawings, as geometry for server-drawn SVG: pure, no database.

`sparkline` turns the last readings into a polyline with the target as a line;
`chain_layout` places the linked indicators in columns, drivers to the left of
what they drive, and draws each link as a curve from one box to the next. The
templates only print the numbers, so the SVG is the same on screen and on paper.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 32, 3


def _coordinate(value: float) -> str:
    """A coordinate with at most one decimal place, without "-0"."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Sparkline:
    points: str  # "x,y x,y ..." for <polyline points>
    last_x: str
    last_y: str
    target_y: str  # "" without a target
    width: int = SPARK_WIDTH
    height: int = SPARK_HEIGHT


def sparkline(
    values: Sequence[Decimal],
    target: Decimal | None = None,
    *,
    width: int = SPARK_WIDTH,
    height: int = SPARK_HEIGHT,
) -> Sparkline | None:
    """The readings (oldest first) as a line filling the box; the vertical range takes in
    the target, so the gap to it shows. None without readings."""
    if not values:
        return None
    span_values = [*values, *([target] if target is not None else [])]
    low, high = min(span_values), max(span_values)
    pad = SPARK_PAD
    inner_height = height - 2 * pad

    def y(value: Decimal) -> float:
        if high == low:
            return height / 2
        return pad + float((high - value) / (high - low)) * inner_height

    step = (width - 2 * pad) / (len(values) - 1) if len(values) > 1 else 0
    xs = [pad + index * step if len(values) > 1 else width - pad for index in range(len(values))]
    points = " ".join(
        f"{_coordinate(x)},{_coordinate(y(value))}" for x, value in zip(xs, values, strict=True)
    )
    return Sparkline(
        points=points,
        last_x=_coordinate(xs[-1]),
        last_y=_coordinate(y(values[-1])),
        target_y=_coordinate(y(target)) if target is not None else "",
        width=width,
        height=height,
    )


# The chain ------------------------------------------------------------------------------------

BOX_WIDTH, BOX_HEIGHT = 200, 70
COLUMN_GAP, ROW_GAP, MARGIN = 70, 14, 8


@dataclass(frozen=True)
class Box:
    node: int
    x: int
    y: int
    width: int = BOX_WIDTH
    height: int = BOX_HEIGHT

    @property
    def text_x(self) -> int:
        return self.x + 30

    @property
    def icon_x(self) -> int:
        return self.x + 15

    @property
    def middle_y(self) -> int:
        return self.y + self.height // 2


@dataclass(frozen=True)
class Curve:
    driver: int
    result: int
    path: str


@dataclass(frozen=True)
class ChainLayout:
    width: int
    height: int
    boxes: tuple[Box, ...]
    curves: tuple[Curve, ...]


def depths(nodes: Sequence[int], drivers: Mapping[int, Collection[int]]) -> dict[int, int]:
    """Each node's column: 0 for one nothing drives, else one more than its deepest driver
    (the longest path to it). A loop, which the services never store, is cut."""
    known = set(nodes)
    found: dict[int, int] = {}

    def depth(node: int, visiting: frozenset) -> int:
        if node in found:
            return found[node]
        above = [item for item in drivers.get(node, ()) if item in known and item not in visiting]
        value = 1 + max((depth(item, visiting | {node}) for item in above), default=-1)
        found[node] = value
        return value

    for node in nodes:
        depth(node, frozenset())
    return found


def chain_layout(nodes: Sequence[int], links: Sequence[tuple[int, int]]) -> ChainLayout | None:
    """Boxes in columns (drivers left of what they drive, in `nodes` order within a
    column, each column centred) and a curve per link. Only nodes in a link are drawn;
    None when there is no link between `nodes`."""
    present = set(nodes)
    links = [(a, b) for a, b in links if a in present and b in present and a != b]
    if not links:
        return None
    linked = {node for link in links for node in link}
    order = [node for node in nodes if node in linked]
    drivers: dict[int, set[int]] = {}
    for driver, result in links:
        drivers.setdefault(result, set()).add(driver)
    column = depths(order, drivers)
    columns: dict[int, list[int]] = {}
    for node in order:
        columns.setdefault(column[node], []).append(node)
    tallest = max(len(items) for items in columns.values())
    height = 2 * MARGIN + tallest * BOX_HEIGHT + (tallest - 1) * ROW_GAP
    count = max(columns) + 1
    width = 2 * MARGIN + count * BOX_WIDTH + (count - 1) * COLUMN_GAP
    boxes: dict[int, Box] = {}
    for index, items in columns.items():
        used = len(items) * BOX_HEIGHT + (len(items) - 1) * ROW_GAP
        top = MARGIN + (height - 2 * MARGIN - used) // 2
        x = MARGIN + index * (BOX_WIDTH + COLUMN_GAP)
        for row, node in enumerate(items):
            boxes[node] = Box(node=node, x=x, y=top + row * (BOX_HEIGHT + ROW_GAP))
    curves = []
    for driver, result in links:
        start, end = boxes[driver], boxes[result]
        x1, y1 = start.x + start.width, start.middle_y
        x2, y2 = end.x - 6, end.middle_y  # the arrowhead ends at the box
        bend = max(20, (x2 - x1) // 2)
        path = f"M{x1},{y1} C{x1 + bend},{y1} {x2 - bend},{y2} {x2},{y2}"
        curves.append(Curve(driver=driver, result=result, path=path))
    return ChainLayout(
        width=width,
        height=height,
        boxes=tuple(boxes[node] for node in order),
        curves=tuple(curves),
    )


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word to fit `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:·-") + "…"


def wrap(text: str, limit: int, lines: int = 2) -> list[str]:
    """`text` in at most `lines` lines of `limit` characters, broken between words; the
    last line shortened with an ellipsis when the text doesn't fit (SVG text doesn't wrap)."""
    words = text.split()
    result: list[str] = []
    while words and len(result) < lines - 1:
        line = words.pop(0)
        if len(line) > limit:
            words.insert(0, line[limit - 1 :])
            line = line[: limit - 1] + "-"
        while words and len(line) + 1 + len(words[0]) <= limit:
            line += " " + words.pop(0)
        result.append(line)
    if words:
        result.append(shorten(" ".join(words), limit))
    return result
