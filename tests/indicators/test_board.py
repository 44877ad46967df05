"""Indicators on the board (a small summary in each area, composed by studio) and in the demo."""

import datetime
import re
from decimal import Decimal as D

from django.contrib.auth import get_user_model

from indicators.models import Reading
from indicators.rules import MAX_ACTIVE
from orgs.models import Membership
from studio.demo import load_demo
from studio.panels import board_panels
from tests.helpers import canvas_url


def area(body, key):
    return body.split(f'id="area-{key}"')[1].split("</section>")[0]


def test_each_area_shows_its_indicators_and_the_root_cause_of_an_off_target_result(
    viewer, chain, client_for
):
    body = client_for(viewer).get(canvas_url("board", chain["use"].canvas)).content.decode()
    result_area = area(body, "value_proposition")
    assert "Time to competence" in result_area and "19 days" in result_area
    assert '<span class="visually-hidden">Red: </span>Time to competence' in result_area
    assert "Likely root cause</strong> of time to competence: Voluntary use." in result_area
    driver_area = area(body, "products_services")
    assert '<span class="visually-hidden">On target: </span>Learner satisfaction' in driver_area
    assert '<span class="visually-hidden">Red: </span>Voluntary use' in driver_area
    assert "indicator-summary" not in area(body, "customer_segments")
    assert f'href="{canvas_url("indicators", chain["use"].canvas)}">Indicators</a>' in body


def test_the_board_summary_costs_two_queries_whatever_the_readings(
    chain, owner, make_indicator, django_assert_num_queries
):
    canvas = chain["use"].canvas
    membership = Membership.objects.get(user=owner)

    def indicator_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            panels = board_panels(canvas=canvas, membership=membership)
        found = [q["sql"] for q in queries if "indicators_" in q["sql"]]
        return len(found), panels

    before, _ = indicator_queries()
    for n in range(MAX_ACTIVE - 3):
        make_indicator(f"Indicator {n}", area="service_delivery")
    start = datetime.date(2001, 1, 1)
    Reading.objects.bulk_create(
        Reading(indicator=chain["use"], date=start + datetime.timedelta(days=n), value=D(n))
        for n in range(2000)
    )
    after, panels = indicator_queries()
    assert before == after == 2
    summary = next(
        panel.data
        for panel in panels["area_panels"]["service_delivery"]
        if panel.template == "indicators/includes/board_area.html"
    )
    assert len(summary.cards) == MAX_ACTIVE - 3


def test_the_board_stays_light_with_a_full_dashboard(editor, canvas, make_indicator, client_for):
    client = client_for(editor)
    client.get(canvas_url("board", canvas))
    empty = len(client.get(canvas_url("board", canvas)).content)
    areas = ["value_proposition", "products_services", "customer_segments", "service_delivery"]
    for n in range(MAX_ACTIVE):
        make_indicator(f"A longish indicator name {n}", area=areas[n % 4])
    full = client.get(canvas_url("board", canvas)).content.decode()
    assert full.count('class="indicator-summary"') == 4
    assert len(full.encode()) - empty < 4_500  # under 400 bytes an indicator, all told


def test_the_demo_shows_a_red_result_and_its_root_cause(db, client):
    organization, canvas, _ = load_demo()
    client.force_login(get_user_model().objects.get(username="vera"))  # a viewer
    body = client.get(canvas_url("indicators", canvas)).content.decode()
    attention = body.split('id="indicators-attention"')[1].split("</section>")[0]
    assert re.search(r"Time to competence, new store staff</a> is red: 19 days", attention)
    assert "Likely root cause:</strong> <a" in attention
    assert "Voluntary use of store onboarding</a> (red, 31%" in attention
    assert "Behaviour doesn't lie." in attention
    cost = body.split("Cost per learner reached</h3>")[1].split("</li>")[0]
    assert "Fills itself from investment &amp; return" in cost
    board = client.get(canvas_url("board", canvas)).content.decode()
    assert "Likely root cause</strong> of time to competence, new store staff: Voluntary use" in (
        area(board, "value_proposition")
    )
    load_demo()  # again: nothing doubles
    assert canvas.indicators.count() == 9
