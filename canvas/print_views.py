"""The "Print canvas" PDF: the current canvas alone as a poster-like landscape page."""

from django.utils import timezone
from django.views.decorators.http import require_safe

from canvas.pdf import pdf_download
from canvas.printing import canvas_pdf_filename, poster
from canvas.snapshot import snapshot_canvas
from orgs.access import get_canvas

PAPER_SIZES = ("a4", "a3")


@require_safe
def canvas_pdf(request, org_slug, canvas_pk):
    """The canvas as it stands, on A4 landscape (or A3 with `?size=a3`); any member."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    size = request.GET.get("size", "a4").lower()
    if size not in PAPER_SIZES:
        size = "a4"
    context = {
        "organization": membership.organization,
        "canvas": canvas,
        "poster": poster(snapshot_canvas(canvas)),
        "a3": size == "a3",
    }
    filename = canvas_pdf_filename(
        organization_name=membership.organization.name,
        title=canvas.title,
        day=timezone.localdate(),
    )
    return pdf_download(request, "pdf/canvas.html", context, filename=filename)
