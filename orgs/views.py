from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from orgs.access import get_membership, require_owner
from orgs.forms import OrganizationForm
from orgs.models import Membership
from orgs.services import update_organization


def home(request):
    """Send the user to their organization, or let them pick one of several."""
    memberships = list(Membership.objects.for_user(request.user))
    if len(memberships) == 1:
        return redirect("org_home", org_slug=memberships[0].organization.slug)
    return TemplateResponse(request, "orgs/pick.html", {"memberships": memberships})


@require_http_methods(["GET", "POST"])
def org_settings(request, org_slug):
    """Rename the organization and set its currency (owners only)."""
    membership = get_membership(request.user, org_slug)
    require_owner(membership, "change the organization's settings")
    organization = membership.organization
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST":
        if form.is_valid():
            update_organization(organization=organization, **form.cleaned_data)
            messages.success(request, "Organization settings saved.")
            return redirect("org_home", org_slug=organization.slug)
        return TemplateResponse(
            request, "orgs/settings.html", {"form": form, "membership": membership}, status=422
        )
    return TemplateResponse(request, "orgs/settings.html", {"form": form, "membership": membership})
