"""A complete, realistic assessment to print: for `manage.py bench_pdf` and the PDF tests.

Builds a canvas with notes in all six areas, the demo investment & return
lines, an earlier assessment (so "change since last time" has something to
say) and a completed assessment with an evidence note on every statement.
"""

from canvas.areas import AREAS
from canvas.models import Canvas, NoteColour
from investment.demo import load_investment_demo
from scorecard.models import Assessment, Question
from scorecard.services import (
    complete_assessment,
    record_answer,
    start_or_resume_assessment,
)

NOTE_TEXTS = (
    "Store onboarding path: ten short modules plus a buddy on the floor for the first two weeks.",
    "Forklift certification with the partner, refreshed every year on shift.",
    "Coaching huddles of fifteen minutes that shift leads run themselves.",
    "Product knowledge cards on the store tablets, used most on Saturdays.",
    "Quarterly review with the operations director and HR.",
)
COLOURS = tuple(NoteColour.values)
# Per statement, by position in the set: a spread of answers, with a couple of 1s and 2s.
EARLIER_ANSWERS = (3, 2, 3, 2, 4, 3, 2, 3, 3, 4, 2, 3, 3, 3, 4, 2, 2, 1, 3, 2, 4, 3, 2, 3)
ANSWERS = (4, 4, 3, 5, 4, 3, 4, 4, 5, 4, 4, 3, 4, 4, 0, 3, 4, 5, 4, 4, 3, 1, 2, 2)


def evidence_for(question: Question, index: int) -> str:
    return (
        f"Evidence {index + 1}: the team discussed “{question.text[:60]}” with two store "
        "managers and the finance partner; figures are in the shared drive."
    )


def fill_canvas(canvas: Canvas, *, notes: int, by) -> None:
    """Add `notes` notes spread over the six areas."""
    for index in range(notes):
        area = AREAS[index % len(AREAS)]
        text = f"{NOTE_TEXTS[index % len(NOTE_TEXTS)]} ({area.name}, note {index // 6 + 1})"
        canvas.add_note(area=area.key, text=text, colour=COLOURS[index % len(COLOURS)], by=by)


def answer_all(assessment: Assessment, values, *, by, evidence: bool) -> None:
    questions = Question.objects.filter(area__question_set=assessment.question_set).order_by(
        "area__pk", "position", "pk"
    )
    for index, question in enumerate(questions):
        value = values[index % len(values)]
        record_answer(assessment=assessment, question=question, value=value, by=by)
        if evidence:
            assessment.answers.filter(question=question).update(
                evidence=evidence_for(question, index), updated_by=by
            )


def build_sample_assessment(*, canvas: Canvas, by, notes: int = 60) -> Assessment:
    """A completed assessment of `canvas` (filled with notes and investment lines first)."""
    fill_canvas(canvas, notes=notes, by=by)
    load_investment_demo(canvas, by=by)
    earlier, _ = start_or_resume_assessment(canvas=canvas, by=by)
    answer_all(earlier, EARLIER_ANSWERS, by=by, evidence=False)
    complete_assessment(assessment=earlier, by=by)
    assessment, _ = start_or_resume_assessment(canvas=canvas, by=by)
    answer_all(assessment, ANSWERS, by=by, evidence=True)
    complete_assessment(assessment=assessment, by=by)
    return assessment
