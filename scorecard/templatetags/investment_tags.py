"""Template helpers for investment & return: money in the organization's currency,
and the board's headline figures for a whole canvas in a constant number of queries."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language, to_locale

from scorecard.investment import Figures, format_money
from scorecard.investment_services import investment_summary

register = template.Library()


def _locale() -> str:
    return to_locale(get_language() or "en-us")


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """`{{ amount|money:currency }}`: "€12,500.00"."""
    return format_money(amount, currency, locale=_locale())


@register.filter
def money_short(amount: Decimal | None, currency: str) -> str:
    """`{{ amount|money_short:currency }}`: "€12,500" or "€3.3M", for headlines."""
    return format_money(amount, currency, compact=True, locale=_locale())


@register.filter
def signed(value: Decimal | None) -> str:
    """A percentage with its sign: "+17.4", "-23.1", "0.0"."""
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


@register.simple_tag
def investment_figures(canvas) -> Figures:
    """`{% investment_figures canvas as figures %}`: the canvas's investment & return figures."""
    return investment_summary(canvas)
