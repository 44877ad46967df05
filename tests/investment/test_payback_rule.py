"""Payback shows only when the year's return covers the investment, and says what it means."""

from decimal import Decimal

from investment.figures import payback_months


def test_no_payback_when_the_return_falls_short_of_the_investment():
    # ROI -9.9%: never printed beside "pays back in 13.3 months".
    assert payback_months(Decimal("901"), Decimal("1000"), period_is_year=True) is None


def test_payback_within_the_year():
    assert payback_months(Decimal("2000"), Decimal("1000"), period_is_year=True) == Decimal("6.0")
    assert payback_months(Decimal("1000"), Decimal("1000"), period_is_year=True) == Decimal("12.0")
    assert payback_months(Decimal("2000"), Decimal("1000"), period_is_year=False) is None
