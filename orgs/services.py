"""Every change to an organization and its memberships. Views and the admin call these and
never save models.

An organization always keeps at least one owner: a change that would leave one that had
an owner without any (demoting or removing the last owner, deleting their user) is
refused with `LastOwnerError`, whose message says what to do instead.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction

from orgs.models import Membership, Organization

OWNER = Membership.Role.OWNER


class LastOwnerError(Exception):
    """The change would leave an organization without an owner; nothing was changed."""

    def __init__(self, organizations: Iterable[Organization]):
        self.organizations = sorted(organizations, key=lambda org: org.name)
        super().__init__(last_owner_message(self.organizations))


def last_owner_message(organizations: Iterable[Organization]) -> str:
    names = [organization.name for organization in organizations]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    needs = "needs" if len(names) == 1 else "each need"
    return (
        f"{listed} {needs} at least one owner, so this wasn't done. "
        "Make another member an owner first."
    )


def update_organization(
    *, organization: Organization, name: str, currency: str, time_zone: str | None = None
) -> Organization:
    """Rename the organization and set the currency its money figures use, and (when
    given) the time zone its dates are in."""
    organization.name = name
    organization.currency = currency
    fields = ["name", "currency"]
    if time_zone is not None:
        organization.time_zone = time_zone
        fields.append("time_zone")
    organization.save(update_fields=fields)
    return organization


def _with_owners(organization_ids: Iterable[int]) -> set[int]:
    return set(
        Membership.objects.filter(organization_id__in=organization_ids, role=OWNER).values_list(
            "organization_id", flat=True
        )
    )


@contextmanager
def keeping_an_owner(organization_ids: Iterable[int]) -> Iterator[None]:
    """Run changes to memberships in one transaction that refuses (LastOwnerError, all
    rolled back) to leave any of these organizations without an owner if it had one.

    The organizations' rows are locked first, in id order, so two admins removing the
    last two owners at once can't both succeed."""
    ids = sorted(set(organization_ids))
    with transaction.atomic():
        list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        had = _with_owners(ids)
        yield
        lost = had - _with_owners(ids)
        if lost:
            raise LastOwnerError(Organization.objects.filter(pk__in=lost))


def would_lose_last_owner(
    *, memberships: Iterable[Membership] = (), users: Iterable = ()
) -> list[Organization]:
    """The organizations that would have no owner left if these memberships were removed
    (or stopped being owners) and these users were deleted: for messages before asking."""
    membership_ids = {membership.pk for membership in memberships if membership.pk}
    user_ids = {user.pk for user in users}
    leaving = Membership.objects.filter(role=OWNER).filter(
        pk__in=membership_ids
    ) | Membership.objects.filter(role=OWNER, user_id__in=user_ids)
    affected = set(leaving.values_list("organization_id", flat=True))
    staying = set(
        Membership.objects.filter(organization_id__in=affected, role=OWNER)
        .exclude(pk__in=membership_ids)
        .exclude(user_id__in=user_ids)
        .values_list("organization_id", flat=True)
    )
    return list(Organization.objects.filter(pk__in=affected - staying).order_by("name"))


def change_role(*, membership: Membership, role: str) -> Membership:
    """Give a member another role; the last owner can't stop being one."""
    with keeping_an_owner([membership.organization_id]):
        Membership.objects.filter(pk=membership.pk).update(role=role)
    membership.role = role
    return membership


def save_membership(*, membership: Membership) -> Membership:
    """Save a membership as edited (user, organization, role), refusing to leave the
    organization it was in, or goes to, without an owner."""
    stored = Membership.objects.filter(pk=membership.pk).values_list("organization_id", flat=True)
    with keeping_an_owner([membership.organization_id, *stored]):
        membership.save()
    return membership


def remove_members(*, memberships: Iterable[Membership]) -> None:
    """Take members out of their organizations; the last owner of one stays."""
    memberships = list(memberships)
    with keeping_an_owner(membership.organization_id for membership in memberships):
        Membership.objects.filter(pk__in=[membership.pk for membership in memberships]).delete()


def delete_users(*, users: Iterable) -> None:
    """Delete user accounts, unless one is the last owner of an organization."""
    ids = [user.pk for user in users]
    owned = Membership.objects.filter(user_id__in=ids, role=OWNER).values_list(
        "organization_id", flat=True
    )
    with keeping_an_owner(list(owned)):
        for user in get_user_model().objects.filter(pk__in=ids):
            user.delete()
