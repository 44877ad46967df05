"""Printed tables: money without cents from 10,000 up."""

from decimal import Decimal

from core.formats import WHOLE_FROM, format_money


def test_large_amounts_print_without_cents_and_small_ones_with():
    assert format_money(Decimal("3200000"), "USD", whole_from=WHOLE_FROM) == "$3,200,000"
    assert format_money(Decimal("12500.50"), "EUR", whole_from=WHOLE_FROM) == "€12,501"
    assert format_money(Decimal("9999.50"), "USD", whole_from=WHOLE_FROM) == "$9,999.50"
    assert format_money(Decimal("-25000"), "USD", whole_from=WHOLE_FROM) == "-$25,000"
    assert format_money(Decimal("3200000"), "USD") == "$3,200,000.00"  # screens unchanged
