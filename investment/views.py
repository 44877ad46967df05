"""The investment & return page of a canvas, and the htmx fragments that edit it.

Every change works as a plain form post that redirects (JavaScript off) and,
with htmx, answers the fragment to swap plus the figures panel out of band, so
totals and ROI follow each change without a reload.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from canvas.access import get_canvas
from core.undo import UNDO_OFFER_SECONDS
from core.versioning import rebind_to_current_version, save_if_unchanged
from investment.forms import (
    InvestmentLineEditForm,
    InvestmentLineForm,
    InvestmentSettingsForm,
    ReturnLineEditForm,
    ReturnLineForm,
    line_conflict,
)
from investment.models import InvestmentLine, InvestmentSettings, ReturnLine
from investment.services import (
    UndoError,
    add_line,
    delete_line,
    load_investment,
    move_line,
    read_undo_token,
    restore_line,
)

TEMPLATE = "investment/investment.html"


@dataclass(frozen=True)
class Section:
    """One of the page's two lists: what learning costs, and what it brings back."""

    key: str
    title: str
    noun: str
    model: type[InvestmentLine] | type[ReturnLine]
    add_form_class: type
    edit_form_class: type
    prefix: str

    def add_form(self, data=None):
        return self.add_form_class(data, prefix=f"{self.prefix}-new")

    def edit_form(self, line, data=None):
        form = self.edit_form_class(
            data,
            instance=line,
            prefix=f"{self.prefix}-{line.pk}",
            initial={"version": line.version},
        )
        return form


SECTIONS = {
    "costs": Section(
        key="costs",
        title="Investment",
        noun="cost line",
        model=InvestmentLine,
        add_form_class=InvestmentLineForm,
        edit_form_class=InvestmentLineEditForm,
        prefix="cost",
    ),
    "returns": Section(
        key="returns",
        title="Return",
        noun="return line",
        model=ReturnLine,
        add_form_class=ReturnLineForm,
        edit_form_class=ReturnLineEditForm,
        prefix="return",
    ),
}
SECTION_BY_MODEL = {section.model: section for section in SECTIONS.values()}


def _section(key: str) -> Section:
    section = SECTIONS.get(key)
    if section is None:
        raise Http404("No such list.")
    return section


def _page_url(canvas, anchor: str = "") -> str:
    url = reverse(
        "investment", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def _line(section: Section, canvas, line_pk: int):
    line = section.model.objects.filter(canvas=canvas, pk=line_pk).select_related("updated_by")
    line = line.first()
    if line is None:
        raise Http404("No such line.")
    line.canvas = canvas
    return line


def _context(request, canvas, membership, **extra) -> dict[str, Any]:
    """What every fragment needs: the canvas, the viewer's role, the figures."""
    data = load_investment(canvas)
    context = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "figures": data.figures,
        "data": data,
        "oob": bool(request.htmx),
    }
    context.update(extra)
    return context


def _fragment(request, name: str, context: dict, *, status: int = 200) -> TemplateResponse:
    return TemplateResponse(request, f"{TEMPLATE}#{name}", context, status=status)


def _page(request, canvas, membership, *, status: int = 200, **overrides) -> TemplateResponse:
    """The whole page, with any form the user is in the middle of kept as they left it."""
    context = _context(request, canvas, membership)
    context["oob"] = False
    data = context["data"]
    editing = overrides.pop("editing", None)  # (section key, line pk, form, conflict)
    add_forms = overrides.pop("add_forms", {})
    lines = {"costs": data.investment_lines, "returns": data.return_lines}
    context["sections"] = [
        {
            "section": section,
            "lines": lines[key],
            "add_form": add_forms.get(key) or section.add_form(),
        }
        for key, section in SECTIONS.items()
    ]
    if editing:
        context["editing_section"], context["editing_pk"], context["form"], context["conflict"] = (
            editing
        )
    context["settings_form"] = overrides.pop("settings_form", None) or InvestmentSettingsForm(
        instance=data.settings, initial={"version": data.settings.version}
    )
    context["settings_conflict"] = overrides.pop("settings_conflict", None)
    context["undo"] = overrides.pop("undo", None)
    context.update(overrides)
    return TemplateResponse(request, TEMPLATE, context, status=status)


@require_GET
@vary_on_headers("HX-Request")
def investment_page(request, org_slug, canvas_pk):
    """A canvas's investment & return: cost and return lines, the figures and ROI.

    `?undo=<token>` (after a delete with JavaScript off) shows an undo button.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    if request.htmx:
        return _fragment(request, "figures", _context(request, canvas, membership, oob=False))
    undo = None
    token = request.GET.get("undo", "")
    if token and membership.can_edit:
        try:
            undo = {"deleted": read_undo_token(token, canvas=canvas), "token": token}
        except UndoError as error:
            messages.warning(request, str(error))
    return _page(request, canvas, membership, undo=undo)


@require_POST
@vary_on_headers("HX-Request")
def investment_settings(request, org_slug, canvas_pk):
    """Save the period and headcounts; a stale save answers 409 with both versions."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    stored = InvestmentSettings.objects.select_related("updated_by").filter(canvas=canvas).first()
    current = stored or InvestmentSettings(canvas=canvas)
    form = InvestmentSettingsForm(request.POST, instance=current)
    if not form.is_valid():
        return _settings_response(request, canvas, membership, form, status=422)
    if stored is None:
        current, _ = InvestmentSettings.objects.get_or_create(canvas=canvas)
    saved = save_if_unchanged(
        current,
        expected_version=form.cleaned_data["version"],
        changes={**form.changes(), "updated_by": request.user},
    )
    if not saved:
        current = InvestmentSettings.objects.select_related("updated_by").get(canvas=canvas)
        conflict = line_conflict(form, current)
        form = rebind_to_current_version(form, current)
        form.instance = current
        return _settings_response(request, canvas, membership, form, conflict=conflict, status=409)
    canvas.touch(request.user)
    if not request.htmx:
        messages.success(request, "Period and headcounts saved.")
        return redirect(_page_url(canvas, "settings"))
    form = InvestmentSettingsForm(instance=current, initial={"version": current.version})
    return _settings_response(request, canvas, membership, form, saved=True)


def _settings_response(
    request, canvas, membership, form, *, conflict=None, saved=False, status=200
):
    if not request.htmx:
        return _page(
            request,
            canvas,
            membership,
            settings_form=form,
            settings_conflict=conflict,
            status=status,
        )
    context = _context(
        request, canvas, membership, settings_form=form, settings_conflict=conflict, saved=saved
    )
    return _fragment(request, "settings_changed", context, status=status)


@require_POST
@vary_on_headers("HX-Request")
def line_add(request, org_slug, canvas_pk, section):
    """Add a cost or return line at the end of its list."""
    section = _section(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    form = section.add_form(request.POST)
    if not form.is_valid():
        if not request.htmx:
            return _page(request, canvas, membership, add_forms={section.key: form}, status=422)
        context = _context(request, canvas, membership, section=section, add_form=form)
        return _fragment(request, "add_form", context, status=422)
    line = add_line(line=form.save(commit=False), canvas=canvas, by=request.user)
    if not request.htmx:
        messages.success(request, f"Added “{line.label}”.")
        return redirect(_page_url(canvas, f"{section.key}-{line.pk}"))
    context = _context(
        request,
        canvas,
        membership,
        section=section,
        add_form=_focused(section.add_form()),
        line=line,
    )
    # "Add it back" from a line someone deleted mid-edit replaces that notice in place.
    in_place = request.POST.get("in_place") == "1"
    return _fragment(request, "line_changed" if in_place else "line_added", context)


@require_GET
@vary_on_headers("HX-Request")
def line_detail(request, org_slug, canvas_pk, section, line_pk):
    """One line as it shows in its list (what "Cancel" goes back to)."""
    section = _section(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    line = _line(section, canvas, line_pk)
    if not request.htmx:
        return redirect(_page_url(canvas, f"{section.key}-{line.pk}"))
    context = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "section": section,
        "line": line,
    }
    return _fragment(request, "line", context)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def line_edit(request, org_slug, canvas_pk, section, line_pk):
    """Edit a line in place; a stale save answers 409 with both versions side by side.

    If someone deleted the line meanwhile, the answer says so and offers to add
    the user's version back instead of failing.
    """
    section = _section(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    if request.method == "GET":
        line = _line(section, canvas, line_pk)
        form = _focused(section.edit_form(line), "label")
        return _edit_response(request, canvas, membership, section, line, form)
    line = section.model.objects.filter(canvas=canvas, pk=line_pk).first()
    if line is None:
        return _gone_response(request, canvas, membership, section, line_pk)
    line.canvas = canvas
    form = section.edit_form(line, request.POST)
    if not form.is_valid():
        return _edit_response(request, canvas, membership, section, line, form, status=422)
    saved = save_if_unchanged(
        line,
        expected_version=form.cleaned_data["version"],
        changes={**form.changes(), "updated_by": request.user},
    )
    if not saved:
        current = section.model.objects.select_related("updated_by").filter(pk=line.pk).first()
        if current is None:
            return _gone_response(request, canvas, membership, section, line_pk)
        current.canvas = canvas
        conflict = line_conflict(form, current)
        form = rebind_to_current_version(form, current)
        return _edit_response(
            request, canvas, membership, section, current, form, conflict=conflict, status=409
        )
    canvas.touch(request.user)
    if not request.htmx:
        messages.success(request, f"Saved “{line.label}”.")
        return redirect(_page_url(canvas, f"{section.key}-{line.pk}"))
    context = _context(request, canvas, membership, section=section, line=line)
    return _fragment(request, "line_changed", context)


def _edit_response(request, canvas, membership, section, line, form, *, conflict=None, status=200):
    if not request.htmx:
        return _page(
            request,
            canvas,
            membership,
            editing=(section.key, line.pk, form, conflict),
            status=status,
        )
    context = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "section": section,
        "line": line,
        "form": form,
        "conflict": conflict,
    }
    return _fragment(request, "line_form", context, status=status)


def _focused(form, field: str | None = None):
    """The form with the cursor in `field` (or its first field) once htmx swaps it in."""
    name = field or next(iter(form.fields))
    form.fields[name].widget.attrs["autofocus"] = True
    return form


def _gone_response(request, canvas, membership, section, line_pk):
    """Someone deleted the line while this user edited it: say so, keep their values."""
    message = "Someone deleted this line while you were editing it, so your changes were not saved."
    if not request.htmx:
        messages.error(request, message + " Add it again below if you still need it.")
        return redirect(_page_url(canvas, f"add-{section.key}"))
    kept = section.add_form(
        {
            f"{section.prefix}-new-{name}": value
            for name, value in _unprefixed(request.POST, f"{section.prefix}-{line_pk}").items()
            if name != "version"
        }
    )
    context = _context(
        request,
        canvas,
        membership,
        section=section,
        line_pk=line_pk,
        message=message,
        kept=kept,
    )
    return _fragment(request, "line_gone", context, status=409)


def _unprefixed(data, prefix: str) -> dict[str, str]:
    start = f"{prefix}-"
    return {key[len(start) :]: value for key, value in data.items() if key.startswith(start)}


@require_POST
@vary_on_headers("HX-Request")
def line_delete(request, org_slug, canvas_pk, section, line_pk):
    """Delete a line; the answer offers to undo it."""
    section = _section(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    line = section.model.objects.filter(canvas=canvas, pk=line_pk).first()
    if line is None:
        if request.htmx:
            context = _context(request, canvas, membership, section=section, line_pk=line_pk)
            return _fragment(request, "line_already_gone", context)
        messages.info(request, "That line was already deleted.")
        return redirect(_page_url(canvas))
    line.canvas = canvas
    token = delete_line(line=line, by=request.user)
    if not request.htmx:
        return redirect(f"{_page_url(canvas)}?undo={token}#undo")
    context = _context(
        request,
        canvas,
        membership,
        section=section,
        line=line,
        token=token,
        line_pk=line_pk,
        # The page offers "Undo" as briefly as the board does; the token lasts longer.
        undo_offer_seconds=UNDO_OFFER_SECONDS,
    )
    return _fragment(request, "line_deleted", context)


@require_POST
@vary_on_headers("HX-Request")
def line_restore(request, org_slug, canvas_pk):
    """Undo a delete: the line comes back where it was."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    try:
        deleted = read_undo_token(request.POST.get("token", ""), canvas=canvas)
        line = restore_line(deleted=deleted, canvas=canvas, by=request.user)
    except UndoError as error:
        if request.htmx:
            context = {"message": str(error)}
            response = TemplateResponse(request, "base.html#flash", context)
            response["HX-Retarget"] = "#messages"
            response["HX-Reswap"] = "beforeend"
            return response
        messages.warning(request, str(error))
        return redirect(_page_url(canvas))
    section = SECTION_BY_MODEL[type(line)]
    if not request.htmx:
        messages.success(request, f"“{line.label}” is back.")
        return redirect(_page_url(canvas, f"{section.key}-{line.pk}"))
    context = _context(request, canvas, membership, section=section, line=line)
    return _fragment(request, "line_changed", context)


@require_POST
@vary_on_headers("HX-Request")
def line_move(request, org_slug, canvas_pk, section, line_pk):
    """Move a line one place (`direction`: up or down) or to `position` (from 0)."""
    section = _section(section)
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    line = _line(section, canvas, line_pk)
    direction = request.POST.get("direction")
    if direction in ("up", "down"):
        position = line.position + (-1 if direction == "up" else 1)
    else:
        try:
            position = int(request.POST.get("position", ""))
        except ValueError:
            position = line.position
    try:
        move_line(line=line, position=position, by=request.user)
    except section.model.DoesNotExist as error:
        raise Http404("No such line.") from error
    if not request.htmx:
        return redirect(_page_url(canvas, f"{section.key}-{line.pk}"))
    data = load_investment(canvas)
    lines = data.investment_lines if section.key == "costs" else data.return_lines
    context = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "section": section,
        "lines": lines,
        "moved_pk": line.pk,
    }
    return _fragment(request, "lines", context)
