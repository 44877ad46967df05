"""The canvas's share links, as its owners manage them (the public pages are in studio)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from sharing.access import get_owned_canvas, get_share_link
from sharing.forms import ShareLinkForm
from sharing.models import ShareLink
from sharing.pages import link_items
from sharing.services import create_share_link, revoke_share_link


@require_http_methods(["GET", "POST"])
def share_settings(request, org_slug, canvas_pk):
    """Every share link of the canvas, and a form to make one (owners only)."""
    canvas, membership = get_owned_canvas(request.user, org_slug, canvas_pk)
    today = canvas.organization.today()
    data = request.POST if request.method == "POST" else None
    form = ShareLinkForm(data, canvas=canvas, today=today)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            link = create_share_link(canvas=canvas, by=request.user, **form.cleaned_data)
            messages.success(request, "The link is ready. Copy it from the list below and send it.")
            return redirect(f"{request.path}#link-{link.pk}")
        status = 422
    links = ShareLink.objects.filter(canvas=canvas).select_related("assessment")
    context = {
        "canvas": canvas,
        "membership": membership,
        "form": form,
        "items": link_items(request, links, today=today),
    }
    return TemplateResponse(request, "sharing/settings.html", context, status=status)


@require_POST
def share_revoke(request, org_slug, canvas_pk, link_pk):
    """Stop a link at once (owners only)."""
    link, _ = get_share_link(request.user, org_slug, canvas_pk, link_pk)
    if revoke_share_link(link=link, by=request.user):
        messages.success(request, "The link is revoked: it stopped working just now.")
    else:
        messages.info(request, "That link had already been revoked.")
    return redirect("share_settings", org_slug=org_slug, canvas_pk=canvas_pk)
