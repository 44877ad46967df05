"""Numbers, money, durations and people's names as people read them. The template
filters in core/templatetags/formats.py are thin wrappers over these."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_compact_currency, format_currency

WHOLE_FROM = 10_000  # printed tables drop the cents from here up


def format_money(
    amount: Decimal | None,
    currency: str,
    *,
    compact: bool = False,
    locale: str = "en_US",
    whole_from: int | None = None,
) -> str:
    """Money in the organization's currency: "€1,234.50", or "€1.2M" when compact;
    with `whole_from`, amounts that large or larger lose their cents ("€12,500")."""
    if amount is None:
        return ""
    if whole_from is not None and abs(amount) >= whole_from:
        compact = False
        amount = Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        try:
            return format_currency(
                amount, currency, locale=locale, format="¤#,##0", currency_digits=False
            )
        except (ValueError, KeyError, InvalidOperation):
            return f"{currency} {amount:,}"
    try:
        if compact and abs(amount) >= 10_000:
            return format_compact_currency(
                _half_up_to_compact(amount), currency, locale=locale, fraction_digits=1
            )
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


def _half_up_to_compact(amount: Decimal) -> Decimal:
    """`amount` rounded half up to the compact form's one decimal of its thousands, millions
    or billions (12,450 → 12,500; 3,250,000 → 3,300,000): Babel alone rounds half to even
    ("$3.2M"), unlike every other figure we print."""
    amount = Decimal(amount)
    thousands = (len(str(int(abs(amount)))) - 1) // 3 * 3
    step = Decimal(10) ** (thousands - 1)
    return (amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


def format_signed(value: Decimal | int | None) -> str:
    """A number with its sign: "+17.4", "-23.1", "0.0"; "+2", "0", "-1"."""
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value)


def format_duration(duration: timedelta) -> str:
    """ "15 minutes", "1 hour 30 minutes", "14 days": a setting's length, whole minutes."""
    minutes = max(1, round(duration.total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [
        f"{count} {unit}{'' if count == 1 else 's'}"
        for count, unit in ((days, "day"), (hours, "hour"), (minutes, "minute"))
        if count
    ]
    return " ".join(parts)


FORMER_MEMBER = "a former member"


def person_name(user) -> str:
    """How the product names a person: full name, else username. A record whose author's
    account was deleted keeps the work and names them "a former member"."""
    if user is None:
        return FORMER_MEMBER
    return user.get_full_name() or user.get_username()
