"""The emotion curve's geometry, on plain values (no database)."""

import itertools

from hypothesis import given
from hypothesis import strategies as st

from customers.curve import drops, emotion_curve, feeling_y

feelings_lists = st.lists(st.integers(min_value=-2, max_value=2), min_size=1, max_size=12)


@given(feelings_lists)
def test_the_stage_with_the_lowest_feeling_is_the_lowest_point(feelings):
    curve = emotion_curve(feelings)
    lowest_feeling = min(feelings)
    lowest_y = max(point.y for point in curve.points)  # SVG y grows downward
    for point in curve.points:
        assert (point.y == lowest_y) == (point.feeling == lowest_feeling)
        assert curve.padding <= point.y <= curve.height - curve.padding


@given(feelings_lists)
def test_higher_feelings_sit_higher_and_stages_run_left_to_right(feelings):
    points = emotion_curve(feelings, width=600).points
    for a, b in itertools.pairwise(points):
        assert a.x < b.x
    for a in points:
        for b in points:
            if a.feeling > b.feeling:
                assert a.y < b.y
    assert all(0 < p.x < 600 for p in points)


def test_points_sit_in_the_middle_of_equal_columns():
    curve = emotion_curve([0, 1, -1, 2], width=800)
    assert [p.x for p in curve.points] == [100, 300, 500, 700]
    assert emotion_curve([0, 0]).width == 400  # 200 per stage by default


def test_path_goes_through_every_point_in_order():
    curve = emotion_curve([2, -2], width=400, height=100, padding=10)
    assert curve.path == "M 100 10 L 300 90"
    assert emotion_curve([]).path == ""


def test_highs_and_lows_are_marked_and_a_flat_journey_has_neither():
    curve = emotion_curve([1, 2, -1, 2, -1])
    assert [p.index for p in curve.points if p.is_high] == [1, 3]
    assert [p.index for p in curve.points if p.is_low] == [2, 4]
    flat = emotion_curve([0, 0, 0])
    assert not any(p.is_high or p.is_low for p in flat.points)
    assert not emotion_curve([2]).points[0].is_high


def test_moments_that_matter_are_the_biggest_drops():
    assert drops([2, -1, 0, -2, -2]) == [0, 3, 0, 2, 0]
    curve = emotion_curve([2, -1, 0, -2])
    assert [p.index for p in curve.moments] == [1]
    tied = emotion_curve([1, -1, 1, -1])
    assert [p.index for p in tied.moments] == [1, 3]
    assert emotion_curve([-2, 0, 2]).moments == []


def test_levels_and_out_of_range_feelings_are_clamped():
    assert feeling_y(5, 100, 10) == feeling_y(2, 100, 10) == 10
    assert feeling_y(-9, 100, 10) == 90
    curve = emotion_curve([0])
    assert [f for f, _ in curve.levels] == [2, 1, 0, -1, -2]
    assert curve.baseline_y == curve.level_y(0)
