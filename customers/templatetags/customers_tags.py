"""Customer data for the board, and small display helpers for customer pages."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from customers.alignment import SegmentExpectation, value_alignment
from customers.models import Segment
from scorecard.investment import format_money

register = template.Library()


@register.simple_tag
def board_customers(canvas) -> dict:
    """The canvas's segments (name, kind, headcount) and value-alignment warnings.

    One query, whatever the number of segments.
    """
    if canvas is None or canvas.pk is None:
        return {"segments": [], "mismatches": []}
    segments = list(
        Segment.objects.filter(canvas_id=canvas.pk)
        .only("pk", "name", "kind", "headcount", "expected_value", "position")
        .order_by("position", "pk")
    )
    mismatches = value_alignment(
        canvas.value_kinds,
        [SegmentExpectation(segment.name, segment.expected_kinds) for segment in segments],
    )
    return {"segments": segments, "mismatches": mismatches}


@register.simple_tag
def rating(value: int | None, words: str = ""):
    """A 1-5 rating as five dots, readable by screen readers."""
    if value is None:
        return mark_safe('<span class="muted">Not rated yet</span>')
    dots = "".join(
        '<span class="dot{}"></span>'.format(" on" if n <= value else "") for n in range(1, 6)
    )
    word = words.split("·")[-1].strip() if words else ""
    return format_html(
        '<span class="rating" role="img" aria-label="{} of 5">{}</span> <span class="rating-word">{}</span>',
        value,
        mark_safe(dots),  # built above from constants only
        word,
    )


@register.filter
def money(amount: Decimal | None, currency: str = "USD") -> str:
    """An amount in the organization's currency, e.g. "€1,234.50" (as investment & return shows it)."""
    return format_money(amount, currency or "USD")


@register.filter
def lines(text: str) -> list[str]:
    """Non-empty lines of a text, stripped (goals, challenges... are one per line)."""
    return [line.strip(" \t-•*") for line in (text or "").splitlines() if line.strip(" \t-•*")]


@register.filter
def portrait_sections(persona) -> list[tuple[str, str, str]]:
    """The list sections of a persona's portrait: (title, text, what to say when empty)."""
    return [
        ("Goals", persona.goals, "No goals written down yet."),
        ("Challenges", persona.challenges, "No challenges written down yet."),
        ("How to reach them", persona.channels, "No channels written down yet."),
        ("Who they are not", persona.not_them, "Nothing ruled out yet."),
    ]


@register.filter
def signed(value: int) -> str:
    """A feeling with its sign: "+2", "0", "−1"."""
    value = int(value)
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"−{-value}"
    return "0"


@register.filter
def feeling_class(value: int) -> str:
    return {-2: "very-low", -1: "low", 0: "neutral", 1: "high", 2: "very-high"}.get(
        int(value), "neutral"
    )


@register.filter
def item(sequence, index: int):
    """`sequence[index]`, for templates."""
    return sequence[index]
