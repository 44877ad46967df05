"""The anonymity rules as pure functions (pulse/anonymity.py)."""

import pytest

from pulse.anonymity import (
    MIN_RESPONSES,
    count_label,
    counted,
    disclose,
    trend_positions,
    trend_step,
)


@pytest.mark.parametrize(
    ("received", "expected"), [(0, 0), (4, 0), (5, 5), (9, 5), (10, 10), (5003, 5000)]
)
def test_figures_count_responses_in_steps_of_five(received, expected):
    assert counted(received) == expected


def test_nothing_is_shown_below_five_in_total():
    assert not disclose({"learners": 4}).visible
    assert disclose({"learners": 4}).shown == ()
    assert disclose({"learners": 3, "smes": 2}).visible


def test_a_group_shows_with_five_and_hides_with_four():
    shown = disclose({"learners": 5, "smes": 5})
    assert shown.shown == ("learners", "smes")
    assert shown.remainder == 0
    assert disclose({"learners": 4, "smes": 6}).shown == ()  # 4 alone would show by subtraction
    assert disclose({"learners": 4, "smes": 5, "partners": 1}).shown == ("smes",)


def test_a_remainder_of_one_to_four_pulls_the_smallest_shown_group_in():
    # 4 SMEs alone outside the shown groups could be worked out by subtraction.
    result = disclose({"learners": 8, "line_managers": 6, "smes": 4})
    assert result.shown == ("learners",)
    assert result.remainder == 10
    # With only one group big enough, the rest (4) can't stand alone: nothing by group.
    result = disclose({"learners": 6, "smes": 4})
    assert result.shown == ()
    assert result.remainder == 10


def test_a_remainder_of_five_or_more_stands():
    result = disclose({"learners": 7, "smes": 3, "partners": 2})
    assert result.shown == ("learners",)
    assert result.remainder == 5


@pytest.mark.parametrize(
    "counts",
    [
        {"a": 5, "b": 4},
        {"a": 5, "b": 5, "c": 1},
        {"a": 9, "b": 6, "c": 5, "d": 2, "e": 1},
        {"a": 12, "b": 1},
        {"a": 5},
        {"a": 3, "b": 3, "c": 3},
    ],
)
def test_every_disclosure_obeys_both_group_rules(counts):
    result = disclose(counts)
    assert all(counts[group] >= MIN_RESPONSES for group in result.shown)
    assert result.remainder == 0 or result.remainder >= MIN_RESPONSES
    assert result.remainder == sum(counts.values()) - sum(counts[g] for g in result.shown)


def test_an_open_pulse_shows_no_group_on_its_own():
    result = disclose({"learners": 10, "smes": 10}, by_group=False)
    assert result.visible
    assert result.shown == ()


@pytest.mark.parametrize("total", [5, 10, 35, 60, 65, 200, 5000])
def test_trend_points_are_at_least_five_responses_apart(total):
    positions = trend_positions(total)
    assert positions[0] >= MIN_RESPONSES
    assert positions[-1] == total
    assert len(positions) <= 13
    gaps = [b - a for a, b in zip(positions, positions[1:], strict=False)]
    assert all(gap >= MIN_RESPONSES and gap % MIN_RESPONSES == 0 for gap in gaps)
    assert all(p % MIN_RESPONSES == 0 for p in positions)


def test_trend_step_grows_with_the_responses():
    assert trend_step(30) == 5
    assert trend_step(5000) % 5 == 0
    assert trend_positions(4) == []


def test_group_counts_below_five_are_not_exact():
    assert count_label(0) == "none"
    assert count_label(3) == "fewer than 5"
    assert count_label(5) == "5"
