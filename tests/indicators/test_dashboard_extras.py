"""The dashboard's figures drawn from many readings: the change over the last calendar
quarter on each card, and the sparkline of the latest readings only."""

import datetime
import re
from decimal import Decimal as D

import pytest

from indicators.drawing import sparkline
from indicators.models import Reading
from indicators.rules import Direction, Kind, Measures, Unit
from indicators.services import SPARK_READINGS
from orgs.models import Organization
from tests.helpers import canvas_url

# 10 May 2027 where the organization is: the last full calendar quarter is Q1 2027,
# 1 January to 31 March.
TODAY = datetime.date(2027, 5, 10)


@pytest.fixture
def may_2027(monkeypatch):
    monkeypatch.setattr(Organization, "today", lambda self: TODAY)
    return TODAY


def add_readings(indicator, by, *rows):
    """Readings on the given days: rows of (date, value)."""
    Reading.objects.bulk_create(
        Reading(indicator=indicator, date=day, value=D(value), updated_by=by) for day, value in rows
    )


def card_of(body: str, indicator) -> str:
    """The indicator's card, up to its readings and links."""
    marker = f'id="indicator-{indicator.pk}"'
    assert marker in body, indicator.name
    return body.split(marker, 1)[1].split('<details class="card-more"', 1)[0]


def dashboard(client_for, viewer, canvas) -> str:
    response = client_for(viewer).get(canvas_url("indicators", canvas))
    assert response.status_code == 200
    return response.content.decode()


def quarter_fact(card: str) -> str:
    found = re.search(r"<dt>Over (Q\d \d{4})</dt><dd>(.*?)</dd>", card)
    assert found, card
    return f"{found[1]}: {found[2]}"


# The change over the last calendar quarter ------------------------------------------------


def test_a_card_shows_the_change_over_the_last_calendar_quarter(
    may_2027, canvas, make_indicator, owner, viewer, client_for
):
    """From the last reading before 1 January to the last one on or before 31 March:
    earlier readings, readings inside the quarter but its last, and readings after it
    (the latest among them) don't count."""
    use = make_indicator("Voluntary use")  # percent, higher is better
    add_readings(
        use,
        owner,
        (datetime.date(2026, 12, 1), "10"),
        (datetime.date(2026, 12, 31), "40"),  # the quarter starts from here
        (datetime.date(2027, 1, 1), "45"),
        (datetime.date(2027, 2, 14), "30"),
        (datetime.date(2027, 3, 31), "52.5"),  # ...and ends here
        (datetime.date(2027, 4, 1), "90"),
        (datetime.date(2027, 5, 3), "95"),
    )
    competence = make_indicator(
        "Time to competence",
        area="value_proposition",
        kind=Kind.RESULT,
        unit=Unit.DAYS,
        direction=Direction.LOWER,
        measures=Measures.SPEED,
        target=D(14),
        baseline=D(21),
    )
    # Nothing before the quarter: it runs from its own first reading to its last.
    add_readings(
        competence,
        owner,
        (datetime.date(2027, 1, 20), "20"),
        (datetime.date(2027, 3, 2), "23"),
        (datetime.date(2027, 4, 20), "12"),
    )
    body = dashboard(client_for, viewer, canvas)
    assert "Q1 2027 is the last full calendar quarter." in body
    assert quarter_fact(card_of(body, use)) == "Q1 2027: +12.5 pts, better"
    assert quarter_fact(card_of(body, competence)) == "Q1 2027: +3 days, worse"


def test_a_card_without_readings_in_the_quarter_shows_no_change(
    may_2027, canvas, make_indicator, owner, viewer, client_for
):
    """Readings on either side of Q1 2027 but none in it: no change is made up across it."""
    around = make_indicator("Voluntary use")
    add_readings(
        around,
        owner,
        (datetime.date(2026, 11, 2), "20"),
        (datetime.date(2026, 12, 31), "40"),
        (datetime.date(2027, 4, 1), "55"),
        (datetime.date(2027, 5, 3), "58"),
    )
    alone = make_indicator("Completion rate")
    add_readings(alone, owner, (datetime.date(2027, 2, 1), "50"))  # one, nothing before it
    body = dashboard(client_for, viewer, canvas)
    for indicator in (around, alone):
        card = card_of(body, indicator)
        assert quarter_fact(card) == 'Q1 2027: <span class="muted">not enough readings</span>'


# The sparkline -------------------------------------------------------------------------------


def polyline_points(card: str) -> list[str]:
    found = re.findall(r'<polyline points="([^"]*)" class="spark-line"/>', card)
    assert len(found) == 1, card
    return found[0].split()


def test_the_sparkline_draws_the_latest_twelve_readings_only(
    canvas, make_indicator, read, viewer, client_for
):
    assert SPARK_READINGS == 12
    use = make_indicator("Voluntary use", target=D(60))
    # Eight old readings far below anything since, then twelve between 40 and 70, the
    # newest (70) the highest of all: weekly, oldest first, the last a week ago.
    old = ["0"] * 8
    latest = ["40", "55", "42", "58", "44", "61", "47", "63", "50", "66", "52", "70"]
    read(use, *old, *latest)
    card = card_of(dashboard(client_for, viewer, canvas), use)
    points = polyline_points(card)
    assert len(points) == 12
    # The box is 120 by 32 with 3 of padding: the oldest point drawn is the lowest value
    # drawn (40, at the bottom, so no 0 is drawn) and the newest is the highest (70, at
    # the top right).
    assert points[0] == "3,29"
    assert points[-1] == "117,3"
    assert 'cx="117" cy="3"' in card  # the dot on the newest reading
    # Every point is one of the latest twelve, oldest first.
    assert points == sparkline([D(value) for value in latest], D(60)).points.split()
    assert "The last 12 readings, oldest first: " + ", ".join(f"{v}%" for v in latest) in card
