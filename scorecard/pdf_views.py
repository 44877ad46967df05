"""The self-assessment on paper: the printed results, and a blank form for workshops.

Any member of the organization may download them (viewers included); another
organization's assessment is a 404. Both go through `canvas.pdf.pdf_download`,
so an unchanged printout is answered with 304 or served from the cache.
"""

from django.http import Http404
from django.views.decorators.http import require_safe

from canvas.pdf import pdf_download
from orgs.access import get_canvas
from scorecard.models import Assessment
from scorecard.printouts import assessment_printout, blank_form, blank_pdf_filename


@require_safe
def assessment_pdf(request, org_slug, canvas_pk, pk):
    """The self-assessment as a PDF: the one-page summary, details, figures, canvas.

    A draft prints too, marked "Draft" on every page.
    """
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    assessment = (
        Assessment.objects.filter(canvas=canvas, pk=pk)
        .select_related("question_set", "started_by", "completed_by")
        .first()
    )
    if assessment is None:
        raise Http404("No such assessment.")
    assessment.canvas = canvas
    printout = assessment_printout(assessment=assessment, organization=membership.organization)
    context = {"p": printout, "organization": membership.organization, "canvas": canvas}
    return pdf_download(request, "pdf/assessment.html", context, filename=printout.filename)


@require_safe
def blank_assessment_pdf(request, org_slug, canvas_pk):
    """The current statements with boxes to tick by hand and room for notes."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    organization = membership.organization
    context = {"form": blank_form(), "organization": organization, "canvas": canvas}
    return pdf_download(
        request, "pdf/blank_assessment.html", context, filename=blank_pdf_filename(organization)
    )
