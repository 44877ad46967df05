import zoneinfo
from datetime import date
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA time zone name this machine knows, sorted (UTC first)."""
    names = sorted(zoneinfo.available_timezones() - {"UTC"})
    return ("UTC", *names)


def validate_time_zone(name: str) -> None:
    if name not in time_zone_names():
        raise ValidationError(
            "Pick a time zone from the list, like Europe/Paris or America/New_York.",
            code="invalid_time_zone",
        )


class Organization(models.Model):
    """A learning organization: the tenant every canvas and member belongs to."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    currency = models.CharField(
        max_length=3,
        default="USD",
        validators=[RegexValidator(r"^[A-Z]{3}$", "Use a three-letter ISO code, like USD or EUR.")],
        help_text="ISO 4217 code used for money figures, e.g. USD, EUR, GBP.",
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        db_default="UTC",  # rows written without it (older code, raw SQL) are in UTC too
        validators=[validate_time_zone],
        help_text="Closing dates of pulses are days in this time zone.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The organization's time zone (UTC if the stored name is unknown here)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def today(self) -> date:
        """Today's date where the organization is."""
        return timezone.localdate(timezone=self.zone)


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user).select_related("organization")


class Membership(models.Model):
    """A user's role in one organization."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        EDITOR = "editor", "Editor"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="one_membership_per_org")
        ]
        ordering = ["organization__name"]

    def __str__(self):
        return f"{self.user} in {self.organization} ({self.get_role_display()})"

    @property
    def can_edit(self) -> bool:
        return self.role in (self.Role.OWNER, self.Role.EDITOR)

    @property
    def is_owner(self) -> bool:
        return self.role == self.Role.OWNER
