"""Load test: many people reorganizing one canvas's customers at once, through real HTTP.

    DEBUG=1 python manage.py bench_customers_load [--clients 20] [--changes 50] [--workers 4]
                                                  [--url http://127.0.0.1:8000]

Builds a throwaway organization with one editor per client and a canvas with
4 segments, 2 personas each and 3 stages per persona. Without `--url` it starts
gunicorn (`--workers` processes, on a free local port, the configured database)
and stops it afterwards. Each client, in its own thread, signs in with its own
session and makes `--changes` changes as a person at the segments and journey
pages would: moves segments, adds, duplicates and deletes personas, adds, moves,
edits and deletes journey stages; half of them as htmx requests, half as plain
posts. Prints the answers by status code, how many were server errors, the
deadlocks PostgreSQL counted meanwhile, and whether every list is still numbered
0..n-1; then deletes it all. Not a timed test: the figures depend on the machine.
"""

import collections
import os
import random
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.urls import reverse
from django.utils.crypto import get_random_string

from canvas.models import Canvas
from customers.models import JourneyStage, Persona, Segment, SegmentKind
from customers.services import add_persona, add_segment, add_stage
from orgs.models import Membership, Organization

SLUG = "bench-customers-load-tmp"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to count, not a page to fetch


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def deadlocks() -> int | None:
    """PostgreSQL's count of deadlocks in this database so far (None on SQLite)."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


class Client:
    """One person: a signed-in session, and the changes the services accepted from them."""

    def __init__(self, base_url: str, user, canvas: Canvas, seed: int):
        self.base_url, self.canvas, self.rng = base_url, canvas, random.Random(seed)
        self.seed = seed
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.csrf = get_random_string(32)
        self.cookie = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}"
        )
        self.opener = urllib.request.build_opener(NoRedirects)
        self.location = ""  # where the last 302 pointed
        self.busy = False  # whether the last answer was "busy, try again"
        self.own_personas: list[int] = []
        self.own_stages: list[str] = []  # names: the page doesn't say a new stage's id

    def post(self, name: str, data: dict, **kwargs) -> int:
        url = self.base_url + reverse(
            name, kwargs={"org_slug": SLUG, "canvas_pk": self.canvas.pk, **kwargs}
        )
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf}
        if self.rng.random() < 0.5:
            headers["HX-Request"] = "true"
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        self.busy = False
        try:
            with self.opener.open(request, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if error.code == 302:
                self.location = error.headers.get("Location", "")
            # "busy, try again": a 503 page, or for htmx a 409 message in the message area
            # (an edit conflict is a 409 too, but answers with the conflict panel in place)
            self.busy = error.code == 503 or error.headers.get("HX-Retarget") == "#messages"
            return error.code

    def change(self, base_personas: list[int], base_stages: list[int]) -> tuple[str, int]:
        """One change, chosen at random; returns what it was and the status it got."""
        roll = self.rng.random()
        if roll < 0.25:
            segment = self.rng.choice(list(self.canvas.segments.values_list("pk", flat=True)))
            status = self.post(
                "segment_move", {"position": self.rng.randrange(6)}, segment_pk=segment
            )
            return "move segment", status
        if roll < 0.37:
            segment = self.rng.choice(list(self.canvas.segments.values_list("pk", flat=True)))
            data = {"name": f"Persona {self.seed}-{self.rng.random():.6f}", "avatar_colour": "teal"}
            self.location = ""
            status = self.post("persona_create", data, segment_pk=segment)
            if status == 302 and "/personas/" in self.location:
                self.own_personas.append(int(self.location.split("/personas/")[1].split("/")[0]))
            return "add persona", status
        if roll < 0.45:
            persona = self.rng.choice(base_personas)
            self.location = ""
            status = self.post("persona_duplicate", {}, persona_pk=persona)
            if status == 302 and "/personas/" in self.location:
                self.own_personas.append(int(self.location.split("/personas/")[1].split("/")[0]))
            return "duplicate persona", status
        if roll < 0.53 and self.own_personas:
            persona = self.own_personas.pop(self.rng.randrange(len(self.own_personas)))
            return "delete persona", self.post("persona_delete", {}, persona_pk=persona)
        if roll < 0.68:
            persona = self.rng.choice(base_personas)
            name = f"Stage {self.seed}-{self.rng.random():.6f}"
            status = self.post(
                "stage_create", {"new-name": name, "new-feeling": "0"}, persona_pk=persona
            )
            if status in (200, 302):
                self.own_stages.append(name)
            return "add stage", status
        if roll < 0.83:
            stage = JourneyStage.objects.get(pk=self.rng.choice(base_stages))
            status = self.post(
                "stage_move",
                {"position": self.rng.randrange(6)},
                persona_pk=stage.persona_id,
                stage_pk=stage.pk,
            )
            return "move stage", status
        if roll < 0.93 or not self.own_stages:
            stage = JourneyStage.objects.get(pk=self.rng.choice(base_stages))
            prefix = f"st{stage.pk}"
            data = {
                f"{prefix}-name": f"Edited {self.seed}",
                f"{prefix}-feeling": "1",
                f"{prefix}-version": stage.version,
            }
            status = self.post("stage_edit", data, persona_pk=stage.persona_id, stage_pk=stage.pk)
            return "edit stage", status
        name = self.own_stages.pop(self.rng.randrange(len(self.own_stages)))
        stage = JourneyStage.objects.filter(name=name).first()
        if stage is None:
            return "delete stage", 0
        return "delete stage", self.post(
            "stage_delete", {}, persona_pk=stage.persona_id, stage_pk=stage.pk
        )


class Command(BaseCommand):
    help = "Many clients reorganize one canvas's customers at once; count the answers."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--changes", type=int, default=50)
        parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
        parser.add_argument("--url", default="", help="a running server instead of gunicorn")

    def handle(self, *args, clients, changes, workers, url, **options):
        if clients < 1 or changes < 1:
            raise CommandError("--clients and --changes must be at least 1.")
        if Organization.objects.filter(slug=SLUG).exists():
            raise CommandError(f"An organization with slug {SLUG!r} exists: delete it first.")
        organization = Organization.objects.create(name="Bench org", slug=SLUG)
        users = [
            get_user_model().objects.create_user(f"{SLUG}-{n}", first_name=f"Client {n}")
            for n in range(clients)
        ]
        server = None
        try:
            for user in users:
                Membership.objects.create(
                    user=user, organization=organization, role=Membership.Role.EDITOR
                )
            canvas = Canvas.objects.create(organization=organization, title="Bench canvas")
            base_personas, base_stages = self._build(canvas, users[0])
            if not url:
                server, url = self._start_gunicorn(workers)
            before = deadlocks()
            started = time.perf_counter()
            results = self._run(url, users, canvas, changes, base_personas, base_stages)
            elapsed = time.perf_counter() - started
            time.sleep(2)  # PostgreSQL publishes its counters about once a second
            after = deadlocks()
            self._report(results, elapsed, before, after, canvas)
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
            organization.delete()
            for user in users:
                user.delete()

    def _build(self, canvas, user) -> tuple[list[int], list[int]]:
        personas, stages = [], []
        for n in range(4):
            segment = add_segment(
                canvas=canvas, by=user, name=f"Segment {n}", kind=SegmentKind.OTHER
            )
            for m in range(2):
                persona = add_persona(segment=segment, by=user, name=f"Persona {n}-{m}")
                personas.append(persona.pk)
                stages += [
                    add_stage(persona=persona, by=user, name=f"Step {k}").pk for k in range(3)
                ]
        return personas, stages

    def _start_gunicorn(self, workers: int) -> tuple[subprocess.Popen, str]:
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers)]
        command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning", "--timeout", "120"]
        server = subprocess.Popen(command, cwd=settings.BASE_DIR, env=os.environ.copy())
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return server, f"http://127.0.0.1:{port}"
            except OSError:
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not start.")

    def _run(self, url, users, canvas, changes, base_personas, base_stages):
        results: list[tuple[str, int]] = []
        failures: list[BaseException] = []
        barrier = threading.Barrier(len(users))
        lock = threading.Lock()

        def client(seed: int) -> None:
            person = Client(url, users[seed], canvas, seed)
            try:
                barrier.wait()
                for _ in range(changes):
                    kind, status = person.change(base_personas, base_stages)
                    with lock:
                        results.append((kind, status, person.busy))
            except BaseException as error:
                failures.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=client, args=(n,)) for n in range(len(users))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise CommandError(f"A client failed: {failures[0]!r}")
        return results

    def _report(self, results, elapsed, before, after, canvas) -> None:
        statuses = collections.Counter(status for _, status, _ in results)
        errors = collections.Counter(kind for kind, status, busy in results if status >= 500)
        busy = sum(1 for *_, busy in results if busy)
        self.stdout.write(
            f"{len(results)} requests in {elapsed:.1f} s on {connection.vendor}; "
            f"by status: {dict(sorted(statuses.items()))}"
        )
        server_errors = sum(1 for _, status, busy in results if status >= 500 and not busy)
        self.stdout.write(
            f"server errors: {server_errors}; answered busy, try again: {busy}"
            + (f"; 5xx by change: {dict(errors)}" if errors else "")
        )
        if before is not None:
            self.stdout.write(f"deadlocks PostgreSQL detected meanwhile: {after - before}")
        dense = all(
            list(positions) == list(range(len(positions)))
            for positions in [
                canvas.segments.order_by("position").values_list("position", flat=True),
                *(
                    s.personas.order_by("position").values_list("position", flat=True)
                    for s in Segment.objects.filter(canvas=canvas)
                ),
                *(
                    p.stages.order_by("position").values_list("position", flat=True)
                    for p in Persona.objects.filter(segment__canvas=canvas)
                ),
            ]
        )
        self.stdout.write(f"every list numbered 0..n-1: {'yes' if dense else 'NO'}")
