"""The investment & return page of a canvas, and the htmx fragments that edit it.

Every change works as a plain form post that redirects (JavaScript off) and,
with htmx, answers the fragment to swap plus the figures panel out of band, so
totals and ROI follow each change without a reload (investment/pages.py).
Edits follow the one edit protocol (core/versioning.py); writes go through
investment/services.py.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from canvas.access import get_canvas
from core.htmx import tell
from core.undo import UndoError
from core.versioning import Outcome, VersionForm, edit_record, saving
from investment import pages
from investment.forms import InvestmentSettingsForm
from investment.services import (
    add_line,
    delete_line,
    edit_line,
    move_line,
    read_line_undo,
    restore_line,
    save_settings,
    settings_for,
)


@require_GET
@vary_on_headers("HX-Request")
def investment_page(request, org_slug, canvas_pk):
    """A canvas's investment & return: cost and return lines, the figures and ROI.

    With htmx: the figures panel. `?undo=<token>` (after a delete with
    JavaScript off) shows an undo button.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    if request.htmx:
        return pages.figures(request, canvas, membership)
    undo = None
    token = request.GET.get("undo", "")
    if token and membership.can_edit:
        try:
            undo = {"deleted": read_line_undo(token, canvas=canvas), "token": token}
        except UndoError as error:
            messages.warning(request, str(error))
    return pages.page(request, canvas, membership, undo=undo)


@require_POST
@vary_on_headers("HX-Request")
def investment_settings(request, org_slug, canvas_pk):
    """Save the period and headcounts; a stale save answers 409 with both versions."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    form = InvestmentSettingsForm(request.POST, instance=settings_for(canvas))
    edit = edit_record(
        form, form.instance, save=saving(save_settings, canvas=canvas, by=request.user)
    )
    if not edit.saved:
        return pages.settings_response(
            request, canvas, membership, edit.form, conflict=edit.conflict, status=edit.status
        )
    if not request.htmx:
        messages.success(request, "Period and headcounts saved.")
        return redirect(pages.page_url(canvas, "settings"))
    form = InvestmentSettingsForm(instance=edit.record)
    return pages.settings_response(request, canvas, membership, form, saved=True)


@require_POST
@vary_on_headers("HX-Request")
def line_add(request, org_slug, canvas_pk, section):
    """Add a cost or return line at the end of its list."""
    section = pages.section_for(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    form = section.add_form(request.POST)
    if not form.is_valid():
        return pages.add_form_response(request, canvas, membership, section, form)
    line = add_line(line=form.instance, canvas=canvas, by=request.user)
    if not request.htmx:
        messages.success(request, f"Added “{line.label}”.")
        return redirect(pages.line_url(canvas, section, line))
    in_place = request.POST.get("in_place") == "1"
    return pages.line_added(request, canvas, membership, section, line, in_place=in_place)


@require_GET
@vary_on_headers("HX-Request")
def line_detail(request, org_slug, canvas_pk, section, line_pk):
    """One line as it shows in its list (what "Cancel" goes back to)."""
    section = pages.section_for(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    line = pages.get_line(section, canvas, line_pk)
    if not request.htmx:
        return redirect(pages.line_url(canvas, section, line))
    return pages.line_only(request, canvas, membership, section, line)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def line_edit(request, org_slug, canvas_pk, section, line_pk):
    """Edit a line in place; a stale save answers 409 with both versions side by side.

    If someone deleted the line meanwhile, the answer says so and offers to add
    the user's version back instead of failing.
    """
    section = pages.section_for(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    if request.method == "GET":
        line = pages.get_line(section, canvas, line_pk)
        form = pages.focused(section.edit_form(line), "label")
        return pages.edit_response(request, canvas, membership, section, line, form)
    line = pages.find_line(section, canvas, line_pk)
    form = section.edit_form(line, request.POST, pk=line_pk)
    edit = edit_record(form, line, save=saving(edit_line, line=line, by=request.user))
    if not edit.saved:
        return pages.edit_not_saved(request, canvas, membership, section, line_pk, edit)
    if not request.htmx:
        messages.success(request, f"Saved “{edit.record.label}”.")
        return redirect(pages.line_url(canvas, section, edit.record))
    return pages.line_changed(request, canvas, membership, section, edit.record)


NOT_UNDERSTOOD = "That request wasn't understood; nothing changed. Reload the page and try again."


@require_POST
@vary_on_headers("HX-Request")
def line_delete(request, org_slug, canvas_pk, section, line_pk):
    """Delete a line; the answer offers to undo it. A line someone changed since the person
    saw it is not deleted: the conflict panel shows it as it is now."""
    section = pages.section_for(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    line = pages.find_line(section, canvas, line_pk)
    if line is None:
        return pages.already_gone(request, canvas, membership, section, line_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return tell(request, NOT_UNDERSTOOD, to=pages.page_url(canvas), level="error", status=422)
    result = delete_line(line=line, expected_version=form.cleaned_data["version"], by=request.user)
    if result.outcome is Outcome.GONE:
        return pages.already_gone(request, canvas, membership, section, line_pk)
    if result.outcome is Outcome.CONFLICT:
        return pages.line_stale(request, canvas, membership, section, result.record, "delete")
    if not request.htmx:
        return redirect(f"{pages.page_url(canvas)}?undo={result.undo_token}#undo")
    return pages.line_deleted(request, canvas, membership, section, line, result.undo_token)


@require_POST
@vary_on_headers("HX-Request")
def line_restore(request, org_slug, canvas_pk):
    """Undo a delete: the line comes back where it was."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    try:
        deleted = read_line_undo(request.POST.get("token", ""), canvas=canvas)
        line = restore_line(deleted=deleted, canvas=canvas, by=request.user)
    except UndoError as error:
        return tell(request, str(error), to=pages.page_url(canvas), level="warning")
    section = pages.SECTION_BY_MODEL[type(line)]
    if not request.htmx:
        messages.success(request, f"“{line.label}” is back.")
        return redirect(pages.line_url(canvas, section, line))
    return pages.line_changed(request, canvas, membership, section, line)


@require_POST
@vary_on_headers("HX-Request")
def line_move(request, org_slug, canvas_pk, section, line_pk):
    """Move a line one place (`direction`: up or down) or to `position` (from 0)."""
    section = pages.section_for(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    line = pages.find_line(section, canvas, line_pk)
    if line is None:
        return pages.already_gone(request, canvas, membership, section, line_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return tell(request, NOT_UNDERSTOOD, to=pages.page_url(canvas), level="error", status=422)
    position = pages.requested_position(request.POST, line)
    result = move_line(
        line=line,
        expected_version=form.cleaned_data["version"],
        position=position,
        by=request.user,
    )
    if result.outcome is Outcome.GONE:
        return pages.already_gone(request, canvas, membership, section, line_pk)
    if result.outcome is Outcome.CONFLICT:
        posted = {"position": position}
        return pages.line_stale(request, canvas, membership, section, result.record, "move", posted)
    if not request.htmx:
        return redirect(pages.line_url(canvas, section, line))
    return pages.lines(request, canvas, membership, section, line)
