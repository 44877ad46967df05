"""A share link: an unguessable token that lets anyone who holds it read parts of one canvas.

What a link shows is fixed when it is made: the board, the results and the PDF of one
pinned assessment (never moved to a later one), the presentation. An owner can revoke
it; it can expire on a day of the organization's calendar.
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import models

from canvas.models import Canvas
from scorecard.models import Assessment

TOKEN_BYTES = 24  # 192 random bits, 32 URL-safe characters


def new_token() -> str:
    """An unguessable token for a share link (32 URL-safe characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class ShareLinkQuerySet(models.QuerySet):
    def unrevoked(self):
        return self.filter(revoked_at__isnull=True)


class ShareLink(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", "Active"
        EXPIRED = "expired", "Expired"
        REVOKED = "revoked", "Revoked"

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    label = models.CharField(max_length=80, blank=True)
    expires_on = models.DateField(
        null=True, blank=True, help_text="The last day the link works (the organization's date)."
    )
    shows_board = models.BooleanField(default=True)
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="share_links",
        help_text="Pinned when the link is made; never moved to a later assessment.",
    )
    shows_results = models.BooleanField(default=False)
    shows_pdf = models.BooleanField(default=False)
    shows_presentation = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.label or f"Share link {self.pk}"

    def state(self, today: date) -> "ShareLink.State":
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_on is not None and self.expires_on < today:
            return self.State.EXPIRED
        return self.State.ACTIVE

    @property
    def results_shown(self) -> bool:
        return self.shows_results and self.assessment_id is not None

    @property
    def pdf_shown(self) -> bool:
        return self.shows_pdf and self.assessment_id is not None

    @property
    def shows(self) -> list[str]:
        """What the link opens, in words, for the settings page."""
        parts = []
        if self.shows_board:
            parts.append("the board")
        if self.results_shown:
            parts.append("results")
        if self.pdf_shown:
            parts.append("the PDF")
        if self.shows_presentation:
            parts.append("the presentation")
        return parts
