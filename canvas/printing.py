"""The canvas laid out for paper: pure functions on a canvas snapshot (canvas/snapshot.py).

The printed canvas keeps the board's own shape: the value proposition in the
centre, the other areas around it, investment & return along the bottom.
WeasyPrint cannot split a table row across pages, so the code here decides what
fits: the largest type size at which every area's notes fit one sheet, or, past
the smallest size, which notes go on each of several sheets in the same layout.
"""

import functools
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.text import slugify

# The poster: the canvas in its own shape, on A4 or A3 landscape ------------------------------
#
# WeasyPrint can't say how tall a piece of text will be, nor split a table row across
# pages, so the layout is decided here: estimate each note's height at a type size, pick
# the largest size at which every area fits its box on one sheet, and past the smallest
# size fill the boxes and carry the rest onto a second sheet in the same layout. The
# template draws exactly these boxes, columns and sizes (templates/pdf/canvas.html).

PT_PER_MM = 72 / 25.4
LINE_HEIGHT = 1.15  # em; print.css .sheet
NOTE_LINE_HEIGHT = 1.08  # em; print.css .sheet-note: a note's lines sit closer
NOTE_PAD_Y = 0.06  # em, top and bottom; print.css .sheet-note
NOTE_PAD_X = 0.3  # em, left and right
NOTE_GAP = 0.12  # em between notes
NOTE_BORDER = 1.0  # pt, top + bottom (and left + right) borders together
COLUMN_GAP = 0.4  # em between note columns
AREA_PAD = 0.3  # em inside each area box, all round
NOTES_GAP = 0.2  # em between an area's heading and its notes; print.css .note-columns
HEADING_SCALE = 1.08  # an area's name, relative to the notes
FIGURE_SCALE = 0.92  # its score or investment line
SAFETY = 1.04  # estimates run this much wide, so a line never wraps sooner than we think
NOTO_TO_NARROW = 1.35  # Noto Sans (headings, figures) runs this much wider than the notes' face
BOARD_SLACK = 5.0  # pt kept free below the board: its borders, rounding
MIN_NOTE_CHARS = 24  # never narrower columns than this many average characters


@dataclass(frozen=True)
class Paper:
    key: str  # "a4" / "a3"
    name: str
    width_mm: float  # the page's content box, inside the margins (print.css @page)
    height_mm: float
    sizes: tuple[float, ...]  # type sizes to try, largest first; the last is the floor
    title_pt: float

    @property
    def smallest(self) -> float:
        return self.sizes[-1]


PAPERS = {
    "a4": Paper("a4", "A4", 297 - 16, 210 - 17, (11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5, 7), 13),
    "a3": Paper(
        "a3", "A3", 420 - 20, 297 - 23, (15, 14, 13, 12.5, 12, 11.5, 11, 10.5, 10, 9.5, 9), 18
    ),
}

# Board positions, as on screen: strategy | value | products over delivery | value |
# customers, investment & return across the bottom.
LEFT_TOP, LEFT_BOTTOM = "strategy_governance", "service_delivery"
RIGHT_TOP, RIGHT_BOTTOM = "products_services", "customer_segments"
CENTRE, BOTTOM = "value_proposition", "investment_return"
INVEST_RANGE = (0.16, 0.42)  # the investment & return row's share of the board, when it overflows
SPLIT_RANGE = (0.25, 0.75)  # the upper area's share of a side column, when it overflows


# Advance widths (thousandths of an em) of printable ASCII, space to tilde, in Liberation
# Sans Narrow, the poster's note face (print.css .sheet-note): narrow, so a typical
# note of 80 characters takes two lines of a column a third of the sheet wide.
NARROW_WIDTHS = (
    228, 228, 291, 456, 456, 729, 547, 157, 273, 273, 319, 479, 228, 273, 228, 228, 456, 456,
    456, 456, 456, 456, 456, 456, 456, 456, 228, 228, 479, 479, 479, 456, 832, 547, 547, 592,
    592, 547, 501, 638, 592, 228, 410, 547, 456, 683, 592, 638, 547, 638, 592, 547, 501, 592,
    547, 774, 547, 547, 501, 228, 228, 228, 385, 456, 273, 456, 456, 410, 456, 456, 228, 456,
    456, 182, 182, 410, 182, 683, 456, 456, 456, 456, 273, 410, 228, 456, 410, 592, 410, 410,
    410, 274, 213, 274, 479,
)  # fmt: skip


def char_width(char: str) -> float:
    """A character's advance in em in the note face; a generous guess for the characters
    Pango takes from other fonts (accented letters, other scripts, emoji)."""
    code = ord(char)
    if 32 <= code <= 126:
        return NARROW_WIDTHS[code - 32] / 1000
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0 if code < 0x1F000 else 1.25
    if unicodedata.category(char).startswith("M") or char in "\u200b\u200d\ufe0f":
        return 0.0  # combining marks, joiners, variation selectors
    return 0.62


@functools.lru_cache(maxsize=4096)
def word_widths(text: str) -> tuple[tuple[float, ...], ...]:
    """Each paragraph's words' widths in em, worked out once per text: the fitting asks how
    many lines a note takes at many widths."""
    return tuple(
        tuple(sum(char_width(char) for char in word) for word in paragraph.split(" "))
        for paragraph in text.split("\n")
    )


def text_lines(text: str, *, width_em: float) -> int:
    """How many lines `text` takes in a column `width_em` wide: greedy word wrap, a word
    longer than the line broken anywhere (print.css: overflow-wrap: anywhere)."""
    width = width_em / SAFETY
    space = char_width(" ")
    lines = 0
    for paragraph in word_widths(text):
        lines += 1
        used = 0.0
        for word_width in paragraph:
            gap = space if used else 0.0
            if used + gap + word_width <= width:
                used += gap + word_width
                continue
            if used:
                lines += 1
                used = 0.0
            while word_width > width:  # a word wider than the line: broken anywhere
                lines += 1
                word_width -= width
            used = word_width
    return lines


def note_height(text: str, *, size: float, width: float) -> float:
    """A printed note's height in points, gap below included, at `size` pt in a column
    `width` pt wide."""
    inner_em = (width - NOTE_BORDER) / size - 2 * NOTE_PAD_X
    lines = text_lines(text, width_em=max(inner_em, 1.0))
    return lines * NOTE_LINE_HEIGHT * size + 2 * NOTE_PAD_Y * size + NOTE_BORDER + NOTE_GAP * size


def heading_height(figures: tuple[str, ...], *, size: float, width: float) -> float:
    """An area's name and its figure lines (score, investment headline), in points."""
    height = LINE_HEIGHT * size * HEADING_SCALE + 0.25 * size
    for line in figures:
        lines = text_lines(line, width_em=width / (size * FIGURE_SCALE) / NOTO_TO_NARROW)
        height += lines * LINE_HEIGHT * size * FIGURE_SCALE
    return height + NOTES_GAP * size


@dataclass(frozen=True)
class Box:
    """An area's place on the sheet, in points."""

    width: float
    height: float


def split_columns(heights: list[float], columns: int) -> list[int]:
    """How many notes go in each of `columns` columns, in order, so the tallest column is
    as short as it can be (a binary search on the column height)."""
    if not heights:
        return [0] * columns

    def fill(capacity: float) -> list[int] | None:
        counts, used = [0], 0.0
        for height in heights:
            if counts[-1] and used + height > capacity:
                counts.append(0)
                used = 0.0
            counts[-1] += 1
            used += height
        return counts if len(counts) <= columns else None

    low, high = max(heights), sum(heights)
    for _ in range(30):
        middle = (low + high) / 2
        if fill(middle) is None:
            low = middle
        else:
            high = middle
    counts = fill(high) or [len(heights)]
    return counts + [0] * (columns - len(counts))


def column_options(width: float, size: float) -> range:
    """The column counts an area `width` pt wide may have at `size` pt."""
    narrowest = MIN_NOTE_CHARS * 0.44 * size * SAFETY + 2 * NOTE_PAD_X * size
    return range(1, max(1, int(width // (narrowest + COLUMN_GAP * size))) + 1)


def column_width(width: float, size: float, columns: int) -> float:
    """A note column's content width: each column is padded half a gap on either side."""
    return width / columns - COLUMN_GAP * size


def _balanced(texts: list[str], width: float, size: float, columns: int) -> tuple[list[int], float]:
    """Notes per column (balanced, in order) and the tallest column's height, in points."""
    heights = [
        note_height(text, size=size, width=column_width(width, size, columns)) for text in texts
    ]
    counts = split_columns(heights, columns)
    tallest, start = 0.0, 0
    for count in counts:
        tallest = max(tallest, sum(heights[start : start + count]))
        start += count
    return counts, tallest


def _chrome(figures: tuple[str, ...], width: float, size: float) -> float:
    """An area's height without its notes: padding, name, figure lines."""
    inner = width - 2 * AREA_PAD * size
    return 2 * AREA_PAD * size + heading_height(figures, size=size, width=inner)


def area_need(texts: list[str], figures: tuple[str, ...], width: float, size: float) -> float:
    """The least height, in points, an area `width` pt wide needs to show all its notes at
    `size` pt, over the column counts it may have."""
    inner = width - 2 * AREA_PAD * size
    chrome = _chrome(figures, width, size)
    if not texts:
        return chrome + LINE_HEIGHT * size * 1.4  # "No notes yet."
    return chrome + min(
        _balanced(texts, inner, size, columns)[1] for columns in column_options(inner, size)
    )


def area_columns(texts: list[str], figures: tuple[str, ...], box: Box, size: float) -> list[int]:
    """Notes per column for an area that fits its box: the fewest columns that fit, so
    notes stay as wide as they can."""
    inner = box.width - 2 * AREA_PAD * size
    room = box.height - _chrome(figures, box.width, size)
    best: tuple[float, list[int]] | None = None
    for columns in column_options(inner, size):
        counts, tallest = _balanced(texts, inner, size, columns)
        if tallest <= room:
            return counts
        if best is None or tallest < best[0]:
            best = (tallest, counts)
    return best[1] if best else [0]


def area_take(texts: list[str], figures: tuple[str, ...], box: Box, size: float) -> list[int]:
    """For an area that can't fit: notes per column, filled in order to the foot of the
    box, in the column count that holds the most. The rest go to the next sheet."""
    inner = box.width - 2 * AREA_PAD * size
    room = box.height - _chrome(figures, box.width, size)
    best: list[int] = [0]
    for columns in column_options(inner, size):
        width = column_width(inner, size, columns)
        counts, index = [], 0
        for _ in range(columns):
            count, used = 0, 0.0
            while index < len(texts):
                height = note_height(texts[index], size=size, width=width)
                if used + height > room:
                    break
                used += height
                count += 1
                index += 1
            counts.append(count)
        if sum(counts) > sum(best):
            best = counts
    return best


def header_height(header: "PosterHeader", paper: Paper) -> float:
    """The title block above the board, in points (print.css .sheet-head): the eyebrow
    line with the value kinds, the title, at most two lines of description, a gap."""
    width = paper.width_mm * PT_PER_MM
    small = paper.title_pt * 0.5
    height = small * 1.3 + 3 + paper.title_pt * 1.2 + 2
    if header.description:
        lines = text_lines(header.description, width_em=width / small / NOTO_TO_NARROW)
        height += min(lines, 2) * small * 1.3
    return height + 4


@dataclass(frozen=True)
class PosterHeader:
    title: str
    description: str
    value_kinds: tuple[str, ...]


@dataclass(frozen=True)
class SheetArea:
    key: str
    name: str
    figures: tuple[str, ...]
    columns: tuple[tuple[dict[str, Any], ...], ...]  # the notes of each column, in order
    total: int  # the area's notes on every sheet
    first: int  # 1-based number of this sheet's first note of the area
    height_mm: float

    @property
    def count(self) -> int:
        return sum(len(column) for column in self.columns)

    @property
    def last(self) -> int:
        return self.first + self.count - 1

    @property
    def column_count(self) -> int:
        return len(self.columns)

    @property
    def height_css(self) -> str:
        return css_length(self.height_mm, "mm")


def css_length(value: float, unit: str) -> str:
    """A length for a style attribute, with a dot whatever the active locale."""
    return f"{value:.2f}{unit}"


@dataclass(frozen=True)
class Sheet:
    number: int
    areas: dict[str, SheetArea]
    upper_mm: float  # the board's upper part: the side columns and the value proposition

    @property
    def upper_css(self) -> str:
        return css_length(self.upper_mm, "mm")

    def __getitem__(self, key: str) -> SheetArea:
        return self.areas[key]


@dataclass(frozen=True)
class PosterSheets:
    paper: Paper
    size: float  # the notes' type size, pt
    split: tuple[int, int, int]  # the three columns' widths, in thirtieths of the sheet
    header: PosterHeader
    head_mm: float
    sheets: tuple[Sheet, ...]
    note_count: int

    @property
    def continued(self) -> bool:
        return len(self.sheets) > 1

    @property
    def size_css(self) -> str:
        return css_length(self.size, "pt")

    @property
    def columns_css(self) -> tuple[str, ...]:
        return tuple(css_length(100 * part / SPLIT_UNITS, "%") for part in self.split)

    @property
    def head_css(self) -> str:
        return css_length(self.head_mm, "mm")


KEYS = (LEFT_TOP, CENTRE, RIGHT_TOP, LEFT_BOTTOM, RIGHT_BOTTOM, BOTTOM)


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def _share(first: float, second: float, room: float) -> float:
    """The first of two stacked areas' height: its need plus its share of the room left."""
    spare = room - first - second
    if first + second <= 0:
        return room / 2
    return (
        first + spare * first / (first + second) if spare >= 0 else room * first / (first + second)
    )


def _upper_need(needs: dict[str, float]) -> float:
    """The height the board's upper part needs: its tallest column."""
    return max(
        needs[LEFT_TOP] + needs[LEFT_BOTTOM], needs[RIGHT_TOP] + needs[RIGHT_BOTTOM], needs[CENTRE]
    )


def board_heights(needs: dict[str, float], board: float) -> tuple[dict[str, float], bool]:
    """Each area's height in points on a board `board` pt tall, given what each needs; and
    whether every area gets what it needs. Room to spare is shared in proportion to need."""
    upper_need = _upper_need(needs)
    fits = upper_need + needs[BOTTOM] <= board
    if fits:
        invest = needs[BOTTOM] + (board - upper_need - needs[BOTTOM]) * needs[BOTTOM] / (
            upper_need + needs[BOTTOM] or 1
        )
    else:
        invest = _clamp(needs[BOTTOM], board * INVEST_RANGE[0], board * INVEST_RANGE[1])
    invest = max(invest, board * INVEST_RANGE[0] if not fits else 0)
    upper = board - invest
    heights = {CENTRE: upper, BOTTOM: invest}
    for top, bottom in ((LEFT_TOP, LEFT_BOTTOM), (RIGHT_TOP, RIGHT_BOTTOM)):
        first = _share(needs[top], needs[bottom], upper)
        if not fits:
            first = _clamp(first, upper * SPLIT_RANGE[0], upper * SPLIT_RANGE[1])
        heights[top], heights[bottom] = first, upper - first
    return heights, fits


# The three columns' widths, in thirtieths of the sheet: equal thirds, or wider where the notes
# are (a busy value proposition, a long list of products), from 7 to 14 thirtieths each. Tried
# nearest to equal thirds first.
SPLIT_UNITS = 30
SPLITS = sorted(
    (
        (left, centre, SPLIT_UNITS - left - centre)
        for left in range(7, 15)
        for centre in range(7, 15)
        if 7 <= SPLIT_UNITS - left - centre <= 14
    ),
    key=lambda split: (sum(abs(3 * part - SPLIT_UNITS) for part in split), split),
)


def _widths(paper: Paper, split: tuple[int, int, int]) -> dict[str, float]:
    unit = paper.width_mm * PT_PER_MM / SPLIT_UNITS
    left, centre, right = (part * unit for part in split)
    return {
        LEFT_TOP: left,
        LEFT_BOTTOM: left,
        CENTRE: centre,
        RIGHT_TOP: right,
        RIGHT_BOTTOM: right,
        BOTTOM: SPLIT_UNITS * unit,
    }


def poster_sheets(
    snapshot: dict[str, Any], *, paper: Paper, figures: dict[str, tuple[str, ...]] | None = None
) -> PosterSheets:
    """The canvas on one sheet of `paper` at the largest type that fits, or on as many
    sheets as it takes at the smallest, each in the board's own layout."""
    # The investment & return row is the sheet's full width: its figures share one line.
    figures = {
        key: (" · ".join(lines),) if key == BOTTOM and lines else tuple(lines)
        for key, lines in (figures or {}).items()
    }
    areas = {area["key"]: area for area in snapshot.get("areas", [])}
    header = PosterHeader(
        title=snapshot.get("title", ""),
        description=snapshot.get("description", ""),
        value_kinds=tuple(kind["label"] for kind in snapshot.get("value_kinds", [])),
    )
    head = header_height(header, paper)
    board = paper.height_mm * PT_PER_MM - head - BOARD_SLACK
    texts = {key: [note["text"] for note in areas.get(key, {}).get("notes", [])] for key in KEYS}
    note_count = sum(len(notes) for notes in texts.values())
    known: dict[tuple[str, float, float, int], float] = {}

    def needs_at(size: float, split, start: dict[str, int]) -> dict[str, float]:
        widths = _widths(paper, split)
        for key in KEYS:
            memo = (key, widths[key], size, start[key])
            if memo not in known:
                rest = texts[key][start[key] :]
                known[memo] = area_need(rest, figures.get(key, ()), widths[key], size)
        return {key: known[(key, widths[key], size, start[key])] for key in KEYS}

    first = dict.fromkeys(KEYS, 0)

    def fitting(size: float):
        """The split nearest equal thirds at which everything fits one sheet, and the areas'
        heights; None if none does."""
        for split in SPLITS:
            heights, fits = board_heights(needs_at(size, split, first), board)
            if fits:
                return split, heights
        return None

    # The largest size that fits (a smaller size fits whatever a larger one does): a binary
    # search over the sizes, largest first.
    low, high, found = 0, len(paper.sizes) - 1, None
    while low <= high:
        middle = (low + high) // 2
        fit = fitting(paper.sizes[middle])
        if fit:
            found, high = (paper.sizes[middle], *fit), middle - 1
        else:
            low = middle + 1
    if found:
        size, split, heights = found
        widths = _widths(paper, split)
        counts = {
            key: area_columns(
                texts[key], figures.get(key, ()), Box(widths[key], heights[key]), size
            )
            for key in KEYS
        }
        sheet = _sheet(1, areas, figures, first, counts, heights)
        return PosterSheets(paper, size, split, header, head / PT_PER_MM, (sheet,), note_count)
    # Past the smallest size: the split whose tallest column needs least, on every sheet; fill
    # each area's box in order and carry the rest onto the next sheet, in the same layout.
    size = paper.smallest
    split = min(SPLITS, key=lambda split: _upper_need(needs_at(size, split, first)))
    widths = _widths(paper, split)
    sheets: list[Sheet] = []
    start = first
    while not sheets or any(start[key] < len(texts[key]) for key in KEYS):
        heights, fits = board_heights(needs_at(size, split, start), board)
        counts = {}
        for key in KEYS:
            rest = texts[key][start[key] :]
            box = Box(widths[key], heights[key])
            take = area_columns if fits else area_take
            counts[key] = take(rest, figures.get(key, ()), box, size)
            if rest and not sum(counts[key]):
                counts[key] = [1]  # a note taller than its box: printed anyway, on its own
        sheets.append(_sheet(len(sheets) + 1, areas, figures, start, counts, heights))
        start = {key: start[key] + sum(counts[key]) for key in KEYS}
    return PosterSheets(paper, size, split, header, head / PT_PER_MM, tuple(sheets), note_count)


def _sheet(number, areas, figures, start, counts, heights) -> Sheet:
    sheet_areas = {}
    for key in KEYS:
        area = areas.get(key, {"key": key, "name": key, "notes": []})
        notes, columns, first = area["notes"][start[key] :], [], 0
        for count in counts[key]:
            columns.append(tuple(notes[first : first + count]))
            first += count
        sheet_areas[key] = SheetArea(
            key=key,
            name=area["name"],
            figures=tuple(figures.get(key, ())),
            columns=tuple(columns),
            total=len(area["notes"]),
            first=start[key] + 1,
            height_mm=heights[key] / PT_PER_MM,
        )
    return Sheet(number, sheet_areas, heights[CENTRE] / PT_PER_MM)


def poster_pdf_filename(*, organization_name: str, title: str, day: date, paper: Paper) -> str:
    """`acme-learning-canvas-acme-academy-a3-2026-11-22.pdf`: each paper size its own name."""
    org = slugify(organization_name) or "canvas"
    return f"{org}-canvas-{slugify(title) or 'untitled'}-{paper.key}-{day:%Y-%m-%d}.pdf"
