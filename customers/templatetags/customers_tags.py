"""Small display helpers for customer pages."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


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
def feeling_class(value: int) -> str:
    return {-2: "very-low", -1: "low", 0: "neutral", 1: "high", 2: "very-high"}.get(
        int(value), "neutral"
    )


@register.filter
def item(sequence, index: int):
    """`sequence[index]`, for templates."""
    return sequence[index]
