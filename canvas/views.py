"""The canvas pages: the organization's canvases, the board, its notes and header, the
trash, printing.

Each view checks access, validates a form, calls a service (canvas/services.py)
and answers through canvas/pages.py, which knows what each outcome shows.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)
from django.views.decorators.vary import vary_on_headers

from canvas import live, pages, services
from canvas.access import get_canvas, get_trashed_canvas
from canvas.areas import AREAS_BY_KEY
from canvas.forms import (
    CanvasForm,
    CanvasHeaderForm,
    ColourForm,
    MoveForm,
    NoteAddForm,
    NoteEditForm,
    TrashSelectionForm,
)
from canvas.models import Canvas
from canvas.printing import PAPERS, poster_pdf_filename, poster_sheets
from canvas.snapshot import snapshot_canvas
from core.hooks import call_hook
from core.pdf import pdf_download
from core.undo import UndoError
from core.versioning import Outcome, VersionForm, edit_record, saving
from orgs.access import get_membership, require_editor, require_owner


def org_home(request, org_slug):
    """The organization's canvases, with a form to start a new one."""
    membership = get_membership(request.user, org_slug)
    return pages.org_home_page(request, membership, CanvasForm())


@require_POST
def canvas_create(request, org_slug):
    """Create a canvas from the org home form; errors show next to the fields."""
    membership = get_membership(request.user, org_slug)
    require_editor(membership)
    form = CanvasForm(request.POST)
    if not form.is_valid():
        return pages.org_home_page(request, membership, form, status=422)
    canvas = services.create_canvas(
        organization=membership.organization, by=request.user, **form.cleaned_data
    )
    messages.success(request, f"“{canvas.title}” is ready. Start with the value proposition.")
    return redirect("board", org_slug=org_slug, canvas_pk=canvas.pk)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def note_add(request, org_slug, canvas_pk):
    """Open an area's add form (GET ?area=, or close it with &close=1), or add a note at
    the end of the area (POST). Without JavaScript it redirects to the pages."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    data = request.POST if request.method == "POST" else request.GET
    area = data.get("area")
    if area not in AREAS_BY_KEY:
        return pages.refused(request, canvas, membership, "Choose an area for the note.")
    if request.method == "GET" and not request.htmx:
        query = {} if data.get("close") else {"add": area}
        anchor = f"area-{area}" if data.get("close") else f"add-{area}"
        return redirect(pages.url(canvas, membership, anchor, **query))
    if request.method == "GET":
        form = None if data.get("close") else NoteAddForm(area=area)
        return pages.add_form_response(request, canvas, membership, area, form)
    form = NoteAddForm(request.POST, area=area)
    in_place = request.POST.get("in_place", "")
    if not form.is_valid():
        return pages.add_form_response(
            request, canvas, membership, area, form, in_place=in_place, status=422
        )
    note = services.add_note(canvas=canvas, area=area, by=request.user, **form.cleaned_data)
    return pages.added(request, canvas, membership, note, form, in_place=bool(in_place))


@require_GET
@vary_on_headers("HX-Request")
def note_detail(request, org_slug, canvas_pk, note_pk):
    """A note's own page, where its link on the board leads without JavaScript: edit, move
    and delete as plain forms. For htmx, the note as the board shows it (what "Cancel" on
    an edit form brings back)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    note = pages.get_note(canvas, note_pk)
    if note is None:
        return pages.note_gone(request, canvas, membership, note_pk)
    if not request.htmx:
        return pages.note_page(request, canvas, membership, note)
    return pages.fragment(request, canvas, membership, "note", note=note, focus=note.pk)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def note_edit(request, org_slug, canvas_pk, note_pk):
    """Edit a note's text and colour in place, with the version it was opened at.

    A stale save answers 409 with the user's text beside what is saved now; a note
    deleted meanwhile keeps the user's text and offers to add it as a new note.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = pages.get_note(canvas, note_pk)
    if request.method == "GET" and note is None:
        return pages.note_gone(request, canvas, membership, note_pk)
    if request.method == "GET":
        form = NoteEditForm(note=note, initial={"area": note.area})
        return pages.editing(request, canvas, membership, note, form)
    form = NoteEditForm(request.POST, prefix=f"note-{note_pk}")
    edit = edit_record(form, note, save=saving(services.edit_note, note=note, by=request.user))
    if edit.gone:
        return pages.gone_while_editing(request, canvas, membership, note_pk, form)
    edit.record.canvas = canvas
    if not edit.saved:
        return pages.editing(
            request, canvas, membership, edit.record, edit.form, edit.status, edit.conflict
        )
    seen_area = form.cleaned_data.get("area") or edit.record.area
    undo_token = edit.result.undo_token if edit.result else ""
    return pages.saved(request, canvas, membership, edit.record, seen_area, undo_token=undo_token)


@require_POST
@vary_on_headers("HX-Request")
def note_colour(request, org_slug, canvas_pk, note_pk):
    """Give a note another colour (the board's note tools), with the version the person
    saw: a note someone changed since keeps its colour, and the conflict panel shows it."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = pages.get_note(canvas, note_pk)
    if note is None:
        return pages.note_gone(request, canvas, membership, note_pk, in_place=True)
    form = ColourForm(request.POST)
    if not form.is_valid():
        message = "That colour wasn't understood; nothing changed."
        return pages.refused(request, canvas, membership, message, note)
    colour = form.cleaned_data["colour"]
    result = services.recolour_note(
        note=note, expected_version=form.cleaned_data["version"], colour=colour, by=request.user
    )
    if result.outcome is Outcome.GONE:
        return pages.note_gone(request, canvas, membership, note_pk, in_place=True)
    if result.outcome is Outcome.CONFLICT:
        return pages.stale_recolour(request, canvas, membership, result.record, colour)
    record = result.record
    record.canvas = canvas
    return pages.saved(
        request,
        canvas,
        membership,
        record,
        record.area,
        undo_token=result.undo_token,
        done=pages.UNDO_WORDS["colour"],
    )


@require_POST
@vary_on_headers("HX-Request")
def note_move(request, org_slug, canvas_pk, note_pk):
    """Move a note one step up or down, or to a position in an area (drag and drop,
    the "move to" control). htmx gets back the changed area lists. A note someone
    changed since the person saw it stays put: the conflict panel shows it as it is now."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = pages.get_note(canvas, note_pk)
    if note is None:
        return pages.note_gone(request, canvas, membership, note_pk, in_place=True)
    form = MoveForm(request.POST)
    if not form.is_valid():
        message = "That move wasn't understood; nothing changed."
        return pages.refused(request, canvas, membership, message, note)
    from_area = note.area
    where = {name: form.cleaned_data[name] for name in ("direction", "area", "position")}
    result = services.move_note(
        note=note, expected_version=form.cleaned_data["version"], by=request.user, **where
    )
    if result.outcome is Outcome.GONE:
        return pages.note_gone(request, canvas, membership, note_pk, in_place=True)
    if result.outcome is Outcome.CONFLICT:
        return pages.stale_move(request, canvas, membership, result.record, form)
    return pages.moved_by_person(
        request, canvas, membership, result.record, from_area, result.undo_token
    )


@require_POST
@vary_on_headers("HX-Request")
def note_delete(request, org_slug, canvas_pk, note_pk):
    """Delete a note, leaving an "Undo" in its place for a few seconds. A note someone
    changed since the person saw it is not deleted: the conflict panel shows it as it is
    now, to keep or to delete anyway."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    note = pages.get_note(canvas, note_pk)
    if note is None:
        return pages.note_gone(request, canvas, membership, note_pk, in_place=True)
    form = VersionForm(request.POST)
    if not form.is_valid():
        message = "That delete wasn't understood; nothing changed. Reload the page and try again."
        return pages.refused(request, canvas, membership, message, note)
    result = services.delete_note(
        note=note, expected_version=form.cleaned_data["version"], by=request.user
    )
    if result.outcome is Outcome.GONE:
        return pages.note_gone(request, canvas, membership, note_pk, in_place=True)
    if result.outcome is Outcome.CONFLICT:
        return pages.stale_delete(request, canvas, membership, result.record)
    if not request.htmx:
        request.session[f"undo-{canvas.pk}"] = {"token": result.undo_token, "done": "Note deleted."}
        return redirect(pages.url(canvas, membership, "board-undo"))
    state = {"note_pk": note_pk, "undo_token": result.undo_token, "focus_undo": True}
    return pages.fragment(request, canvas, membership, "undo", **state)


@require_POST
@vary_on_headers("HX-Request")
def note_undo(request, org_slug, canvas_pk):
    """Undo the person's delete (the note comes back in its place, with its text and
    colour), edit or move. A note someone changed since is left as they left it."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    token = request.POST.get("token", "")
    try:
        undone = services.undo_note(canvas=canvas, token=token, by=request.user)
    except UndoError as error:
        return pages.refused(request, canvas, membership, str(error), status=409)
    return pages.undone(request, canvas, membership, undone)


@require_http_methods(["GET", "POST"])
def board_live(request, org_slug, canvas_pk):
    """An open board's poll (static/js/live.js): what changed since the event it has, and
    who else is here. "Nothing new" is mostly answered before this view, without the
    session (canvas.middleware.LiveFeedMiddleware). A POST says the board was closed."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    if request.method == "POST":
        return live.left(request, canvas)
    return live.feed_response(request, canvas, membership)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def canvas_edit(request, org_slug, canvas_pk):
    """Rename the canvas and edit its description and value kinds in place, with the same
    version check as notes (GET opens the form; `?close=1` closes it)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    if request.method == "GET" and request.GET.get("close"):
        if not request.htmx:
            return redirect(pages.url(canvas, membership))
        return pages.header(request, canvas, membership, focus_header=True)
    if request.method == "GET":
        return pages.header(request, canvas, membership, CanvasHeaderForm(instance=canvas))
    form = CanvasHeaderForm(request.POST, instance=Canvas(pk=canvas.pk))
    edit = edit_record(
        form, canvas, save=saving(services.edit_header, canvas=canvas, by=request.user)
    )
    if edit.gone:
        return pages.canvas_deleted(request, membership)
    if not edit.saved:
        record = edit.record or canvas
        return pages.header(request, record, membership, edit.form, edit.status, edit.conflict)
    if not request.htmx:
        messages.success(request, "Canvas details saved.")
        return redirect(pages.url(canvas, membership))
    # The value kinds may have changed: the segments' alignment warnings follow out of band.
    segments = call_hook("board_segments", canvas=edit.record)
    state = {"focus_header": True, "header_saved": True, **segments}
    return pages.header(request, edit.record, membership, **state)


@require_http_methods(["GET", "POST"])
def canvas_delete(request, org_slug, canvas_pk):
    """Say what goes with the canvas, counted, then move it to the trash (owners only)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    require_owner(membership, "delete canvases")
    if request.method == "POST":
        services.trash_canvas(canvas=canvas, by=request.user)
        messages.success(request, pages.trashed_message(canvas))
        return redirect("org_home", org_slug=org_slug)
    return pages.delete_page(request, canvas, membership)


# The trash ----------------------------------------------------------------------------------


@require_GET
def trash(request, org_slug):
    """The organization's trash: each canvas with what it holds and when it goes for good,
    to restore or delete now (owners only)."""
    membership = get_membership(request.user, org_slug)
    require_owner(membership, "open the trash")
    return pages.trash_page(request, membership)


@require_POST
def canvas_restore(request, org_slug, canvas_pk):
    """Bring a canvas back from the trash with everything on it (owners only)."""
    canvas, _ = get_trashed_canvas(request.user, org_slug, canvas_pk)
    services.restore_canvas(canvas=canvas)
    messages.success(
        request,
        f"“{canvas.title}” is back, with its notes, self-assessments, customers "
        "and investment & return.",
    )
    return redirect("board", org_slug=org_slug, canvas_pk=canvas.pk)


@require_http_methods(["GET", "POST"])
def canvas_delete_for_good(request, org_slug, canvas_pk):
    """Ask, then delete one canvas of the trash for good (owners only)."""
    canvas, membership = get_trashed_canvas(request.user, org_slug, canvas_pk)
    if request.method == "POST":
        deleted = services.delete_for_good(
            organization=membership.organization, canvas_ids=[canvas.pk]
        )
        messages.success(request, pages.emptied_message(deleted))
        return redirect("canvas_trash", org_slug=org_slug)
    return pages.delete_for_good_page(request, membership, [canvas])


@require_http_methods(["GET", "POST"])
def trash_empty(request, org_slug):
    """Ask, then delete every canvas in the trash for good (owners only). The form names
    the canvases it showed, so one moved to the trash meanwhile stays there."""
    membership = get_membership(request.user, org_slug)
    require_owner(membership, "empty the trash")
    if request.method == "POST":
        form = TrashSelectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "That request wasn't understood, so nothing was deleted.")
            return redirect("canvas_trash", org_slug=org_slug)
        deleted = services.delete_for_good(
            organization=membership.organization, canvas_ids=form.cleaned_data["canvas"]
        )
        messages.success(request, pages.emptied_message(deleted))
        return redirect("canvas_trash", org_slug=org_slug)
    canvases = list(
        Canvas.everything.trashed()
        .filter(organization=membership.organization)
        .order_by("-trashed_at", "-pk")
    )
    if not canvases:
        messages.info(request, "The trash is already empty.")
        return redirect("canvas_trash", org_slug=org_slug)
    return pages.delete_for_good_page(request, membership, canvases, everything=True)


# Printing ----------------------------------------------------------------------------------


@require_safe
def canvas_pdf(request, org_slug, canvas_pk):
    """The canvas as it stands, on A4 landscape (or A3 with `?size=a3`); any member."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    paper = PAPERS.get(request.GET.get("size", "a4").lower(), PAPERS["a4"])
    figures = call_hook("poster_figures", canvas=canvas)
    context = {
        "organization": membership.organization,
        "canvas": canvas,
        "sheets": poster_sheets(snapshot_canvas(canvas), paper=paper, figures=figures),
    }
    filename = poster_pdf_filename(
        organization_name=membership.organization.name,
        title=canvas.title,
        day=timezone.localdate(),
        paper=paper,
    )
    return pdf_download(request, "pdf/canvas.html", context, filename=filename)
