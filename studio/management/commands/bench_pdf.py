"""Benchmark: how long the self-assessment PDF takes to render, ours against headless Chromium.

    DEBUG=1 python manage.py bench_pdf [--notes 60] [--runs 7] [--no-chromium]

Builds a complete assessment (every statement answered with an evidence note,
an earlier assessment to compare with, the demo investment lines, a canvas
with 60 notes) in a throwaway organization, renders the same HTML with
WeasyPrint (core/pdf.py) and with headless Chromium (Playwright, the system
/usr/bin/chromium), prints the median and spread of each, and deletes it all.
Not a timed test: the figures depend on the machine.
"""

import io
import os
import re
import statistics
import time
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from canvas.models import Canvas
from core.pdf import render_html_to_pdf, resolve_static_path
from orgs.models import Membership, Organization
from scorecard.models import Assessment
from studio.printing import assessment_printout
from studio.sample import build_sample_assessment

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# The same flags as the browser tests (tests/functional/conftest.py): no sandbox as
# root, and no background networking (there is no internet to reach).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="[^"]*print\.css">')


def spread(label: str, seconds: list[float]) -> str:
    ms = sorted(s * 1000 for s in seconds)
    deviation = statistics.stdev(ms) if len(ms) > 1 else 0.0
    return (
        f"{label}: median {statistics.median(ms):.0f} ms, stdev {deviation:.0f} ms, "
        f"min {ms[0]:.0f} ms, max {ms[-1]:.0f} ms over {len(ms)} runs"
    )


def page_count(pdf: bytes) -> int:
    # pypdf comes with the dev extra only: imported here, so that `manage.py help`
    # and every other command keep working on a production install.
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


class Command(BaseCommand):
    help = "Time the self-assessment PDF (60 notes) with WeasyPrint and with headless Chromium."

    def add_arguments(self, parser):
        parser.add_argument("--notes", type=int, default=60)
        parser.add_argument("--runs", type=int, default=7)
        parser.add_argument(
            "--no-chromium", action="store_true", help="Skip the Chromium comparison."
        )

    def handle(self, *args, notes, runs, no_chromium, **options):
        try:
            import pypdf  # noqa: F401
        except ImportError as error:
            raise CommandError(
                "bench_pdf counts pages with pypdf, which comes with the dev extra: "
                "install it with `pip install -e '.[dev]'` (or just `pip install pypdf`)."
            ) from error
        runs = max(1, runs)
        tag = uuid.uuid4().hex[:8]
        organization = Organization.objects.create(
            name="Bench Learning", slug=f"bench-pdf-{tag}", currency="EUR"
        )
        user = get_user_model().objects.create_user(
            f"bench-pdf-{tag}", first_name="Bench", last_name="Runner"
        )
        try:
            Membership.objects.create(
                user=user, organization=organization, role=Membership.Role.OWNER
            )
            canvas = Canvas.objects.create(
                organization=organization,
                title="Bench Academy",
                description="A complete canvas for timing the PDF.",
                value_kinds=["skills_development", "risk_reduction"],
                created_by=user,
                updated_by=user,
            )
            assessment = build_sample_assessment(canvas=canvas, by=user, notes=notes)
            assessment = Assessment.objects.select_related(
                "question_set", "started_by", "completed_by"
            ).get(pk=assessment.pk)
            assessment.canvas = canvas
            printout = assessment_printout(assessment=assessment, organization=organization)
            html = render_to_string(
                "pdf/assessment.html",
                {"p": printout, "organization": organization, "canvas": canvas},
            )
            self.stdout.write(
                f"Self-assessment PDF, {notes} notes, {len(html) // 1024} KB of HTML, "
                f"{runs} runs after one warm-up."
            )
            self._ours(html, runs)
            self._download(user, assessment, runs)
            if no_chromium:
                return
            self._chromium(html, runs)
        finally:
            organization.delete()
            user.delete()

    def _ours(self, html: str, runs: int) -> None:
        pdf = render_html_to_pdf(html)  # warm-up: fonts and stylesheets loaded once
        timings = []
        for _ in range(runs):
            start = time.perf_counter()
            pdf = render_html_to_pdf(html)
            timings.append(time.perf_counter() - start)
        self.stdout.write(
            spread("WeasyPrint (ours)", timings)
            + f"; {page_count(pdf)} pages, {len(pdf) // 1024} KB"
        )

    def _download(self, user, assessment: Assessment, runs: int) -> None:
        """The view a second time: HTML and ETag only, the PDF from the cache, or a 304."""
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        url = reverse(
            "scorecard_pdf",
            kwargs={
                "org_slug": assessment.canvas.organization.slug,
                "canvas_pk": assessment.canvas_id,
                "pk": assessment.pk,
            },
        )
        etag = client.get(url)["ETag"]  # renders once and fills the cache
        cached, not_modified = [], []
        for _ in range(runs):
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            cached.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
            not_modified.append(time.perf_counter() - start)
        self.stdout.write(spread("Repeat download, served from the cache", cached))
        self.stdout.write(spread("Repeat download with If-None-Match (304)", not_modified))

    def _chromium(self, html: str, runs: int) -> None:
        if not Path(CHROMIUM).exists():
            self.stdout.write(f"Chromium: not found at {CHROMIUM}; skipped.")
            return
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            self.stdout.write("Chromium: the playwright package is missing; skipped.")
            return
        # Chromium gets the very same HTML with the print stylesheet inlined, since it
        # has no access to our static files through a file: base URL.
        css = resolve_static_path("file:///static/css/print.css").read_text()
        inlined = STYLESHEET_LINK.sub(lambda _: f"<style>{css}</style>", html, count=1)
        with sync_playwright() as playwright:
            started = time.perf_counter()
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            launch = time.perf_counter() - started
            try:
                timings = []
                pdf = b""
                for index in range(runs + 1):
                    start = time.perf_counter()
                    page = browser.new_page()
                    page.set_content(inlined, wait_until="load")
                    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
                    page.close()
                    if index:  # the first run is the warm-up
                        timings.append(time.perf_counter() - start)
            finally:
                browser.close()
        self.stdout.write(
            spread("Chromium (headless, Playwright)", timings)
            + f"; {page_count(pdf)} pages, {len(pdf) // 1024} KB; "
            f"browser start-up {launch * 1000:.0f} ms not included"
        )
