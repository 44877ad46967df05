"""The canvas laid out for paper: pure functions on a canvas snapshot (canvas/snapshot.py).

WeasyPrint cannot split a grid or flex row across pages, so the printed canvas
is a table: one column per area and one row per note position. A long area
simply makes the table longer; rows break between pages and the area names
repeat at the top of each page, so no note is ever cut off.
"""

from dataclasses import dataclass
from datetime import date
from itertools import zip_longest
from typing import Any

from django.utils.text import slugify


@dataclass(frozen=True)
class PosterColumn:
    key: str
    name: str
    count: int


@dataclass(frozen=True)
class Poster:
    """What a printed canvas shows: its words, the area columns and the note rows."""

    title: str
    description: str
    value_kinds: tuple[str, ...]
    columns: tuple[PosterColumn, ...]
    rows: tuple[tuple[dict[str, Any] | None, ...], ...]  # a note dict, or None for a gap

    @property
    def note_count(self) -> int:
        return sum(column.count for column in self.columns)


def poster(snapshot: dict[str, Any]) -> Poster:
    """The printable layout of a snapshot: note i of every area sits in row i."""
    areas = snapshot.get("areas", [])
    columns = tuple(
        PosterColumn(key=area["key"], name=area["name"], count=len(area["notes"])) for area in areas
    )
    rows = tuple(zip_longest(*(area["notes"] for area in areas), fillvalue=None))
    return Poster(
        title=snapshot.get("title", ""),
        description=snapshot.get("description", ""),
        value_kinds=tuple(kind["label"] for kind in snapshot.get("value_kinds", [])),
        columns=columns,
        rows=rows,
    )


def canvas_pdf_filename(*, organization_name: str, title: str, day: date) -> str:
    """`acme-learning-canvas-acme-academy-2026-11-22.pdf`."""
    org = slugify(organization_name) or "canvas"
    return f"{org}-canvas-{slugify(title) or 'untitled'}-{day:%Y-%m-%d}.pdf"
