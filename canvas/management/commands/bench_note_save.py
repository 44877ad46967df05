"""Benchmark: server time of saving a note through the real edit view.

    DEBUG=1 python manage.py bench_note_save [--saves 300] [--notes 60] [--plain]

Builds a throwaway organization, editor and canvas (with `--notes` notes, so the
area is realistic), logs in with Django's test client, and saves one note
`--saves` times through POST .../notes/<pk>/edit/ as htmx does (each save
sends the version it last saw, so every save is a real, accepted write: the
version check, the UPDATE, the canvas "last edited" stamp and the rendered
fragment). `--plain` times the no-JavaScript form post (save and redirect)
instead. Prints the median and p95 in milliseconds, then deletes it all.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse

from canvas.areas import AREAS, AreaKey
from canvas.models import Canvas, Note
from orgs.models import Membership, Organization

SLUG = "bench-note-save-tmp"


class Command(BaseCommand):
    help = "Time saving a note through the edit view (median and p95 server time)."

    def add_arguments(self, parser):
        parser.add_argument("--saves", type=int, default=300)
        parser.add_argument("--notes", type=int, default=60)
        parser.add_argument("--warmup", type=int, default=10)
        parser.add_argument(
            "--plain", action="store_true", help="Time the plain form post (no htmx)."
        )

    def handle(self, *args, saves, notes, warmup, plain, **options):
        if saves < 1:
            raise CommandError("--saves must be at least 1.")
        if Organization.objects.filter(slug=SLUG).exists():
            raise CommandError(f"An organization with slug {SLUG!r} exists: delete it first.")
        organization = Organization.objects.create(name="Bench org", slug=SLUG)
        user = get_user_model().objects.create_user(SLUG, first_name="Bench")
        try:
            Membership.objects.create(
                user=user, organization=organization, role=Membership.Role.EDITOR
            )
            canvas = Canvas.objects.create(organization=organization, title="Bench canvas")
            Note.objects.bulk_create(
                Note(
                    canvas=canvas,
                    area=AREAS[i % len(AREAS)].key,
                    text=f"Benchmark note {i} " + "with some words " * 5,
                    position=i // len(AREAS),
                )
                for i in range(notes)
            )
            note = canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="Saved again", by=user)
            timings = self._time_saves(user, canvas, note, saves, warmup, plain)
        finally:
            organization.delete()
            user.delete()
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        kind = "plain post + redirect" if plain else "htmx"
        self.stdout.write(
            f"note save ({kind}) on {connection.vendor}: median {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, min {timings[0]:.1f} ms, max {timings[-1]:.1f} ms "
            f"over {len(timings)} saves"
        )

    def _time_saves(self, user, canvas, note, saves, warmup, plain) -> list[float]:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        headers = {} if plain else {"HX-Request": "true"}
        url = reverse(
            "note_edit",
            kwargs={
                "org_slug": canvas.organization.slug,
                "canvas_pk": canvas.pk,
                "note_pk": note.pk,
            },
        )
        prefix = f"note-{note.pk}"
        timings = []
        version = note.version
        for n in range(warmup + saves):
            data = {
                f"{prefix}-text": f"Saved again, edit {n}\nwith a second line",
                f"{prefix}-colour": ["yellow", "green", "blue"][n % 3],
                f"{prefix}-version": version,
                f"{prefix}-area": note.area,
            }
            start = time.perf_counter()
            response = client.post(url, data, headers=headers)
            elapsed = (time.perf_counter() - start) * 1000
            if response.status_code != (302 if plain else 200):
                raise CommandError(f"Save {n} answered {response.status_code}, not a save.")
            version += 1
            if n >= warmup:
                timings.append(elapsed)
        return timings
