"""Delete for good the canvases that have been in the trash longer than CANVAS_TRASH_DAYS."""

from django.core.management.base import BaseCommand

from canvas.models import Canvas
from canvas.services import purge_trash
from canvas.trash import purge_cutoff, trash_days


class Command(BaseCommand):
    help = (
        "Delete for good every canvas that has been in its organization's trash longer than "
        "CANVAS_TRASH_DAYS, with everything on it. Run it daily (cron, a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would go, delete nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        if dry_run:
            due = Canvas.everything.filter(trashed_at__lt=purge_cutoff())
            titles = list(due.values_list("title", flat=True))
            verb = "Would delete"
        else:
            titles = purge_trash()
            verb = "Deleted"
        for title in titles:
            self.stdout.write(f"{verb} “{title}”")
        self.stdout.write(
            f"{verb} {len(titles)} canvas{'' if len(titles) == 1 else 'es'} "
            f"in the trash for more than {trash_days()} days."
        )
