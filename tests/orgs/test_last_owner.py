"""An organization always keeps at least one owner: in the services, and on every admin path
(the organization's members inline, the membership admin, deleting users)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.urls import reverse

from orgs.models import Membership
from orgs.services import (
    LastOwnerError,
    change_role,
    delete_users,
    remove_members,
    would_lose_last_owner,
)

OWNER, EDITOR, VIEWER = Membership.Role.OWNER, Membership.Role.EDITOR, Membership.Role.VIEWER
REFUSED = "Acme Learning needs at least one owner"


def membership_of(user):
    return Membership.objects.get(user=user)


def shown_messages(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


# Services ------------------------------------------------------------------------------------


def test_last_owner_cannot_be_demoted(owner, editor):
    with pytest.raises(LastOwnerError, match=REFUSED):
        change_role(membership=membership_of(owner), role=EDITOR)
    assert membership_of(owner).role == OWNER


def test_an_owner_can_be_demoted_once_someone_else_owns(owner, editor):
    change_role(membership=membership_of(editor), role=OWNER)
    change_role(membership=membership_of(owner), role=VIEWER)
    assert membership_of(owner).role == VIEWER


def test_last_owner_cannot_be_removed_but_others_can(owner, editor, viewer):
    with pytest.raises(LastOwnerError):
        remove_members(memberships=[membership_of(owner), membership_of(viewer)])
    assert Membership.objects.count() == 3  # all or nothing
    remove_members(memberships=[membership_of(viewer)])
    assert not Membership.objects.filter(user=viewer).exists()


def test_last_owners_user_cannot_be_deleted(owner, editor, outsider):
    with pytest.raises(LastOwnerError) as raised:
        delete_users(users=[owner, outsider])
    assert "Acme Learning and Globex Academy each need at least one owner" in str(raised.value)
    assert get_user_model().objects.filter(pk__in=[owner.pk, outsider.pk]).count() == 2
    delete_users(users=[editor])
    assert not get_user_model().objects.filter(pk=editor.pk).exists()


def test_an_owners_user_can_go_when_another_owner_stays(owner, make_user, org):
    second = make_user("second")
    Membership.objects.create(user=second, organization=org, role=OWNER)
    delete_users(users=[owner])
    assert list(org.memberships.values_list("user__username", flat=True)) == ["second"]


def test_would_lose_last_owner_names_the_organizations(owner, editor, outsider, org, other_org):
    assert would_lose_last_owner(users=[editor]) == []
    assert would_lose_last_owner(users=[owner]) == [org]
    both = would_lose_last_owner(memberships=[membership_of(owner)], users=[outsider])
    assert both == [org, other_org]


def test_an_organization_without_owners_is_left_alone(make_user, org):
    editor = make_user("lone-editor")
    Membership.objects.create(user=editor, organization=org, role=EDITOR)
    remove_members(memberships=[membership_of(editor)])  # it had no owner to keep
    assert not org.memberships.exists()


# The organization's members inline -----------------------------------------------------------


def inline_post(admin_client, org, rows):
    """Post the organization's change form with its member rows as given."""
    data = {
        "name": org.name,
        "slug": org.slug,
        "currency": org.currency,
        "time_zone": org.time_zone,
        "memberships-TOTAL_FORMS": len(rows),
        "memberships-INITIAL_FORMS": len(rows),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for n, (membership, role, delete) in enumerate(rows):
        data.update(
            {
                f"memberships-{n}-id": membership.pk,
                f"memberships-{n}-organization": org.pk,
                f"memberships-{n}-user": membership.user_id,
                f"memberships-{n}-role": role,
            }
        )
        if delete:
            data[f"memberships-{n}-DELETE"] = "on"
    return admin_client.post(reverse("admin:orgs_organization_change", args=[org.pk]), data)


def test_inline_refuses_to_demote_the_last_owner(admin_client, org, owner, editor):
    rows = [(membership_of(owner), EDITOR, False), (membership_of(editor), EDITOR, False)]
    response = inline_post(admin_client, org, rows)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert membership_of(owner).role == OWNER


def test_inline_refuses_to_remove_the_last_owner(admin_client, org, owner, editor):
    rows = [(membership_of(owner), OWNER, True), (membership_of(editor), EDITOR, False)]
    response = inline_post(admin_client, org, rows)
    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Membership.objects.filter(user=owner).exists()


def test_inline_hands_ownership_over_in_one_save(admin_client, org, owner, editor):
    rows = [(membership_of(owner), VIEWER, False), (membership_of(editor), OWNER, False)]
    assert inline_post(admin_client, org, rows).status_code == 302
    assert (membership_of(owner).role, membership_of(editor).role) == (VIEWER, OWNER)


# The membership admin ------------------------------------------------------------------------


def membership_post(admin_client, membership, **changes):
    data = {
        "user": membership.user_id,
        "organization": membership.organization_id,
        "role": membership.role,
        **changes,
    }
    url = reverse("admin:orgs_membership_change", args=[membership.pk])
    return admin_client.post(url, data)


def test_membership_admin_refuses_demoting_the_last_owner(admin_client, owner):
    response = membership_post(admin_client, membership_of(owner), role=VIEWER)
    assert response.status_code == 200
    assert REFUSED in str(response.context["adminform"].form.errors["role"])
    assert membership_of(owner).role == OWNER


def test_membership_admin_refuses_moving_the_last_owner_away(admin_client, owner, other_org):
    response = membership_post(admin_client, membership_of(owner), organization=other_org.pk)
    assert response.status_code == 200
    assert membership_of(owner).organization.slug == "acme"


def test_membership_admin_demotes_when_another_owner_stays(admin_client, owner, editor):
    change_role(membership=membership_of(editor), role=OWNER)
    assert membership_post(admin_client, membership_of(owner), role=VIEWER).status_code == 302
    assert membership_of(owner).role == VIEWER


def test_membership_admin_refuses_deleting_the_last_owner(admin_client, owner, editor):
    membership = membership_of(owner)
    url = reverse("admin:orgs_membership_delete", args=[membership.pk])
    for response in (admin_client.get(url), admin_client.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert REFUSED in shown_messages(response)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_membership_admin_bulk_delete_refuses_and_deletes_nothing(admin_client, owner, editor):
    chosen = [membership_of(owner).pk, membership_of(editor).pk]
    response = admin_client.post(
        reverse("admin:orgs_membership_changelist"),
        {"action": "delete_selected", "_selected_action": chosen, "post": "yes"},
    )
    assert response.status_code == 302
    assert REFUSED in shown_messages(response)
    assert Membership.objects.count() == 2


def test_membership_admin_deletes_other_members(admin_client, owner, editor):
    url = reverse("admin:orgs_membership_delete", args=[membership_of(editor).pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert list(Membership.objects.values_list("user__username", flat=True)) == ["owner"]


def test_a_race_lost_in_the_admin_is_a_message_not_a_500(admin_client, owner, monkeypatch):
    """Another admin removed the other owner after this page's check: the service refuses."""
    monkeypatch.setattr("orgs.admin.would_lose_last_owner", lambda **kwargs: [])
    membership = membership_of(owner)
    url = reverse("admin:orgs_membership_delete", args=[membership.pk])
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert REFUSED in shown_messages(response)
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = membership_post(admin_client, membership, role=VIEWER)
    assert response.status_code == 302
    assert REFUSED in shown_messages(response)
    assert membership_of(owner).role == OWNER


# Deleting users in the admin -----------------------------------------------------------------


def test_user_admin_refuses_deleting_the_last_owner(admin_client, owner):
    url = reverse("admin:auth_user_delete", args=[owner.pk])
    for response in (admin_client.get(url), admin_client.post(url, {"post": "yes"})):
        assert response.status_code == 302
        assert REFUSED in shown_messages(response)
    assert get_user_model().objects.filter(pk=owner.pk).exists()


def test_user_admin_bulk_delete_refuses_and_deletes_nothing(admin_client, owner, viewer):
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [owner.pk, viewer.pk], "post": "yes"},
    )
    assert REFUSED in shown_messages(response)
    assert get_user_model().objects.filter(pk__in=[owner.pk, viewer.pk]).count() == 2


def test_user_admin_deletes_a_member_who_is_not_the_last_owner(admin_client, owner, viewer):
    url = reverse("admin:auth_user_delete", args=[viewer.pk])
    assert admin_client.get(url).status_code == 200  # the usual confirmation
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not get_user_model().objects.filter(pk=viewer.pk).exists()
