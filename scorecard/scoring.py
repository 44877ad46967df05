"""Scoring a self-assessment: pure functions on plain values, no database.

- An area's score (0-100) is the weighted mean of its questions answered on
  the 1-5 scale, mapped by (mean - 1) / 4 x 100. "Not sure" (0) is left out,
  so it never lowers a score. An area with nothing answered on the scale has
  no score ("not scored", never 0). Fewer than half its questions answered on
  the scale makes it low-confidence.
- Overall is the weighted mean of the scored areas.
- Scores are kept exact (fractions) while calculating and rounded only for
  display: whole numbers, half up. The advice band follows the number shown,
  so a 39.5 reads "40" and gets the middle advice.
- The weakest (and strongest) link is every scored area whose score, rounded
  to one decimal, equals the lowest (highest).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

NOT_SURE = 0
SCALE = range(1, 6)
SCALE_LABELS = {
    1: "Strongly disagree",
    2: "Disagree",
    3: "Partly agree",
    4: "Agree",
    5: "Strongly agree",
}
LOW_BELOW = 40
HIGH_FROM = 70
LOW_ANSWERS = (1, 2)
FALLBACK_QUESTION_ADVICE = (
    "Talk as a team about what it would take for everyone to agree with this statement, "
    "and agree on one first step."
)


class Band(StrEnum):
    LOW = "low"
    MIDDLE = "middle"
    HIGH = "high"


@dataclass(frozen=True)
class QuestionSpec:
    id: int
    text: str
    weight: float | Decimal = 1
    advice: str = ""


@dataclass(frozen=True)
class AreaSpec:
    key: str
    name: str
    questions: tuple[QuestionSpec, ...]
    weight: float | Decimal = 1
    advice_low: str = ""
    advice_middle: str = ""
    advice_high: str = ""

    def advice_for(self, band: "Band | None") -> str:
        return {
            Band.LOW: self.advice_low,
            Band.MIDDLE: self.advice_middle,
            Band.HIGH: self.advice_high,
        }.get(band, "")


@dataclass(frozen=True)
class AreaScore:
    key: str
    name: str
    score: float | None
    answered: int
    not_sure: int
    total: int
    low_confidence: bool
    advice: str
    weight: float = 1.0

    @property
    def scored(self) -> bool:
        return self.score is not None

    @property
    def display(self) -> int | None:
        return display_score(self.score)

    @property
    def band(self) -> Band | None:
        return band_for(self.score)

    @property
    def responded(self) -> int:
        """Statements answered, "not sure" included: what "answered" means on page 1."""
        return self.answered + self.not_sure


@dataclass(frozen=True)
class Action:
    key: str
    kind: str  # "area" or "question"
    area_key: str
    area_name: str
    title: str
    advice: str
    answer: int | None = None
    weight: float = 1.0

    @property
    def answer_label(self) -> str:
        """The answer as people read it: "1 (strongly disagree)"; empty for an area's action."""
        if self.answer is None:
            return ""
        return f"{self.answer} ({SCALE_LABELS[self.answer].lower()})"


@dataclass(frozen=True)
class Result:
    areas: tuple[AreaScore, ...]
    overall: float | None
    weakest: tuple[AreaScore, ...]
    strongest: tuple[AreaScore, ...]
    actions: tuple[Action, ...]
    answered: int  # on the scale or "not sure"
    total: int

    @property
    def overall_display(self) -> int | None:
        return display_score(self.overall)

    @property
    def overall_band(self) -> Band | None:
        return band_for(self.overall)

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def not_sure(self) -> int:
        return sum(area.not_sure for area in self.areas)

    @property
    def single_weakest(self) -> bool:
        """False when three or more areas share the lowest score: no one weakest link."""
        return 0 < len(self.weakest) < SHARED_LOWEST

    @property
    def is_strong(self) -> bool:
        return self.overall_band == Band.HIGH

    @property
    def weakest_heading(self) -> str:
        """How the lowest area(s) are headed, in words that fit the band and the ties: a
        strong organization has lowest-scoring areas, not weakest links, and three or more
        areas level at the lowest score are no single weakest link."""
        if not self.weakest:
            return "Weakest link"
        if not self.single_weakest:
            return "No single weakest link"
        plural = len(self.weakest) > 1
        if self.is_strong:
            return "Lowest-scoring areas" if plural else "Lowest-scoring area"
        return "Weakest links" if plural else "Weakest link"

    @property
    def weakest_label(self) -> str:
        """The tag beside a lowest area, in the same words as the heading."""
        if not self.single_weakest:
            return "Level at the lowest score"
        return "Lowest-scoring area" if self.is_strong else "Weakest link"

    def area(self, key: str) -> AreaScore:
        return next(area for area in self.areas if area.key == key)

    def area_scores(self) -> dict[str, float | None]:
        """Area key to unrounded score: what a completed assessment stores."""
        return {area.key: area.score for area in self.areas}


def display_score(score: float | None) -> int | None:
    """A score as shown: a whole number, rounded half up (39.5 shows as 40)."""
    if score is None:
        return None
    return int(Decimal(repr(score)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def tie_key(score: float) -> Decimal:
    """Scores equal to one decimal count as a tie."""
    return Decimal(repr(score)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def band_for(score: float | None) -> Band | None:
    """low below 40, middle 40-69, high from 70, judged on the number shown."""
    shown = display_score(score)
    if shown is None:
        return None
    if shown < LOW_BELOW:
        return Band.LOW
    if shown < HIGH_FROM:
        return Band.MIDDLE
    return Band.HIGH


def _exact(number: float | Decimal | int) -> Fraction:
    return Fraction(str(number))


def _scale_to_100(mean: Fraction) -> Fraction:
    return (mean - 1) / 4 * 100


def score_area(
    area: AreaSpec, answers: Mapping[int, int | None]
) -> tuple[AreaScore, Fraction | None]:
    """One area's score (and the exact value used for the overall)."""
    rated = [(q, answers[q.id]) for q in area.questions if answers.get(q.id) in SCALE]
    not_sure = sum(1 for q in area.questions if answers.get(q.id) == NOT_SURE)
    weight_total = sum((_exact(q.weight) for q, _ in rated), Fraction(0))
    exact = None
    if rated and weight_total > 0:
        mean = sum((_exact(q.weight) * value for q, value in rated), Fraction(0)) / weight_total
        exact = _scale_to_100(mean)
    score = float(exact) if exact is not None else None
    total = len(area.questions)
    return (
        AreaScore(
            key=area.key,
            name=area.name,
            score=score,
            answered=len(rated),
            not_sure=not_sure,
            total=total,
            low_confidence=score is not None and len(rated) * 2 < total,
            advice=area.advice_for(band_for(score)),
            weight=float(area.weight),
        ),
        exact,
    )


def _extremes(scored: Sequence[AreaScore]) -> tuple[tuple[AreaScore, ...], tuple[AreaScore, ...]]:
    if not scored:
        return (), ()
    keys = [tie_key(area.score) for area in scored]
    low, high = min(keys), max(keys)
    weakest = tuple(area for area, key in zip(scored, keys, strict=True) if key == low)
    if low == high:  # every scored area is level: there is no stronger one
        return weakest, ()
    strongest = tuple(area for area, key in zip(scored, keys, strict=True) if key == high)
    return weakest, strongest


# When this many areas or more share the lowest score, none of them is "the" weakest link.
SHARED_LOWEST = 3


def weakest_title(area_name: str, *, tied: int, overall_band: "Band | None") -> str:
    """The action for a lowest-scoring area, in words that fit the overall band: a strong
    organization is never told to "strengthen" its weakest link, and when three or more
    areas share the lowest score none of them is called the weakest link."""
    name = area_name.lower()
    if tied >= SHARED_LOWEST:
        verb = "Build on" if overall_band == Band.HIGH else "Work on"
        return f"{verb} {name}, one of {tied} areas level at the lowest score"
    if overall_band == Band.HIGH:
        return f"Build on {name}, your lowest-scoring area"
    return f"Strengthen {name}, your weakest link"


def action_list(
    areas: Sequence[AreaSpec],
    answers: Mapping[int, int | None],
    weakest: Sequence[AreaScore],
    overall_band: "Band | None" = None,
) -> tuple[Action, ...]:
    """Advice for the weakest area(s), then every statement answered 1 or 2.

    Those statements come lowest answer first, then heaviest weight, then in
    the order the assessment asks them.
    """
    actions = [
        Action(
            key=f"area:{area.key}",
            kind="area",
            area_key=area.key,
            area_name=area.name,
            title=weakest_title(area.name, tied=len(weakest), overall_band=overall_band),
            advice=area.advice,
            weight=area.weight,
        )
        for area in weakest
    ]
    low = []
    order = 0
    for area in areas:
        for question in area.questions:
            value = answers.get(question.id)
            if value in LOW_ANSWERS:
                low.append((value, -_exact(question.weight), order, area, question))
            order += 1
    low.sort(key=lambda item: item[:3])
    actions.extend(
        Action(
            key=f"question:{question.id}",
            kind="question",
            area_key=area.key,
            area_name=area.name,
            title=question.text,
            advice=question.advice or FALLBACK_QUESTION_ADVICE,
            answer=value,
            weight=float(question.weight),
        )
        for value, _, _, area, question in low
    )
    return tuple(actions)


def score_assessment(areas: Sequence[AreaSpec], answers: Mapping[int, int | None]) -> Result:
    """Score every area, the overall, the weakest and strongest links, and the actions.

    `answers` maps question id to 1-5, NOT_SURE (0), or None (not answered).
    """
    scored_pairs = [score_area(area, answers) for area in areas]
    area_scores = tuple(score for score, _ in scored_pairs)
    weighted = [
        (_exact(spec.weight), exact)
        for spec, (_, exact) in zip(areas, scored_pairs, strict=True)
        if exact is not None
    ]
    weight_total = sum((weight for weight, _ in weighted), Fraction(0))
    overall = (
        float(sum((weight * exact for weight, exact in weighted), Fraction(0)) / weight_total)
        if weighted and weight_total > 0
        else None
    )
    weakest, strongest = _extremes([area for area in area_scores if area.scored])
    all_questions = [q for area in areas for q in area.questions]
    return Result(
        areas=area_scores,
        overall=overall,
        weakest=weakest,
        strongest=strongest,
        actions=action_list(areas, answers, weakest, band_for(overall)),
        answered=sum(1 for q in all_questions if answers.get(q.id) in (NOT_SURE, *SCALE)),
        total=len(all_questions),
    )


class Direction(StrEnum):
    UP = "up"
    DOWN = "down"
    SAME = "same"


@dataclass(frozen=True)
class Change:
    """A before/after pair of displayed scores."""

    before: int | None
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before

    @property
    def direction(self) -> Direction | None:
        delta = self.delta
        if delta is None:
            return None
        if delta > 0:
            return Direction.UP
        if delta < 0:
            return Direction.DOWN
        return Direction.SAME


@dataclass(frozen=True)
class AreaChange:
    key: str
    name: str
    change: Change


@dataclass(frozen=True)
class Comparison:
    """Change since the previous completed assessment of the same canvas."""

    areas: tuple[AreaChange, ...]
    overall: Change | None
    same_questions: bool
    note: str = field(default="")


def compare(
    *,
    area_names: Mapping[str, str],
    current: Mapping[str, float | None],
    previous: Mapping[str, float | None],
    current_overall: float | None,
    previous_overall: float | None,
    same_questions: bool,
) -> Comparison:
    """Per area and overall, on the numbers people saw (whole numbers).

    When the two assessments used different question sets (or versions of
    one), only the area scores are compared, and the note says so.
    """
    areas = tuple(
        AreaChange(
            key=key,
            name=name,
            change=Change(
                before=display_score(previous.get(key)), after=display_score(current.get(key))
            ),
        )
        for key, name in area_names.items()
    )
    if same_questions:
        return Comparison(
            areas=areas,
            overall=Change(
                before=display_score(previous_overall), after=display_score(current_overall)
            ),
            same_questions=True,
        )
    return Comparison(
        areas=areas,
        overall=None,
        same_questions=False,
        note=(
            "The questions changed between these two assessments, so only area scores are "
            "compared; the overall score is not."
        ),
    )
