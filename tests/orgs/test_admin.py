from django.urls import reverse

from orgs.models import Membership


def test_admin_lists_orgs_with_member_and_canvas_counts(admin_client, org, owner, editor, canvas):
    response = admin_client.get(reverse("admin:orgs_organization_changelist"))
    assert response.status_code == 200
    row = response.context["cl"].result_list[0]
    assert (row._members, row._canvases) == (2, 1)
    assert (
        admin_client.get(reverse("admin:orgs_organization_changelist") + "?q=acme").status_code
        == 200
    )


def test_admin_edits_org_with_memberships_inline(admin_client, org, owner):
    response = admin_client.get(reverse("admin:orgs_organization_change", args=[org.pk]))
    assert response.status_code == 200
    assert Membership.objects.get(user=owner).role in response.content.decode()


def test_admin_filters_canvases_by_org_and_searches_users(admin_client, org, canvas):
    url = reverse("admin:canvas_canvas_changelist") + f"?organization__id__exact={org.pk}"
    assert admin_client.get(url).context["cl"].result_count == 1
    assert admin_client.get(reverse("admin:auth_user_changelist") + "?q=owner").status_code == 200
