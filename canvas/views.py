from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from canvas.areas import AREAS
from canvas.forms import CanvasForm
from canvas.models import Canvas, Note
from orgs.access import get_canvas, get_membership, require_editor, require_owner


def org_home(request, org_slug):
    """The organization's canvases, with a form to start a new one."""
    membership = get_membership(request.user, org_slug)
    return _org_home_response(request, membership, CanvasForm())


def _org_home_response(request, membership, form, status=200):
    canvases = list(
        Canvas.objects.filter(organization=membership.organization).select_related("updated_by")
    )
    counts = (
        Note.objects.filter(canvas__in=canvases)
        .values_list("canvas_id", "area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    filled = {}
    for canvas_id, area, n in counts:
        filled.setdefault(canvas_id, {})[area] = n
    for canvas in canvases:
        canvas.completeness = [
            {"area": area, "count": filled.get(canvas.pk, {}).get(area.key, 0)} for area in AREAS
        ]
        canvas.filled_areas = sum(1 for cell in canvas.completeness if cell["count"])
    context = {"membership": membership, "canvases": canvases, "form": form, "areas": AREAS}
    return TemplateResponse(request, "canvas/org_home.html", context, status=status)


@require_POST
def canvas_create(request, org_slug):
    """Create a canvas from the org home form; errors show next to the fields."""
    membership = get_membership(request.user, org_slug)
    require_editor(membership)
    form = CanvasForm(request.POST)
    if not form.is_valid():
        return _org_home_response(request, membership, form, status=422)
    canvas = form.save(commit=False)
    canvas.organization = membership.organization
    canvas.created_by = canvas.updated_by = request.user
    canvas.save()
    messages.success(request, f"“{canvas.title}” is ready. Start with the value proposition.")
    return redirect("board", org_slug=org_slug, canvas_pk=canvas.pk)


def board(request, org_slug, canvas_pk):
    """The canvas laid out like a printed canvas: six areas and their notes."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    notes = canvas.notes_by_area()
    areas = [{"area": area, "notes": notes[area.key]} for area in AREAS]
    context = {"canvas": canvas, "membership": membership, "areas": areas}
    return TemplateResponse(request, "canvas/board.html", context)


@require_POST
def canvas_duplicate(request, org_slug, canvas_pk):
    """Copy a canvas with all its notes."""
    canvas, _ = get_canvas(request.user, org_slug, canvas_pk, edit=True)
    copy = canvas.duplicate(by=request.user)
    messages.success(request, f"Copied “{canvas.title}” with all its notes.")
    return redirect("board", org_slug=org_slug, canvas_pk=copy.pk)


@require_http_methods(["GET", "POST"])
def canvas_delete(request, org_slug, canvas_pk):
    """Ask for confirmation, then delete a canvas (owners only)."""
    canvas, membership = get_canvas(request.user, org_slug, canvas_pk)
    require_owner(membership, "delete canvases")
    if request.method == "POST":
        title = canvas.title
        canvas.delete()
        messages.success(request, f"Deleted “{title}”.")
        return redirect("org_home", org_slug=org_slug)
    note_count = canvas.notes.count()
    return TemplateResponse(
        request,
        "canvas/delete.html",
        {"canvas": canvas, "membership": membership, "note_count": note_count},
    )
