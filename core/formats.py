"""Numbers and money as people read them. The template filters in
core/templatetags/formats.py are thin wrappers over these."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_compact_currency, format_currency


def format_money(
    amount: Decimal | None, currency: str, *, compact: bool = False, locale: str = "en_US"
) -> str:
    """Money in the organization's currency: "€1,234.50", or "€1.2M" when compact."""
    if amount is None:
        return ""
    try:
        if compact and abs(amount) >= 10_000:
            return format_compact_currency(amount, currency, locale=locale, fraction_digits=1)
        if compact:
            return format_currency(
                Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP),
                currency,
                locale=locale,
                format="¤#,##0",
                currency_digits=False,
            )
        return format_currency(amount, currency, locale=locale)
    except (ValueError, KeyError, InvalidOperation):
        # An unusual code Babel doesn't know: still show the number and the code.
        return f"{currency} {amount:,.2f}"


def format_signed(value: Decimal | int | None) -> str:
    """A number with its sign: "+17.4", "-23.1", "0.0"; "+2", "0", "-1"."""
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)
