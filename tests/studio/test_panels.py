"""The pieces of other apps that the board and the segments page show (studio/panels.py)."""

from decimal import Decimal

from canvas.areas import AREAS, AreaKey
from investment.models import InvestmentLine
from investment.services import add_line
from orgs.models import Membership
from studio.panels import board_panels, board_segments, segment_costs


def test_the_segments_panel_takes_one_query_whatever_the_number_of_segments(
    canvas, make_segment, django_assert_num_queries
):
    for n in range(20):
        make_segment(f"Segment {n}", expected_value=["cost_savings"])
    with django_assert_num_queries(1):
        panel = board_segments(canvas=canvas)["segments_panel"]
    assert panel.template == "customers/includes/board_segments.html"
    assert len(panel.data["segments"]) == 20
    assert len(panel.data["mismatches"]) == 2


def test_board_panels_cost_the_same_queries_with_more_data(
    canvas, owner, make_segment, take_assessment, django_assert_max_num_queries
):
    membership = Membership.objects.get(user=owner, organization=canvas.organization)

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            board_panels(canvas=canvas, membership=membership)
        return len(queries)

    take_assessment(canvas, 4)
    before = count_queries()
    for n in range(10):
        make_segment(f"Segment {n}")
        add_line(
            line=InvestmentLine(category="travel", label=f"Trip {n}", amount=Decimal(100)),
            canvas=canvas,
            by=owner,
        )
    take_assessment(canvas, 2)
    assert count_queries() == before
    with django_assert_max_num_queries(9):  # one asks for indicators: there are none
        board_panels(canvas=canvas, membership=membership)


def test_each_area_gets_its_score_badge_and_the_right_panels(canvas, owner, take_assessment):
    membership = Membership.objects.get(user=owner, organization=canvas.organization)
    take_assessment(canvas, 5)
    panels = board_panels(canvas=canvas, membership=membership)
    for area in AREAS:
        badge = panels["area_panels"][area.key][0]
        assert badge.template == "scorecard/includes/area_badge.html"
        assert badge.data["score"] == 100
    templates = [panel.template for panel in panels["area_panels"][AreaKey.INVESTMENT_RETURN]]
    assert "investment/includes/board_panel.html" in templates
    templates = [panel.template for panel in panels["area_panels"][AreaKey.CUSTOMER_SEGMENTS]]
    assert "customers/includes/board_segments.html" in templates
    assert panels["assess"]["label"] == "Assess this canvas"


def test_a_canvas_without_an_assessment_has_no_badges(canvas, owner):
    membership = Membership.objects.get(user=owner, organization=canvas.organization)
    panels = board_panels(canvas=canvas, membership=membership)
    templates = [panel.template for area in AREAS for panel in panels["area_panels"][area.key]]
    assert "scorecard/includes/area_badge.html" not in templates


def test_segment_costs_share_the_investment_by_learner_segment(canvas, owner, make_segment):
    learners = make_segment("Store associates", headcount=100)
    add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=Decimal(1000)),
        canvas=canvas,
        by=owner,
    )
    segments = [learners]
    panel = segment_costs(canvas=canvas, segments=segments)
    assert panel["cost"].amount == Decimal("10.00")
    assert learners.cost.share == Decimal("1000.00")
    assert panel["learners_in_segments"] == 100
