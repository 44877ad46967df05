from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from canvas.access import get_canvas
from canvas.areas import AREAS, AREAS_BY_KEY
from canvas.forms import CanvasForm, CanvasHeaderForm, MoveForm, NoteAddForm, NoteEditForm
from canvas.models import UNDO_OFFER_SECONDS, Canvas, Note, UndoError
from canvas.printing import canvas_pdf_filename, poster
from canvas.snapshot import snapshot_canvas
from core.hooks import call_hook
from core.pdf import pdf_download
from core.versioning import describe_conflict, rebind_to_current_version
from orgs.access import get_membership, require_editor, require_owner

NOTE_FIELDS = ["text", "colour"]
HEADER_FIELDS = ["title", "description", "value_kinds"]
GONE_MESSAGE = "Someone else deleted this note while you were looking at it."


def org_home(request, org_slug):
    """The organization's canvases, with a form to start a new one."""
    membership = get_membership(request.user, org_slug)
    return _org_home_response(request, membership, CanvasForm())


def _org_home_response(request, membership, form, status=200):
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
    return TemplateResponse(request, "canvas/org_home.html", context, status=status)


@require_POST
def canvas_create(request, org_slug):
    """Create a canvas from the org home form; errors show next to the fields."""
    membership = get_membership(request.user, org_slug)
    require_editor(membership)
    form = CanvasForm(request.POST)
    if not form.is_valid():
        return _org_home_response(request, membership, form, status=422)
    canvas = form.save(commit=False)
    canvas.organization = membership.organization
    canvas.created_by = canvas.updated_by = request.user
    canvas.save()
    messages.success(request, f"“{canvas.title}” is ready. Start with the value proposition.")
    return redirect("board", org_slug=org_slug, canvas_pk=canvas.pk)


# The board and its fragments -------------------------------------------------------------
#
# Every fragment view renders "canvas/board.html#<partial>" for htmx and the whole
# board (with the same form open in place) otherwise, so the page works without
# JavaScript. Invalid input answers 422 and edit conflicts 409, each with the form
# and the user's text (templates/base.html's htmx-config swaps both).


def _context(canvas, membership, **state):
    return {
        "canvas": canvas,
        "membership": membership,
        "org_slug": membership.organization.slug,
        "all_areas": AREAS,
        "undo_offer_seconds": UNDO_OFFER_SECONDS,
        **state,
    }


def _board_page(request, canvas, membership, status=200, **state):
    """The whole board, with the other apps' panels (studio.panels, through a hook)."""
    notes = canvas.notes_by_area()
    panels = call_hook("board_panels", canvas=canvas, membership=membership)
    area_panels = panels.get("area_panels", {})
    areas = [
        {"area": area, "notes": notes[area.key], "panels": area_panels.get(area.key, [])}
        for area in AREAS
    ]
    context = _context(canvas, membership, areas=areas, assess=panels.get("assess"), **state)
    return TemplateResponse(request, "canvas/board.html", context, status=status)


def _fragment(request, canvas, membership, partial, status=200, **state):
    context = _context(canvas, membership, **state)
    return TemplateResponse(request, f"canvas/board.html#{partial}", context, status=status)


def _board_url(canvas, membership, fragment="", **query):
    url = reverse(
        "board", kwargs={"org_slug": membership.organization.slug, "canvas_pk": canvas.pk}
    )
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url + (f"#{fragment}" if fragment else "")


def _get_note(canvas, note_pk) -> Note | None:
    note = canvas.notes.filter(pk=note_pk).select_related("updated_by").first()
    if note is not None:
        note.canvas = canvas
    return note


def _note_gone(request, canvas, membership, note_pk):
    """A note someone else deleted: a clear message in its place, never a 404 swap."""
    if request.htmx:
        return _fragment(request, canvas, membership, "gone", note_pk=note_pk)
    messages.warning(request, GONE_MESSAGE)
    return redirect(_board_url(canvas, membership))


def _area_lists(canvas, *area_keys):
    notes = canvas.notes_in(*area_keys)
    return [{"area": AREAS_BY_KEY[key], "notes": notes[key]} for key in area_keys]


def _moved_response(request, canvas, membership, note, from_area, notice=""):
    """The area lists a move changed: the one it left (the swap target) and the one it
    joined (out of band)."""
    keys = [from_area] if note.area == from_area else [from_area, note.area]
    lists = _area_lists(canvas, *keys)
    return _fragment(
        request,
        canvas,
        membership,
        "moved",
        source=lists[0],
        destination=lists[1] if len(lists) > 1 else None,
        # Up/down keeps focus on the pressed button (htmx restores it by id); a note
        # that changed area takes the focus itself, its "Move to…" panel now closed.
        focus=note.pk if len(lists) > 1 else None,
        notice=notice,
    )


@require_GET
@vary_on_headers("HX-Request")
def board(request, org_slug, canvas_pk):
    """The canvas laid out like a printed canvas: six areas and their notes.

    `?add=<area>` opens that area's add form (how the board works without
    JavaScript); a delete made without JavaScript leaves its undo offer here.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    state = {}
    adding = request.GET.get("add")
    if membership.can_edit and adding in AREAS_BY_KEY:
        state.update(adding=adding, add_form=NoteAddForm(area=adding), focus_add=True)
    undo_token = request.session.pop(f"undo-{canvas.pk}", None)
    if undo_token and membership.can_edit:
        state["undo_token"] = undo_token
    return _board_page(request, canvas, membership, **state)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def note_add(request, org_slug, canvas_pk):
    """Open an area's add form (GET ?area=) or add a note at the end of the area (POST).

    htmx gets the add form back, empty and focused for the next note, with the new
    note appended to the area out of band. Without JavaScript it redirects to the
    board with the form still open.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    data = request.POST if request.method == "POST" else request.GET
    area = data.get("area")
    if area not in AREAS_BY_KEY:
        return _flash_error(request, canvas, membership, "Choose an area for the note.")
    item = {"area": AREAS_BY_KEY[area]}
    if request.method == "GET":
        if data.get("close"):
            if not request.htmx:
                return redirect(_board_url(canvas, membership, f"area-{area}"))
            return _fragment(request, canvas, membership, "add_note", item=item, focus_add=True)
        form = NoteAddForm(area=area)
        if not request.htmx:
            return redirect(_board_url(canvas, membership, f"add-{area}", add=area))
        return _fragment(
            request, canvas, membership, "add_note", item=item, adding=area, add_form=form
        )

    form = NoteAddForm(request.POST, area=area)
    in_place = bool(request.POST.get("in_place"))
    if not form.is_valid():
        if in_place and request.htmx:
            return _fragment(
                request,
                canvas,
                membership,
                "gone",
                status=422,
                note_pk=request.POST["in_place"],
                gone_form=form,
                item=item,
            )
        if request.htmx:
            return _fragment(
                request,
                canvas,
                membership,
                "add_note",
                status=422,
                item=item,
                adding=area,
                add_form=form,
            )
        return _board_page(
            request, canvas, membership, status=422, adding=area, add_form=form, focus_add=True
        )
    note = canvas.add_note(
        area=area,
        text=form.cleaned_data["text"],
        colour=form.cleaned_data["colour"],
        by=request.user,
    )
    if not request.htmx:
        messages.success(request, "Note added.")
        if in_place:
            return redirect(_board_url(canvas, membership, f"note-{note.pk}"))
        return redirect(_board_url(canvas, membership, f"add-{area}", add=area))
    if in_place:
        return _fragment(request, canvas, membership, "note", note=note, focus=note.pk)
    next_form = NoteAddForm(area=area, initial={"colour": form.cleaned_data["colour"]})
    return _fragment(
        request,
        canvas,
        membership,
        "add_note",
        item=item,
        adding=area,
        add_form=next_form,
        new_note=note,
        focus_add=True,
    )


@require_GET
@vary_on_headers("HX-Request")
def note_detail(request, org_slug, canvas_pk, note_pk):
    """One note as the board shows it (what "Cancel" on an edit form brings back)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    note = _get_note(canvas, note_pk)
    if note is None:
        return _note_gone(request, canvas, membership, note_pk)
    if not request.htmx:
        return redirect(_board_url(canvas, membership, f"note-{note.pk}"))
    return _fragment(request, canvas, membership, "note", note=note, focus=note.pk)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def note_edit(request, org_slug, canvas_pk, note_pk):
    """Edit a note's text and colour in place, with the version it was opened at.

    If someone else saved first nothing is overwritten: 409 with the form (the
    user's text, rebased on the current version) beside what is saved now. If
    the note was deleted meanwhile, the form stays with the user's text and
    offers to add it as a new note.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = _get_note(canvas, note_pk)
    if request.method == "GET":
        if note is None:
            return _note_gone(request, canvas, membership, note_pk)
        form = NoteEditForm(note=note, initial={"area": note.area})
        return _edit_response(request, canvas, membership, note, form)

    form = NoteEditForm(request.POST, prefix=f"note-{note_pk}")
    if note is None:
        return _gone_while_editing(request, canvas, membership, note_pk, form)
    if not form.is_valid():
        return _edit_response(request, canvas, membership, note, form, status=422)
    seen_area = form.cleaned_data.get("area") or note.area
    saved = note.edit(
        text=form.cleaned_data["text"],
        colour=form.cleaned_data["colour"],
        expected_version=form.cleaned_data["version"],
        by=request.user,
    )
    if not saved:
        current = _get_note(canvas, note_pk)
        if current is None:
            return _gone_while_editing(request, canvas, membership, note_pk, form)
        conflict = describe_conflict(form, current, NOTE_FIELDS)
        if conflict.rows:
            rebased = rebind_to_current_version(form, current)
            return _edit_response(
                request, canvas, membership, current, rebased, status=409, conflict=conflict
            )
        note = current  # someone saved exactly what this user typed: nothing to choose
    if not request.htmx:
        messages.success(request, "Note saved.")
        return redirect(_board_url(canvas, membership, f"note-{note.pk}"))
    if note.area != seen_area:
        response = _moved_response(
            request,
            canvas,
            membership,
            note,
            seen_area,
            notice=f"Saved. Someone had moved this note to {note.area_name}.",
        )
        return reswap(retarget(response, f"#notes-{seen_area}"), "outerHTML")
    return _fragment(request, canvas, membership, "note", note=note, focus=note.pk)


def _edit_response(request, canvas, membership, note, form, status=200, conflict=None):
    state = {"editing": note.pk, "edit_form": form, "conflict": conflict}
    if request.htmx:
        return _fragment(request, canvas, membership, "note", status=status, note=note, **state)
    return _board_page(request, canvas, membership, status=status, **state)


def _gone_while_editing(request, canvas, membership, note_pk, form):
    """The note was deleted under the user's edit: keep their text, offer to re-add it."""
    area = form.data.get(form.add_prefix("area"))
    if area not in AREAS_BY_KEY:
        area = AREAS[0].key
    gone_form = NoteAddForm(
        area=area,
        prefix=f"add-{area}",
        initial={
            "text": form.data.get(form.add_prefix("text"), ""),
            "colour": form.data.get(form.add_prefix("colour"), ""),
        },
    )
    item = {"area": AREAS_BY_KEY[area]}
    if request.htmx:
        return _fragment(
            request,
            canvas,
            membership,
            "gone",
            status=409,
            note_pk=note_pk,
            gone_form=gone_form,
            item=item,
        )
    messages.warning(
        request, GONE_MESSAGE + " Your text is in the add form: save it as a new note."
    )
    return _board_page(
        request, canvas, membership, status=409, adding=area, add_form=gone_form, focus_add=True
    )


@require_POST
@vary_on_headers("HX-Request")
def note_move(request, org_slug, canvas_pk, note_pk):
    """Move a note one step up or down, or to a position in an area (drag and drop,
    the "move to" control). htmx gets back the changed area lists."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = _get_note(canvas, note_pk)
    if note is None:
        return _gone_response(request, canvas, membership, note_pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return _flash_error(
            request, canvas, membership, "That move wasn't understood; nothing changed.", note
        )
    from_area = note.area
    direction = form.cleaned_data["direction"]
    try:
        if direction in ("up", "down"):
            note.nudge(steps=-1 if direction == "up" else 1, by=request.user)
        else:
            note.move_to(
                area=form.cleaned_data["area"],
                position=form.cleaned_data.get("position"),
                by=request.user,
            )
    except Note.DoesNotExist:
        return _gone_response(request, canvas, membership, note_pk)
    if not request.htmx:
        messages.success(request, f"Moved to {note.area_name}, place {note.position + 1}.")
        return redirect(_board_url(canvas, membership, f"note-{note.pk}"))
    return _moved_response(request, canvas, membership, note, from_area)


def _flash_error(request, canvas, membership, message, note=None, status=422):
    """A request that can't be carried out: a message, and nothing changes."""
    if request.htmx:
        response = _fragment(request, canvas, membership, "flash", status=status, notice=message)
        return reswap(retarget(response, "#messages"), "beforeend")
    messages.error(request, message)
    return redirect(_board_url(canvas, membership, f"note-{note.pk}" if note else ""))


def _gone_response(request, canvas, membership, note_pk):
    response = _note_gone(request, canvas, membership, note_pk)
    if request.htmx:
        reswap(retarget(response, f"#note-{note_pk}"), "outerHTML")
    return response


@require_POST
@vary_on_headers("HX-Request")
def note_delete(request, org_slug, canvas_pk, note_pk):
    """Delete a note, leaving an "Undo" in its place for a few seconds."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = _get_note(canvas, note_pk)
    if note is None:
        return _gone_response(request, canvas, membership, note_pk)
    try:
        token = note.remove(by=request.user)
    except Note.DoesNotExist:
        return _gone_response(request, canvas, membership, note_pk)
    if not request.htmx:
        request.session[f"undo-{canvas.pk}"] = token
        return redirect(_board_url(canvas, membership, "undo"))
    return _fragment(
        request, canvas, membership, "undo", note_pk=note_pk, undo_token=token, focus_undo=True
    )


@require_POST
@vary_on_headers("HX-Request")
def note_undo(request, org_slug, canvas_pk):
    """Bring a deleted note back in its place, with its text and colour."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    try:
        note = canvas.restore_note(token=request.POST.get("token", ""), by=request.user)
    except UndoError as error:
        return _flash_error(request, canvas, membership, str(error), status=409)
    if not request.htmx:
        messages.success(request, "The note is back.")
        return redirect(_board_url(canvas, membership, f"note-{note.pk}"))
    return _fragment(request, canvas, membership, "note", note=note, focus=note.pk)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def canvas_edit(request, org_slug, canvas_pk):
    """Rename the canvas and edit its description and value kinds in place,
    with the same version check as notes."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    if request.method == "GET":
        if request.GET.get("close"):
            if not request.htmx:
                return redirect(_board_url(canvas, membership))
            return _fragment(request, canvas, membership, "header", focus_header=True)
        return _header_response(request, canvas, membership, CanvasHeaderForm(instance=canvas))
    form = CanvasHeaderForm(request.POST, instance=Canvas(pk=canvas.pk))
    if not form.is_valid():
        return _header_response(request, canvas, membership, form, status=422)
    saved = canvas.edit_header(
        title=form.cleaned_data["title"],
        description=form.cleaned_data["description"],
        value_kinds=form.cleaned_data["value_kinds"],
        expected_version=form.cleaned_data["version"],
        by=request.user,
    )
    if not saved:
        current = Canvas.objects.select_related("updated_by").filter(pk=canvas.pk).first()
        if current is None:
            return _canvas_deleted_meanwhile(request, canvas, membership)
        conflict = describe_conflict(form, current, HEADER_FIELDS)
        if conflict.rows:
            rebased = rebind_to_current_version(form, current)
            return _header_response(
                request, current, membership, rebased, status=409, conflict=conflict
            )
        canvas = current
    if not request.htmx:
        messages.success(request, "Canvas details saved.")
        return redirect(_board_url(canvas, membership))
    # The value kinds may have changed: the segments' alignment warnings follow out of band.
    segments = call_hook("board_segments", canvas=canvas)
    return _fragment(
        request, canvas, membership, "header", focus_header=True, header_saved=True, **segments
    )


CANVAS_DELETED_MESSAGE = (
    "An owner deleted this canvas while you were editing, so nothing was saved. "
    "Copy your text now if you want to keep it."
)


def _canvas_deleted_meanwhile(request, canvas, membership):
    """The form stays on the page with the user's text; the message says why it can't save."""
    if request.htmx:
        response = _fragment(
            request, canvas, membership, "flash", status=404, notice=CANVAS_DELETED_MESSAGE
        )
        return reswap(retarget(response, "#messages"), "beforeend")
    messages.error(request, CANVAS_DELETED_MESSAGE)
    return redirect("org_home", org_slug=membership.organization.slug)


def _header_response(request, canvas, membership, form, status=200, conflict=None):
    state = {"header_form": form, "header_conflict": conflict}
    if request.htmx:
        return _fragment(request, canvas, membership, "header", status=status, **state)
    return _board_page(request, canvas, membership, status=status, **state)


@require_http_methods(["GET", "POST"])
def canvas_delete(request, org_slug, canvas_pk):
    """Ask for confirmation, then delete a canvas (owners only)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    require_owner(membership, "delete canvases")
    if request.method == "POST":
        title = canvas.title
        canvas.delete()
        messages.success(request, f"Deleted “{title}”.")
        return redirect("org_home", org_slug=org_slug)
    note_count = canvas.notes.count()
    return TemplateResponse(
        request,
        "canvas/delete.html",
        {"canvas": canvas, "membership": membership, "note_count": note_count},
    )


# Printing ----------------------------------------------------------------------------------

PAPER_SIZES = ("a4", "a3")


@require_safe
def canvas_pdf(request, org_slug, canvas_pk):
    """The canvas as it stands, on A4 landscape (or A3 with `?size=a3`); any member."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    size = request.GET.get("size", "a4").lower()
    if size not in PAPER_SIZES:
        size = "a4"
    context = {
        "organization": membership.organization,
        "canvas": canvas,
        "poster": poster(snapshot_canvas(canvas)),
        "a3": size == "a3",
    }
    filename = canvas_pdf_filename(
        organization_name=membership.organization.name,
        title=canvas.title,
        day=timezone.localdate(),
    )
    return pdf_download(request, "pdf/canvas.html", context, filename=filename)
