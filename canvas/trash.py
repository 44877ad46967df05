"""The organization's trash: what a deleted canvas takes with it, and when it goes for good.

A canvas an owner deletes is kept, whole, for `settings.CANVAS_TRASH_DAYS` days
(`Canvas.trashed_at`); `Canvas.objects` leaves it out of every page meanwhile.
The changes themselves are in canvas/services.py; `manage.py purge_trash`
deletes what has been in the trash past its time.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from canvas.models import Canvas, Note
from core.hooks import call_hook


@dataclass(frozen=True)
class Tally:
    """How many of one kind of thing: "12 notes", "1 persona"."""

    count: int
    singular: str
    plural: str

    def __str__(self) -> str:
        return f"{self.count} {self.singular if self.count == 1 else self.plural}"


def trash_days() -> int:
    return settings.CANVAS_TRASH_DAYS


def purge_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Canvases moved to the trash before this moment are due to be deleted for good."""
    return (now or timezone.now()) - datetime.timedelta(days=trash_days())


def purge_date(canvas: Canvas) -> datetime.datetime:
    """When the purge may delete this trashed canvas for good."""
    return canvas.trashed_at + datetime.timedelta(days=trash_days())


def contents(canvases: Iterable[Canvas]) -> dict[int, list[Tally]]:
    """What each canvas holds, counted: its notes, then what the apps above canvas keep on
    it (self-assessments, customers, investment & return; studio answers the
    `canvas_contents` hook). Only kinds it has are listed. A fixed number of queries,
    however many canvases."""
    ids = [canvas.pk for canvas in canvases]
    notes = dict(
        Note.objects.filter(canvas_id__in=ids)
        .values_list("canvas_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    above = call_hook("canvas_contents", canvas_ids=ids)
    return {
        pk: [
            tally
            for tally in [Tally(notes.get(pk, 0), "note", "notes"), *above.get(pk, [])]
            if tally.count
        ]
        for pk in ids
    }
