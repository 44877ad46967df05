"""`{% load formats %}`: the one set of number, money and name filters every page uses."""

from decimal import Decimal

from django import template
from django.utils.translation import get_language, to_locale

from core.formats import WHOLE_FROM, format_money, format_signed, person_name

register = template.Library()


def _locale() -> str:
    return to_locale(get_language() or "en-us")


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """`{{ amount|money:currency }}`: "€12,500.00"."""
    return format_money(amount, currency, locale=_locale())


@register.filter
def money_print(amount: Decimal | None, currency: str) -> str:
    """`{{ amount|money_print:currency }}` in printed tables: "€3,200,000", "€950.50"."""
    return format_money(amount, currency, locale=_locale(), whole_from=WHOLE_FROM)


@register.filter
def money_short(amount: Decimal | None, currency: str) -> str:
    """`{{ amount|money_short:currency }}`: "€12,500" or "€3.3M", for headlines."""
    return format_money(amount, currency, compact=True, locale=_locale())


@register.filter
def signed(value: Decimal | int | None) -> str:
    """`{{ value|signed }}`: "+17.4", "-23.1", "0.0" (or "+2", "0", "-1" for whole numbers)."""
    return format_signed(value)


@register.filter
def person(user) -> str:
    """`{{ note.updated_by|person }}`: "Olivia Brown", or "a former member" if deleted."""
    return person_name(user)
