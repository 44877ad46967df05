"""Scorecard fixtures: the default question set and assessments at any stage.

Tests build the default set through the service rather than relying on the
data migration's rows, because browser tests (transactional_db) flush tables.
"""

import pytest

from scorecard.models import Question
from scorecard.services import (
    complete_assessment,
    ensure_default_question_set,
    record_answer,
    start_or_resume_assessment,
)
from tests.helpers import canvas_url


@pytest.fixture
def question_set(db):
    return ensure_default_question_set()


@pytest.fixture
def questions(question_set):
    """The default set's questions in the order the page asks them (canvas area order)."""
    from canvas.areas import AREAS

    order = {area.key: i for i, area in enumerate(AREAS)}
    return sorted(
        Question.objects.filter(area__question_set=question_set).select_related("area"),
        key=lambda q: (order[q.area.area], q.position, q.pk),
    )


@pytest.fixture
def draft(canvas, editor, question_set):
    assessment, _ = start_or_resume_assessment(canvas=canvas, by=editor)
    return assessment


@pytest.fixture
def take_assessment(question_set, editor):
    """`take_assessment(canvas, values)`: answer in order (a list, or one value for all), complete."""

    def take(canvas, values, *, by=None, complete=True):
        by = by or editor
        assessment, _ = start_or_resume_assessment(canvas=canvas, by=by)
        questions = list(
            Question.objects.filter(area__question_set=assessment.question_set).order_by(
                "area__pk", "position"
            )
        )
        if not isinstance(values, list | tuple):
            values = [values] * len(questions)
        for question, value in zip(questions, values, strict=False):
            record_answer(assessment=assessment, question=question, value=value, by=by)
        if complete:
            complete_assessment(assessment=assessment, by=by)
        return assessment

    return take


def url(name, assessment=None, canvas=None, **extra):
    """A scorecard route: of `assessment` (its canvas and pk), or of `canvas`."""
    if assessment is not None:
        extra["pk"] = assessment.pk
    return canvas_url(name, canvas or assessment.canvas, **extra)
