"""Customer segments, personas and journeys: pages and their htmx fragments.

Every view fetches through `orgs.access.get_canvas`, so another
organization's data is a 404 and a viewer's change is a 403. htmx requests
get the region to swap (a Django partial); without JavaScript each form posts
and redirects. After any change to a list the whole region is sent back,
because one change can move the value-alignment warnings or the curve.
"""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from canvas.access import get_canvas
from core.hooks import call_hook
from core.pdf import pdf_download
from core.versioning import describe_conflict, rebind_to_current_version, save_if_unchanged
from customers.alignment import SegmentExpectation, value_alignment
from customers.curve import emotion_curve
from customers.forms import MoveForm, PersonaForm, SegmentForm, StageForm
from customers.models import JourneyStage, Persona, Segment
from customers.services import add_persona, add_segment

SEGMENTS_PAGE = "customers/segments.html"
PERSONA_PAGE = "customers/persona.html"
# An "add it back" form posts like the add form ("new-..." names) but sits on the
# same page, so its fields get their own ids and each label finds its own field.
RESTORED_IDS = "restored_%s"


def _retarget(response: TemplateResponse, target: str) -> TemplateResponse:
    """Send a region somewhere other than where the request came from."""
    response["HX-Retarget"] = target
    response["HX-Reswap"] = "outerHTML"
    return response


# Segments ---------------------------------------------------------------------------------


def _segment_or_none(canvas, segment_pk) -> Segment | None:
    segment = (
        Segment.objects.filter(canvas=canvas, pk=segment_pk).select_related("updated_by").first()
    )
    if segment is not None:
        segment.canvas = canvas
    return segment


def _segments_context(canvas, membership, **extra) -> dict:
    """The segment list, its alignment warnings and each learner segment's cost."""
    segments = list(
        canvas.segments.order_by("position", "pk").prefetch_related(
            Prefetch("personas", queryset=Persona.objects.order_by("position", "pk"))
        )
    )
    for segment in segments:
        segment.canvas = canvas
    mismatches = value_alignment(
        canvas.value_kinds,
        [SegmentExpectation(segment.name, segment.expected_kinds) for segment in segments],
    )
    context = {
        "canvas": canvas,
        "membership": membership,
        "segments": segments,
        "mismatches": mismatches,
        **call_hook("segment_costs", canvas=canvas, segments=segments),
        "add_form": SegmentForm(prefix="new") if membership.can_edit else None,
        "editing": None,
        "edit_form": None,
        "notice": "",
    }
    context.update(extra)
    return context


def _segments_page(request, canvas, membership, *, status=200, partial="segments", **extra):
    context = _segments_context(canvas, membership, **extra)
    template = f"{SEGMENTS_PAGE}#{partial}" if request.htmx else SEGMENTS_PAGE
    return TemplateResponse(request, template, context, status=status)


def _to_segments(org_slug, canvas) -> str:
    return reverse("segment_list", kwargs={"org_slug": org_slug, "canvas_pk": canvas.pk})


@require_GET
@vary_on_headers("HX-Request")
def segment_list(request, org_slug, canvas_pk):
    """The canvas's customer segments, the value-alignment check, and a form to add one."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    return _segments_page(request, canvas, membership)


@require_POST
@vary_on_headers("HX-Request")
def segment_create(request, org_slug, canvas_pk):
    """Add a segment at the end of the list; errors show next to the fields."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    restore = _is_restore(request)
    form = SegmentForm(request.POST, prefix="new", auto_id=RESTORED_IDS if restore else "id_%s")
    if not form.is_valid():
        if restore:
            # "Add it back" after a removal: the errors show in that form, where it was.
            return _segments_page(
                request, canvas, membership, status=422, partial="segment_form", gone_form=form
            )
        return _segments_page(
            request, canvas, membership, status=422, partial="add_form", add_form=form
        )
    segment = add_segment(canvas=canvas, by=request.user, **form.changes())
    if not request.htmx:
        messages.success(request, f"Added the segment “{segment.name}”.")
        return redirect(_to_segments(org_slug, canvas))
    return _retarget(_segments_page(request, canvas, membership), "#segments")


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def segment_edit(request, org_slug, canvas_pk, segment_pk):
    """Edit a segment in place. A stale save answers 409 with both versions to compare."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = _segment_or_none(canvas, segment_pk)
    if request.method == "GET":
        if segment is None:
            return _segment_gone(request, canvas, membership)
        form = SegmentForm(instance=segment, prefix=f"s{segment.pk}")
        return _segments_page(
            request, canvas, membership, partial="segment_form", editing=segment, edit_form=form
        )

    form = SegmentForm(
        request.POST, instance=segment or Segment(canvas=canvas), prefix=f"s{segment_pk}"
    )
    if segment is None:
        return _segment_gone_while_editing(request, canvas, membership, segment_pk)
    if not form.is_valid():
        return _segments_page(
            request,
            canvas,
            membership,
            status=422,
            partial="segment_form",
            editing=segment,
            edit_form=form,
        )
    changes = {**form.changes(), "updated_by": request.user}
    if not save_if_unchanged(
        segment, expected_version=form.cleaned_data["version"], changes=changes
    ):
        current = _segment_or_none(canvas, segment_pk)
        if current is None:
            return _segment_gone_while_editing(request, canvas, membership, segment_pk)
        conflict = describe_conflict(form, current, list(SegmentForm.Meta.fields))
        return _segments_page(
            request,
            canvas,
            membership,
            status=409,
            partial="segment_form",
            editing=current,
            edit_form=rebind_to_current_version(form, current),
            conflict=conflict,
        )
    canvas.touch(request.user)
    if not request.htmx:
        messages.success(request, f"Saved “{segment.name}”.")
        return redirect(_to_segments(org_slug, canvas))
    return _retarget(_segments_page(request, canvas, membership), "#segments")


def _is_restore(request) -> bool:
    """Whether an add came from the "Add it back" form of something removed meanwhile."""
    return request.POST.get("restore") == "1"


def _segment_gone(request, canvas, membership):
    notice = "That segment was removed by someone else, so there is nothing to edit."
    if not request.htmx:
        messages.info(request, notice)
        return redirect(_to_segments(canvas.organization.slug, canvas))
    return _retarget(_segments_page(request, canvas, membership, notice=notice), "#segments")


def _segment_gone_while_editing(request, canvas, membership, segment_pk):
    """The segment was removed while this person edited it: keep their text, offer to re-add."""
    restored = SegmentForm(
        _relist(request.POST, f"s{segment_pk}"), prefix="new", auto_id=RESTORED_IDS
    )
    restored.is_valid()
    return _segments_page(
        request,
        canvas,
        membership,
        status=409,
        partial="segment_form",
        editing=None,
        gone_form=restored,
    )


def _relist(data, prefix: str) -> QueryDict:
    """The posted values of one form prefix, re-keyed for an add form ("new-...")."""
    moved = QueryDict(mutable=True)
    for key, values in data.lists():
        if key.startswith(prefix + "-") and not key.endswith("-version"):
            moved.setlist("new-" + key[len(prefix) + 1 :], values)
    return moved


@require_POST
@vary_on_headers("HX-Request")
def segment_move(request, org_slug, canvas_pk, segment_pk):
    """Move a segment to another position in the list."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = _segment_or_none(canvas, segment_pk)
    if segment is None:
        return _segment_gone(request, canvas, membership)
    form = MoveForm(request.POST)
    if form.is_valid():
        segment.move_to(form.cleaned_data["position"], by=request.user)
    if not request.htmx:
        return redirect(_to_segments(org_slug, canvas))
    return _segments_page(request, canvas, membership, status=200 if form.is_valid() else 422)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def segment_delete(request, org_slug, canvas_pk, segment_pk):
    """Confirm (without JavaScript), then remove a segment with its personas and journeys."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = _segment_or_none(canvas, segment_pk)
    if segment is None:
        return _segment_gone(request, canvas, membership)
    if request.method == "GET":
        personas = segment.personas.annotate(stage_count=Count("stages"))
        return TemplateResponse(
            request,
            "customers/segment_delete.html",
            {"canvas": canvas, "membership": membership, "segment": segment, "personas": personas},
        )
    name = segment.name
    segment.remove(by=request.user)
    if not request.htmx:
        messages.success(request, f"Removed the segment “{name}”.")
        return redirect(_to_segments(org_slug, canvas))
    return _segments_page(request, canvas, membership)


# Personas ---------------------------------------------------------------------------------


def _persona_or_404(canvas, persona_pk) -> Persona:
    persona = (
        Persona.objects.filter(segment__canvas=canvas, pk=persona_pk)
        .select_related("segment", "updated_by")
        .first()
    )
    if persona is None:
        raise Http404("No such persona.")
    persona.segment.canvas = canvas
    return persona


def _persona_url(org_slug, persona) -> str:
    return reverse(
        "persona_detail",
        kwargs={
            "org_slug": org_slug,
            "canvas_pk": persona.segment.canvas_id,
            "persona_pk": persona.pk,
        },
    )


def _journey_context(persona) -> dict:
    stages = list(persona.stages.order_by("position", "pk").select_related("updated_by"))
    curve = emotion_curve([stage.feeling for stage in stages])
    for stage, point in zip(stages, curve.points, strict=True):
        stage.point = point
    return {"stages": stages, "curve": curve}


def _persona_context(persona, canvas, membership, **extra) -> dict:
    context = {
        "canvas": canvas,
        "membership": membership,
        "persona": persona,
        "segment": persona.segment,
        "stage_form": StageForm(prefix="new") if membership.can_edit else None,
        "editing": None,
        "edit_form": None,
        "notice": "",
        **_journey_context(persona),
    }
    context.update(extra)
    return context


def _persona_page(request, persona, canvas, membership, *, status=200, partial="journey", **extra):
    context = _persona_context(persona, canvas, membership, **extra)
    template = f"{PERSONA_PAGE}#{partial}" if request.htmx else PERSONA_PAGE
    return TemplateResponse(request, template, context, status=status)


@require_GET
@vary_on_headers("HX-Request")
def persona_detail(request, org_slug, canvas_pk, persona_pk):
    """A persona as a one-page portrait, with their journey and its emotion curve."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    persona = _persona_or_404(canvas, persona_pk)
    return _persona_page(request, persona, canvas, membership)


@require_http_methods(["GET", "POST"])
def persona_create(request, org_slug, canvas_pk, segment_pk):
    """Portray someone in a segment."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    segment = _segment_or_none(canvas, segment_pk)
    if segment is None:
        raise Http404("No such segment.")
    form = PersonaForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            persona = add_persona(segment=segment, by=request.user, **form.changes())
            messages.success(request, f"Added {persona.name}. Now map their journey.")
            return redirect(_persona_url(org_slug, persona))
        status = 422
    else:
        status = 200
    context = {"canvas": canvas, "membership": membership, "segment": segment, "form": form}
    return TemplateResponse(request, "customers/persona_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def persona_edit(request, org_slug, canvas_pk, persona_pk):
    """Edit a persona. A stale save answers 409 with both versions to compare."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = (
        Persona.objects.filter(segment__canvas=canvas, pk=persona_pk)
        .select_related("segment", "updated_by")
        .first()
    )
    if persona is None:
        if request.method == "POST":
            return _persona_gone_while_editing(request, canvas, membership)
        raise Http404("No such persona.")
    persona.segment.canvas = canvas
    context = {"canvas": canvas, "membership": membership, "segment": persona.segment}
    if request.method == "GET":
        context |= {"persona": persona, "form": PersonaForm(instance=persona)}
        return TemplateResponse(request, "customers/persona_form.html", context)
    form = PersonaForm(request.POST, instance=persona)
    if not form.is_valid():
        context |= {"persona": persona, "form": form}
        return TemplateResponse(request, "customers/persona_form.html", context, status=422)
    changes = {**form.changes(), "updated_by": request.user}
    if not save_if_unchanged(
        persona, expected_version=form.cleaned_data["version"], changes=changes
    ):
        current = (
            Persona.objects.filter(pk=persona.pk).select_related("segment", "updated_by").first()
        )
        if current is None:
            return _persona_gone_while_editing(request, canvas, membership)
        context |= {
            "persona": current,
            "form": rebind_to_current_version(form, current),
            "conflict": describe_conflict(form, current, list(PersonaForm.Meta.fields)),
        }
        return TemplateResponse(request, "customers/persona_form.html", context, status=409)
    canvas.touch(request.user)
    messages.success(request, f"Saved {persona.name}.")
    return redirect(_persona_url(org_slug, persona))


def _persona_gone_while_editing(request, canvas, membership):
    """Keep the text of someone whose persona was removed while they edited it.

    If the persona's segment still exists, the form offers to save it again
    as a new persona there; otherwise the text stays on screen to copy.
    """
    form = PersonaForm(request.POST)
    form.is_valid()
    segment_pk = _posted_pk(request.POST.get("segment", ""))
    segment = _segment_or_none(canvas, segment_pk) if segment_pk is not None else None
    context = {
        "canvas": canvas,
        "membership": membership,
        "form": form,
        "segment": segment,
        "gone": True,
    }
    return TemplateResponse(request, "customers/persona_form.html", context, status=409)


def _posted_pk(value: str) -> int | None:
    """A posted id, or None unless it is plain ASCII digits ("²".isdigit() is True)."""
    return int(value) if value.isascii() and value.isdecimal() else None


@require_POST
def persona_duplicate(request, org_slug, canvas_pk, persona_pk):
    """Copy a persona with its journey, to make a variant."""
    canvas, _ = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    copy = persona.duplicate(by=request.user)
    messages.success(
        request, f"Copied {persona.name} with their journey. Make this variant your own."
    )
    return redirect(_persona_url(org_slug, copy))


@require_http_methods(["GET", "POST"])
def persona_delete(request, org_slug, canvas_pk, persona_pk):
    """Confirm, then remove a persona and their journey."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    if request.method == "POST":
        name = persona.name
        persona.remove(by=request.user)
        messages.success(request, f"Removed {name} and their journey.")
        return redirect(_to_segments(org_slug, canvas))
    context = {
        "canvas": canvas,
        "membership": membership,
        "persona": persona,
        "stage_count": persona.stages.count(),
    }
    return TemplateResponse(request, "customers/persona_delete.html", context)


@require_GET
def persona_card(request, org_slug, canvas_pk, persona_pk):
    """The persona as a printable one-page PDF card (any member may download it)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    persona = _persona_or_404(canvas, persona_pk)
    context = {"canvas": canvas, "organization": membership.organization, "persona": persona}
    context |= _journey_context(persona)
    filename = f"{membership.organization.slug}-persona-{slugify(persona.name) or persona.pk}.pdf"
    return pdf_download(request, "customers/persona_card.html", context, filename=filename)


# Journey stages ---------------------------------------------------------------------------


def _stage_or_none(persona, stage_pk) -> JourneyStage | None:
    stage = (
        JourneyStage.objects.filter(persona=persona, pk=stage_pk)
        .select_related("updated_by")
        .first()
    )
    if stage is not None:
        stage.persona = persona
    return stage


def _stage_gone(request, persona, canvas, membership) -> HttpResponse:
    notice = "That stage was removed by someone else."
    if not request.htmx:
        messages.info(request, notice)
        return redirect(_persona_url(canvas.organization.slug, persona) + "#journey")
    return _retarget(_persona_page(request, persona, canvas, membership, notice=notice), "#journey")


@require_POST
@vary_on_headers("HX-Request")
def stage_create(request, org_slug, canvas_pk, persona_pk):
    """Add a stage at the end of the journey; errors show next to the fields."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    restore = _is_restore(request)
    form = StageForm(request.POST, prefix="new", auto_id=RESTORED_IDS if restore else "id_%s")
    if not form.is_valid():
        if restore:
            return _persona_page(
                request,
                persona,
                canvas,
                membership,
                status=422,
                partial="stage_form",
                gone_form=form,
            )
        return _persona_page(
            request,
            persona,
            canvas,
            membership,
            status=422,
            partial="stage_add_form",
            stage_form=form,
        )
    persona.add_stage(by=request.user, **form.changes())
    if not request.htmx:
        return redirect(_persona_url(org_slug, persona) + "#journey")
    return _retarget(_persona_page(request, persona, canvas, membership), "#journey")


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def stage_edit(request, org_slug, canvas_pk, persona_pk, stage_pk):
    """Edit a stage in place. A stale save answers 409 with both versions to compare."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    stage = _stage_or_none(persona, stage_pk)
    prefix = f"st{stage_pk}"
    if request.method == "GET":
        if stage is None:
            return _stage_gone(request, persona, canvas, membership)
        form = StageForm(instance=stage, prefix=prefix)
        return _persona_page(
            request,
            persona,
            canvas,
            membership,
            partial="stage_form",
            editing=stage,
            edit_form=form,
        )
    form = StageForm(request.POST, instance=stage or JourneyStage(persona=persona), prefix=prefix)
    if stage is None:
        return _stage_gone_while_editing(request, persona, canvas, membership, prefix)
    if not form.is_valid():
        return _persona_page(
            request,
            persona,
            canvas,
            membership,
            status=422,
            partial="stage_form",
            editing=stage,
            edit_form=form,
        )
    changes = {**form.changes(), "updated_by": request.user}
    if not save_if_unchanged(stage, expected_version=form.cleaned_data["version"], changes=changes):
        current = _stage_or_none(persona, stage_pk)
        if current is None:
            return _stage_gone_while_editing(request, persona, canvas, membership, prefix)
        return _persona_page(
            request,
            persona,
            canvas,
            membership,
            status=409,
            partial="stage_form",
            editing=current,
            edit_form=rebind_to_current_version(form, current),
            conflict=describe_conflict(form, current, list(StageForm.Meta.fields)),
        )
    canvas.touch(request.user)
    if not request.htmx:
        return redirect(_persona_url(org_slug, persona) + "#journey")
    return _retarget(_persona_page(request, persona, canvas, membership), "#journey")


def _stage_gone_while_editing(request, persona, canvas, membership, prefix):
    restored = StageForm(_relist(request.POST, prefix), prefix="new", auto_id=RESTORED_IDS)
    restored.is_valid()
    return _persona_page(
        request,
        persona,
        canvas,
        membership,
        status=409,
        partial="stage_form",
        editing=None,
        gone_form=restored,
    )


@require_POST
@vary_on_headers("HX-Request")
def stage_move(request, org_slug, canvas_pk, persona_pk, stage_pk):
    """Move a stage to another position in the journey."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    stage = _stage_or_none(persona, stage_pk)
    if stage is None:
        return _stage_gone(request, persona, canvas, membership)
    form = MoveForm(request.POST)
    if form.is_valid():
        stage.move_to(form.cleaned_data["position"], by=request.user)
    if not request.htmx:
        return redirect(_persona_url(org_slug, persona) + "#journey")
    return _persona_page(
        request, persona, canvas, membership, status=200 if form.is_valid() else 422
    )


@require_POST
@vary_on_headers("HX-Request")
def stage_delete(request, org_slug, canvas_pk, persona_pk, stage_pk):
    """Remove a stage from the journey."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    persona = _persona_or_404(canvas, persona_pk)
    stage = _stage_or_none(persona, stage_pk)
    if stage is None:
        return _stage_gone(request, persona, canvas, membership)
    name = stage.name
    stage.remove(by=request.user)
    if not request.htmx:
        messages.success(request, f"Removed the stage “{name}”.")
        return redirect(_persona_url(org_slug, persona) + "#journey")
    return _persona_page(request, persona, canvas, membership)
