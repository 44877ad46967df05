"""Benchmark every printout: pages and render time, for the demo canvas and a 120-note one.

    DEBUG=1 python manage.py bench_printouts [--runs 3] [--notes 120] [--out DIR]

Builds two canvases in a throwaway organization: the demo canvas (its notes,
segments, personas, investment lines) and one with `--notes` notes of about 80
characters; gives each two completed self-assessments; then downloads each
printout through its view with Django's cache emptied first (so every run renders)
and prints the page count and the median time. `--out` keeps the PDFs (to look
at with pdftoppm). Deletes it all afterwards. Not a timed test: the figures
depend on the machine.
"""

import statistics
import time
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.test import Client
from django.urls import reverse

from canvas.models import Canvas
from customers.demo import load_customers_demo
from customers.models import Persona
from orgs.models import Membership, Organization
from studio.demo import DEMO_NOTES
from studio.management.commands.bench_pdf import page_count
from studio.sample import COLOURS, build_sample_assessment

# About 80 characters each, like the demo's notes.
TYPICAL_NOTES = (
    "Store onboarding path: ten short modules plus a buddy on the floor for two weeks.",
    "Quarterly learning council with the COO and two regional directors, minuted.",
    "Shift leads run fifteen-minute coaching huddles themselves, twice a week.",
    "Certification delivered by an external partner; we own and review the standard.",
    "Product knowledge cards on store tablets, used most on busy Saturday mornings.",
)


class Command(BaseCommand):
    help = "Page counts and render times of every printout, demo canvas and a 120-note canvas."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--notes", type=int, default=120)
        parser.add_argument("--out", type=Path, default=None, help="Keep the PDFs here.")

    def handle(self, *args, runs, notes, out, **options):
        tag = uuid.uuid4().hex[:8]
        organization = Organization.objects.create(
            name="Bench Learning", slug=f"bench-print-{tag}", currency="USD"
        )
        user = get_user_model().objects.create_user(
            f"bench-print-{tag}", first_name="Bench", last_name="Runner"
        )
        if out:
            out.mkdir(parents=True, exist_ok=True)
        try:
            Membership.objects.create(
                user=user, organization=organization, role=Membership.Role.OWNER
            )
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            demo = self._canvas(organization, user, "Demo canvas")
            for area, texts in DEMO_NOTES.items():
                for text, colour in texts:
                    demo.add_note(area=area, text=text, colour=colour, by=user)
            full = self._canvas(organization, user, f"{notes}-note canvas")
            for index in range(notes):
                area = list(DEMO_NOTES)[index % len(DEMO_NOTES)]
                text = TYPICAL_NOTES[index % len(TYPICAL_NOTES)]
                full.add_note(area=area, text=text, colour=COLOURS[index % len(COLOURS)], by=user)
            for label, canvas in (("demo", demo), (f"{notes} notes", full)):
                self._printouts(client, label, canvas, user, runs, out)
        finally:
            organization.delete()
            user.delete()

    def _canvas(self, organization, user, title: str) -> Canvas:
        return Canvas.objects.create(
            organization=organization,
            title=title,
            description="How the learning team serves the business, and what it asks for.",
            value_kinds=["skills_development", "risk_reduction"],
            created_by=user,
            updated_by=user,
        )

    def _printouts(self, client, label, canvas, user, runs, out) -> None:
        load_customers_demo(canvas, by=user)
        assessment = build_sample_assessment(canvas=canvas, by=user, notes=0)
        kwargs = {"org_slug": canvas.organization.slug, "canvas_pk": canvas.pk}
        persona = Persona.objects.filter(segment__canvas=canvas).order_by("pk").first()
        urls = {
            "canvas A4": reverse("canvas_pdf", kwargs=kwargs),
            "canvas A3": reverse("canvas_pdf", kwargs=kwargs) + "?size=a3",
            "self-assessment": reverse("scorecard_pdf", kwargs=kwargs | {"pk": assessment.pk}),
            "persona card": reverse("persona_card", kwargs=kwargs | {"persona_pk": persona.pk}),
        }
        for name, url in urls.items():
            timings, pdf = [], b""
            for _ in range(runs + 1):  # the first run is the warm-up
                cache.clear()
                start = time.perf_counter()
                response = client.get(url)
                timings.append(time.perf_counter() - start)
                pdf = response.content
            median = statistics.median(timings[1:] or timings) * 1000
            self.stdout.write(
                f"{label:>10} · {name:<16} {page_count(pdf):>2} page(s), "
                f"median {median:.0f} ms over {len(timings) - 1 or 1} run(s), {len(pdf) // 1024} KB"
            )
            if out:
                slug = f"{label}-{name}".replace(" ", "-").lower()
                (out / f"{slug}.pdf").write_bytes(pdf)
