"""What the investment & return page shows: its two lists, and the page and the
fragments the views answer with.

Every answer comes two ways: the whole page (JavaScript off, any form the user
is in the middle of kept as they left it), or with htmx the fragment to swap
plus the figures panel out of band, so totals and ROI follow each change.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.htmx import retarget
from core.versioning import describe_stale_action, posted_values
from investment.forms import (
    InvestmentLineEditForm,
    InvestmentLineForm,
    InvestmentSettingsForm,
    ReturnLineEditForm,
    ReturnLineForm,
)
from investment.models import InvestmentLine, ReturnLine
from investment.services import LINE_UNDO, load_investment

TEMPLATE = "investment/investment.html"
GONE_MESSAGE = (
    "Someone deleted this line while you were editing it, so your changes were not saved."
)


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

    def edit_form(self, line, data=None, *, pk: int | None = None):
        """The edit form of `line`; of line `pk` when it was deleted (`line` None)."""
        pk = line.pk if line is not None else pk
        instance = line if line is not None else self.model()
        return self.edit_form_class(data, instance=instance, prefix=f"{self.prefix}-{pk}")


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


def section_for(key: str) -> Section:
    section = SECTIONS.get(key)
    if section is None:
        raise Http404("No such list.")
    return section


def page_url(canvas, anchor: str = "") -> str:
    url = reverse(
        "investment", kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
    )
    return f"{url}#{anchor}" if anchor else url


def line_url(canvas, section: Section, line) -> str:
    return page_url(canvas, f"{section.key}-{line.pk}")


def find_line(section: Section, canvas, line_pk: int):
    """The canvas's line, or None when it was deleted."""
    line = section.model.objects.filter(canvas=canvas, pk=line_pk).select_related("updated_by")
    line = line.first()
    if line is not None:
        line.canvas = canvas
    return line


def get_line(section: Section, canvas, line_pk: int):
    line = find_line(section, canvas, line_pk)
    if line is None:
        raise Http404("No such line.")
    return line


def requested_position(data, line) -> int:
    """Where a move asks the line to go: one place up or down, or `position` (from 0)."""
    direction = data.get("direction")
    if direction in ("up", "down"):
        return line.position + (-1 if direction == "up" else 1)
    try:
        return int(data.get("position", ""))
    except ValueError:
        return line.position


def focused(form, field: str | None = None):
    """The form with the cursor in `field` (or its first field) once htmx swaps it in."""
    name = field or next(iter(form.fields))
    form.fields[name].widget.attrs["autofocus"] = True
    return form


def context(request, canvas, membership, **extra) -> dict[str, Any]:
    """What every fragment needs: the canvas, the viewer's role, the figures."""
    data = load_investment(canvas)
    values = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "figures": data.figures,
        "data": data,
        "oob": bool(request.htmx),
    }
    values.update(extra)
    return values


def fragment(request, name: str, values: dict, *, status: int = 200) -> TemplateResponse:
    return TemplateResponse(request, f"{TEMPLATE}#{name}", values, status=status)


def page(request, canvas, membership, *, status: int = 200, **overrides) -> TemplateResponse:
    """The whole page, with any form the user is in the middle of kept as they left it."""
    values = context(request, canvas, membership)
    values["oob"] = False
    data = values["data"]
    editing = overrides.pop("editing", None)  # (section key, line pk, form, conflict)
    add_forms = overrides.pop("add_forms", {})
    lines = {"costs": data.investment_lines, "returns": data.return_lines}
    values["sections"] = [
        {
            "section": section,
            "lines": lines[key],
            "add_form": add_forms.get(key) or section.add_form(),
        }
        for key, section in SECTIONS.items()
    ]
    if editing:
        values["editing_section"], values["editing_pk"], values["form"], values["conflict"] = (
            editing
        )
    stale = overrides.pop("stale", None)  # (section key, line pk, StaleAction)
    if stale:
        values["stale_section"], values["stale_pk"], values["stale"] = stale
    values["settings_form"] = overrides.pop("settings_form", None) or InvestmentSettingsForm(
        instance=data.settings
    )
    values["settings_conflict"] = overrides.pop("settings_conflict", None)
    values["undo"] = overrides.pop("undo", None)
    values.update(overrides)
    return TemplateResponse(request, TEMPLATE, values, status=status)


def figures(request, canvas, membership) -> TemplateResponse:
    """The figures panel on its own."""
    return fragment(request, "figures", context(request, canvas, membership, oob=False))


def settings_response(
    request, canvas, membership, form, *, conflict=None, saved=False, status=200
) -> TemplateResponse:
    """The period and headcounts form: invalid (422), in conflict (409) or just saved."""
    if not request.htmx:
        return page(
            request,
            canvas,
            membership,
            settings_form=form,
            settings_conflict=conflict,
            status=status,
        )
    values = context(
        request, canvas, membership, settings_form=form, settings_conflict=conflict, saved=saved
    )
    return fragment(request, "settings_changed", values, status=status)


def add_form_response(request, canvas, membership, section, form) -> TemplateResponse:
    """An add form the user has to correct (422)."""
    if not request.htmx:
        return page(request, canvas, membership, add_forms={section.key: form}, status=422)
    values = context(request, canvas, membership, section=section, add_form=form)
    return fragment(request, "add_form", values, status=422)


def line_added(request, canvas, membership, section, line, *, in_place: bool) -> TemplateResponse:
    """The new line at the end of its list, and a fresh add form.

    `in_place`: "add it back" from a line someone deleted mid-edit replaces that
    notice where it stands.
    """
    values = context(
        request,
        canvas,
        membership,
        section=section,
        add_form=focused(section.add_form()),
        line=line,
    )
    return fragment(request, "line_changed" if in_place else "line_added", values)


def line_changed(request, canvas, membership, section, line) -> TemplateResponse:
    """A line as it shows in its list, with the figures (after an edit or an undo)."""
    line.canvas = canvas
    values = context(request, canvas, membership, section=section, line=line)
    return fragment(request, "line_changed", values)


def line_only(request, canvas, membership, section, line) -> TemplateResponse:
    """One line as it shows in its list (what "Cancel" goes back to)."""
    values = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "section": section,
        "line": line,
    }
    return fragment(request, "line", values)


def edit_response(
    request, canvas, membership, section, line, form, *, conflict=None, status=200
) -> TemplateResponse:
    """A line's edit form: to start, invalid (422), or in conflict (409, both versions)."""
    line.canvas = canvas
    if not request.htmx:
        return page(
            request,
            canvas,
            membership,
            editing=(section.key, line.pk, form, conflict),
            status=status,
        )
    values = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "section": section,
        "line": line,
        "form": form,
        "conflict": conflict,
    }
    return fragment(request, "line_form", values, status=status)


def edit_not_saved(request, canvas, membership, section, line_pk: int, edit) -> HttpResponse:
    """An edit that did not save (`core.versioning.Edit`): the line was deleted meanwhile,
    or the form comes back, invalid (422) or beside the stored version (409)."""
    if edit.gone:
        return gone_response(request, canvas, membership, section, line_pk, edit.form)
    return edit_response(
        request,
        canvas,
        membership,
        section,
        edit.record,
        edit.form,
        conflict=edit.conflict,
        status=edit.status,
    )


def gone_response(request, canvas, membership, section, line_pk: int, form) -> HttpResponse:
    """Someone deleted the line while this user edited it: say so (409), offering to add
    it back with what they typed (without JavaScript: below, in the add form)."""
    if not request.htmx:
        messages.error(request, GONE_MESSAGE + " Add it again below if you still need it.")
        return redirect(page_url(canvas, f"add-{section.key}"))
    kept = section.add_form(
        {section.add_form().add_prefix(name): value for name, value in posted_values(form).items()}
    )
    values = context(
        request,
        canvas,
        membership,
        section=section,
        line_pk=line_pk,
        message=GONE_MESSAGE,
        kept=kept,
    )
    return fragment(request, "line_gone", values, status=409)


ALREADY_GONE = "Someone else deleted this line already, so there was nothing to change."


def already_gone(request, canvas, membership, section, line_pk: int) -> HttpResponse:
    """A delete or move of a line that was deleted meanwhile: say so in its place, with
    the figures as they are now."""
    if not request.htmx:
        messages.info(request, ALREADY_GONE)
        return redirect(page_url(canvas, f"section-{section.key}"))
    values = context(
        request, canvas, membership, section=section, line_pk=line_pk, message=ALREADY_GONE
    )
    response = fragment(request, "line_already_gone", values)
    return retarget(response, f"#{section.key}-{line_pk}")


def line_stale(request, canvas, membership, section, line, action: str, posted=None):
    """A delete or move of a line someone changed since this person saw it: nothing
    happened; the line as it is now in its place, to keep or act on anyway (409)."""
    line.canvas = canvas
    kwargs = {
        "org_slug": canvas.organization.slug,
        "canvas_pk": canvas.pk,
        "section": section.key,
        "line_pk": line.pk,
    }
    place = f"#{section.key}-{line.pk}"
    ahead_target = place if action == "delete" else f"#lines-{section.key}"
    stale = describe_stale_action(
        section.edit_form(line),
        line,
        action=action,
        noun=section.noun,
        keep=(line_url(canvas, section, line), reverse("investment_line", kwargs=kwargs), place),
        ahead=(reverse(f"investment_line_{action}", kwargs=kwargs), posted or {}, ahead_target),
    )
    if not request.htmx:
        return page(request, canvas, membership, status=409, stale=(section.key, line.pk, stale))
    values = {
        "canvas": canvas,
        "membership": membership,
        "section": section,
        "line": line,
        "stale": stale,
    }
    return retarget(fragment(request, "line_stale", values, status=409), place)


def line_deleted(request, canvas, membership, section, line, token: str) -> TemplateResponse:
    """The deleted line's place, offering "Undo" for a few seconds (the token lasts longer)."""
    values = context(
        request,
        canvas,
        membership,
        section=section,
        line=line,
        token=token,
        line_pk=line.pk,
        undo_offer_seconds=LINE_UNDO.offer_seconds,
    )
    return fragment(request, "line_deleted", values)


def lines(request, canvas, membership, section, moved) -> TemplateResponse:
    """A section's list after a move, with the moved line marked."""
    data = load_investment(canvas)
    values = {
        "canvas": canvas,
        "membership": membership,
        "currency": canvas.organization.currency,
        "section": section,
        "lines": data.investment_lines if section.key == "costs" else data.return_lines,
        "moved_pk": moved.pk,
    }
    return fragment(request, "lines", values)
