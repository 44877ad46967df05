"""The dashboard's drawings as geometry, without the database: the sparkline and the chain."""

from decimal import Decimal as D

from indicators.drawing import chain_layout, depths, shorten, sparkline, wrap


def test_a_sparkline_fills_its_box_oldest_left_and_takes_in_the_target():
    line = sparkline([D(10), D(20), D(30)], target=D(40), width=100, height=30)
    points = [tuple(float(n) for n in point.split(",")) for point in line.points.split()]
    assert [x for x, _ in points] == [3, 50, 97]
    assert points[0][1] > points[1][1] > points[2][1]  # rising: higher is up
    assert line.target_y == "3"  # the target is the top of the range
    assert (line.last_x, line.last_y) == ("97", str(points[2][1]).rstrip("0").rstrip("."))


def test_a_flat_or_single_reading_sparkline_sits_in_the_middle_and_none_draws_nothing():
    flat = sparkline([D(5), D(5)], width=100, height=30)
    assert flat.points == "3,15 97,15" and flat.target_y == ""
    single = sparkline([D(5)], width=100, height=30)
    assert single.points == "97,15"
    assert sparkline([]) is None


def test_the_chain_puts_drivers_left_of_what_they_drive():
    # 1 -> 2 -> 4, 3 -> 4; 5 is not linked and not drawn.
    layout = chain_layout([1, 2, 3, 4, 5], [(1, 2), (2, 4), (3, 4)])
    boxes = {box.node: box for box in layout.boxes}
    assert set(boxes) == {1, 2, 3, 4}
    assert boxes[1].x == boxes[3].x < boxes[2].x < boxes[4].x
    assert len(layout.curves) == 3
    assert layout.width == boxes[4].x + boxes[4].width + 8
    for curve in layout.curves:
        start, end = boxes[curve.driver], boxes[curve.result]
        assert curve.path.startswith(f"M{start.x + start.width},{start.middle_y} C")
        assert curve.path.endswith(f"{end.x - 6},{end.middle_y}")


def test_columns_follow_the_longest_path_and_a_loop_does_not_hang():
    assert depths([1, 2, 3], {3: {1, 2}, 2: {1}}) == {1: 0, 2: 1, 3: 2}
    assert set(depths([1, 2], {1: {2}, 2: {1}}).values()) <= {0, 1}


def test_no_links_no_chain():
    assert chain_layout([1, 2], []) is None
    assert chain_layout([1], [(1, 9)]) is None  # the other end is not on the dashboard


def test_names_wrap_between_words_into_two_lines_then_shorten():
    assert wrap("Voluntary use of store onboarding", 22) == ["Voluntary use of store", "onboarding"]
    assert wrap("Time to competence", 22) == ["Time to competence"]
    assert wrap("Return visits to product knowledge cards", 22) == [
        "Return visits to",
        "product knowledge…",
    ]
    assert wrap("Supercalifragilisticexpialidocious", 10) == ["Supercali-", "fragilist…"]
    assert shorten("Short", 10) == "Short"
