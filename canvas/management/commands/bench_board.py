"""Benchmark: server time and query count of the board page with many notes.

    DEBUG=1 python manage.py bench_board [--notes 200] [--runs 30]

Builds a throwaway organization and canvas, renders the board through the
real URL with Django's test client, prints the figures, then deletes it all.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canvas.areas import AREAS
from canvas.models import Canvas, Note
from orgs.models import Membership, Organization


class Command(BaseCommand):
    help = "Time the board page with many notes and count its queries."

    def add_arguments(self, parser):
        parser.add_argument("--notes", type=int, default=200)
        parser.add_argument("--runs", type=int, default=30)

    def handle(self, *args, notes, runs, **options):
        organization = Organization.objects.create(name="Bench org", slug="bench-board-tmp")
        user = get_user_model().objects.create_user("bench-board-tmp", password="x" * 20)
        try:
            Membership.objects.create(user=user, organization=organization, role="editor")
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
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            url = reverse("board", kwargs={"org_slug": organization.slug, "canvas_pk": canvas.pk})
            client.get(url)  # warm up templates and connections
            reset_queries()  # each request resets the log; start the capture from empty
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            timings.sort()
            p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
            self.stdout.write(
                f"board with {notes} notes on {connection.vendor}: {len(queries)} queries; "
                f"server time median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, "
                f"min {timings[0]:.1f} ms over {runs} runs"
            )
        finally:
            organization.delete()
            user.delete()
