"""The self-assessment: history, taking it (htmx or one plain form post), results, actions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from canvas.access import get_canvas
from core.pdf import pdf_download
from scorecard.access import get_assessment
from scorecard.forms import TickForm
from scorecard.models import Assessment
from scorecard.pages import (
    assessment_urls,
    complete_panel_context,
    history_context,
    item_context,
    progress_for,
    question_item,
    sections_for,
    take_context,
    with_item,
)
from scorecard.printing import blank_form, blank_pdf_filename
from scorecard.services import (
    AssessmentCompleted,
    complete_assessment,
    results_for,
    start_or_resume_assessment,
    tick_action,
)
from scorecard.taking import save_changes, save_note, save_rating


def _require_draft(assessment: Assessment) -> None:
    if assessment.is_complete:
        raise AssessmentCompleted(
            "This assessment is complete, so its answers can't change any more. "
            "Start a new assessment to record what has changed."
        )


# History and starting ------------------------------------------------------------------------


def assessment_history(request, org_slug, canvas_pk):
    """Every assessment of a canvas, a trend of the overall score, and a way to start one."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    context = history_context(canvas, membership)
    return TemplateResponse(request, "scorecard/history.html", context)


@require_POST
def assessment_start(request, org_slug, canvas_pk):
    """Start an assessment of the canvas, or resume the one in progress."""
    canvas, _ = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    assessment, created = start_or_resume_assessment(canvas=canvas, by=request.user)
    if not created:
        messages.info(request, "An assessment is already in progress; carry on where it stands.")
    return redirect("scorecard_take", org_slug=org_slug, canvas_pk=canvas.pk, pk=assessment.pk)


# Taking it ---------------------------------------------------------------------------------


def _take_page(request, assessment, membership, sections, *, status=200, **flags):
    context = take_context(assessment, membership, sections, **flags)
    return TemplateResponse(request, "scorecard/take.html", context, status=status)


@require_http_methods(["GET", "POST"])
def assessment_take(request, org_slug, canvas_pk, pk):
    """The assessment page. GET shows it; POST saves the whole form (for pages without JS).

    A POST with `complete` also completes the assessment (after a warning when
    answers are missing).
    """
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if assessment.is_complete:
        return redirect(assessment_urls(assessment)["results"])
    sections = sections_for(assessment)
    if request.method == "GET":
        return _take_page(request, assessment, membership, sections)
    status = save_changes(request.POST, assessment=assessment, sections=sections, by=request.user)
    completing = "complete" in request.POST or "confirm" in request.POST
    if status != 200:
        return _take_page(
            request, assessment, membership, sections, status=status, not_completed=completing
        )
    if completing:
        return _complete(request, assessment, membership, sections)
    messages.success(request, "Your answers are saved.")
    return redirect(assessment_urls(assessment)["take"])


@require_POST
@vary_on_headers("HX-Request")
def answer_save(request, org_slug, canvas_pk, pk, question_pk):
    """Save one rating the moment it is clicked; htmx gets the statement back and the progress."""
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    _require_draft(assessment)
    item = question_item(assessment, question_pk)
    saved = save_rating(request.POST, item, assessment=assessment, by=request.user)
    if request.htmx:
        context = item_context(
            assessment, membership, item, progress=progress_for(assessment), oob=saved
        )
        status = 200 if saved else 422
        return TemplateResponse(request, "scorecard/take.html#rating", context, status=status)
    if not saved:
        sections = with_item(sections_for(assessment), item)
        return _take_page(request, assessment, membership, sections, status=422)
    return redirect(f"{assessment_urls(assessment)['take']}#question-{item.question.pk}")


@require_POST
@vary_on_headers("HX-Request")
def evidence_save(request, org_slug, canvas_pk, pk, question_pk):
    """Save one evidence note if nobody changed it meanwhile (409 with both versions if so)."""
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    _require_draft(assessment)
    item = question_item(assessment, question_pk)
    edit = save_note(request.POST, item, by=request.user)
    if request.htmx:
        context = item_context(assessment, membership, item)
        return TemplateResponse(
            request, "scorecard/take.html#evidence", context, status=edit.status
        )
    if edit.status != 200:
        sections = with_item(sections_for(assessment), item)
        return _take_page(request, assessment, membership, sections, status=edit.status)
    if item.written:
        messages.success(request, "Evidence note saved.")
    return redirect(f"{assessment_urls(assessment)['take']}#question-{item.question.pk}")


@require_POST
@vary_on_headers("HX-Request")
def assessment_complete(request, org_slug, canvas_pk, pk):
    """Complete the assessment; when answers are missing, warn first and let people confirm.

    The page's "Mark complete" posts the whole form, so a note typed but not yet
    saved is saved first (or, if someone changed it meanwhile, shown as a conflict
    and the assessment is not completed). htmx gets the complete panel back, with
    the notes it saved or stopped on swapped in out of band.
    """
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if assessment.is_complete:
        return _to_results(request, assessment)
    sections = sections_for(assessment)
    status = save_changes(request.POST, assessment=assessment, sections=sections, by=request.user)
    if status == 200:
        return _complete(request, assessment, membership, sections)
    if request.htmx:
        context = complete_panel_context(assessment, membership, sections, not_completed=True)
        return _complete_panel(request, context, status=status)
    return _take_page(request, assessment, membership, sections, status=status, not_completed=True)


def _complete_panel(request, context, *, status=200):
    return TemplateResponse(
        request, "scorecard/take.html#complete_response", context, status=status
    )


def _complete(request, assessment, membership, sections):
    """Complete once this person's changes are saved; first a warning when answers are
    missing (counted in the database: others may have answered meanwhile)."""
    progress = progress_for(assessment)
    if progress.unanswered and not request.POST.get("confirm"):
        if request.htmx:
            context = complete_panel_context(assessment, membership, sections, progress=progress)
            return _complete_panel(request, context)
        return _take_page(request, assessment, membership, sections, confirm_complete=True)
    complete_assessment(assessment=assessment, by=request.user)
    messages.success(request, "Assessment complete. Here is where you stand.")
    return _to_results(request, assessment)


def _to_results(request, assessment):
    url = assessment_urls(assessment)["results"]
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


# Results -----------------------------------------------------------------------------------


@require_POST
@vary_on_headers("HX-Request")
def action_tick(request, org_slug, canvas_pk, pk):
    """Tick or untick one action on the checklist; it records who and when."""
    assessment, membership = get_assessment(request, org_slug, canvas_pk, pk, edit=True)
    if not assessment.is_complete:
        raise Http404("That assessment has no results yet.")
    form = TickForm(request.POST)
    if not form.is_valid():
        raise Http404("No such action.")
    results = results_for(assessment)
    item = next((i for i in results.checklist if i.action.key == form.cleaned_data["key"]), None)
    if item is None:
        raise Http404("No such action.")
    tick = tick_action(
        assessment=assessment, key=item.action.key, done=form.cleaned_data["done"], by=request.user
    )
    if not request.htmx:
        return redirect(f"{assessment_urls(assessment)['results']}#actions")
    item = type(item)(action=item.action, tick=tick)
    context = {
        "assessment": assessment,
        "membership": membership,
        "item": item,
        "urls": assessment_urls(assessment),
    }
    return TemplateResponse(request, "scorecard/results.html#action", context)


# Printing ----------------------------------------------------------------------------------


@require_safe
def blank_assessment_pdf(request, org_slug, canvas_pk):
    """The current statements with boxes to tick by hand and room for notes."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    organization = membership.organization
    context = {"form": blank_form(), "organization": organization, "canvas": canvas}
    return pdf_download(
        request, "pdf/blank_assessment.html", context, filename=blank_pdf_filename(organization)
    )
