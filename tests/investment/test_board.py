"""Investment & return beyond its page: the board's headline figures, the demo, the admin."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from investment.figures import InvestmentCategory
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import add_line, investment_summary
from studio.demo import load_demo
from tests.helpers import canvas_url


def test_board_shows_headline_figures_in_the_investment_area(viewer, canvas, owner, client_for):
    add_line(
        line=InvestmentLine(category="ld_payroll", label="Payroll", amount=D("40000")),
        canvas=canvas,
        by=owner,
    )
    add_line(
        line=InvestmentLine(category="sme_time", hidden=True, label="SMEs", amount=D("60000")),
        canvas=canvas,
        by=owner,
    )
    add_line(
        line=ReturnLine(kind="revenue", label="Sales", amount=D("150000")), canvas=canvas, by=owner
    )
    InvestmentSettings.objects.create(canvas=canvas, period_label="FY 2027")
    body = client_for(viewer).get(canvas_url("board", canvas)).content.decode()
    area = body[body.index('id="area-investment_return"') :]
    figures = area[area.index('id="investment-board"') :]
    assert "<dd>€100K</dd>" in figures
    assert "<dd>60.0%</dd>" in figures  # hidden share
    assert "+50.0%" in figures
    assert "FY 2027" in figures
    assert f'href="/o/acme/canvases/{canvas.pk}/investment/"' in body  # header and area


def test_board_marks_a_return_a_cent_short_as_negative(viewer, canvas, owner, client_for):
    add_line(
        line=InvestmentLine(category="ld_payroll", label="Payroll", amount=D("100000.00")),
        canvas=canvas,
        by=owner,
    )
    add_line(
        line=ReturnLine(kind="revenue", label="Sales", amount=D("99999.99")),
        canvas=canvas,
        by=owner,
    )
    body = client_for(viewer).get(canvas_url("board", canvas)).content.decode()
    figures = body[body.index('id="investment-board"') :]
    assert '<dd class="roi-negative-text">0.0%</dd>' in figures
    assert "-0.0%" not in figures


def test_board_invites_numbers_when_there_are_none(editor, canvas, client_for):
    body = client_for(editor).get(canvas_url("board", canvas)).content.decode()
    assert "No costs or returns entered yet." in body
    assert "Put numbers on it" in body


@pytest.mark.parametrize("lines", [1, 30])
def test_investment_summary_query_count_is_constant(
    lines, canvas, owner, django_assert_num_queries, monkeypatch
):
    # The segments' headcount is the customers app's to count; here it has none.
    monkeypatch.setattr("investment.services.learner_headcount", lambda canvas: None)
    for n in range(lines):
        add_line(
            line=InvestmentLine(category="travel", label=f"T{n}", amount=D(n)),
            canvas=canvas,
            by=owner,
        )
        add_line(
            line=ReturnLine(kind="revenue", label=f"R{n}", amount=D(n)), canvas=canvas, by=owner
        )
    with django_assert_num_queries(3):  # settings, cost lines, return lines
        figures = investment_summary(canvas)
    assert figures.investment_line_count == lines
    InvestmentSettings.objects.create(canvas=canvas, learners_reached=10)
    with django_assert_num_queries(3):  # a hand-entered number needs no segment lookup
        assert investment_summary(canvas).learners_reached == 10


def test_demo_canvas_has_believable_investment_and_return(db):
    _, canvas, _ = load_demo()
    load_demo()  # twice: nothing doubles
    figures = investment_summary(canvas)
    assert figures.investment_line_count == 9
    assert figures.return_line_count == 5
    assert figures.period_label == "Fiscal year 2027"
    by_category = {share.key: share.amount for share in figures.investment_by_category}
    # The experts' time costs more than the whole learning team's payroll.
    assert by_category[InvestmentCategory.SME_TIME] > by_category[InvestmentCategory.LD_PAYROLL]
    assert figures.total_investment == D("3343240.00")
    assert figures.hidden_share == D("65.9")
    assert figures.roi_percent == D("17.4")
    assert figures.payback_months == D("10.2")
    assert figures.ld_staff_per_thousand == D("1.96")


def test_admin_lists_lines_per_canvas(admin_client, canvas, owner):
    line = add_line(
        line=InvestmentLine(category="travel", label="Trips", amount=D("12")),
        canvas=canvas,
        by=owner,
    )
    add_line(
        line=ReturnLine(kind="revenue", label="Wins", amount=D("30"), confidence=50),
        canvas=canvas,
        by=owner,
    )
    InvestmentSettings.objects.create(canvas=canvas, period_label="FY")
    response = admin_client.get(
        reverse("admin:investment_investmentline_changelist") + f"?canvas__id__exact={canvas.pk}"
    )
    assert response.status_code == 200
    assert "Trips" in response.content.decode()
    response = admin_client.get(reverse("admin:investment_returnline_changelist"))
    assert "Wins" in response.content.decode()
    assert "15.00" in response.content.decode()
    response = admin_client.get(reverse("admin:investment_investmentsettings_changelist"))
    body = response.content.decode()
    assert "1 cost lines" in body
    assert "1 return lines" in body
    assert (
        admin_client.get(
            reverse("admin:investment_investmentline_change", args=[line.pk])
        ).status_code
        == 200
    )
