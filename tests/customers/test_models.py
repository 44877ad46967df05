import pytest
from django.core.exceptions import ValidationError

from customers.headcounts import learner_headcount
from customers.models import JourneyStage, Persona, Segment, SegmentKind, initials_for
from customers.services import (
    duplicate_persona,
    move_segment,
    move_stage,
    remove_segment,
    remove_stage,
)

pytestmark = pytest.mark.django_db


def positions(queryset):
    return list(queryset.order_by("position").values_list("name", "position"))


def test_segments_append_in_order_and_touch_the_canvas(make_segment, canvas, owner):
    first = make_segment("A")
    second = make_segment("B")
    assert (first.position, second.position) == (0, 1)
    canvas.refresh_from_db()
    assert canvas.updated_by == owner


def test_move_and_remove_keep_positions_dense(make_segment, canvas, owner):
    a, b, c = (make_segment(name) for name in "ABC")
    move_segment(segment=c, expected_version=1, position=0, by=owner)
    assert positions(canvas.segments) == [("C", 0), ("A", 1), ("B", 2)]
    move_segment(segment=a, expected_version=1, position=99, by=owner)  # clamped to the end
    assert positions(canvas.segments) == [("C", 0), ("B", 1), ("A", 2)]
    remove_segment(segment=b, expected_version=1, by=owner)
    assert positions(canvas.segments) == [("C", 0), ("A", 1)]


def test_removing_a_segment_removes_its_personas_and_stages(segment, persona, owner):
    remove_segment(segment=segment, expected_version=1, by=owner)
    assert not Persona.objects.exists()
    assert not JourneyStage.objects.exists()


def test_stages_are_ordered_and_reorderable(persona, owner):
    stages = list(persona.stages.order_by("position"))
    assert [s.name for s in stages] == ["Stage 0", "Stage 1", "Stage 2"]
    move_stage(stage=stages[2], expected_version=1, position=0, by=owner)
    assert positions(persona.stages) == [("Stage 2", 0), ("Stage 0", 1), ("Stage 1", 2)]
    remove_stage(stage=stages[0], expected_version=1, by=owner)
    assert positions(persona.stages) == [("Stage 2", 0), ("Stage 1", 1)]


def test_duplicate_makes_a_variant_with_the_whole_journey_right_after(
    segment, make_persona, editor
):
    original = make_persona("Amira Haddad", goals="Learn fast", stages=(1, -1))
    later = make_persona("Someone else")
    copy = duplicate_persona(persona=original, by=editor)
    assert copy.name == "Amira Haddad (variant)"
    assert copy.goals == "Learn fast"
    assert copy.created_by == editor
    assert copy.version == 1
    assert list(copy.stages.order_by("position").values_list("name", "feeling")) == [
        ("Stage 0", 1),
        ("Stage 1", -1),
    ]
    assert positions(segment.personas) == [
        ("Amira Haddad", 0),
        ("Amira Haddad (variant)", 1),
        ("Someone else", 2),
    ]
    assert later.stages.count() == 0
    assert original.stages.count() == 2  # the original keeps its own


def test_initials_and_avatar_override(make_persona):
    assert initials_for("amira haddad-lee") == "AH"
    assert initials_for("  ") == "?"
    assert make_persona("Daniel Okafor").initials == "DO"
    assert make_persona("X", avatar_initials="QZ").initials == "QZ"


def test_learner_headcount_sums_learner_segments_only(make_segment, canvas, make_canvas):
    assert learner_headcount(canvas) is None
    make_segment("Managers", kind=SegmentKind.LINE_MANAGERS, headcount=300)
    assert learner_headcount(canvas) is None
    make_segment("Unknown size")  # a learner segment without a headcount
    assert learner_headcount(canvas) is None
    make_segment("Stores", headcount=4200)
    make_segment("Warehouses", headcount=350)
    make_segment("Elsewhere", on=make_canvas(), headcount=10_000)
    assert learner_headcount(canvas) == 4550


def test_expected_value_labels_skip_unknown_kinds(make_segment):
    segment = make_segment(expected_value=["risk_reduction", "world_peace"])
    assert segment.expected_value_labels() == ["Risk reduction"]
    assert str(segment) == "Store associates"
    assert Segment.objects.get().is_learners


@pytest.mark.parametrize(
    "value",
    ["risk_reduction", {"risk_reduction": True}, 5, ["world_peace"], [["risk_reduction"]]],
)
def test_expected_value_must_be_a_list_of_value_kinds(value, canvas):
    segment = Segment(canvas=canvas, name="Stores", kind=SegmentKind.LEARNERS, expected_value=value)
    with pytest.raises(ValidationError) as raised:
        segment.full_clean()
    assert "expected_value" in raised.value.message_dict


def test_a_list_of_value_kinds_is_valid(canvas):
    segment = Segment(
        canvas=canvas, name="Stores", kind=SegmentKind.LEARNERS, expected_value=["risk_reduction"]
    )
    segment.full_clean()
    segment.expected_value = []
    segment.full_clean()


@pytest.mark.parametrize("stored", ["risk_reduction", {"a": 1}, 5, [1, ["x"], "cost_savings"]])
def test_a_malformed_stored_expected_value_reads_as_no_kinds(stored, make_segment):
    segment = make_segment()
    Segment.objects.filter(pk=segment.pk).update(expected_value=stored)
    segment.refresh_from_db()
    known = isinstance(stored, list)
    assert segment.expected_kinds == (["cost_savings"] if known else [])
    assert segment.expected_value_labels() == (["Cost savings"] if known else [])
