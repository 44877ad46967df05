"""Assessment workflows: start, answer, complete, tick actions, and the results data.

Every write happens here, in one named place. `results_for` gathers all a
results page shows (the PDF export reuses it) in a constant number of queries.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.utils import timezone

from canvas.areas import AREAS, AREAS_BY_KEY
from canvas.models import Canvas
from core.formats import person_name
from core.hooks import call_hook
from core.ordering import lock_rows
from core.retry import retry_on_conflict
from core.versioning import Outcome, SaveResult, save_on_canvas, save_versioned
from scorecard import default_questions
from scorecard.charts import Radar, Trend, radar, trend
from scorecard.models import (
    ActionTick,
    Answer,
    Assessment,
    AssessmentMessage,
    Question,
    QuestionArea,
    QuestionSet,
)
from scorecard.scoring import (
    Action,
    AreaSpec,
    Comparison,
    QuestionSpec,
    Result,
    compare,
    display_score,
    score_assessment,
)

AREA_ORDER = {area.key: index for index, area in enumerate(AREAS)}


# Question sets ---------------------------------------------------------------------------


@retry_on_conflict
@transaction.atomic
def ensure_default_question_set() -> QuestionSet:
    """The default set; created from scorecard/default_questions.py if a database has none.

    Migration 0002 creates it on every install. This covers databases whose
    rows were wiped afterwards (tests that flush tables, a hand-cleaned install).
    """
    existing = QuestionSet.objects.default()
    if existing is not None:
        return existing
    latest = QuestionSet.objects.filter(name=default_questions.DEFAULT_SET_NAME).order_by(
        "-version"
    )
    version = (latest.values_list("version", flat=True).first() or 0) + 1
    question_set = QuestionSet.objects.create(
        name=default_questions.DEFAULT_SET_NAME,
        version=version,
        intro=default_questions.DEFAULT_SET_INTRO,
    )
    for spec in default_questions.DEFAULT_AREAS:
        area = QuestionArea.objects.create(
            question_set=question_set,
            area=spec["area"],
            advice_low=spec["advice_low"],
            advice_middle=spec["advice_middle"],
            advice_high=spec["advice_high"],
        )
        Question.objects.bulk_create(
            Question(area=area, text=text, advice=advice, position=position)
            for position, (text, advice) in enumerate(spec["statements"])
        )
    question_set.publish()
    return question_set


def set_areas(question_set: QuestionSet) -> list[QuestionArea]:
    """The set's areas in canvas order, each with its questions prefetched (two queries)."""
    areas = list(
        question_set.areas.prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("position", "pk"))
        )
    )
    areas.sort(key=lambda area: AREA_ORDER.get(area.area, len(AREA_ORDER)))
    return areas


def area_specs(areas: list[QuestionArea]) -> tuple[AreaSpec, ...]:
    """The plain values scoring works on."""
    return tuple(
        AreaSpec(
            key=area.area,
            name=area.get_area_display(),
            weight=area.weight,
            advice_low=area.advice_low,
            advice_middle=area.advice_middle,
            advice_high=area.advice_high,
            questions=tuple(
                QuestionSpec(id=q.pk, text=q.text, weight=q.weight, advice=q.advice)
                for q in area.questions.all()
            ),
        )
        for area in areas
    )


# Taking an assessment ----------------------------------------------------------------------


@retry_on_conflict
@transaction.atomic
def start_or_resume_assessment(*, canvas: Canvas, by) -> tuple[Assessment, bool]:
    """The canvas's assessment in progress, or a new one on the default set.

    Returns (assessment, created). A new assessment gets an empty answer for
    every statement, so each evidence note has a version from the start; starting
    one counts as a change to the canvas, resuming doesn't.
    """
    lock_rows(canvas)
    draft = Assessment.objects.drafts().filter(canvas=canvas).order_by("-started_at").first()
    if draft is not None:
        return draft, False
    question_set = ensure_default_question_set()
    assessment = Assessment.objects.create(canvas=canvas, question_set=question_set, started_by=by)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question=question)
        for question in Question.objects.filter(area__question_set=question_set)
    )
    canvas.touch(by)
    return assessment, True


class AssessmentCompleted(PermissionDenied):
    """A write reached an assessment that was completed meanwhile; nothing was written.

    A PermissionDenied, so it answers 403 with this message (htmx shows it in the
    page's message area and leaves what the person typed on the page).
    """

    MESSAGE = (
        "Someone completed this assessment a moment ago, so this change was not saved: "
        "a completed assessment's answers can't change. Start a new assessment to record "
        "what has changed."
    )

    def __init__(self, message: str = MESSAGE):
        super().__init__(message)


def _lock_draft(assessment: Assessment) -> None:
    """Hold the assessment's row until the transaction ends, so completing waits (or we do).

    Raises AssessmentCompleted if it is complete by now. The canvas is locked first (the
    lock order, core/ordering.py).
    """
    lock_rows(assessment.canvas)
    if not Assessment.objects.drafts().select_for_update().filter(pk=assessment.pk).exists():
        raise AssessmentCompleted


@retry_on_conflict
@transaction.atomic
def record_answer(*, assessment: Assessment, question: Question, value: int | None, by) -> None:
    """Set (or clear, with None) one rating. The last click wins; the evidence note is untouched.

    Only while the assessment is a draft: raises AssessmentCompleted otherwise.
    """
    _lock_draft(assessment)
    changes = {"value": value, "answered_by": by, "updated_at": timezone.now()}
    draft_answer = Answer.objects.filter(assessment=assessment, question=question)
    if not draft_answer.update(**changes):
        try:
            with transaction.atomic():
                Answer.objects.create(
                    assessment=assessment, question=question, value=value, answered_by=by
                )
        except IntegrityError:  # someone created it a moment ago
            draft_answer.update(**changes)
    assessment.canvas.touch(by)


@retry_on_conflict
@transaction.atomic
def save_evidence(*, answer: Answer, text: str, expected_version: int, by) -> SaveResult:
    """Save an evidence note if it is still at `expected_version`.

    Saved: `answer` holds the note and its new version, and the canvas records
    the change. Conflict: nothing is written; the result carries the note as
    stored now, with who saved it. Gone: the answer no longer exists.
    Only while the assessment is a draft: raises AssessmentCompleted otherwise.
    """
    _lock_draft(answer.assessment)
    result = save_versioned(
        answer, expected_version=expected_version, changes={"evidence": text}, by=by
    )
    if result.saved:
        answer.assessment.canvas.touch(by)
    return result


def stored_note(answer: Answer) -> SaveResult:
    """The note as stored now, as a conflict to show beside what someone typed (nothing
    is written); gone if the answer no longer exists."""
    current = Answer.objects.select_related("updated_by").filter(pk=answer.pk).first()
    if current is None:
        return SaveResult(Outcome.GONE, None)
    current.assessment = answer.assessment
    return SaveResult(Outcome.CONFLICT, current)


@retry_on_conflict
@transaction.atomic
def complete_assessment(*, assessment: Assessment, by) -> Result:
    """Score the assessment, store the scores and what studio records (a snapshot of the
    canvas, through the "assessment_record" hook), mark it complete.

    The assessment's row is locked first (after the canvas, the lock order), so no answer
    changes between scoring and marking it complete (writers lock it too, and refuse once
    it is complete).
    """
    lock_rows(assessment.canvas)
    locked = Assessment.objects.select_for_update().filter(pk=assessment.pk).first()
    if locked is None or locked.is_complete:
        assessment.refresh_from_db()
        areas = set_areas(assessment.question_set)
        return score_assessment(area_specs(areas), answer_values(assessment))
    areas = set_areas(assessment.question_set)
    result = score_assessment(area_specs(areas), answer_values(assessment))
    now = timezone.now()
    snapshot = call_hook("assessment_record", canvas=assessment.canvas)
    Assessment.objects.filter(pk=assessment.pk, completed_at__isnull=True).update(
        completed_at=now,
        completed_by=by,
        canvas_snapshot=snapshot,
        area_scores=result.area_scores(),
        overall_score=result.overall,
    )
    assessment.completed_at, assessment.completed_by = now, by
    assessment.canvas_snapshot = snapshot
    assessment.area_scores, assessment.overall_score = result.area_scores(), result.overall
    assessment.canvas.touch(by)
    return result


def answer_values(assessment: Assessment) -> dict[int, int | None]:
    return dict(assessment.answers.values_list("question_id", "value"))


@retry_on_conflict
@transaction.atomic
def tick_action(*, assessment: Assessment, key: str, done: bool, by) -> ActionTick | None:
    """Tick (or untick) one action of a completed assessment's checklist."""
    lock_rows(assessment.canvas)
    tick = None
    if done:
        tick, _ = ActionTick.objects.get_or_create(
            assessment=assessment, key=key, defaults={"ticked_by": by}
        )
    else:
        ActionTick.objects.filter(assessment=assessment, key=key).delete()
    assessment.canvas.touch(by)
    return tick


# Reading results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    action: Action
    tick: ActionTick | None

    @property
    def done(self) -> bool:
        return self.tick is not None

    @property
    def ticked_by(self) -> str:
        return person_name(self.tick.ticked_by) if self.tick else ""


@dataclass(frozen=True)
class AnsweredQuestion:
    text: str
    value: int | None
    label: str
    evidence: str


@dataclass(frozen=True)
class AreaRow:
    """One area on the results page: its score, band, advice, and the answers behind it."""

    key: str
    name: str
    score: Any  # scoring.AreaScore
    questions: tuple[AnsweredQuestion, ...]
    is_weakest: bool


@dataclass(frozen=True)
class HistoryEntry:
    pk: int
    completed_at: datetime
    completed_by: str
    overall: int | None
    is_current: bool


@dataclass(frozen=True)
class AssessmentResults:
    """Everything the results page shows (and the PDF prints)."""

    assessment: Assessment
    question_set: QuestionSet
    result: Result
    areas: tuple[AreaRow, ...]
    radar: Radar
    checklist: tuple[ChecklistItem, ...]
    comparison: Comparison | None
    previous: HistoryEntry | None
    history: tuple[HistoryEntry, ...]
    trend: Trend
    snapshot: dict | None
    taken_by: str
    completed_by: str


VALUE_LABELS = dict(Answer._meta.get_field("value").choices)


def results_for(assessment: Assessment) -> AssessmentResults:
    """Scores, radar, checklist, change since last time and history for one assessment.

    Constant queries however many assessments and answers exist: set areas and
    questions (2), answers (1), ticks (1), the canvas's completed assessments (1).
    """
    areas = set_areas(assessment.question_set)
    answers = {
        question_id: (value, evidence)
        for question_id, value, evidence in assessment.answers.values_list(
            "question_id", "value", "evidence"
        )
    }
    result = score_assessment(
        area_specs(areas), {qid: value for qid, (value, _) in answers.items()}
    )
    weakest_keys = {area.key for area in result.weakest}
    rows = tuple(
        AreaRow(
            key=area.area,
            name=area.get_area_display(),
            score=result.area(area.area),
            is_weakest=area.area in weakest_keys,
            questions=tuple(
                AnsweredQuestion(
                    text=question.text,
                    value=answers.get(question.pk, (None, ""))[0],
                    label=VALUE_LABELS.get(answers.get(question.pk, (None, ""))[0], "Unanswered"),
                    evidence=answers.get(question.pk, (None, ""))[1],
                )
                for question in area.questions.all()
            ),
        )
        for area in areas
    )
    ticks = {tick.key: tick for tick in assessment.ticks.select_related("ticked_by")}
    checklist = tuple(
        ChecklistItem(action=action, tick=ticks.get(action.key)) for action in result.actions
    )

    completed = list(
        Assessment.objects.completed()
        .filter(canvas_id=assessment.canvas_id)
        .select_related("completed_by")
        .order_by("completed_at", "pk")
        .only(
            "pk",
            "completed_at",
            "overall_score",
            "area_scores",
            "question_set_id",
            "completed_by__first_name",
            "completed_by__last_name",
            "completed_by__username",
        )
    )
    history = tuple(
        HistoryEntry(
            pk=item.pk,
            completed_at=item.completed_at,
            completed_by=person_name(item.completed_by),
            overall=display_score(item.overall_score),
            is_current=item.pk == assessment.pk,
        )
        for item in completed
    )
    comparison, previous = None, None
    earlier = [
        item
        for item in completed
        if assessment.completed_at and item.completed_at < assessment.completed_at
    ]
    if earlier:
        before = earlier[-1]
        previous = next(entry for entry in history if entry.pk == before.pk)
        comparison = compare(
            area_names={row.key: row.name for row in rows},
            current=result.area_scores(),
            previous=before.area_scores,
            current_overall=result.overall,
            previous_overall=before.overall_score,
            same_questions=before.question_set_id == assessment.question_set_id,
        )
    return AssessmentResults(
        assessment=assessment,
        question_set=assessment.question_set,
        result=result,
        areas=rows,
        radar=radar(
            [(row.key, row.name, row.score.display) for row in rows],
            previous=(
                [display_score(earlier[-1].area_scores.get(row.key)) for row in rows]
                if earlier
                else None
            ),
        ),
        checklist=checklist,
        comparison=comparison,
        previous=previous,
        history=history,
        trend=trend([(f"{entry.completed_at:%d %b %Y}", entry.overall) for entry in history]),
        snapshot=assessment.canvas_snapshot,
        taken_by=person_name(assessment.started_by),
        completed_by=person_name(assessment.completed_by),
    )


@dataclass(frozen=True)
class LatestScores:
    """The latest completed assessment's area scores, for the board's badges."""

    assessment_pk: int
    completed_at: datetime
    scores: dict[str, int | None]


def latest_scores(canvas: Canvas) -> LatestScores | None:
    """One query: the stored area scores of the canvas's latest completed assessment."""
    row = (
        Assessment.objects.completed()
        .filter(canvas_id=canvas.pk)
        .order_by("-completed_at", "-pk")
        .values("pk", "completed_at", "area_scores")
        .first()
    )
    if row is None:
        return None
    return LatestScores(
        assessment_pk=row["pk"],
        completed_at=row["completed_at"],
        scores={key: display_score(row["area_scores"].get(key)) for key in AREAS_BY_KEY},
    )


def message_for(assessment: Assessment) -> AssessmentMessage:
    """The assessment's headline and ask as stored, or an unsaved empty one (a read never
    writes)."""
    stored = AssessmentMessage.objects.filter(assessment=assessment).first()
    return stored or AssessmentMessage(assessment=assessment)


@retry_on_conflict
@transaction.atomic
def save_message(
    *, assessment: Assessment, expected_version: int, changes: dict[str, Any], by
) -> SaveResult:
    """Save a completed assessment's headline and ask unless someone saved them since
    `expected_version`: presentation text, the one thing a completed assessment lets
    change. Stored on the first save, starting from version 1."""
    if not assessment.is_complete:
        raise PermissionDenied("Only a completed assessment has a headline and an ask.")
    lock_rows(assessment.canvas)  # before the first save creates the row, as every writer does
    message, _ = AssessmentMessage.objects.get_or_create(assessment=assessment)
    return save_on_canvas(
        message,
        canvas=assessment.canvas,
        expected_version=expected_version,
        changes=changes,
        by=by,
    )
