"""Investment & return figures as pure units: exact Decimal expectations, no database."""

from decimal import Decimal as D

import pytest

from investment.figures import (
    InvestmentCategory,
    InvestmentItem,
    LearnersSource,
    ReturnItem,
    ReturnKind,
    adjusted_return,
    benefit_cost_ratio,
    compute_figures,
    cost_per_learner,
    hidden_by_default,
    line_cost,
    payback_months,
    percent_of,
    roi_percent,
    staff_per_thousand,
)


def payroll(amount):
    return InvestmentItem(InvestmentCategory.LD_PAYROLL, hidden=False, amount=D(amount))


def sme_time(amount):
    return InvestmentItem(InvestmentCategory.SME_TIME, hidden=True, amount=D(amount))


def test_line_cost_is_the_amount_to_the_cent():
    assert line_cost(amount=D("1234.5")) == D("1234.50")
    assert line_cost(amount=D("0.005")) == D("0.01")  # half up
    assert line_cost(amount=D("0")) == D("0.00")


def test_line_cost_from_hours_rate_and_people():
    assert line_cost(hours=D("12.5"), hourly_rate=D("48.20"), people=18) == D("10845.00")
    assert line_cost(hours=D("0.33"), hourly_rate=D("10.01"), people=1) == D("3.30")  # 3.3033


def test_line_cost_with_missing_time_parts_is_zero():
    assert line_cost(hours=D("3"), hourly_rate=None, people=4) == D("0.00")
    assert line_cost() == D("0.00")


def test_negative_inputs_are_refused():
    with pytest.raises(ValueError, match="negative"):
        line_cost(amount=D("-1"))
    with pytest.raises(ValueError, match="negative"):
        compute_figures(investments=[payroll("-5")], returns=[])
    with pytest.raises(ValueError, match="more than 100"):
        adjusted_return(D("10"), 101)


def test_hidden_by_default_follows_the_category():
    assert hidden_by_default(InvestmentCategory.SME_TIME)
    assert hidden_by_default(InvestmentCategory.LEARNER_TIME)
    assert hidden_by_default(InvestmentCategory.MANAGER_TIME)
    assert not hidden_by_default(InvestmentCategory.LD_PAYROLL)
    assert not hidden_by_default(InvestmentCategory.THIRD_PARTY)


def test_totals_direct_hidden_and_hidden_share():
    figures = compute_figures(
        investments=[payroll("780000"), sme_time("829680"), payroll("0.01")],
        returns=[],
    )
    assert figures.total_investment == D("1609680.01")
    assert figures.direct_investment == D("780000.01")
    assert figures.hidden_investment == D("829680.00")
    assert figures.hidden_share == D("51.5")  # 51.544...
    assert figures.direct_share == D("48.5")


def test_investment_by_category_largest_first_with_shares():
    figures = compute_figures(
        investments=[
            payroll("100"),
            InvestmentItem(InvestmentCategory.TRAVEL, hidden=False, amount=D("50")),
            sme_time("200"),
            payroll("50"),
        ],
        returns=[],
    )
    assert [(s.key, s.amount, s.percent) for s in figures.investment_by_category] == [
        ("sme_time", D("200.00"), D("50.0")),
        ("ld_payroll", D("150.00"), D("37.5")),
        ("travel", D("50.00"), D("12.5")),
    ]
    assert figures.investment_by_category[0].label == "Subject-matter experts' time"


def test_confidence_adjusted_return_roi_ratio_and_payback():
    figures = compute_figures(
        investments=[payroll("40000")],
        returns=[
            ReturnItem(ReturnKind.PRODUCTIVITY, D("30000"), 100),
            ReturnItem(ReturnKind.REVENUE, D("50000"), 60),
            ReturnItem(ReturnKind.RISK_REDUCTION, D("999.99"), 0),
        ],
    )
    assert figures.claimed_return == D("80999.99")
    assert figures.total_return == D("60000.00")
    assert figures.net_return == D("20000.00")
    assert figures.roi_percent == D("50.0")
    assert figures.benefit_cost_ratio == D("1.50")
    assert figures.payback_months == D("8.0")
    assert [(s.key, s.amount) for s in figures.return_by_kind] == [
        ("productivity", D("30000.00")),
        ("revenue", D("30000.00")),
        ("risk_reduction", D("0.00")),
    ]
    assert figures.roi_explanation == "The confidence-adjusted return covers the investment."


def test_adjusted_return_rounds_each_line_half_up():
    assert adjusted_return(D("33.33"), 50) == D("16.67")  # 16.665
    assert adjusted_return(D("100"), 33) == D("33.00")


def test_ratios_round_half_up():
    assert roi_percent(D("1"), D("3")) == D("-66.7")
    assert roi_percent(D("2"), D("3")) == D("-33.3")
    assert benefit_cost_ratio(D("2"), D("3")) == D("0.67")
    assert payback_months(D("7"), D("1"), period_is_year=True) == D("1.7")  # 1.714...
    assert percent_of(D("1"), D("8")) == D("12.5")


def test_a_return_a_cent_short_rounds_to_zero_roi_but_does_not_cover_the_investment():
    figures = compute_figures(
        investments=[payroll("100000.00")],
        returns=[ReturnItem(ReturnKind.REVENUE, D("99999.99"))],
    )
    assert figures.net_return == D("-0.01")
    assert figures.roi_percent == D("0.0")
    assert str(figures.roi_percent) == "0.0"  # not "-0.0"
    assert not figures.roi_percent.is_signed()
    assert figures.covers_investment is False
    assert figures.roi_tone == "negative"
    assert figures.roi_explanation == (
        "The confidence-adjusted return does not yet cover the investment."
    )


def test_a_return_a_cent_over_covers_the_investment():
    figures = compute_figures(
        investments=[payroll("100000.00")],
        returns=[ReturnItem(ReturnKind.REVENUE, D("100000.01"))],
    )
    assert figures.net_return == D("0.01")
    assert figures.roi_percent == D("0.0")
    assert figures.covers_investment is True
    assert figures.roi_tone == "positive"
    assert figures.roi_explanation == "The confidence-adjusted return covers the investment."


def test_a_return_equal_to_the_investment_exactly_covers_it():
    figures = compute_figures(
        investments=[payroll("100000.00")],
        returns=[ReturnItem(ReturnKind.REVENUE, D("100000.00"))],
    )
    assert figures.net_return == D("0.00")
    assert str(figures.roi_percent) == "0.0"
    assert figures.covers_investment is True
    assert (
        figures.roi_explanation == "The confidence-adjusted return exactly covers the investment."
    )


def test_roi_percent_never_answers_negative_zero():
    assert str(roi_percent(D("99999.99"), D("100000.00"))) == "0.0"
    assert str(roi_percent(D("99999.96"), D("100000.00"))) == "0.0"  # -0.00004 %
    assert roi_percent(D("99950.00"), D("100000.00")) == D("-0.1")  # -0.05 rounds half up


def test_no_investment_covers_nothing():
    figures = compute_figures(investments=[], returns=[ReturnItem(ReturnKind.REVENUE, D("1"))])
    assert figures.covers_investment is None


def test_payback_only_for_a_year():
    assert payback_months(D("100"), D("50"), period_is_year=False) is None
    figures = compute_figures(
        investments=[payroll("50")],
        returns=[ReturnItem(ReturnKind.REVENUE, D("100"))],
        period_label="Spring term",
        period_is_year=False,
    )
    assert figures.payback_months is None
    assert figures.payback_explanation == "Payback is shown when the figures cover a year."
    assert figures.period_name == "Spring term"


def test_no_investment_gives_no_roi_and_says_why():
    figures = compute_figures(investments=[], returns=[ReturnItem(ReturnKind.REVENUE, D("100"))])
    assert figures.total_investment == D("0.00")
    assert figures.roi_percent is None
    assert figures.benefit_cost_ratio is None
    assert figures.payback_months is None
    assert figures.hidden_share is None
    assert figures.investment_by_category == ()
    assert "ROI isn't defined" in figures.roi_explanation
    assert figures.payback_explanation == "Nothing invested yet."


def test_zero_investment_lines_count_as_no_investment():
    figures = compute_figures(investments=[payroll("0")], returns=[])
    assert figures.roi_percent is None
    assert figures.investment_by_category[0].percent is None
    assert not figures.is_empty


def test_no_return_is_minus_one_hundred_percent():
    figures = compute_figures(investments=[payroll("1000")], returns=[])
    assert figures.total_return == D("0.00")
    assert figures.roi_percent == D("-100.0")
    assert figures.benefit_cost_ratio == D("0.00")
    assert figures.payback_months is None
    assert figures.payback_explanation == "With no return, the investment does not pay back."
    assert figures.roi_explanation.startswith("No return entered yet")


def test_zero_confidence_return_is_explained():
    figures = compute_figures(
        investments=[payroll("1000")], returns=[ReturnItem(ReturnKind.REVENUE, D("500"), 0)]
    )
    assert figures.roi_percent == D("-100.0")
    assert "0% confidence" in figures.roi_explanation


def test_nothing_entered_at_all():
    figures = compute_figures(investments=[], returns=[])
    assert figures.is_empty
    assert figures.net_return == D("0.00")
    assert figures.period_name == "the year"
    assert figures.cost_per_learner is None


def test_cost_per_learner_and_where_learners_came_from():
    figures = compute_figures(
        investments=[payroll("3343240")],
        returns=[],
        learners_reached=4580,
        learners_source=LearnersSource.SEGMENTS,
    )
    assert figures.cost_per_learner == D("729.97")  # 729.9650...
    assert figures.learners_source_label == "from the canvas's learner segments"
    assert cost_per_learner(D("10"), 3) == D("3.33")


def test_zero_or_unknown_learners_give_no_cost_per_learner():
    zero = compute_figures(
        investments=[payroll("100")], returns=[], learners_reached=0, learners_source="hand"
    )
    assert zero.cost_per_learner is None
    assert (
        zero.cost_per_learner_explanation == "No learners reached, so there is no cost per learner."
    )
    unknown = compute_figures(investments=[payroll("100")], returns=[], learners_source="hand")
    assert unknown.learners_source is None
    assert unknown.cost_per_learner_explanation.startswith("Enter how many learners")


def test_ld_staff_per_thousand_employees():
    assert staff_per_thousand(D("9"), 4600) == D("1.96")  # 1.9565...
    assert staff_per_thousand(D("8.5"), 1000) == D("8.50")
    assert staff_per_thousand(None, 4600) is None
    assert staff_per_thousand(D("9"), None) is None
    assert staff_per_thousand(D("9"), 0) is None
    figures = compute_figures(investments=[], returns=[], ld_staff_headcount=D("9"))
    assert figures.ld_staff_per_thousand is None
    assert "both the employee and the L&D staff headcount" in figures.staff_ratio_explanation
    figures = compute_figures(
        investments=[], returns=[], ld_staff_headcount=D("9"), employee_headcount=0
    )
    assert figures.staff_ratio_explanation == "The ratio needs at least one employee."


def test_huge_numbers_stay_exact():
    huge = "999999999999.99"
    figures = compute_figures(
        investments=[payroll(huge)] * 1000 + [sme_time("0.01")],
        returns=[ReturnItem(ReturnKind.REVENUE, D(huge), 100)] * 3000,
        learners_reached=1,
        learners_source="hand",
        employee_headcount=1,
        ld_staff_headcount=D("1000000"),
    )
    assert figures.total_investment == D("999999999999990.01")
    assert figures.total_return == D("2999999999999970.00")
    assert figures.roi_percent == D("200.0")
    assert figures.benefit_cost_ratio == D("3.00")
    assert figures.payback_months == D("4.0")
    assert figures.cost_per_learner == D("999999999999990.01")
    assert figures.ld_staff_per_thousand == D("1000000000.00")
    assert line_cost(hours=D(huge), hourly_rate=D(huge), people=10**9) == D(
        "999999999999980000000000000100000.00"
    )


def test_tiny_investment_huge_return():
    figures = compute_figures(
        investments=[payroll("0.01")], returns=[ReturnItem(ReturnKind.REVENUE, D("1e12"))]
    )
    assert figures.roi_percent == D("9999999999999900.0")
    assert figures.benefit_cost_ratio == D("100000000000000.00")
    assert figures.payback_months == D("0.0")


def test_roi_has_no_tone_without_an_investment():
    figures = compute_figures(investments=[], returns=[ReturnItem(ReturnKind.REVENUE, D("10"))])
    assert (figures.roi_percent, figures.roi_tone) == (None, "")
