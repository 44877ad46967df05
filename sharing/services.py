"""Every write to share links: make one, revoke one, note that one was used."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sharing.models import ShareLink

# "Last used" is written at most this often per link, so a busy link costs no write per page.
USE_RESOLUTION = timedelta(minutes=1)


@transaction.atomic
def create_share_link(
    *,
    canvas,
    by,
    label: str = "",
    expires_on=None,
    shows_board: bool = True,
    assessment=None,
    shows_results: bool = False,
    shows_pdf: bool = False,
    shows_presentation: bool = False,
) -> ShareLink:
    """A new link to `canvas`. The assessment, if any, must be a completed one of this canvas."""
    if assessment is not None and (assessment.canvas_id != canvas.pk or not assessment.is_complete):
        raise ValueError("A share link pins a completed assessment of its own canvas.")
    return ShareLink.objects.create(
        canvas=canvas,
        created_by=by,
        label=label,
        expires_on=expires_on,
        shows_board=shows_board,
        assessment=assessment,
        shows_results=shows_results and assessment is not None,
        shows_pdf=shows_pdf and assessment is not None,
        shows_presentation=shows_presentation,
    )


def revoke_share_link(*, link: ShareLink, by) -> bool:
    """Stop the link at once. False if it was already revoked (nothing changes)."""
    now = timezone.now()
    changed = ShareLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
        revoked_at=now, revoked_by=by
    )
    if changed:
        link.revoked_at, link.revoked_by = now, by
    return bool(changed)


def note_use(link: ShareLink) -> None:
    """Record that the link was opened: one conditional UPDATE, at most once a minute."""
    now = timezone.now()
    if link.last_used_at is not None and now - link.last_used_at < USE_RESOLUTION:
        return
    ShareLink.objects.filter(pk=link.pk).exclude(last_used_at__gte=now - USE_RESOLUTION).update(
        last_used_at=now
    )
    link.last_used_at = now
