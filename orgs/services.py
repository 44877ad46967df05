"""Every change to an organization. Views call these and never save models."""

from orgs.models import Organization


def update_organization(*, organization: Organization, name: str, currency: str) -> Organization:
    """Rename the organization and set the currency its money figures use."""
    organization.name = name
    organization.currency = currency
    organization.save(update_fields=["name", "currency"])
    return organization
