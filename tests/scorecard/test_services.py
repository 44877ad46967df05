"""The scorecard's writes: each one records who changed the canvas, in the same transaction."""

import pytest

from canvas.models import Canvas
from core.versioning import Outcome
from scorecard.models import ActionTick, Answer, Assessment
from scorecard.services import (
    complete_assessment,
    record_answer,
    save_evidence,
    start_or_resume_assessment,
    tick_action,
)


def last_editor(canvas):
    return Canvas.objects.get(pk=canvas.pk).updated_by


def answer_to(draft, question):
    answer = Answer.objects.get(assessment=draft, question=question)
    answer.assessment = draft
    return answer


def test_starting_touches_the_canvas_and_resuming_does_not(canvas, owner, editor, question_set):
    start_or_resume_assessment(canvas=canvas, by=editor)
    assert last_editor(canvas) == editor
    _, created = start_or_resume_assessment(canvas=canvas, by=owner)
    assert not created
    assert last_editor(canvas) == editor


def test_answering_touches_the_canvas(canvas, owner, editor, draft, questions):
    Canvas.objects.filter(pk=canvas.pk).update(updated_by=owner)
    record_answer(assessment=draft, question=questions[0], value=4, by=editor)
    assert last_editor(canvas) == editor


def test_saving_evidence_touches_the_canvas_and_returns_the_saved_note(
    canvas, owner, editor, draft, questions
):
    Canvas.objects.filter(pk=canvas.pk).update(updated_by=owner)
    result = save_evidence(
        answer=answer_to(draft, questions[0]), text="Minutes", expected_version=1, by=editor
    )
    assert result.outcome is Outcome.SAVED
    assert (result.record.evidence, result.record.version, result.record.updated_by) == (
        "Minutes",
        2,
        editor,
    )
    assert last_editor(canvas) == editor


def test_stale_evidence_returns_the_stored_note_and_writes_nothing(
    canvas, owner, editor, draft, questions
):
    save_evidence(
        answer=answer_to(draft, questions[0]), text="Theirs", expected_version=1, by=owner
    )
    result = save_evidence(
        answer=answer_to(draft, questions[0]), text="Mine", expected_version=1, by=editor
    )
    assert result.outcome is Outcome.CONFLICT
    assert (result.record.evidence, result.record.version, result.record.updated_by) == (
        "Theirs",
        2,
        owner,
    )
    assert last_editor(canvas) == owner


def test_evidence_of_a_deleted_answer_is_gone(canvas, editor, draft, questions):
    answer = answer_to(draft, questions[0])
    Answer.objects.filter(pk=answer.pk).delete()
    result = save_evidence(answer=answer, text="Mine", expected_version=1, by=editor)
    assert (result.outcome, result.record) == (Outcome.GONE, None)


def test_a_failed_touch_undoes_the_evidence_note(monkeypatch, canvas, editor, draft, questions):
    def fail(self, user):
        raise RuntimeError("touch failed")

    monkeypatch.setattr(Canvas, "touch", fail)
    with pytest.raises(RuntimeError):
        save_evidence(
            answer=answer_to(draft, questions[0]), text="Minutes", expected_version=1, by=editor
        )
    with pytest.raises(RuntimeError):
        record_answer(assessment=draft, question=questions[0], value=4, by=editor)
    stored = Answer.objects.get(assessment=draft, question=questions[0])
    assert (stored.evidence, stored.version, stored.value) == ("", 1, None)


def test_completing_and_ticking_touch_the_canvas(canvas, owner, editor, take_assessment):
    assessment = take_assessment(canvas, 2, by=editor)
    assert last_editor(canvas) == editor
    assessment = Assessment.objects.select_related("canvas").get(pk=assessment.pk)
    key = complete_assessment(assessment=assessment, by=owner).actions[0].key
    assert last_editor(canvas) == editor  # already complete: nothing changed
    tick_action(assessment=assessment, key=key, done=True, by=owner)
    assert last_editor(canvas) == owner
    tick_action(assessment=assessment, key=key, done=False, by=editor)
    assert last_editor(canvas) == editor
    assert not ActionTick.objects.filter(assessment=assessment).exists()


def test_a_failed_touch_undoes_completing(monkeypatch, canvas, editor, draft):
    def fail(self, user):
        raise RuntimeError("touch failed")

    monkeypatch.setattr(Canvas, "touch", fail)
    with pytest.raises(RuntimeError):
        complete_assessment(assessment=draft, by=editor)
    assert not Assessment.objects.get(pk=draft.pk).is_complete
