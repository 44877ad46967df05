"""What the assessment pages show: the statements by area, progress, and each page's context.

Views build their context here and stay short; nothing here writes.
"""

from dataclasses import dataclass, field

from django.http import Http404
from django.urls import reverse

from canvas.areas import AREAS_BY_KEY
from core.formats import person_name
from core.versioning import Conflict
from scorecard.charts import trend
from scorecard.forms import EvidenceForm
from scorecard.models import Answer, Assessment, Question
from scorecard.scoring import display_score
from scorecard.services import set_areas

RATING_OPTIONS = [(value, label) for value, label in Answer.SCALE] + [(Answer.NOT_SURE, "Not sure")]


def assessment_urls(assessment: Assessment) -> dict[str, str]:
    """The assessment's pages and actions, by short name."""
    kwargs = {
        "org_slug": assessment.canvas.organization.slug,
        "canvas_pk": assessment.canvas_id,
        "pk": assessment.pk,
    }
    return {
        name: reverse(f"scorecard_{name}", kwargs=kwargs)
        for name in ("take", "complete", "results", "tick", "message")
    }


# The assessment page -------------------------------------------------------------------------


@dataclass
class QuestionItem:
    """One statement on the page: its answer, its evidence form, and how its last post went."""

    question: Question
    answer: Answer
    evidence_form: EvidenceForm
    conflict: Conflict | None = None
    rating_error: str = ""
    saved: bool = False  # the note as shown is stored ("Note saved")
    written: bool = False  # this request wrote it

    @property
    def prefix(self) -> str:
        return f"q{self.question.pk}"

    @property
    def answer_url(self) -> str:
        return self._url("scorecard_answer")

    @property
    def evidence_url(self) -> str:
        return self._url("scorecard_evidence")

    def _url(self, name: str) -> str:
        assessment = self.answer.assessment
        return reverse(
            name,
            kwargs={
                "org_slug": assessment.canvas.organization.slug,
                "canvas_pk": assessment.canvas_id,
                "pk": assessment.pk,
                "question_pk": self.question.pk,
            },
        )


@dataclass
class AreaSection:
    key: str
    name: str
    hint: str
    items: list[QuestionItem] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.answer.value is not None)


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def unanswered(self) -> int:
        return self.total - self.answered

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def evidence_form(answer: Answer) -> EvidenceForm:
    """The note's form as stored, based on its stored version."""
    return EvidenceForm(
        prefix=f"q{answer.question_id}",
        initial={"evidence": answer.evidence, "version": answer.version},
    )


def _answers(assessment: Assessment) -> dict[int, Answer]:
    answers = {}
    for answer in assessment.answers.select_related("answered_by"):
        answer.assessment = assessment
        answers[answer.question_id] = answer
    return answers


def sections_for(assessment: Assessment) -> list[AreaSection]:
    """Every statement of the assessment, by area in canvas order, with its answer."""
    answers = _answers(assessment)
    sections = []
    for area in set_areas(assessment.question_set):
        section = AreaSection(
            key=area.area, name=area.get_area_display(), hint=AREAS_BY_KEY[area.area].hint
        )
        for question in area.questions.all():
            answer = answers.get(question.pk) or Answer(
                assessment=assessment, question=question, version=1
            )
            answer.assessment = assessment
            section.items.append(
                QuestionItem(question=question, answer=answer, evidence_form=evidence_form(answer))
            )
        sections.append(section)
    return sections


def items_of(sections: list[AreaSection]) -> list[QuestionItem]:
    return [item for section in sections for item in section.items]


def with_item(sections: list[AreaSection], item: QuestionItem) -> list[AreaSection]:
    """The sections with `item` in place of the page's own item for its statement."""
    for section in sections:
        section.items = [item if i.question.pk == item.question.pk else i for i in section.items]
    return sections


def progress_of(sections: list[AreaSection]) -> Progress:
    return Progress(
        answered=sum(section.answered for section in sections),
        total=sum(len(section.items) for section in sections),
    )


def progress_for(assessment: Assessment) -> Progress:
    """Counted in the database: others may have answered since the page was built."""
    total = Question.objects.filter(area__question_set_id=assessment.question_set_id).count()
    answered = assessment.answers.filter(value__isnull=False).count()
    return Progress(answered=answered, total=total)


def needs_attention(sections: list[AreaSection]) -> list[QuestionItem]:
    """The statements a whole-form post stopped on: a rating or note to fix, or a conflict."""
    return [
        item
        for item in items_of(sections)
        if item.conflict or item.rating_error or item.evidence_form.errors
    ]


def take_context(
    assessment, membership, sections, *, confirm_complete=False, not_completed=False
) -> dict:
    """The whole assessment page."""
    return {
        "assessment": assessment,
        "canvas": assessment.canvas,
        "membership": membership,
        "sections": sections,
        "progress": progress_of(sections),
        "rating_options": RATING_OPTIONS,
        "urls": assessment_urls(assessment),
        "confirm_complete": confirm_complete,
        "not_completed": not_completed,
        "attention": needs_attention(sections) if not_completed else [],
    }


def question_item(assessment: Assessment, question_pk: int) -> QuestionItem:
    """One statement of the assessment, with its answer (404 if it isn't part of it)."""
    answer = (
        Answer.objects.filter(assessment=assessment, question_id=question_pk)
        .select_related("question", "answered_by")
        .first()
    )
    if answer is None:
        raise Http404("That statement is not part of this assessment.")
    answer.assessment = assessment
    return QuestionItem(
        question=answer.question, answer=answer, evidence_form=evidence_form(answer)
    )


def item_context(assessment, membership, item, **extra) -> dict:
    """One statement's rating or evidence fragment."""
    return {
        "assessment": assessment,
        "canvas": assessment.canvas,
        "membership": membership,
        "item": item,
        "rating_options": RATING_OPTIONS,
        **extra,
    }


def complete_panel_context(
    assessment, membership, sections, *, not_completed=False, progress=None
) -> dict:
    """The complete panel, plus every note the request saved or stopped on (out of band)."""
    touched = [
        item
        for item in items_of(sections)
        if item.saved or item.conflict or item.evidence_form.errors
    ]
    return {
        "assessment": assessment,
        "membership": membership,
        "progress": progress,
        "urls": assessment_urls(assessment),
        "confirm_complete": progress is not None,
        "not_completed": not_completed,
        "attention": needs_attention(sections),
        "touched": touched,
        "oob": True,
    }


# History -------------------------------------------------------------------------------------


def history_context(canvas, membership) -> dict:
    """Every assessment of a canvas, newest first, the draft's progress and the score trend."""
    assessments = list(
        Assessment.objects.filter(canvas=canvas)
        .select_related("started_by", "completed_by", "question_set")
        .order_by("-started_at", "-pk")
    )
    for assessment in assessments:
        assessment.canvas = canvas
        assessment.overall_display = display_score(assessment.overall_score)
        assessment.taken_by = person_name(assessment.started_by)
    completed = sorted((a for a in assessments if a.is_complete), key=lambda a: a.completed_at)
    draft = next((a for a in assessments if not a.is_complete), None)
    if draft is not None and membership.can_edit:
        draft.progress = progress_for(draft)
    return {
        "canvas": canvas,
        "membership": membership,
        "assessments": assessments,
        "draft": draft,
        "trend": trend([(f"{a.completed_at:%d %b %Y}", a.overall_display) for a in completed]),
    }
