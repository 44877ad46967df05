"""What the customer pages show: lookups, page contexts and the answers views share.

The segments page and a persona's page each have one context builder; a view
picks the region to send (a Django partial for htmx, the whole page
otherwise) and the status. After any change to a list the whole region is sent
back, because one change can move the value-alignment warnings or the curve.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from core.hooks import call_hook
from core.htmx import retarget
from core.undo import UndoError, read_undo_token
from core.versioning import Edit, describe_stale_action, posted_values
from customers.alignment import SegmentExpectation, value_alignment
from customers.curve import curve_rows, emotion_curve
from customers.forms import (
    PersonaEditForm,
    PersonaForm,
    SegmentEditForm,
    SegmentForm,
    StageEditForm,
    StageForm,
)
from customers.models import JourneyStage, Persona, Segment
from customers.services import PERSONA_UNDO, SEGMENT_UNDO, STAGE_UNDO

SEGMENTS_PAGE = "customers/segments.html"
PERSONA_PAGE = "customers/persona.html"
PERSONA_FORM_PAGE = "customers/persona_form.html"
# An "add it back" form posts like the add form ("new-..." names) but sits on the
# same page, so its fields get their own ids and each label finds its own field.
RESTORED_IDS = "restored_%s"


# Lookups ----------------------------------------------------------------------------------


def segment_or_none(canvas, segment_pk) -> Segment | None:
    segment = (
        Segment.objects.filter(canvas=canvas, pk=segment_pk).select_related("updated_by").first()
    )
    if segment is not None:
        segment.canvas = canvas
    return segment


def persona_or_none(canvas, persona_pk) -> Persona | None:
    persona = (
        Persona.objects.filter(segment__canvas=canvas, pk=persona_pk)
        .select_related("segment", "updated_by")
        .first()
    )
    if persona is not None:
        persona.segment.canvas = canvas
    return persona


def stage_or_none(persona, stage_pk) -> JourneyStage | None:
    stage = (
        JourneyStage.objects.filter(persona=persona, pk=stage_pk)
        .select_related("updated_by")
        .first()
    )
    if stage is not None:
        stage.persona = persona
    return stage


def is_restore(request) -> bool:
    """Whether an add came from the "Add it back" form of something removed meanwhile."""
    return request.POST.get("restore") == "1"


def posted_pk(value: str) -> int | None:
    """A posted id, or None unless it is plain ASCII digits ("²".isdigit() is True)."""
    return int(value) if value.isascii() and value.isdecimal() else None


def add_back_form(form_class: type[forms.Form], edited: forms.Form, **kwargs) -> forms.Form:
    """An add form holding what the user typed into `edited`, whose record was removed
    meanwhile; validated, so its errors show as they would on the add form."""
    prefix = kwargs.get("prefix")
    data = QueryDict(mutable=True)
    for name, value in posted_values(edited).items():
        data.setlist(
            f"{prefix}-{name}" if prefix else name, value if isinstance(value, list) else [value]
        )
    form = form_class(data, **kwargs)
    form.is_valid()
    return form


def _url(name, canvas, **kwargs) -> str:
    return reverse(
        name, kwargs={"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk, **kwargs}
    )


# Undo -------------------------------------------------------------------------------------

UNDO_KINDS = {
    "segment": (SEGMENT_UNDO, Segment),
    "persona": (PERSONA_UNDO, Persona),
    "stage": (STAGE_UNDO, JourneyStage),
}


@dataclass(frozen=True)
class UndoOffer:
    """What an "Undo" offer after a removal shows and posts."""

    kind: str
    token: str
    message: str
    offer_seconds: int

    @property
    def target(self) -> str:
        """The region the undo's answer replaces (htmx)."""
        return "#journey" if self.kind == "stage" else "#segments"


def undo_offer(canvas, kind: str, token: str) -> UndoOffer:
    """The offer for a removal's token (UndoError when it is no longer valid)."""
    undo_kind, model = UNDO_KINDS[kind]
    deleted = read_undo_token(token, kind=undo_kind, canvas_pk=canvas.pk, models_allowed=(model,))
    if kind == "segment":
        personas = deleted.count("personas")
        message = f"Removed the segment “{deleted.label}”" + (
            f" with {personas} persona{'s' if personas != 1 else ''} and their journeys."
            if personas
            else "."
        )
    elif kind == "persona":
        message = f"Removed {deleted.label} and their journey."
    else:
        message = f"Removed the stage “{deleted.label}”."
    return UndoOffer(kind, token, message, undo_kind.offer_seconds)


def session_key(canvas) -> str:
    return f"customers-undo-{canvas.pk}"


def remember_undo(request, canvas, kind: str, token: str) -> None:
    """Keep a removal's undo token for the next page (JavaScript off: it redirects)."""
    request.session[session_key(canvas)] = {"kind": kind, "token": token}


def remembered_undo(request, canvas, membership) -> UndoOffer | None:
    """The undo offer a redirect after a removal left for this page, shown once."""
    stored = request.session.pop(session_key(canvas), None)
    if not stored or not membership.can_edit or stored.get("kind") not in UNDO_KINDS:
        return None
    try:
        return undo_offer(canvas, stored["kind"], stored.get("token", ""))
    except UndoError:
        return None


# Segments ---------------------------------------------------------------------------------


def segments_url(org_slug, canvas) -> str:
    return reverse("segment_list", kwargs={"org_slug": org_slug, "canvas_pk": canvas.pk})


def segments_context(canvas, membership, **extra) -> dict:
    """The segment list, its alignment warnings and each learner segment's cost."""
    segments = list(
        canvas.segments.order_by("position", "pk").prefetch_related(
            Prefetch("personas", queryset=Persona.objects.order_by("position", "pk"))
        )
    )
    for segment in segments:
        segment.canvas = canvas
    mismatches = value_alignment(
        canvas.known_value_kinds,
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
        "stale_pk": None,
        "undo": None,
    }
    context.update(extra)
    return context


def segments_page(request, canvas, membership, *, status=200, partial="segments", **extra):
    """The segments page, or for htmx its `partial`, with `extra` in the context."""
    context = segments_context(canvas, membership, **extra)
    template = f"{SEGMENTS_PAGE}#{partial}" if request.htmx else SEGMENTS_PAGE
    return TemplateResponse(request, template, context, status=status)


def segments_region(request, canvas, membership) -> HttpResponse:
    """The whole segments region, sent in place of the form that changed it."""
    return retarget(segments_page(request, canvas, membership), "#segments")


def segment_add_invalid(request, canvas, membership, form, *, restore: bool) -> HttpResponse:
    """An add form with its errors (422), where it was: the add panel, or the
    "add it back" form of a segment removed meanwhile."""
    if restore:
        return segments_page(
            request, canvas, membership, status=422, partial="segment_form", gone_form=form
        )
    return segments_page(request, canvas, membership, status=422, partial="add_form", add_form=form)


def segment_gone(request, canvas, membership, *, acting=False) -> HttpResponse:
    """A segment removed by someone else, for an edit (nothing to edit) or a remove or move
    (`acting`: nothing to do)."""
    notice = "That segment was removed by someone else, so there is nothing to edit."
    if acting:
        notice = "Someone else removed that segment already, so there was nothing to change."
    if not request.htmx:
        messages.info(request, notice)
        return redirect(segments_url(canvas.organization.slug, canvas))
    return retarget(segments_page(request, canvas, membership, notice=notice), "#segments")


def segment_stale(request, canvas, membership, segment, *, action: str, posted=None):
    """A remove or move of a segment someone changed since this person saw it: nothing
    happened; the segment as it is now in its place, to keep or act on anyway (409).
    Without JavaScript a stale remove answers with its confirmation page."""
    segment.canvas = canvas
    name = "segment_delete" if action == "remove" else "segment_move"
    ahead_url = _url(name, canvas, segment_pk=segment.pk)
    plain = action == "remove" and not request.htmx
    target = "" if plain else "#segments"
    panel = describe_stale_action(
        SegmentEditForm(instance=segment, prefix="stale"),
        segment,
        noun="segment",
        action=action,
        keep=(
            segments_url(canvas.organization.slug, canvas) + f"#segment-{segment.pk}",
            segments_url(canvas.organization.slug, canvas),
            target,
        ),
        ahead=(ahead_url, posted or {}, target),
    )
    if plain:
        return segment_delete_page(request, canvas, membership, segment, stale=panel, status=409)
    response = segments_page(
        request, canvas, membership, status=409, stale_pk=segment.pk, stale=panel
    )
    return retarget(response, "#segments")


def segment_delete_page(
    request, canvas, membership, segment, *, version=None, stale=None, status=200
):
    """The confirmation a remove asks for without JavaScript (or its conflict panel)."""
    personas = segment.personas.annotate(stage_count=Count("stages"))
    context = {
        "canvas": canvas,
        "membership": membership,
        "segment": segment,
        "personas": personas,
        "version": version or segment.version,
        "stale": stale,
    }
    return TemplateResponse(request, "customers/segment_delete.html", context, status=status)


def segment_add_back(request, canvas, membership, edited) -> HttpResponse:
    """The segment was removed while this person edited it: keep their text, offer to re-add."""
    restored = add_back_form(SegmentForm, edited, prefix="new", auto_id=RESTORED_IDS)
    return segments_page(
        request, canvas, membership, status=409, partial="segment_form", gone_form=restored
    )


def segment_not_saved(request, canvas, membership, edit: Edit) -> HttpResponse:
    """An edit that did not save, in place of its form: the errors (422), the
    conflict panel (409), or the "add it back" form when it was removed (409)."""
    if edit.gone:
        return segment_add_back(request, canvas, membership, edit.form)
    return segments_page(
        request,
        canvas,
        membership,
        status=edit.status,
        partial="segment_form",
        editing=edit.record,
        edit_form=edit.form,
        conflict=edit.conflict,
    )


# Personas ---------------------------------------------------------------------------------


def persona_url(org_slug, persona) -> str:
    return reverse(
        "persona_detail",
        kwargs={
            "org_slug": org_slug,
            "canvas_pk": persona.segment.canvas_id,
            "persona_pk": persona.pk,
        },
    )


def journey_url(org_slug, persona) -> str:
    return persona_url(org_slug, persona) + "#journey"


def journey_context(persona) -> dict:
    stages = list(persona.stages.order_by("position", "pk").select_related("updated_by"))
    curve = emotion_curve([stage.feeling for stage in stages])
    for stage, point in zip(stages, curve.points, strict=True):
        stage.point = point
    return {"stages": stages, "curve": curve, "curve_rows": curve_rows(curve)}


def persona_context(persona, canvas, membership, **extra) -> dict:
    context = {
        "canvas": canvas,
        "membership": membership,
        "persona": persona,
        "segment": persona.segment,
        "stage_form": StageForm(prefix="new") if membership.can_edit else None,
        "editing": None,
        "edit_form": None,
        "notice": "",
        "stale_pk": None,
        "undo": None,
        **journey_context(persona),
    }
    context.update(extra)
    return context


def persona_page(request, persona, canvas, membership, *, status=200, partial="journey", **extra):
    """A persona's page, or for htmx its `partial`, with `extra` in the context."""
    context = persona_context(persona, canvas, membership, **extra)
    template = f"{PERSONA_PAGE}#{partial}" if request.htmx else PERSONA_PAGE
    return TemplateResponse(request, template, context, status=status)


def persona_form_page(request, canvas, membership, segment, *, status=200, **extra):
    """The persona form page: a new persona in `segment`, or `persona` in `extra`."""
    context = {"canvas": canvas, "membership": membership, "segment": segment, **extra}
    return TemplateResponse(request, PERSONA_FORM_PAGE, context, status=status)


def persona_stale(request, canvas, membership, persona):
    """A remove of a persona someone changed since this person saw them: the confirmation
    page with the conflict panel (409)."""
    panel = describe_stale_action(
        PersonaEditForm(instance=persona, prefix="stale"),
        persona,
        noun="persona",
        action="remove",
        keep=(persona_url(canvas.organization.slug, persona), "", ""),
        ahead=(_url("persona_delete", canvas, persona_pk=persona.pk), {}, ""),
    )
    return persona_delete_page(request, canvas, membership, persona, stale=panel, status=409)


def persona_delete_page(
    request, canvas, membership, persona, *, version=None, stale=None, status=200
):
    """The confirmation a persona's remove asks for (or its conflict panel)."""
    context = {
        "canvas": canvas,
        "membership": membership,
        "persona": persona,
        "stage_count": persona.stages.count(),
        "version": version or persona.version,
        "stale": stale,
    }
    return TemplateResponse(request, "customers/persona_delete.html", context, status=status)


def persona_add_back(request, canvas, membership, edited) -> HttpResponse:
    """Keep the text of someone whose persona was removed while they edited it.

    If the persona's segment still exists, the form offers to save it again
    as a new persona there; otherwise the text stays on screen to copy.
    """
    form = add_back_form(PersonaForm, edited)
    segment_pk = posted_pk(request.POST.get("segment", ""))
    segment = segment_or_none(canvas, segment_pk) if segment_pk is not None else None
    return persona_form_page(request, canvas, membership, segment, status=409, form=form, gone=True)


def persona_not_saved(request, canvas, membership, edit: Edit) -> HttpResponse:
    """An edit that did not save: the errors (422), the conflict panel (409), or the
    "add it back" form when the persona was removed (409)."""
    if edit.gone:
        return persona_add_back(request, canvas, membership, edit.form)
    persona = edit.record
    return persona_form_page(
        request,
        canvas,
        membership,
        persona.segment,
        status=edit.status,
        persona=persona,
        form=edit.form,
        conflict=edit.conflict,
    )


# Journey stages ---------------------------------------------------------------------------


def journey_region(request, persona, canvas, membership) -> HttpResponse:
    """The whole journey region, sent in place of the form that changed it."""
    return retarget(persona_page(request, persona, canvas, membership), "#journey")


def stage_add_invalid(request, persona, canvas, membership, form, *, restore: bool):
    """An add form with its errors (422), where it was (see `segment_add_invalid`)."""
    if restore:
        return persona_page(
            request, persona, canvas, membership, status=422, partial="stage_form", gone_form=form
        )
    return persona_page(
        request,
        persona,
        canvas,
        membership,
        status=422,
        partial="stage_add_form",
        stage_form=form,
    )


def stage_gone(request, persona, canvas, membership) -> HttpResponse:
    notice = "That stage was removed by someone else, so there was nothing to change."
    if not request.htmx:
        messages.info(request, notice)
        return redirect(journey_url(canvas.organization.slug, persona))
    return retarget(persona_page(request, persona, canvas, membership, notice=notice), "#journey")


def stage_stale(request, persona, canvas, membership, stage, *, action: str, posted=None):
    """A remove or move of a stage someone changed since this person saw it: nothing
    happened; the stage as it is now in its place, to keep or act on anyway (409)."""
    stage.persona = persona
    name = "stage_delete" if action == "remove" else "stage_move"
    panel = describe_stale_action(
        StageEditForm(instance=stage, prefix="stale"),
        stage,
        noun="stage",
        action=action,
        keep=(
            journey_url(canvas.organization.slug, persona),
            persona_url(canvas.organization.slug, persona),
            "#journey",
        ),
        ahead=(
            _url(name, canvas, persona_pk=persona.pk, stage_pk=stage.pk),
            posted or {},
            "#journey",
        ),
    )
    response = persona_page(
        request, persona, canvas, membership, status=409, stale_pk=stage.pk, stale=panel
    )
    return retarget(response, "#journey")


def stage_add_back(request, persona, canvas, membership, edited) -> HttpResponse:
    """The stage was removed while this person edited it: keep their text, offer to re-add."""
    restored = add_back_form(StageForm, edited, prefix="new", auto_id=RESTORED_IDS)
    return persona_page(
        request, persona, canvas, membership, status=409, partial="stage_form", gone_form=restored
    )


def stage_not_saved(request, persona, canvas, membership, edit: Edit) -> HttpResponse:
    """An edit that did not save, in place of its form (see `segment_not_saved`)."""
    if edit.gone:
        return stage_add_back(request, persona, canvas, membership, edit.form)
    return persona_page(
        request,
        persona,
        canvas,
        membership,
        status=edit.status,
        partial="stage_form",
        editing=edit.record,
        edit_form=edit.form,
        conflict=edit.conflict,
    )
