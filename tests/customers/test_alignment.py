"""The value-alignment rules, on plain values (no database)."""

from customers.alignment import (
    UNMET,
    UNWANTED,
    SegmentExpectation,
    join_names,
    unmet_expectations,
    unwanted_claims,
    value_alignment,
)

MANAGERS = SegmentExpectation("Line managers", ["risk_reduction", "performance_support"])
LEADERS = SegmentExpectation("Senior leaders", ["risk_reduction", "cost_savings"])
LEARNERS = SegmentExpectation("Store associates", ["skills_development"])


def messages(mismatches):
    return [m.message for m in mismatches]


def test_a_segment_expecting_value_the_canvas_does_not_offer_is_reported():
    result = unmet_expectations(["performance_support"], [MANAGERS])
    assert messages(result) == [
        "Line managers expect risk reduction; the canvas does not offer it."
    ]
    assert result[0].kind == UNMET
    assert result[0].segment_names == ("Line managers",)


def test_segments_expecting_the_same_missing_value_are_named_together():
    result = unmet_expectations([], [MANAGERS, LEADERS, LEARNERS])
    assert messages(result) == [
        "Senior leaders expect cost savings; the canvas does not offer it.",
        "Store associates expect skills development; the canvas does not offer it.",
        "Line managers and Senior leaders expect risk reduction; the canvas does not offer it.",
        "Line managers expect performance support; the canvas does not offer it.",
    ]


def test_value_the_canvas_claims_but_no_segment_expects_is_reported():
    result = unwanted_claims(["skills_development", "cost_savings"], [MANAGERS])
    assert [(m.kind, m.value_kind) for m in result] == [
        (UNWANTED, "cost_savings"),
        (UNWANTED, "skills_development"),
    ]
    assert result[0].message == "The canvas offers cost savings; no customer segment expects it."


def test_no_claim_is_unwanted_until_some_segment_says_what_it_expects():
    assert unwanted_claims(["cost_savings"], []) == []
    assert unwanted_claims(["cost_savings"], [SegmentExpectation("Quiet", [])]) == []


def test_aligned_canvas_has_no_mismatches_and_unknown_kinds_are_ignored():
    claimed = ["risk_reduction", "performance_support", "world_peace"]
    assert value_alignment(claimed, [MANAGERS]) == []
    assert value_alignment([], [SegmentExpectation("Odd", ["world_peace"])]) == []


def test_unmet_comes_before_unwanted():
    result = value_alignment(["cost_savings"], [LEARNERS])
    assert [m.kind for m in result] == [UNMET, UNWANTED]


def test_join_names():
    assert join_names([]) == ""
    assert join_names(["A"]) == "A"
    assert join_names(["A", "B"]) == "A and B"
    assert join_names(["A", "B", "C"]) == "A, B and C"
