"""Pages that compose several domain apps: the board, duplicating a canvas, and the
self-assessment report on screen and as a PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from canvas import pages
from canvas.access import get_canvas
from canvas.areas import AREAS_BY_KEY
from canvas.forms import NoteAddForm
from canvas.models import Canvas
from core.pdf import pdf_download
from core.versioning import edit_record, saving
from scorecard.access import get_assessment
from scorecard.forms import AssessmentMessageForm
from scorecard.pages import assessment_urls
from scorecard.services import message_for, results_for, save_message
from studio.printing import assessment_printout
from studio.services import duplicate_canvas


@require_GET
@vary_on_headers("HX-Request")
def board_page(request, org_slug, canvas_pk):
    """The canvas laid out like a printed canvas: six areas and their notes.

    `?add=<area>` opens that area's add form (how the board works without
    JavaScript); a delete, edit or move made without JavaScript leaves its undo offer here.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    state = {}
    adding = request.GET.get("add")
    if membership.can_edit and adding in AREAS_BY_KEY:
        state.update(adding=adding, add_form=NoteAddForm(area=adding), focus_add=True)
    offer = request.session.pop(f"undo-{canvas.pk}", None)
    if isinstance(offer, dict) and membership.can_edit:
        state.update(undo_offer=offer, focus_undo=True)
    return pages.board_page(request, canvas, membership, **state)


@require_POST
def canvas_duplicate(request, org_slug, canvas_pk):
    """Copy a canvas with its notes, customers and investment & return."""
    canvas, _ = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    try:
        copy = duplicate_canvas(canvas=canvas, by=request.user)
    except Canvas.DoesNotExist:
        messages.error(request, f"“{canvas.title}” was just deleted, so it wasn't copied.")
        return redirect("org_home", org_slug=org_slug)
    messages.success(
        request,
        f"Copied “{canvas.title}” with its notes, customers and investment & return. "
        "Its self-assessments stay with the original.",
    )
    return redirect("board", org_slug=org_slug, canvas_pk=copy.pk)


@require_GET
def assessment_results(request, org_slug, canvas_pk, pk):
    """The self-assessment report on screen: overall score, radar, areas, weakest link,
    actions, change since last time, history. A draft sends editors back to it."""
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk)
    if not assessment.is_complete:
        if membership.can_edit:
            return redirect(assessment_urls(assessment)["take"])
        messages.info(
            request, "That assessment is still in progress; results appear when it is complete."
        )
        return redirect("scorecard_history", org_slug=org_slug, canvas_pk=canvas_pk)
    return _results_page(request, assessment, membership)


@require_POST
@vary_on_headers("HX-Request")
def assessment_message(request, org_slug, canvas_pk, pk):
    """Save the headline and the ask that page 1 of the report prints (owners, on a
    completed assessment); a stale save answers 409 with both versions."""
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if not membership.is_owner or not assessment.is_complete:
        raise PermissionDenied("Only an owner writes the headline and the ask.")
    message = message_for(assessment)
    form = AssessmentMessageForm(request.POST, instance=message)
    edit = edit_record(
        form, message, save=saving(save_message, assessment=assessment, by=request.user)
    )
    if edit.saved and not request.htmx:
        messages.success(request, "Saved: page 1 of the report prints the headline and the ask.")
        return redirect(f"{assessment_urls(assessment)['results']}#message")
    state = {
        "message": edit.record if edit.saved else message,
        "message_form": AssessmentMessageForm(instance=edit.record) if edit.saved else edit.form,
        "message_conflict": edit.conflict,
        "message_saved": edit.saved,
    }
    if request.htmx:
        context = {"assessment": assessment, "membership": membership, **state}
        return TemplateResponse(
            request, "scorecard/results.html#message", context, status=edit.status
        )
    return _results_page(request, assessment, membership, status=edit.status, **state)


def _results_page(request, assessment, membership, *, status=200, **state) -> TemplateResponse:
    message = state.pop("message", None) or message_for(assessment)
    context = {
        "assessment": assessment,
        "canvas": assessment.canvas,
        "membership": membership,
        "results": results_for(assessment),
        "urls": assessment_urls(assessment),
        "message": message,
        "message_form": AssessmentMessageForm(instance=message),
        **state,
    }
    return TemplateResponse(request, "scorecard/results.html", context, status=status)


@require_safe
def assessment_pdf(request, org_slug, canvas_pk, pk):
    """The self-assessment as a PDF: the one-page summary, details, figures, canvas.

    Any member may download it; a draft prints too, marked "Draft" on every page.
    An unchanged printout is answered with 304 or served from the cache.
    """
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk)
    canvas = assessment.canvas
    printout = assessment_printout(assessment=assessment, organization=membership.organization)
    context = {"p": printout, "organization": membership.organization, "canvas": canvas}
    return pdf_download(request, "pdf/assessment.html", context, filename=printout.filename)
