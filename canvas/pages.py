"""The canvas pages' answers: the org home, the whole board, its fragments, and what
each edit outcome shows.

Every fragment renders "canvas/board.html#<partial>" for htmx, and the whole
board (with the same form open in place) otherwise, so the board works
without JavaScript. Invalid input answers 422 and edit conflicts 409, each
with the form and the user's text (templates/base.html's htmx-config swaps
both). The panels from other apps come from studio through a hook.
"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats

from canvas.areas import AREAS, AREAS_BY_KEY
from canvas.forms import NoteAddForm, NoteEditForm, TrashSelectionForm
from canvas.live import live_state, notes_url
from canvas.models import Canvas, Note, NoteColour
from canvas.panels import board_panels
from canvas.services import NOTE_UNDO
from canvas.trash import contents, purge_date, trash_days
from core.htmx import retarget, tell
from core.versioning import describe_stale_action, posted_values

GONE_MESSAGE = "Someone else deleted this note while you were looking at it."
CANVAS_DELETED_MESSAGE = (
    "An owner deleted this canvas while you were editing, so nothing was saved. "
    "Copy your text now if you want to keep it."
)


def org_home_page(request, membership, form, status=200):
    """The organization's canvases, each with how many notes each area holds (two queries)."""
    canvases = list(
        Canvas.objects.filter(organization=membership.organization).select_related("updated_by")
    )
    counts = (
        Note.objects.filter(canvas__in=canvases)
        .values_list("canvas_id", "area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    filled = {}
    for canvas_id, area, n in counts:
        filled.setdefault(canvas_id, {})[area] = n
    for canvas in canvases:
        canvas.completeness = [
            {"area": area, "count": filled.get(canvas.pk, {}).get(area.key, 0)} for area in AREAS
        ]
        canvas.filled_areas = sum(1 for cell in canvas.completeness if cell["count"])
    context = {"membership": membership, "canvases": canvases, "form": form, "areas": AREAS}
    if membership.is_owner:
        context["trash_count"] = (
            Canvas.everything.trashed().filter(organization=membership.organization).count()
        )
    return TemplateResponse(request, "canvas/org_home.html", context, status=status)


# Deleting and the trash ---------------------------------------------------------------------


def delete_page(request, canvas, membership):
    """The delete confirmation: what goes to the trash with the canvas, counted."""
    context = {
        "canvas": canvas,
        "membership": membership,
        "contents": contents([canvas])[canvas.pk],
        "trash_days": trash_days(),
    }
    return TemplateResponse(request, "canvas/delete.html", context)


def trashed_message(canvas) -> str:
    day = formats.date_format(purge_date(canvas), "j F Y")
    return (
        f"“{canvas.title}” is in the trash. An owner can restore it, with everything on it, "
        f"until {day}."
    )


def trash_page(request, membership):
    """The organization's trash, most recently deleted first, each canvas with what it holds
    and the day it goes for good (a fixed number of queries)."""
    canvases = list(
        Canvas.everything.trashed()
        .filter(organization=membership.organization)
        .select_related("trashed_by")
        .order_by("-trashed_at", "-pk")
    )
    held = contents(canvases)
    for canvas in canvases:
        canvas.contents = held[canvas.pk]
        canvas.purge_date = purge_date(canvas)
    context = {"membership": membership, "canvases": canvases, "trash_days": trash_days()}
    return TemplateResponse(request, "canvas/trash.html", context)


def delete_for_good_page(request, membership, canvases, *, everything=False):
    """Confirm deleting canvases of the trash for good: one, or the whole trash."""
    held = contents(canvases)
    for canvas in canvases:
        canvas.contents = held[canvas.pk]
    context = {
        "membership": membership,
        "canvases": canvases,
        "everything": everything,
        "form": TrashSelectionForm(initial={"canvas": [canvas.pk for canvas in canvases]}),
    }
    return TemplateResponse(request, "canvas/delete_for_good.html", context)


def emptied_message(titles: list[str]) -> str:
    if not titles:
        return "Nothing was deleted: those canvases were no longer in the trash."
    if len(titles) == 1:
        return f"“{titles[0]}” is deleted for good."
    return f"{len(titles)} canvases are deleted for good."


def _context(canvas, membership, **state):
    slug = membership.organization.slug
    return {
        "canvas": canvas,
        "membership": membership,
        "org_slug": slug,
        "notes_url": notes_url(slug, canvas.pk),
        "all_areas": AREAS,
        "colours": NoteColour.choices,
        "undo_offer_seconds": NOTE_UNDO.offer_seconds,
        # Looked up for every note: found at once, not searched for through the context.
        "editing": None,
        "stale_pk": None,
        "focus": None,
        **state,
    }


def board_page(request, canvas, membership, status=200, **state):
    """The whole board, with the other apps' panels (studio.panels, through a hook), and
    what its live updates need (canvas/live.py)."""
    state.setdefault("live", live_state(request, canvas, membership))
    notes = canvas.cards()
    panels = board_panels(request, canvas, membership)
    areas = [
        {"area": area, "notes": notes[area.key], "panels_html": panels.areas[area.key]}
        for area in AREAS
    ]
    context = _context(
        canvas, membership, areas=areas, assess=panels.assess, links=panels.links, **state
    )
    return TemplateResponse(request, "canvas/board.html", context, status=status)


def fragment(request, canvas, membership, partial, status=200, **state):
    context = _context(canvas, membership, **state)
    return TemplateResponse(request, f"canvas/board.html#{partial}", context, status=status)


def url(canvas, membership, anchor="", **query):
    """The board's address, with an optional query and #anchor."""
    address = reverse(
        "board", kwargs={"org_slug": membership.organization.slug, "canvas_pk": canvas.pk}
    )
    if query:
        address += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return address + (f"#{anchor}" if anchor else "")


def get_note(canvas, note_pk) -> Note | None:
    note = canvas.notes.filter(pk=note_pk).select_related("updated_by").first()
    if note is not None:
        note.canvas = canvas
    return note


def note_gone(request, canvas, membership, note_pk, *, in_place=False):
    """A note someone else deleted: a clear message in its place, never a 404 swap.

    `in_place` retargets the answer to the note (for buttons that swap something else)."""
    if not request.htmx:
        messages.warning(request, GONE_MESSAGE)
        return redirect(url(canvas, membership))
    response = fragment(request, canvas, membership, "gone", note_pk=note_pk)
    return retarget(response, f"#note-{note_pk}") if in_place else response


def refused(request, canvas, membership, message, note=None, status=422):
    """A request that can't be carried out: a message, and nothing changes."""
    to = url(canvas, membership, f"note-{note.pk}" if note else "")
    return tell(request, message, to=to, level="error", status=status)


def canvas_deleted(request, membership):
    """The canvas was deleted under an edit: the form stays on the page with the user's text."""
    to = reverse("org_home", kwargs={"org_slug": membership.organization.slug})
    return tell(request, CANVAS_DELETED_MESSAGE, to=to, level="error", status=404)


def add_form_response(request, canvas, membership, area, form, *, in_place="", status=200):
    """The add form of an area (empty, with errors, or closed when `form` is None), or, for
    an "add it back" form that replaced a deleted note, that form in the note's place."""
    item = {"area": AREAS_BY_KEY[area]}
    if form is None:  # closed: the area's "+ Add a note" link again
        return fragment(request, canvas, membership, "add_note", item=item, focus_add=True)
    if in_place and request.htmx:
        state = {"note_pk": in_place, "gone_form": form, "item": item}
        return fragment(request, canvas, membership, "gone", status=status, **state)
    if request.htmx:
        state = {"item": item, "adding": area, "add_form": form}
        return fragment(request, canvas, membership, "add_note", status=status, **state)
    state = {"adding": area, "add_form": form, "focus_add": True}
    return board_page(request, canvas, membership, status=status, **state)


def added(request, canvas, membership, note, form, *, in_place=False):
    """After a note was added: htmx gets the area's add form back, empty and focused for the
    next note (in the last colour), with the new note appended out of band."""
    if not request.htmx:
        messages.success(request, "Note added.")
        if in_place:
            return redirect(url(canvas, membership, f"note-{note.pk}"))
        return redirect(url(canvas, membership, f"add-{note.area}", add=note.area))
    if in_place:
        return fragment(request, canvas, membership, "note", note=note, focus=note.pk)
    next_form = NoteAddForm(area=note.area, initial={"colour": form.cleaned_data["colour"]})
    state = {"item": {"area": AREAS_BY_KEY[note.area]}, "adding": note.area}
    state.update(add_form=next_form, new_note=note, focus_add=True)
    return fragment(request, canvas, membership, "add_note", **state)


def editing(request, canvas, membership, note, form, status=200, conflict=None):
    """A note's edit form (with the conflict panel after a stale save)."""
    state = {"editing": note.pk, "edit_form": form, "conflict": conflict}
    if request.htmx:
        return fragment(request, canvas, membership, "note", status=status, note=note, **state)
    return board_page(request, canvas, membership, status=status, **state)


def gone_while_editing(request, canvas, membership, note_pk, form):
    """The note was deleted under the user's edit: keep their text, offer to re-add it."""
    typed = posted_values(form)
    area = typed.get("area") if typed.get("area") in AREAS_BY_KEY else AREAS[0].key
    initial = {"text": typed.get("text", ""), "colour": typed.get("colour", "")}
    gone_form = NoteAddForm(area=area, prefix=f"add-{area}", initial=initial)
    if request.htmx:
        state = {"note_pk": note_pk, "gone_form": gone_form, "item": {"area": AREAS_BY_KEY[area]}}
        return fragment(request, canvas, membership, "gone", status=409, **state)
    messages.warning(
        request, GONE_MESSAGE + " Your text is in the add form: save it as a new note."
    )
    state = {"adding": area, "add_form": gone_form, "focus_add": True}
    return board_page(request, canvas, membership, status=409, **state)


UNDO_WORDS = {"edit": "Note saved.", "colour": "Colour changed.", "move": "Note moved."}


def _undo_offer(request, canvas, token: str, done: str) -> dict | None:
    """The "Undo" a person gets for their last change: in the page for htmx, and kept in
    the session for the next board page without JavaScript."""
    if not token:
        return None
    offer = {"token": token, "done": done}
    if not request.htmx:
        request.session[f"undo-{canvas.pk}"] = offer
    return offer


def saved(request, canvas, membership, note, seen_area, *, undo_token="", done=UNDO_WORDS["edit"]):
    """After a save: the note as the board shows it, or, if someone had moved it to another
    area meanwhile, both areas' lists with a word about it; with an "Undo" for the save."""
    offer = _undo_offer(request, canvas, undo_token, done)
    if not request.htmx:
        messages.success(request, done)
        return redirect(url(canvas, membership, f"note-{note.pk}"))
    if note.area != seen_area:
        notice = f"Saved. Someone had moved this note to {note.area_name}."
        response = moved(
            request, canvas, membership, note, seen_area, notice=notice, undo_offer=offer
        )
        return retarget(response, f"#notes-{seen_area}")
    return fragment(
        request, canvas, membership, "saved", note=note, focus=note.pk, undo_offer=offer
    )


def moved(
    request,
    canvas,
    membership,
    note,
    from_area,
    notice="",
    status=200,
    *,
    undo_offer=None,
    focus=None,
    clear_undo=False,
    **state,
):
    """The area lists a move changed: the one it left (the swap target) and the one it
    joined (out of band), with the "Undo" for it."""
    keys = [from_area] if note.area == from_area else [from_area, note.area]
    if state:  # a stale move: the note's own area is the swap target
        keys.reverse()
    notes = canvas.cards(*keys)
    lists = [{"area": AREAS_BY_KEY[key], "notes": notes[key]} for key in keys]
    if focus is None and len(lists) > 1 and not state:
        # Up/down keeps focus on the pressed button (static/js/board.js puts it back); a
        # note that changed area takes the focus itself, its "Move to…" panel now closed.
        focus = note.pk
    return fragment(
        request,
        canvas,
        membership,
        "moved",
        source=lists[0],
        destination=lists[1] if len(lists) > 1 else None,
        focus=focus,
        notice=notice,
        status=status,
        undo_offer=undo_offer,
        clear_undo=clear_undo,
        **state,
    )


def moved_by_person(request, canvas, membership, note, from_area, undo_token):
    """After someone moved a note: the lists for htmx, else back to the note on the board."""
    offer = _undo_offer(request, canvas, undo_token, UNDO_WORDS["move"])
    if not request.htmx:
        messages.success(request, f"Moved to {note.area_name}, place {note.position + 1}.")
        return redirect(url(canvas, membership, f"note-{note.pk}"))
    return moved(request, canvas, membership, note, from_area, undo_offer=offer)


def undone(request, canvas, membership, undone):
    """After an undo: a deleted note back in its place (htmx swaps it for its "Undo"), or
    the lists an undone edit or move changed, with the board's "Undo" cleared."""
    note = undone.note
    if not request.htmx:
        messages.success(request, "Undone.")
        return redirect(url(canvas, membership, f"note-{note.pk}"))
    if undone.restored:
        return fragment(request, canvas, membership, "note", note=note, focus=note.pk)
    response = moved(
        request, canvas, membership, note, undone.from_area, focus=note.pk, clear_undo=True
    )
    return retarget(response, f"#notes-{undone.from_area}")


def note_page(request, canvas, membership, note, status=200):
    """A note's own page: what the board's link opens without JavaScript, with editing,
    moving and deleting as plain forms (read-only for viewers)."""
    form = NoteEditForm(note=note)
    form.fields["text"].widget.attrs.pop("autofocus", None)  # the page has more than this form
    form.fields["text"].help_text = ""  # the board's keyboard shortcuts need JavaScript
    context = _context(
        canvas,
        membership,
        note=note,
        edit_form=form,
        board_url=url(canvas, membership, f"note-{note.pk}"),
    )
    return TemplateResponse(request, "canvas/note.html", context, status=status)


def _stale(canvas, membership, note, *, action, ahead_url, posted, ahead_target):
    """The conflict panel of a stale delete or move of `note` (as stored now)."""
    slug = membership.organization.slug
    keep_hx = reverse(
        "note_detail", kwargs={"org_slug": slug, "canvas_pk": canvas.pk, "note_pk": note.pk}
    )
    return describe_stale_action(
        NoteEditForm(note=note),
        note,
        action=action,
        noun="note",
        keep=(url(canvas, membership, f"note-{note.pk}"), keep_hx, f"#note-{note.pk}"),
        ahead=(ahead_url, posted, ahead_target),
    )


def stale_delete(request, canvas, membership, note):
    """A delete of a note someone changed since this person saw it: nothing was deleted;
    the note as it reads now, in its place, to keep or to delete anyway (409)."""
    return _stale_in_place(
        request, canvas, membership, note, action="delete", url_name="note_delete"
    )


def stale_recolour(request, canvas, membership, note, colour):
    """A new colour for a note someone changed since this person saw it: nothing changed;
    the note as it reads now, in its place, to keep or to recolour anyway (409)."""
    return _stale_in_place(
        request,
        canvas,
        membership,
        note,
        action="recolour",
        url_name="note_colour",
        posted={"colour": colour},
    )


def _stale_in_place(request, canvas, membership, note, *, action, url_name, posted=None):
    note.canvas = canvas
    ahead_url = reverse(
        url_name,
        kwargs={
            "org_slug": membership.organization.slug,
            "canvas_pk": canvas.pk,
            "note_pk": note.pk,
        },
    )
    stale = _stale(
        canvas,
        membership,
        note,
        action=action,
        ahead_url=ahead_url,
        posted=posted or {},
        ahead_target=f"#note-{note.pk}",
    )
    state = {"stale_pk": note.pk, "stale": stale}
    if not request.htmx:
        return board_page(request, canvas, membership, status=409, **state)
    response = fragment(request, canvas, membership, "note", status=409, note=note, **state)
    return retarget(response, f"#note-{note.pk}")


def stale_move(request, canvas, membership, note, form):
    """A move of a note someone changed since this person saw it: nothing moved; the
    note's area as stored, with the note as it reads now and the choice (409). The area
    the person asked for comes too (out of band), so a dragged note goes back."""
    note.canvas = canvas
    ahead_url = reverse(
        "note_move",
        kwargs={
            "org_slug": membership.organization.slug,
            "canvas_pk": canvas.pk,
            "note_pk": note.pk,
        },
    )
    posted = {
        name: form.cleaned_data[name]
        for name in ("direction", "area", "position")
        if form.cleaned_data.get(name) not in (None, "")
    }
    stale = _stale(
        canvas,
        membership,
        note,
        action="move",
        ahead_url=ahead_url,
        posted=posted,
        ahead_target=f"#notes-{note.area}",
    )
    state = {"stale_pk": note.pk, "stale": stale}
    if not request.htmx:
        return board_page(request, canvas, membership, status=409, **state)
    asked = form.cleaned_data.get("area") or note.area
    response = moved(request, canvas, membership, note, asked, status=409, **state)
    return retarget(response, f"#notes-{note.area}")


def header(request, canvas, membership, form=None, status=200, conflict=None, **state):
    """The board's title block: as shown, or its edit form (with a conflict panel)."""
    state.update(header_form=form, header_conflict=conflict)
    if request.htmx:
        return fragment(request, canvas, membership, "header", status=status, **state)
    return board_page(request, canvas, membership, status=status, **state)
