"""The presentation: one slide per area, in the order a canvas is told, then a summary.

Each area slide shows its notes, and the score and advice of the assessment the
presentation is given with (members: the latest completed one; a share link: the
one it pins, or none). The summary reuses the results page's figures
(`scorecard.services.results_for`) and the board's investment figures
(`investment.services.investment_summary`), so the slides never disagree with them.
"""

from dataclasses import dataclass

from canvas.areas import AREAS_BY_KEY, Area, AreaKey
from canvas.models import Note
from investment.figures import Figures
from investment.services import investment_summary
from scorecard.models import Assessment
from scorecard.scoring import AreaScore, Result
from scorecard.services import ChecklistItem, results_for

SLIDE_ORDER = (
    AreaKey.VALUE_PROPOSITION,
    AreaKey.PRODUCTS_SERVICES,
    AreaKey.CUSTOMER_SEGMENTS,
    AreaKey.SERVICE_DELIVERY,
    AreaKey.STRATEGY_GOVERNANCE,
    AreaKey.INVESTMENT_RETURN,
)
SLIDE_COUNT = len(SLIDE_ORDER) + 1  # the areas, then the summary
TOP_ACTIONS = 3


@dataclass(frozen=True)
class AreaSlide:
    area: Area
    notes: tuple[str, ...]
    score: AreaScore | None  # None: no assessment to show
    weakest_label: str  # "" unless this area is the lowest (words fit the band and ties)
    figures: Figures | None  # investment & return only

    kind = "area"

    @property
    def title(self) -> str:
        return self.area.name


@dataclass(frozen=True)
class SummarySlide:
    result: Result | None
    top_actions: tuple[ChecklistItem, ...]
    figures: Figures

    kind = "summary"
    title = "Summary"

    @property
    def weakest(self) -> tuple[AreaScore, ...]:
        return self.result.weakest if self.result else ()


@dataclass(frozen=True)
class Deck:
    number: int
    total: int
    slide: AreaSlide | SummarySlide
    assessment: Assessment | None

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.total else None


def latest_completed(canvas) -> Assessment | None:
    return (
        Assessment.objects.completed()
        .filter(canvas_id=canvas.pk)
        .order_by("-completed_at", "-pk")
        .first()
    )


def deck(*, canvas, assessment: Assessment | None, number: int) -> Deck | None:
    """Slide `number` (1 to SLIDE_COUNT) of the canvas's presentation; None out of range."""
    if not 1 <= number <= SLIDE_COUNT:
        return None
    results = results_for(assessment) if assessment is not None else None
    result = results.result if results else None
    if number <= len(SLIDE_ORDER):
        key = SLIDE_ORDER[number - 1]
        notes = tuple(
            Note.objects.filter(canvas_id=canvas.pk, area=key)
            .order_by("position", "pk")
            .values_list("text", flat=True)
        )
        slide = AreaSlide(
            area=AREAS_BY_KEY[key],
            notes=notes,
            score=_area_score(result, key),
            weakest_label=result.weakest_label
            if result and any(area.key == key for area in result.weakest)
            else "",
            figures=investment_summary(canvas) if key == AreaKey.INVESTMENT_RETURN else None,
        )
    else:
        slide = SummarySlide(
            result=result,
            top_actions=results.checklist[:TOP_ACTIONS] if results else (),
            figures=investment_summary(canvas),
        )
    return Deck(number=number, total=SLIDE_COUNT, slide=slide, assessment=assessment)


def _area_score(result: Result | None, key: str) -> AreaScore | None:
    if result is None:
        return None
    return next((area for area in result.areas if area.key == key), None)


def board_areas(canvas) -> list[dict]:
    """The six areas with their notes (text and colour), for the read-only board (one query)."""
    texts: dict[str, list[dict]] = {key: [] for key in SLIDE_ORDER}
    rows = (
        Note.objects.filter(canvas_id=canvas.pk)
        .order_by("position", "pk")
        .values_list("area", "text", "colour")
    )
    for area, text, colour in rows:
        texts.setdefault(area, []).append({"text": text, "colour": colour})
    return [{"area": AREAS_BY_KEY[key], "notes": texts[key]} for key in SLIDE_ORDER]
