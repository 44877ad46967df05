"""Pulse results read from the database under the anonymity rules, in constant queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pulse.models import Answer, Response
from pulse.results import (
    comments_page,
    figures_for,
    gap_rows,
    latest_pulse_scores,
    score_100,
    widest_gap,
)
from pulse.services import close_pulse, hide_comment
from tests.pulse.conftest import ALL_AREAS


def today(pulse):
    return pulse.canvas.organization.today()


def test_scores_use_the_self_assessment_scale():
    assert score_100(5, 1) == 100
    assert score_100(1, 1) == 0
    assert score_100(3 * 4, 4) == 50
    assert score_100(None, 0) is None


def test_nothing_shows_until_five_responses(pulse, respond):
    respond(pulse, 4)
    figures = figures_for(pulse, today=today(pulse))
    assert not figures.visible
    assert figures.received == 4
    assert figures.areas == ()
    assert comments_page(pulse, figures) is None
    respond(pulse, 1)
    figures = figures_for(pulse, today=today(pulse))
    assert figures.visible
    assert [area.display for area in figures.areas] == [75] * 6


def test_figures_move_in_steps_of_five(pulse, respond):
    respond(pulse, 5, score=5)
    before = figures_for(pulse, today=today(pulse))
    respond(pulse, 4, score=1)  # four more: not counted yet, so they can't be subtracted
    after = figures_for(pulse, today=today(pulse))
    assert after.counted == 5
    assert after.waiting == 4
    assert [a.display for a in after.areas] == [a.display for a in before.areas] == [100] * 6
    respond(pulse, 1, score=1)
    assert figures_for(pulse, today=today(pulse)).areas[0].display == 50


def test_not_sure_is_left_out_of_the_score(pulse, respond):
    scores = dict.fromkeys(ALL_AREAS, 5)
    scores["value_proposition"] = None
    respond(pulse, 5, scores=scores)
    respond(pulse, 5, score=1)
    figures = figures_for(pulse, today=today(pulse))
    first = figures.areas[0]
    assert (first.display, first.rated, first.not_sure) == (0, 5, 5)
    assert figures.areas[1].display == 50


def test_groups_show_only_once_the_pulse_has_closed(pulse, respond, editor):
    respond(pulse, 5, group="learners")
    respond(pulse, 5, group="line_managers")
    assert figures_for(pulse, today=today(pulse)).groups == ()
    close_pulse(pulse=pulse, by=editor)
    figures = figures_for(pulse, today=today(pulse))
    assert [group.key for group in figures.groups] == ["learners", "line_managers"]
    assert figures.others is None


def test_a_group_of_four_is_not_shown_and_its_rest_is_pooled(pulse, respond, editor):
    respond(pulse, 6, group="learners", score=4)
    respond(pulse, 5, group="line_managers", score=2)
    respond(pulse, 4, group="senior_leaders", score=1)  # fewer than five
    close_pulse(pulse=pulse, by=editor)
    figures = figures_for(pulse, today=today(pulse))
    # Showing both big groups would leave the 4 senior leaders alone by subtraction:
    # the smaller shown group (line managers) joins them.
    assert [group.key for group in figures.groups] == ["learners"]
    assert figures.others.count == 9
    assert "senior_leaders" not in figures.shown_groups
    labels = dict(figures.group_counts)
    assert labels["Senior leaders"] == "fewer than 5"
    assert labels["Learners"] == "6"


def test_group_counts_move_only_with_the_counted_responses(pulse, respond):
    """Counts by group move in the same steps of five as the scores: watching the page, nobody
    learns the group of each response as it comes in."""
    respond(pulse, 5, group="learners")
    before = dict(figures_for(pulse, today=today(pulse)).group_counts)
    respond(pulse, 2, group="line_managers")
    waiting = figures_for(pulse, today=today(pulse))
    assert waiting.waiting == 2
    assert dict(waiting.group_counts) == before  # the two wait for three more
    assert before["Learners"] == "5"
    respond(pulse, 3, group="line_managers")
    after = dict(figures_for(pulse, today=today(pulse)).group_counts)
    assert after["Line managers"] == "5"


def test_comments_follow_the_group_rules(pulse, respond, editor):
    respond(pulse, 5, group="learners", comment="From a learner")
    respond(pulse, 3, group="senior_leaders", comment="From a leader")
    respond(pulse, 2, group="line_managers")
    close_pulse(pulse=pulse, by=editor)
    figures = figures_for(pulse, today=today(pulse))
    page = comments_page(pulse, figures)
    groups = {comment.text: comment.group for comment in page.object_list}
    assert groups["From a learner"] == "Learners"
    assert groups["From a leader"] == "Another group"  # the leaders aren't shown on their own


def test_comments_wait_for_five_and_uncounted_ones_wait_too(pulse, respond):
    respond(pulse, 4, comment="early")
    assert comments_page(pulse, figures_for(pulse, today=today(pulse))) is None
    respond(pulse, 1)
    respond(pulse, 1, comment="sixth")  # not counted until the tenth response
    page = comments_page(pulse, figures_for(pulse, today=today(pulse)))
    assert [c.text for c in page.object_list] == ["early"] * 4


def test_hidden_comments_are_kept_but_not_shown(pulse, respond, owner):
    respond(pulse, 5, comment="Rude words")
    comment = pulse.comments.first()
    comment.pulse = pulse
    hide_comment(comment=comment, by=owner)
    page = comments_page(pulse, figures_for(pulse, today=today(pulse)))
    assert len(page.object_list) == 4
    assert pulse.comments.filter(hidden=True).count() == 1


def test_comments_are_paged(pulse, respond):
    respond(pulse, 25, comment="Same again")
    figures = figures_for(pulse, today=today(pulse))
    first = comments_page(pulse, figures, 1)
    assert first.paginator.num_pages == 3
    assert len(comments_page(pulse, figures, 3).object_list) == 5
    assert comments_page(pulse, figures, "junk").number == 1


def test_the_trend_moves_in_steps_of_five_with_days(pulse, respond):
    start = today(pulse) - timedelta(days=3)
    respond(pulse, 7, score=5, on=start)
    respond(pulse, 6, score=1, on=start + timedelta(days=1))
    figures = figures_for(pulse, today=today(pulse))
    assert [point.responses for point in figures.trend] == [5, 10]
    assert [point.on for point in figures.trend] == [start, start + timedelta(days=1)]
    assert [point.display for point in figures.trend] == [100, 70]


def test_responses_keep_the_day_not_the_time():
    fields = {field.name: field.get_internal_type() for field in Response._meta.get_fields()}
    assert fields["submitted_on"] == "DateField"
    assert not [t for t in fields.values() if t == "DateTimeField"]
    stored = {field.name for field in Response._meta.concrete_fields}
    assert stored == {"id", "pulse", "group", "submitted_on"}
    assert {field.name for field in Answer._meta.concrete_fields} == {
        "id",
        "response",
        "area",
        "score",
    }


@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
def test_figures_take_the_same_queries_for_10_and_200_responses(pulse, respond, editor, closed):
    if closed:
        close_pulse(pulse=pulse, by=editor)
    respond(pulse, 5, group="learners", comment="x")
    respond(pulse, 5, group="line_managers")
    counts = []
    for extra in (0, 190):
        respond(pulse, extra, group="senior_leaders", comment="y")
        with CaptureQueriesContext(connection) as queries:
            figures = figures_for(pulse, today=today(pulse))
            comments_page(pulse, figures)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 8


def test_gap_words_and_the_wide_mark():
    rows = gap_rows(
        {"value_proposition": 50, "products_services": 80, "customer_segments": 60},
        {"value_proposition": 71, "products_services": 70, "customer_segments": 60},
        {"value_proposition": "a", "products_services": "b", "customer_segments": "c"},
    )
    lower, higher, same = rows
    assert (lower.gap, lower.wide, lower.words) == (
        21,
        True,
        "The business rates this lower than you do.",
    )
    assert (higher.gap, higher.wide) == (10, False)
    assert higher.words == "The business rates this higher than you do."
    assert same.words == "You both see this the same way."
    assert widest_gap(rows) is lower


def test_gap_at_exactly_fifteen_is_highlighted():
    (row,) = gap_rows(
        {"value_proposition": 55}, {"value_proposition": 70}, {"value_proposition": "s"}
    )
    assert row.gap == 15 and row.wide
    (row,) = gap_rows(
        {"value_proposition": 56}, {"value_proposition": 70}, {"value_proposition": "s"}
    )
    assert not row.wide


def test_latest_pulse_scores_skip_pulses_below_five_and_revoked_ones(
    canvas, make_pulse, respond, editor
):
    from pulse.services import revoke_pulse

    first = make_pulse(canvas)
    respond(first, 5, score=2)
    second = make_pulse(canvas)
    respond(second, 4, score=5)  # too few
    latest = latest_pulse_scores(canvas)
    assert latest.pulse_pk == first.pk
    assert latest.scores["value_proposition"] == 25
    revoke_pulse(pulse=first, by=editor)
    assert latest_pulse_scores(canvas) is None
