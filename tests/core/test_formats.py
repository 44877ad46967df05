"""Numbers and money as every page shows them (core/formats.py and its filters)."""

from decimal import Decimal as D

from django.template import Context, Template

from core.formats import format_money, format_signed


def test_money_is_formatted_in_the_organizations_currency():
    assert format_money(D("1234567.5"), "EUR") == "€1,234,567.50"
    assert format_money(D("-12345"), "GBP") == "-£12,345.00"
    assert format_money(D("3343240"), "USD", compact=True) == "$3.3M"
    assert format_money(D("1234.56"), "USD", compact=True) == "$1,235"
    assert format_money(D("12"), "JPY") == "¥12"
    assert format_money(None, "USD") == ""


def test_compact_money_rounds_half_up_as_every_other_figure():
    assert format_money(D("3250000"), "USD", compact=True) == "$3.3M"
    assert format_money(D("2450000"), "USD", compact=True) == "$2.5M"
    assert format_money(D("3249999.99"), "USD", compact=True) == "$3.2M"
    assert format_money(D("12450"), "USD", compact=True) == "$12.5K"
    assert format_money(D("-12450"), "USD", compact=True) == "-$12.5K"
    assert format_money(D("999950"), "USD", compact=True) == "$1M"


def test_signed_numbers_carry_their_sign():
    assert format_signed(D("17.4")) == "+17.4"
    assert format_signed(D("-23.1")) == "-23.1"
    assert format_signed(D("0.0")) == "0.0"
    assert format_signed(2) == "+2"
    assert format_signed(0) == "0"
    assert format_signed(-1) == "-1"
    assert format_signed(None) == ""


def test_filters_are_the_same_functions_in_templates():
    template = Template(
        "{% load formats %}{{ a|money:'EUR' }} {{ b|money_short:'USD' }} {{ c|signed }}"
    )
    rendered = template.render(Context({"a": D("1234.5"), "b": D("3343240"), "c": D("4.2")}))
    assert rendered == "€1,234.50 $3.3M +4.2"
