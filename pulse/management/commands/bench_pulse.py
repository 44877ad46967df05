"""Benchmark: submissions per second through the real public view, and the results page's
server time with that many responses.

    DEBUG=1 python manage.py bench_pulse [--responses 5000] [--runs 15]

Builds a throwaway organization, canvas and pulse, posts every response through
the answering page with Django's test client (a fresh browser each time, the
rate limit lifted), times the members' results page, then deletes it all.
"""

import statistics
import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canvas.models import Canvas
from orgs.models import Membership, Organization
from pulse.models import Group, Response
from pulse.services import close_pulse, open_pulse

AREAS = (
    "value_proposition",
    "products_services",
    "customer_segments",
    "service_delivery",
    "strategy_governance",
    "investment_return",
)
GROUPS = (Group.LEARNERS, Group.LEARNERS, Group.LINE_MANAGERS, Group.SENIOR_LEADERS, Group.SMES)


class Command(BaseCommand):
    help = "Time pulse submissions through the real view and the results page with many responses."

    def add_arguments(self, parser):
        parser.add_argument("--responses", type=int, default=5000)
        parser.add_argument("--runs", type=int, default=15)

    def handle(self, *args, responses, runs, **options):
        organization = Organization.objects.create(name="Bench org", slug="bench-pulse-tmp")
        user = get_user_model().objects.create_user("bench-pulse-tmp", password="x" * 20)
        try:
            Membership.objects.create(user=user, organization=organization, role="owner")
            canvas = Canvas.objects.create(organization=organization, title="Bench canvas")
            pulse = open_pulse(
                canvas=canvas,
                groups=list(Group.values),
                closes_on=organization.today() + timedelta(days=7),
                by=user,
            )
            self._submit(pulse, responses)
            close_pulse(pulse=pulse, by=user)  # the breakdown by group shows once closed
            self._results(organization, canvas, pulse, user, runs)
        finally:
            organization.delete()
            user.delete()

    def _submit(self, pulse, count):
        url = reverse("pulse_answer", kwargs={"token": pulse.token})
        timings = []
        with override_settings(PULSE_RATE_LIMIT=None):
            started = time.perf_counter()
            for index in range(count):
                data = {
                    "group": GROUPS[index % len(GROUPS)],
                    **{f"area_{area}": str(1 + (index + n) % 5) for n, area in enumerate(AREAS)},
                    "comment": "A comment from the benchmark." if index % 7 == 0 else "",
                }
                client = Client(HTTP_HOST="127.0.0.1")  # a new browser: no "answered" cookie
                begin = time.perf_counter()
                response = client.post(url, data, REMOTE_ADDR="127.0.0.1")
                timings.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 302, response.status_code
            elapsed = time.perf_counter() - started
        stored = Response.objects.filter(pulse=pulse).count()
        assert stored == count, (stored, count)
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        self.stdout.write(
            f"{count} submissions through the real view on {connection.vendor}: "
            f"{count / elapsed:.0f} per second (one process); each median "
            f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms"
        )

    def _results(self, organization, canvas, pulse, user, runs):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        url = reverse(
            "pulse_results",
            kwargs={"org_slug": organization.slug, "canvas_pk": canvas.pk, "pulse_pk": pulse.pk},
        )
        assert client.get(url).status_code == 200  # warm up
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        self.stdout.write(
            f"results page with {Response.objects.filter(pulse=pulse).count()} responses: "
            f"{len(queries)} queries; server time median {statistics.median(timings):.1f} ms, "
            f"min {timings[0]:.1f} ms over {runs} runs"
        )
