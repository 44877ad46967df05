"""The board's note cards, rendered in one pass.

A board can hold hundreds of notes, and a card is the same few tags each time: rendering
it through the template language costs about as much as everything else on the page. So
the card's markup is here, once (`card_html`), and `{% note_cards notes %}` renders a
whole list with it. A note with something open (its edit form, a conflict panel) goes
through the board template's `note` partial instead, as any single note does.
"""

from django import template
from django.utils.datastructures import DeferredSubDict
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.text import normalize_newlines

register = template.Library()

EDITABLE = (
    '<li class="note note-{colour}" id="note-{pk}" data-v="{version}">'
    '<a class="note-text" id="note-{pk}-text" href="{url}{pk}/"{focus}>'
    '<span class="visually-hidden">Edit note: </span>{text}</a></li>'
)
READ_ONLY = '<li class="note note-{colour}" id="note-{pk}"><p class="note-text">{text}</p></li>'


def card_html(note, *, notes_url: str, editable: bool, focus: bool = False) -> str:
    """One note as the board shows it: its text, its colour, and (for editors) one link,
    to its own page (static/js/board.js opens the edit form in place instead)."""
    text = escape(normalize_newlines(note.text)).replace("\n", "<br>")
    if not editable:
        return READ_ONLY.format(colour=note.colour, pk=note.pk, text=text)
    return EDITABLE.format(
        colour=note.colour,
        pk=note.pk,
        version=note.version,
        url=notes_url,
        focus=" autofocus" if focus else "",
        text=text,
    )


@register.simple_tag(takes_context=True)
def note_card(context, note):
    """`{% note_card note %}`: one note's card (the `note` partial's usual case)."""
    return SafeString(
        card_html(
            note,
            notes_url=context["notes_url"],
            editable=context["membership"].can_edit,
            focus=note.pk == context.get("focus"),
        )
    )


class NoteCardsNode(template.Node):
    def __init__(self, notes, partials):
        self.notes = notes
        self.partials = partials

    def render(self, context):
        notes_url = context["notes_url"]
        editable = context["membership"].can_edit
        focus = context.get("focus")
        special = {context.get("editing"), context.get("stale_pk")} - {None}
        parts = []
        for note in self.notes.resolve(context) or ():
            if note.pk in special:
                with context.push(note=note):
                    parts.append(self.partials["note"].render(context))
            else:
                parts.append(
                    card_html(note, notes_url=notes_url, editable=editable, focus=note.pk == focus)
                )
        return SafeString("".join(parts))


@register.tag
def note_cards(parser, token):
    """`{% note_cards notes %}`: a list's notes as the board shows them."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("note_cards takes one argument: the notes.")
    return NoteCardsNode(
        parser.compile_filter(bits[1]), DeferredSubDict(parser.extra_data, "partials")
    )
