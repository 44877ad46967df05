"""Customer segments, personas and journeys: pages and their htmx fragments.

Every view fetches through `canvas.access.get_canvas`, so another
organization's data is a 404 and a viewer's change is a 403. Changes go
through `customers.services`, edits through the one edit protocol
(`core.versioning.edit_record`), and pages are built in `customers.pages`.
htmx requests get the region to swap (a Django partial); without JavaScript
each form posts and redirects.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from canvas.access import get_canvas
from core.htmx import tell
from core.pdf import pdf_download
from core.undo import UndoError
from core.versioning import Outcome, VersionForm, edit_record, saving
from customers import pages, services
from customers.forms import (
    MoveForm,
    PersonaEditForm,
    PersonaForm,
    SegmentEditForm,
    SegmentForm,
    StageEditForm,
    StageForm,
)
from customers.models import JourneyStage, Persona, Segment
from customers.pages import RESTORED_IDS
from customers.printing import persona_card_filename

# Segments ---------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
def segment_list(request, org_slug, canvas_pk):
    """The canvas's customer segments, the value-alignment check, and a form to add one."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    undo = None if request.htmx else pages.remembered_undo(request, canvas, membership)
    return pages.segments_page(request, canvas, membership, undo=undo)


@require_POST
@vary_on_headers("HX-Request")
def segment_create(request, org_slug, canvas_pk):
    """Add a segment at the end of the list; errors show next to the fields."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    restore = pages.is_restore(request)
    form = SegmentForm(request.POST, prefix="new", auto_id=RESTORED_IDS if restore else "id_%s")
    if not form.is_valid():
        return pages.segment_add_invalid(request, canvas, membership, form, restore=restore)
    segment = services.add_segment(canvas=canvas, by=request.user, **form.cleaned_data)
    if not request.htmx:
        messages.success(request, f"Added the segment “{segment.name}”.")
        return redirect(pages.segments_url(org_slug, canvas))
    return pages.segments_region(request, canvas, membership)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def segment_edit(request, org_slug, canvas_pk, segment_pk):
    """Edit a segment in place. A stale save answers 409 with both versions to compare."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = pages.segment_or_none(canvas, segment_pk)
    prefix = f"s{segment_pk}"
    if request.method == "GET":
        if segment is None:
            return pages.segment_gone(request, canvas, membership)
        form = SegmentEditForm(instance=segment, prefix=prefix)
        return pages.segments_page(
            request, canvas, membership, partial="segment_form", editing=segment, edit_form=form
        )
    form = SegmentEditForm(request.POST, instance=segment or Segment(canvas=canvas), prefix=prefix)
    save = saving(services.edit_segment, segment=segment, by=request.user)
    edit = edit_record(form, segment, save=save)
    if not edit.saved:
        return pages.segment_not_saved(request, canvas, membership, edit)
    if not request.htmx:
        messages.success(request, f"Saved “{edit.record.name}”.")
        return redirect(pages.segments_url(org_slug, canvas))
    return pages.segments_region(request, canvas, membership)


NOT_UNDERSTOOD = "That request wasn't understood; nothing changed. Reload the page and try again."


@require_POST
@vary_on_headers("HX-Request")
def segment_move(request, org_slug, canvas_pk, segment_pk):
    """Move a segment to another position in the list, unless someone changed it since
    the person saw it (the conflict panel) or removed it."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = pages.segment_or_none(canvas, segment_pk)
    if segment is None:
        return pages.segment_gone(request, canvas, membership, acting=True)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return tell(
            request,
            NOT_UNDERSTOOD,
            to=pages.segments_url(org_slug, canvas),
            level="error",
            status=422,
        )
    result = services.move_segment(
        segment=segment,
        expected_version=form.cleaned_data["version"],
        position=form.cleaned_data["position"],
        by=request.user,
    )
    if result.outcome is Outcome.GONE:
        return pages.segment_gone(request, canvas, membership, acting=True)
    if result.outcome is Outcome.CONFLICT:
        posted = {"position": form.cleaned_data["position"]}
        return pages.segment_stale(
            request, canvas, membership, result.record, action="move", posted=posted
        )
    if not request.htmx:
        return redirect(pages.segments_url(org_slug, canvas))
    return pages.segments_page(request, canvas, membership)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def segment_delete(request, org_slug, canvas_pk, segment_pk):
    """Confirm (without JavaScript), then remove a segment with its personas and journeys,
    offering "Undo". A segment someone changed since the person saw it (the `version` the
    page sent) is not removed: the conflict panel shows it as it is now."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = pages.segment_or_none(canvas, segment_pk)
    if segment is None:
        return pages.segment_gone(request, canvas, membership, acting=True)
    form = VersionForm(request.POST if request.method == "POST" else request.GET)
    if request.method == "GET":
        seen = form.cleaned_data["version"] if form.is_valid() else segment.version
        if seen != segment.version:
            return pages.segment_stale(request, canvas, membership, segment, action="remove")
        return pages.segment_delete_page(request, canvas, membership, segment, version=seen)
    if not form.is_valid():
        return tell(
            request,
            NOT_UNDERSTOOD,
            to=pages.segments_url(org_slug, canvas),
            level="error",
            status=422,
        )
    result = services.remove_segment(
        segment=segment, expected_version=form.cleaned_data["version"], by=request.user
    )
    if result.outcome is Outcome.GONE:
        return pages.segment_gone(request, canvas, membership, acting=True)
    if result.outcome is Outcome.CONFLICT:
        return pages.segment_stale(request, canvas, membership, result.record, action="remove")
    if not request.htmx:
        pages.remember_undo(request, canvas, "segment", result.undo_token)
        return redirect(pages.segments_url(org_slug, canvas) + "#undo")
    undo = pages.undo_offer(canvas, "segment", result.undo_token)
    return pages.segments_page(request, canvas, membership, undo=undo)


@require_POST
@vary_on_headers("HX-Request")
def customers_undo(request, org_slug, canvas_pk):
    """Bring back a removed segment (with its personas and journeys), persona (with their
    journey) or stage, as it was."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    kind = request.POST.get("kind", "")
    restore = {
        "segment": services.restore_segment,
        "persona": services.restore_persona,
        "stage": services.restore_stage,
    }.get(kind)
    back_to = pages.segments_url(org_slug, canvas)
    if restore is None:
        return tell(request, NOT_UNDERSTOOD, to=back_to, level="error", status=422)
    try:
        record = restore(canvas=canvas, token=request.POST.get("token", ""), by=request.user)
    except UndoError as error:
        return tell(request, str(error), to=back_to, level="warning", status=409)
    if kind == "stage":
        persona = pages.persona_or_none(canvas, record.persona_id)
        if not request.htmx:
            messages.success(request, f"The stage “{record.name}” is back.")
            return redirect(pages.journey_url(org_slug, persona))
        return pages.journey_region(request, persona, canvas, membership)
    if not request.htmx:
        messages.success(
            request,
            f"{record.name} is back"
            + (" with their journey." if kind == "persona" else " with its personas and journeys."),
        )
        if kind == "persona":
            return redirect(pages.persona_url(org_slug, pages.persona_or_none(canvas, record.pk)))
        return redirect(back_to + f"#segment-{record.pk}")
    return pages.segments_region(request, canvas, membership)


# Personas ---------------------------------------------------------------------------------


def _persona_or_404(canvas, persona_pk) -> Persona:
    persona = pages.persona_or_none(canvas, persona_pk)
    if persona is None:
        raise Http404("No such persona.")
    return persona


@require_GET
@vary_on_headers("HX-Request")
def persona_detail(request, org_slug, canvas_pk, persona_pk):
    """A persona as a one-page portrait, with their journey and its emotion curve."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    persona = _persona_or_404(canvas, persona_pk)
    undo = None if request.htmx else pages.remembered_undo(request, canvas, membership)
    return pages.persona_page(request, persona, canvas, membership, undo=undo)


@require_http_methods(["GET", "POST"])
def persona_create(request, org_slug, canvas_pk, segment_pk):
    """Portray someone in a segment."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = pages.segment_or_none(canvas, segment_pk)
    if segment is None:
        raise Http404("No such segment.")
    form = PersonaForm(request.POST or None)
    if request.method == "GET":
        return pages.persona_form_page(request, canvas, membership, segment, form=form)
    if not form.is_valid():
        return pages.persona_form_page(request, canvas, membership, segment, status=422, form=form)
    persona = services.add_persona(segment=segment, by=request.user, **form.cleaned_data)
    messages.success(request, f"Added {persona.name}. Now map their journey.")
    return redirect(pages.persona_url(org_slug, persona))


@require_http_methods(["GET", "POST"])
def persona_edit(request, org_slug, canvas_pk, persona_pk):
    """Edit a persona. A stale save answers 409 with both versions to compare."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = pages.persona_or_none(canvas, persona_pk)
    if request.method == "GET":
        if persona is None:
            raise Http404("No such persona.")
        form = PersonaEditForm(instance=persona)
        return pages.persona_form_page(
            request, canvas, membership, persona.segment, persona=persona, form=form
        )
    form = PersonaEditForm(request.POST, instance=persona or Persona())
    save = saving(services.edit_persona, persona=persona, by=request.user)
    edit = edit_record(form, persona, save=save)
    if not edit.saved:
        return pages.persona_not_saved(request, canvas, membership, edit)
    messages.success(request, f"Saved {edit.record.name}.")
    return redirect(pages.persona_url(org_slug, edit.record))


@require_POST
def persona_duplicate(request, org_slug, canvas_pk, persona_pk):
    """Copy a persona with its journey, to make a variant."""
    canvas, _ = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    copy = services.duplicate_persona(persona=persona, by=request.user)
    messages.success(
        request, f"Copied {persona.name} with their journey. Make this variant your own."
    )
    return redirect(pages.persona_url(org_slug, copy))


@require_http_methods(["GET", "POST"])
def persona_delete(request, org_slug, canvas_pk, persona_pk):
    """Confirm, then remove a persona and their journey, offering "Undo". A persona someone
    changed since the person saw them is not removed: the conflict panel shows them."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = pages.persona_or_none(canvas, persona_pk)
    if persona is None and request.method == "POST":
        messages.info(request, "Someone else removed that persona already.")
        return redirect(pages.segments_url(org_slug, canvas))
    if persona is None:
        raise Http404("No such persona.")
    form = VersionForm(request.POST if request.method == "POST" else request.GET)
    if request.method == "GET":
        seen = form.cleaned_data["version"] if form.is_valid() else persona.version
        if seen != persona.version:
            return pages.persona_stale(request, canvas, membership, persona)
        return pages.persona_delete_page(request, canvas, membership, persona, version=seen)
    if not form.is_valid():
        return tell(
            request,
            NOT_UNDERSTOOD,
            to=pages.persona_url(org_slug, persona),
            level="error",
            status=422,
        )
    result = services.remove_persona(
        persona=persona, expected_version=form.cleaned_data["version"], by=request.user
    )
    if result.outcome is Outcome.GONE:
        messages.info(request, "Someone else removed that persona already.")
        return redirect(pages.segments_url(org_slug, canvas))
    if result.outcome is Outcome.CONFLICT:
        result.record.segment = persona.segment
        return pages.persona_stale(request, canvas, membership, result.record)
    pages.remember_undo(request, canvas, "persona", result.undo_token)
    return redirect(pages.segments_url(org_slug, canvas) + "#undo")


@require_GET
def persona_card(request, org_slug, canvas_pk, persona_pk):
    """The persona as a printable one-page PDF card (any member may download it)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    persona = _persona_or_404(canvas, persona_pk)
    context = {"canvas": canvas, "organization": membership.organization, "persona": persona}
    context |= pages.journey_context(persona)
    filename = persona_card_filename(membership.organization, persona)
    return pdf_download(request, "customers/persona_card.html", context, filename=filename)


# Journey stages ---------------------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
def stage_create(request, org_slug, canvas_pk, persona_pk):
    """Add a stage at the end of the journey; errors show next to the fields."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    restore = pages.is_restore(request)
    form = StageForm(request.POST, prefix="new", auto_id=RESTORED_IDS if restore else "id_%s")
    if not form.is_valid():
        return pages.stage_add_invalid(request, persona, canvas, membership, form, restore=restore)
    services.add_stage(persona=persona, by=request.user, **form.cleaned_data)
    if not request.htmx:
        return redirect(pages.journey_url(org_slug, persona))
    return pages.journey_region(request, persona, canvas, membership)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def stage_edit(request, org_slug, canvas_pk, persona_pk, stage_pk):
    """Edit a stage in place. A stale save answers 409 with both versions to compare."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    stage = pages.stage_or_none(persona, stage_pk)
    prefix = f"st{stage_pk}"
    if request.method == "GET":
        if stage is None:
            return pages.stage_gone(request, persona, canvas, membership)
        form = StageEditForm(instance=stage, prefix=prefix)
        return pages.persona_page(
            request,
            persona,
            canvas,
            membership,
            partial="stage_form",
            editing=stage,
            edit_form=form,
        )
    form = StageEditForm(
        request.POST, instance=stage or JourneyStage(persona=persona), prefix=prefix
    )
    save = saving(services.edit_stage, stage=stage, by=request.user)
    edit = edit_record(form, stage, save=save)
    if not edit.saved:
        return pages.stage_not_saved(request, persona, canvas, membership, edit)
    if not request.htmx:
        return redirect(pages.journey_url(org_slug, persona))
    return pages.journey_region(request, persona, canvas, membership)


@require_POST
@vary_on_headers("HX-Request")
def stage_move(request, org_slug, canvas_pk, persona_pk, stage_pk):
    """Move a stage to another position in the journey, unless someone changed it since
    the person saw it (the conflict panel) or removed it."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    stage = pages.stage_or_none(persona, stage_pk)
    if stage is None:
        return pages.stage_gone(request, persona, canvas, membership)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return tell(
            request,
            NOT_UNDERSTOOD,
            to=pages.journey_url(org_slug, persona),
            level="error",
            status=422,
        )
    result = services.move_stage(
        stage=stage,
        expected_version=form.cleaned_data["version"],
        position=form.cleaned_data["position"],
        by=request.user,
    )
    if result.outcome is Outcome.GONE:
        return pages.stage_gone(request, persona, canvas, membership)
    if result.outcome is Outcome.CONFLICT:
        posted = {"position": form.cleaned_data["position"]}
        return pages.stage_stale(
            request, persona, canvas, membership, result.record, action="move", posted=posted
        )
    if not request.htmx:
        return redirect(pages.journey_url(org_slug, persona))
    return pages.persona_page(request, persona, canvas, membership)


@require_POST
@vary_on_headers("HX-Request")
def stage_delete(request, org_slug, canvas_pk, persona_pk, stage_pk):
    """Remove a stage from the journey, offering "Undo", unless someone changed it since
    the person saw it (the conflict panel) or removed it."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    stage = pages.stage_or_none(persona, stage_pk)
    if stage is None:
        return pages.stage_gone(request, persona, canvas, membership)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return tell(
            request,
            NOT_UNDERSTOOD,
            to=pages.journey_url(org_slug, persona),
            level="error",
            status=422,
        )
    result = services.remove_stage(
        stage=stage, expected_version=form.cleaned_data["version"], by=request.user
    )
    if result.outcome is Outcome.GONE:
        return pages.stage_gone(request, persona, canvas, membership)
    if result.outcome is Outcome.CONFLICT:
        return pages.stage_stale(
            request, persona, canvas, membership, result.record, action="remove"
        )
    if not request.htmx:
        pages.remember_undo(request, canvas, "stage", result.undo_token)
        return redirect(pages.journey_url(org_slug, persona))
    undo = pages.undo_offer(canvas, "stage", result.undo_token)
    return pages.persona_page(request, persona, canvas, membership, undo=undo)
