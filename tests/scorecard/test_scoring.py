"""Scoring units: plain values in, plain values out, no database."""

from decimal import Decimal

import pytest

from scorecard.scoring import (
    FALLBACK_QUESTION_ADVICE,
    NOT_SURE,
    AreaSpec,
    Band,
    Direction,
    QuestionSpec,
    band_for,
    compare,
    display_score,
    score_area,
    score_assessment,
)

KEYS = ("a", "b", "c", "d", "e", "f")


def make_areas(per_area=4, area_weights=None, question_weights=None):
    """Six areas a..f, question ids 10*area_index + n."""
    areas = []
    for index, key in enumerate(KEYS):
        questions = tuple(
            QuestionSpec(
                id=index * 10 + n,
                text=f"{key}{n}",
                weight=(question_weights or {}).get(index * 10 + n, 1),
                advice=f"advice {key}{n}",
            )
            for n in range(per_area)
        )
        areas.append(
            AreaSpec(
                key=key,
                name=f"Area {key.upper()}",
                questions=questions,
                weight=(area_weights or {}).get(key, 1),
                advice_low=f"{key} low",
                advice_middle=f"{key} middle",
                advice_high=f"{key} high",
            )
        )
    return tuple(areas)


def all_answers(areas, value):
    return {q.id: value for area in areas for q in area.questions}


def test_no_answers_scores_nothing():
    areas = make_areas()
    result = score_assessment(areas, {})
    assert result.overall is None
    assert result.overall_display is None
    assert all(area.score is None for area in result.areas)
    assert not any(area.scored for area in result.areas)
    assert all(area.display is None for area in result.areas)
    assert all(area.band is None for area in result.areas)
    assert result.weakest == ()
    assert result.strongest == ()
    assert result.actions == ()
    assert (result.answered, result.total, result.unanswered) == (0, 24, 24)


def test_all_not_sure_is_answered_but_not_scored():
    areas = make_areas()
    result = score_assessment(areas, all_answers(areas, NOT_SURE))
    assert result.answered == 24
    assert result.unanswered == 0
    assert result.overall is None
    for area in result.areas:
        assert area.score is None
        assert area.not_sure == 4
        assert area.answered == 0
        assert not area.low_confidence  # not scored at all, so no confidence to speak of
        assert area.advice == ""


def test_mapping_of_the_scale():
    areas = make_areas()
    for value, expected in [(1, 0), (2, 25), (3, 50), (4, 75), (5, 100)]:
        result = score_assessment(areas, all_answers(areas, value))
        assert {area.score for area in result.areas} == {expected}
        assert result.overall == expected


def test_not_sure_never_lowers_a_score():
    areas = make_areas()
    answers = {0: 5, 1: 5, 2: NOT_SURE, 3: NOT_SURE}
    area = score_assessment(areas, answers).area("a")
    assert area.score == 100
    assert (area.answered, area.not_sure) == (2, 2)


def test_question_weights_give_a_weighted_mean():
    areas = make_areas(question_weights={0: 3})
    # (3*5 + 1*1) / 4 = 4 -> 75
    area = score_assessment(areas, {0: 5, 1: 1}).area("a")
    assert area.score == 75


def test_decimal_weights_are_exact():
    areas = make_areas(question_weights={0: Decimal("0.1"), 1: Decimal("0.2")})
    # (0.1*2 + 0.2*5) / 0.3 = 4 -> 75 exactly, with no float drift
    assert score_assessment(areas, {0: 2, 1: 5}).area("a").score == 75


def test_area_weights_give_a_weighted_overall():
    areas = make_areas(area_weights={"a": 3})
    answers = {0: 5, 10: 1}  # a = 100 (weight 3), b = 0 (weight 1)
    result = score_assessment(areas, answers)
    assert result.overall == 75


def test_overall_ignores_unscored_areas():
    areas = make_areas()
    result = score_assessment(areas, {0: 4, 10: 2, 20: NOT_SURE})
    assert result.overall == 50  # mean of 75 and 25; c (not sure) and d-f are left out
    assert result.area("c").score is None


def test_low_confidence_below_half_answered_on_the_scale():
    areas = make_areas(per_area=4)
    one = score_assessment(areas, {0: 3, 1: NOT_SURE, 2: NOT_SURE, 3: NOT_SURE}).area("a")
    two = score_assessment(areas, {0: 3, 1: 4}).area("a")
    assert one.low_confidence  # 1 of 4 on the scale
    assert not two.low_confidence  # exactly half is enough


def test_low_confidence_with_an_odd_number_of_questions():
    areas = make_areas(per_area=3)
    assert score_assessment(areas, {0: 3}).area("a").low_confidence  # 1 of 3
    assert not score_assessment(areas, {0: 3, 1: 3}).area("a").low_confidence  # 2 of 3


@pytest.mark.parametrize(
    ("score", "shown", "band"),
    [
        (0.0, 0, Band.LOW),
        (39.4, 39, Band.LOW),
        (39.49, 39, Band.LOW),
        (39.5, 40, Band.MIDDLE),
        (40.0, 40, Band.MIDDLE),
        (69.4, 69, Band.MIDDLE),
        (69.5, 70, Band.HIGH),
        (70.0, 70, Band.HIGH),
        (100.0, 100, Band.HIGH),
        (None, None, None),
    ],
)
def test_rounding_at_the_advice_thresholds(score, shown, band):
    assert display_score(score) == shown
    assert band_for(score) == band


def test_half_rounds_up_not_to_even():
    assert display_score(62.5) == 63
    assert display_score(68.5) == 69  # Python's round() would give 68


def test_threshold_rounding_reached_through_weights():
    # (0.42*2 + 0.58*3) / 1.00 = 2.58 -> (2.58 - 1) / 4 * 100 = 39.5 exactly
    areas = make_areas(question_weights={0: Decimal("0.42"), 1: Decimal("0.58")})
    area = score_assessment(areas, {0: 2, 1: 3}).area("a")
    assert area.score == pytest.approx(39.5)
    assert area.display == 40
    assert area.band == Band.MIDDLE
    assert area.advice == "a middle"


def test_advice_follows_the_band():
    areas = make_areas()
    result = score_assessment(areas, {0: 1, 10: 3, 20: 5})
    assert [result.area(k).advice for k in "abc"] == ["a low", "b middle", "c high"]


def test_an_action_names_the_answer_in_words():
    areas = make_areas()
    result = score_assessment(areas, {0: 1, 1: 2, 10: 5})
    question_actions = [a for a in result.actions if a.kind == "question"]
    assert [a.answer_label for a in question_actions] == ["1 (strongly disagree)", "2 (disagree)"]
    assert result.actions[0].kind == "area"
    assert result.actions[0].answer_label == ""


def test_weakest_and_strongest_single():
    areas = make_areas()
    result = score_assessment(areas, {0: 2, 10: 3, 20: 5, 30: 4})
    assert [a.key for a in result.weakest] == ["a"]
    assert [a.key for a in result.strongest] == ["c"]


def test_ties_equal_to_one_decimal_are_reported_together():
    # a and b: (3 + 4 + 4) / 3 -> 66.67 each; c-f: 100
    areas = make_areas(per_area=3)
    answers = {0: 3, 1: 4, 2: 4, 10: 4, 11: 3, 12: 4, 20: 5, 30: 5, 40: 5, 50: 5}
    result = score_assessment(areas, answers)
    assert [a.key for a in result.weakest] == ["a", "b"]
    assert [a.key for a in result.strongest] == ["c", "d", "e", "f"]


def test_different_scores_equal_to_one_decimal_are_a_tie():
    # a: 3 and 4, weights 1.03 and 1 -> 62.315... ; b: weights 1.04 and 1 -> 62.254...
    # both are 62.3 to one decimal, so both are the weakest link
    areas = make_areas(question_weights={0: Decimal("1.03"), 10: Decimal("1.04")})
    answers = {0: 3, 1: 4, 10: 3, 11: 4, 20: 5, 30: 5, 40: 5, 50: 5}
    result = score_assessment(areas, answers)
    assert result.area("a").score == pytest.approx(62.315, abs=0.001)
    assert result.area("b").score == pytest.approx(62.255, abs=0.001)
    assert result.area("a").score != result.area("b").score
    assert [a.key for a in result.weakest] == ["a", "b"]


def test_scores_shown_alike_that_differ_at_one_decimal_are_not_a_tie():
    # a: weights 1.03 and 1 -> 62.3 ; b: weights 1.05 and 1 -> 62.195... -> 62.2
    # both show as 62, but only b is the weakest link
    areas = make_areas(question_weights={0: Decimal("1.03"), 10: Decimal("1.05")})
    answers = {0: 3, 1: 4, 10: 3, 11: 4, 20: 5, 30: 5, 40: 5, 50: 5}
    result = score_assessment(areas, answers)
    assert result.area("a").display == result.area("b").display == 62
    assert [a.key for a in result.weakest] == ["b"]


def test_near_scores_that_differ_at_one_decimal_are_not_a_tie():
    areas = make_areas(question_weights={0: Decimal("1.01")})
    # a: (1.01*3 + 1*4)/2.01 -> 62.3756... -> 62.4 ; b: 3.5 -> 62.5
    answers = {0: 3, 1: 4, 10: 3, 11: 4}
    result = score_assessment(areas, answers)
    assert result.area("a").display == 62
    assert result.area("b").display == 63
    assert [a.key for a in result.weakest] == ["a"]
    assert [a.key for a in result.strongest] == ["b"]


def test_all_level_has_a_weakest_link_but_no_strongest():
    areas = make_areas()
    result = score_assessment(areas, all_answers(areas, 3))
    assert len(result.weakest) == 6
    assert result.strongest == ()


def test_unscored_areas_are_never_the_weakest():
    areas = make_areas()
    result = score_assessment(areas, {0: 5, 10: 4, 20: NOT_SURE})
    assert [a.key for a in result.weakest] == ["b"]


def test_action_list_order():
    areas = make_areas(question_weights={11: 2, 12: 3})
    answers = {
        0: 2,  # a: (2 + 1) / 2 -> 12.5, the weakest
        1: 1,
        10: 2,  # b: all 2 (weights 1, 2, 3) -> 25
        11: 2,
        12: 2,
        20: 5,
    }
    result = score_assessment(areas, answers)
    keys = [action.key for action in result.actions]
    # weakest area first, then answers of 1, then answers of 2 by weight (heaviest first),
    # equal weights in the order the questions are asked
    assert keys == [
        "area:a",
        "question:1",
        "question:12",
        "question:11",
        "question:0",
        "question:10",
    ]
    first = result.actions[0]
    assert first.kind == "area"
    assert first.advice == "a low"
    assert "weakest link" in first.title
    assert result.actions[1].advice == "advice a1"
    assert result.actions[1].answer == 1


def test_tied_weakest_areas_each_get_an_action():
    areas = make_areas()
    result = score_assessment(areas, {0: 3, 10: 3, 20: 4})
    assert [a.key for a in result.actions] == ["area:a", "area:b"]


def test_question_without_advice_gets_the_fallback():
    areas = (AreaSpec(key="a", name="A", questions=(QuestionSpec(id=1, text="t"),)),)
    result = score_assessment(areas, {1: 1})
    assert result.actions[1].advice == FALLBACK_QUESTION_ADVICE


def test_area_with_no_questions_is_not_scored():
    area, exact = score_area(AreaSpec(key="a", name="A", questions=()), {})
    assert area.score is None
    assert exact is None
    assert area.total == 0


def test_area_scores_map_for_storage():
    areas = make_areas()
    scores = score_assessment(areas, {0: 5}).area_scores()
    assert scores == {"a": 100.0, "b": None, "c": None, "d": None, "e": None, "f": None}


NAMES = {key: f"Area {key.upper()}" for key in "abc"}


def test_change_since_previous_with_the_same_questions():
    comparison = compare(
        area_names=NAMES,
        current={"a": 62.5, "b": 40.0, "c": None},
        previous={"a": 50.0, "b": 45.2, "c": 30.0},
        current_overall=51.25,
        previous_overall=41.7,
        same_questions=True,
    )
    a, b, c = comparison.areas
    assert (a.change.before, a.change.after, a.change.delta, a.change.direction) == (
        50,
        63,
        13,
        Direction.UP,
    )
    assert (b.change.delta, b.change.direction) == (-5, Direction.DOWN)
    assert (c.change.before, c.change.after, c.change.delta, c.change.direction) == (
        30,
        None,
        None,
        None,
    )
    assert comparison.overall.before == 42
    assert comparison.overall.after == 51
    assert comparison.overall.direction == Direction.UP
    assert comparison.same_questions
    assert comparison.note == ""


def test_change_direction_follows_the_numbers_shown():
    comparison = compare(
        area_names={"a": "A"},
        current={"a": 50.4},
        previous={"a": 49.6},
        current_overall=50.4,
        previous_overall=49.6,
        same_questions=True,
    )
    assert comparison.areas[0].change.direction == Direction.SAME
    assert comparison.overall.delta == 0


def test_a_set_version_change_compares_areas_only_and_says_so():
    comparison = compare(
        area_names=NAMES,
        current={"a": 75.0, "b": 25.0, "c": 50.0},
        previous={"a": 50.0, "b": 25.0, "c": 50.0},
        current_overall=50.0,
        previous_overall=41.7,
        same_questions=False,
    )
    assert comparison.overall is None
    assert not comparison.same_questions
    assert "only area scores are compared" in comparison.note
    assert [area.change.direction for area in comparison.areas] == [
        Direction.UP,
        Direction.SAME,
        Direction.SAME,
    ]
