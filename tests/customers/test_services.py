"""The customer services: every change touches the canvas in the same transaction,
and version-checked edits say what happened (saved, conflict with the stored record, gone)."""

import pytest

from canvas.models import Canvas
from core.versioning import Outcome
from customers import services
from customers.models import JourneyStage, Persona, Segment

pytestmark = pytest.mark.django_db


class TouchFailed(Exception):
    pass


def fail_to_touch(canvas, user, change=None):
    raise TouchFailed


def test_edit_segment_saves_a_new_version_and_touches_the_canvas(canvas, segment, editor):
    result = services.edit_segment(
        segment=segment, expected_version=1, changes={"name": "Store staff"}, by=editor
    )
    assert result.outcome is Outcome.SAVED
    stored = Segment.objects.get(pk=segment.pk)
    assert (stored.name, stored.version, stored.updated_by) == ("Store staff", 2, editor)
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_edit_segment_conflict_returns_the_stored_record_and_writes_nothing(
    canvas, segment, owner, editor
):
    Segment.objects.filter(pk=segment.pk).update(name="Their name", version=2, updated_by=owner)
    result = services.edit_segment(
        segment=segment, expected_version=1, changes={"name": "Mine"}, by=editor
    )
    assert result.outcome is Outcome.CONFLICT
    assert (result.record.name, result.record.version, result.record.updated_by) == (
        "Their name",
        2,
        owner,
    )
    assert result.record.canvas is segment.canvas
    assert Segment.objects.get(pk=segment.pk).name == "Their name"
    canvas.refresh_from_db()
    assert canvas.updated_by == owner  # not touched by the refused edit


def test_edit_segment_of_a_removed_segment_is_gone(segment, editor):
    Segment.objects.filter(pk=segment.pk).delete()
    result = services.edit_segment(
        segment=segment, expected_version=1, changes={"name": "Mine"}, by=editor
    )
    assert (result.outcome, result.record) == (Outcome.GONE, None)


def test_edit_persona_conflict_returns_the_stored_persona_with_its_segment(persona, owner, editor):
    Persona.objects.filter(pk=persona.pk).update(goals="Theirs", version=5, updated_by=owner)
    result = services.edit_persona(
        persona=persona, expected_version=1, changes={"goals": "Mine"}, by=editor
    )
    assert result.outcome is Outcome.CONFLICT
    assert (result.record.goals, result.record.version) == ("Theirs", 5)
    assert result.record.segment is persona.segment


def test_edit_stage_saves_and_touches_the_canvas(canvas, persona, editor):
    stage = persona.stages.order_by("position").first()
    result = services.edit_stage(
        stage=stage, expected_version=1, changes={"pain_points": "Queues"}, by=editor
    )
    assert result.outcome is Outcome.SAVED
    assert JourneyStage.objects.get(pk=stage.pk).pain_points == "Queues"
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


def test_add_stage_appends_and_touches_the_canvas(canvas, persona, editor):
    stage = services.add_stage(persona=persona, by=editor, name="Comes back")
    assert (stage.position, stage.created_by) == (3, editor)
    canvas.refresh_from_db()
    assert canvas.updated_by == editor


@pytest.mark.parametrize(
    "change",
    [
        lambda segment, persona, stage, by: services.edit_segment(
            segment=segment, expected_version=1, changes={"name": "Changed"}, by=by
        ),
        lambda segment, persona, stage, by: services.move_segment(
            segment=segment, expected_version=1, position=0, by=by
        ),
        lambda segment, persona, stage, by: services.remove_segment(
            segment=segment, expected_version=1, by=by
        ),
        lambda segment, persona, stage, by: services.add_persona(
            segment=segment, by=by, name="Changed"
        ),
        lambda segment, persona, stage, by: services.edit_persona(
            persona=persona, expected_version=1, changes={"name": "Changed"}, by=by
        ),
        lambda segment, persona, stage, by: services.duplicate_persona(persona=persona, by=by),
        lambda segment, persona, stage, by: services.remove_persona(
            persona=persona, expected_version=1, by=by
        ),
        lambda segment, persona, stage, by: services.add_stage(
            persona=persona, by=by, name="Changed"
        ),
        lambda segment, persona, stage, by: services.edit_stage(
            stage=stage, expected_version=1, changes={"name": "Changed"}, by=by
        ),
        lambda segment, persona, stage, by: services.move_stage(
            stage=stage, expected_version=1, position=2, by=by
        ),
        lambda segment, persona, stage, by: services.remove_stage(
            stage=stage, expected_version=1, by=by
        ),
    ],
    ids=[
        "edit_segment",
        "move_segment",
        "remove_segment",
        "add_persona",
        "edit_persona",
        "duplicate_persona",
        "remove_persona",
        "add_stage",
        "edit_stage",
        "move_stage",
        "remove_stage",
    ],
)
def test_a_change_is_undone_when_the_canvas_cannot_be_touched(
    change, make_segment, segment, persona, editor, monkeypatch
):
    make_segment("Another")  # so a move has somewhere to go
    stage = persona.stages.order_by("position").first()

    def snapshot():
        return [
            list(model.objects.order_by("pk").values())
            for model in (Segment, Persona, JourneyStage)
        ]

    before = snapshot()
    monkeypatch.setattr(Canvas, "touch", fail_to_touch)
    with pytest.raises(TouchFailed):
        change(segment, persona, stage, editor)
    assert snapshot() == before
