"""Every change to an organization. Views call these and never save models."""

from orgs.models import Organization


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
