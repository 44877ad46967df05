"""The indicators' rules, without the database: status in both directions and for a target
of 0, trend, the change over a quarter, the root-cause walk, loops, the behaviour check."""

from datetime import date
from decimal import Decimal as D

import pytest

from indicators.rules import (
    Direction,
    Measured,
    Measures,
    Quarter,
    Status,
    behaviour_gaps,
    last_quarter,
    quarter_change,
    root_cause,
    status,
    threshold_errors,
    thresholds,
    trend,
    upstream,
    would_loop,
)

HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
ON, AMBER, RED = Status.ON_TARGET, Status.AMBER, Status.RED


# Status: the README's rule ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (D(75), ON),  # beyond the target
        (D(60), ON),  # exactly on the target counts as on target
        (D("59.9"), AMBER),  # any miss is at least amber
        (D(58), AMBER),  # 10% of the span 40 -> 60 is 2: red below 58
        (D("57.99"), RED),
        (D(10), RED),
    ],
)
def test_higher_is_better_amber_within_a_tenth_of_the_span_then_red(value, expected):
    assert status(value, target=D(60), baseline=D(40), direction=HIGHER) is expected


@pytest.mark.parametrize(
    "value, expected",
    [
        (D(10), ON),
        (D(14), ON),
        (D("14.1"), AMBER),
        (D("14.7"), AMBER),  # span 21 -> 14 is 7: red above 14.7
        (D("14.71"), RED),
        (D(30), RED),
    ],
)
def test_lower_is_better_mirrors_it(value, expected):
    assert status(value, target=D(14), baseline=D(21), direction=LOWER) is expected


@pytest.mark.parametrize(
    "value, expected",
    [(D(0), ON), (D(3), AMBER), (D(4), AMBER), (D("4.01"), RED), (D(40), RED)],
)
def test_a_target_of_zero_when_lower_is_better(value, expected):
    # Scrap learning: from 40% down to 0%; red beyond 10% of 40, that is 4.
    assert status(value, target=D(0), baseline=D(40), direction=LOWER) is expected


@pytest.mark.parametrize("value, expected", [(D(1), ON), (D(0), ON), (D(-1), AMBER), (D(-3), RED)])
def test_a_target_of_zero_when_higher_is_better(value, expected):
    # A score from -20 up to 0: red below -2.
    assert status(value, target=D(0), baseline=D(-20), direction=HIGHER) is expected


def test_target_and_baseline_both_zero_leave_no_span_so_any_miss_is_red():
    assert status(D(0), target=D(0), baseline=D(0), direction=LOWER) is ON
    assert status(D("0.01"), target=D(0), baseline=D(0), direction=LOWER) is RED
    assert status(D(0), target=D(0), baseline=None, direction=HIGHER) is ON
    assert status(D(-1), target=D(0), baseline=None, direction=HIGHER) is RED


def test_without_a_baseline_the_span_is_the_target_itself():
    assert thresholds(target=D(50), direction=HIGHER).red == D(45)
    assert thresholds(target=D(50), baseline=D(50), direction=LOWER).red == D(55)


def test_thresholds_set_by_hand_win_and_red_follows_a_tolerant_amber():
    # A tolerance: 57 still counts as on target; red 10% of the span beyond amber.
    lines = thresholds(target=D(60), baseline=D(40), direction=HIGHER, amber=D(57))
    assert (lines.amber, lines.red) == (D(57), D(55))
    assert status(D(57), target=D(60), baseline=D(40), amber=D(57), direction=HIGHER) is ON
    assert status(D(50), target=D(60), baseline=D(40), red=D(45), direction=HIGHER) is AMBER
    assert status(D(44), target=D(60), baseline=D(40), red=D(45), direction=HIGHER) is RED
    assert status(D(75), target=D(50), amber=D(60), red=D(70), direction=LOWER) is RED


def test_no_reading_and_no_target_are_statuses_of_their_own():
    assert status(None, target=D(1), direction=HIGHER) is Status.NO_READING
    assert status(D(1), target=None, direction=HIGHER) is Status.NO_TARGET
    assert not Status.NO_READING.off_target and AMBER.off_target and RED.off_target


def test_every_status_has_an_icon_and_words_not_only_a_colour():
    for state in Status:
        assert state.icon and state.label
    assert len({state.icon for state in (ON, AMBER, RED)}) == 3


def test_thresholds_on_the_wrong_side_are_refused_with_a_reason():
    assert threshold_errors(target=D(60), direction=HIGHER, amber=D(65), red=None) == {
        "amber_threshold": "Amber starts at the target or below it: a reading that meets "
        "the target is on target."
    }
    errors = threshold_errors(target=D(60), direction=HIGHER, amber=D(55), red=D(56))
    assert errors == {"red_threshold": "Red starts at the amber threshold (55) or below it."}
    errors = threshold_errors(target=D(14), direction=LOWER, amber=None, red=D(12))
    assert errors == {"red_threshold": "Red starts at the amber threshold (14) or above it."}
    assert not threshold_errors(target=D(14), direction=LOWER, amber=D(15), red=D(18))
    assert not threshold_errors(target=D(0), direction=LOWER, amber=D(0), red=D(0))


# Trend and quarter ------------------------------------------------------------------------


def test_trend_compares_with_the_previous_reading_in_the_better_direction():
    up = trend(D(45), D(40), HIGHER)
    assert (up.arrow, up.change, up.better) == ("up", D(5), True)
    assert trend(D(45), D(40), LOWER).better is False
    down = trend(D(12), D(14), LOWER)
    assert (down.arrow, down.better) == ("down", True)
    flat = trend(D(3), D(3), HIGHER)
    assert (flat.arrow, flat.better) == ("flat", None)
    assert trend(D(3), None, HIGHER) is None


@pytest.mark.parametrize(
    "today, label, start, end",
    [
        (date(2027, 5, 10), "Q1 2027", date(2027, 1, 1), date(2027, 3, 31)),
        (date(2027, 1, 1), "Q4 2026", date(2026, 10, 1), date(2026, 12, 31)),
        (date(2027, 9, 30), "Q2 2027", date(2027, 4, 1), date(2027, 6, 30)),
        (date(2027, 12, 31), "Q3 2027", date(2027, 7, 1), date(2027, 9, 30)),
    ],
)
def test_the_last_calendar_quarter_is_the_last_complete_one(today, label, start, end):
    quarter = last_quarter(today)
    assert (quarter.label, quarter.start, quarter.end) == (label, start, end)


Q1 = Quarter(date(2027, 1, 1), date(2027, 3, 31))


def test_quarter_change_runs_from_the_last_reading_before_it_to_its_last():
    readings = [
        (date(2026, 11, 2), D(30)),
        (date(2026, 12, 15), D(32)),  # where Q1 began
        (date(2027, 2, 1), D(40)),
        (date(2027, 3, 31), D(38)),  # where it ended
        (date(2027, 4, 2), D(90)),  # after the quarter: ignored
    ]
    change = quarter_change(readings, Q1, HIGHER)
    assert (change.start, change.end, change.change, change.better) == (D(32), D(38), D(6), True)
    assert quarter_change(readings, Q1, LOWER).better is False


def test_quarter_change_without_an_earlier_reading_starts_at_the_quarters_first():
    readings = [(date(2027, 3, 1), D(10)), (date(2027, 1, 5), D(12))]
    change = quarter_change(readings, Q1, LOWER)
    assert (change.start, change.end, change.better) == (D(12), D(10), True)


def test_quarter_change_needs_readings_in_the_quarter_and_something_to_compare():
    assert quarter_change([(date(2026, 12, 1), D(1))], Q1, HIGHER) is None
    assert quarter_change([(date(2027, 2, 1), D(1))], Q1, HIGHER) is None
    same = quarter_change([(date(2026, 12, 1), D(1)), (date(2027, 2, 1), D(1))], Q1, HIGHER)
    assert same.change == 0 and same.better is None


# The root-cause walk ----------------------------------------------------------------------

# satisfaction (1) -> voluntary use (2) -> time to competence (4) <- return visits (3);
# scrap (5) -> voluntary use (2). Each result maps to the indicators that drive it.
CHAIN = {2: {1, 5}, 4: {2, 3}}


def test_upstream_walks_every_driver_nearest_first_each_once():
    assert upstream(4, CHAIN) == [2, 3, 1, 5]
    assert upstream(1, CHAIN) == []


def test_the_root_cause_is_the_off_target_driver_furthest_up_the_chain():
    statuses = {1: RED, 2: RED, 3: ON, 4: RED, 5: ON}
    cause = root_cause(4, drivers=CHAIN, statuses=statuses)
    assert cause.causes == (1,)  # satisfaction is behind voluntary use
    assert cause.along == (2,)
    assert cause.found


def test_several_weakest_links_come_red_first_then_nearest():
    statuses = {1: ON, 2: AMBER, 3: RED, 4: RED, 5: ON}
    assert root_cause(4, drivers=CHAIN, statuses=statuses).causes == (3, 2)
    statuses = {1: AMBER, 2: ON, 3: AMBER, 4: RED, 5: RED}
    assert root_cause(4, drivers=CHAIN, statuses=statuses).causes == (5, 3, 1)


def test_drivers_all_on_target_or_unread_name_no_cause_but_say_what_is_unread():
    statuses = {1: ON, 2: ON, 3: Status.NO_READING, 4: RED, 5: Status.NO_TARGET}
    cause = root_cause(4, drivers=CHAIN, statuses=statuses)
    assert cause.causes == () and not cause.found
    assert cause.unread == (3, 5)
    assert root_cause(1, drivers=CHAIN, statuses=statuses).causes == ()


def test_the_walk_survives_a_loop_it_was_given():
    looped = {1: {2}, 2: {1}}
    assert upstream(1, looped) == [2]
    assert root_cause(1, drivers=looped, statuses={1: RED, 2: RED}).causes == (2,)


def test_a_link_that_would_close_a_loop_is_spotted():
    assert would_loop(4, 1, CHAIN)  # 1 is upstream of 4 already
    assert would_loop(2, 2, CHAIN)
    assert not would_loop(1, 4, CHAIN)
    assert not would_loop(3, 2, CHAIN)


# "Behaviour doesn't lie" ------------------------------------------------------------------


def measured(measures, state):
    return Measured(measures=measures, status=state)


def test_good_ratings_with_off_target_behaviour_linked_either_way_are_called_out():
    indicators = {
        1: measured(Measures.SATISFACTION, ON),
        2: measured(Measures.USE, RED),
        3: measured(Measures.RETURN, AMBER),
        4: measured(Measures.RECOMMENDATION, ON),
    }
    links = [(1, 2), (3, 1), (1, 4), (2, 1)]
    assert behaviour_gaps(indicators, links) == [(1, 2), (1, 3)]


def test_no_call_out_when_ratings_are_off_or_behaviour_is_fine_or_nothing_links_them():
    assert (
        behaviour_gaps(
            {1: measured(Measures.SATISFACTION, AMBER), 2: measured(Measures.USE, RED)}, [(1, 2)]
        )
        == []
    )
    assert (
        behaviour_gaps(
            {1: measured(Measures.SATISFACTION, ON), 2: measured(Measures.USE, ON)}, [(1, 2)]
        )
        == []
    )
    assert (
        behaviour_gaps(
            {1: measured(Measures.SATISFACTION, ON), 2: measured(Measures.OUTCOME, RED)}, [(1, 2)]
        )
        == []
    )
    assert (
        behaviour_gaps({1: measured(Measures.SATISFACTION, ON), 2: measured(Measures.USE, RED)}, [])
        == []
    )
    assert (
        behaviour_gaps(
            {1: measured(Measures.SATISFACTION, ON), 2: measured(Measures.USE, Status.NO_READING)},
            [(1, 2)],
        )
        == []
    )
