"""Benchmark: the board with many notes, served by gunicorn, beside a bare Django page.

    DEBUG=1 python manage.py bench_board [--notes 200] [--workers 2] [--concurrency 4]
                                         [--seconds 4] [--rounds 5] [--idle 50] [--saves 12]
                                         [--runs 15] [--note-saves 200] [--no-panels]
                                         [--no-server]

Builds a throwaway organization with a canvas of `--notes` notes (and an empty one), both
with every panel of the board filled as in the demo (a self-assessment, a pulse, indicators,
investment & return, customers) unless `--no-panels`, then
prints, on the configured database and cache:

1. the board's HTML per note, (bytes with N notes - bytes with none) / N, and its queries
   with none and with N notes (in-process, Django's test client);
2. what an idle board's poll costs when nothing is new (queries, server time);
3. throughput (requests per second) of the board with N notes and of a bare Django page
   rendering the same N notes as a plain list (config/bench_urls.py), both served by the
   same gunicorn (`--workers` processes, DEBUG off) under the same load (`--concurrency`
   clients asking as fast as they can for `--seconds`, `--rounds` times each, alternating;
   the medians), and the ratio;
4. the board's throughput again with `--idle` boards open on it, each polling its feed once
   a second as static/js/live.js does, against none;
5. the time from a note save on one board to its arrival on another (`--saves` saves, at
   random moments, watched by a board polling once a second);
6. the note save's server time (manage.py bench_note_save), whose goal is a p95 under
   15 ms on PostgreSQL.

`--no-server` prints only 1, 2 and 6. Then it stops gunicorn and deletes it all. The figures depend on the machine: the command
prints them, it doesn't judge them, but for the goals it states (README "Live board").
"""

import http.client
import json
import multiprocessing
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.crypto import get_random_string

from canvas.areas import AREAS, AreaKey
from canvas.models import Canvas, Note
from core.live import shared_cache
from customers.demo import load_customers_demo
from indicators.demo import load_indicators_demo
from investment.demo import load_investment_demo
from orgs.models import Membership, Organization
from pulse.demo import load_pulse_demo
from scorecard.models import Question
from scorecard.services import complete_assessment, record_answer, start_or_resume_assessment

SLUG = "bench-board-tmp"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_cpu(server: subprocess.Popen) -> float | None:
    """CPU seconds gunicorn's workers have used so far (Linux's /proc; None elsewhere): what
    the server spent, whatever else the machine was doing meanwhile."""
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        total = 0
        for pid in children:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    except (OSError, IndexError, ValueError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Browser:
    """One signed-in person's cookies, for plain HTTP requests to the server under test."""

    def __init__(self, port: int, user):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        self.session_key = session.session_key
        self.port = port
        self.csrf = get_random_string(32)
        self.cookie = (
            f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
            f"{settings.CSRF_COOKIE_NAME}={self.csrf}"
        )

    def __getstate__(self):  # handed to the idle boards' process: the cookies, no database
        return {key: getattr(self, key) for key in ("session_key", "port", "csrf", "cookie")}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def request(
        self, method: str, path: str, headers=None, body: str | None = None, *, anonymous=False
    ):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            all_headers = {} if anonymous else {"Cookie": self.cookie}
            all_headers.update(headers or {})
            if body is not None:
                all_headers.update(
                    {
                        "Content-Type": "application/x-www-form-urlencoded",
                        "X-CSRFToken": self.csrf,
                    }
                )
            conn.request(method, path, body=body, headers=all_headers)
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()


class Board(threading.Thread):
    """An open board: it polls its feed about once a second, as static/js/live.js does
    (checking in every ten seconds), and notes when each event arrives."""

    def __init__(self, browser: Browser, board_path: str, stop: threading.Event, watch=None):
        super().__init__(daemon=True)
        self.browser, self.stop, self.watch = browser, stop, watch
        status, _, body = browser.request("GET", board_path)
        if status != 200:
            raise CommandError(f"The board answered {status} to an open board.")
        page = body.decode()
        self.feed = re.search(r'data-feed="([^"]+)"', page)[1]
        self.ticket = re.search(r'data-ticket="([^"]+)"', page)[1]
        self.seq = int(re.search(r'data-seq="(\d+)"', page)[1])
        self.tag = ""
        self.tab = secrets.token_hex(6)
        self.answers = {200: 0, 304: 0, "other": 0}
        self.poll_ms: list[float] = []
        self.arrivals: list[float] = []  # when an edit of `watch` (a note id) arrived

    last_here = -10.0

    def poll(self) -> None:
        """One poll, as the page makes it: with the ETag it has, checking in every ten
        seconds."""
        started = time.perf_counter()
        query = f"after={self.seq}&tab={self.tab}"
        if started - self.last_here > 10:
            query += "&here=1&editing="
            self.last_here = started
        headers = {"X-Live-Ticket": self.ticket, "HX-Request": "true"}
        if self.tag:
            headers["If-None-Match"] = self.tag
        try:
            status, _, body = self.browser.request("GET", f"{self.feed}?{query}", headers)
        except OSError:
            status, body = 0, b""
        now = time.perf_counter()
        self.poll_ms.append((now - started) * 1000)
        if status == 200:
            data = json.loads(body)
            self.seq, self.tag, self.ticket = data["seq"], data["etag"], data["ticket"]
            if self.watch and any(
                event["kind"] == "note.edit" and event["record"] == self.watch
                for event in data["events"]
            ):
                self.arrivals.append(now)
        self.answers[status if status in (200, 304) else "other"] += 1

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            self.poll()
            self.stop.wait(max(0.0, 1.0 - (time.perf_counter() - started)))


def open_boards(people, board_path, stop, ready, results) -> None:
    """(In a process of its own.) A board open for each of `people`, each polling once a
    second, their polls spread evenly over the second from one thread (so the clients cost
    the machine as little as they can), until `stop`; then what they were answered, how long
    each poll took, and the CPU seconds this process used, go to `results`."""
    boards = [Board(person, board_path, threading.Event()) for person in people]
    ready.set()
    cpu_before, start = time.process_time(), time.perf_counter()
    tick = 0
    while not stop.is_set():
        due = start + tick / len(boards)
        pause = due - time.perf_counter()
        if pause > 0:
            stop.wait(pause)
        boards[tick % len(boards)].poll()
        tick += 1
    answers: dict = {}
    for board in boards:
        for key, count in board.answers.items():
            answers[key] = answers.get(key, 0) + count
    results.put(answers)
    results.put([ms for board in boards for ms in board.poll_ms])
    results.put((time.process_time() - cpu_before) / (time.perf_counter() - start))


class Command(BaseCommand):
    help = "Board throughput beside a bare Django page, idle boards' cost, live latency."

    def add_arguments(self, parser):
        parser.add_argument("--notes", type=int, default=200)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--concurrency", type=int, default=4, help="clients under load")
        parser.add_argument("--seconds", type=float, default=4.0, help="each throughput run")
        parser.add_argument("--rounds", type=int, default=5, help="runs of each, alternating")
        parser.add_argument("--idle", type=int, default=50, help="idle boards polling")
        parser.add_argument("--saves", type=int, default=12, help="saves timed to arrival")
        parser.add_argument("--runs", type=int, default=15, help="in-process page timings")
        parser.add_argument("--note-saves", type=int, default=200, help="bench_note_save runs")
        parser.add_argument(
            "--no-panels",
            action="store_true",
            help="leave the other apps' panels empty (notes only)",
        )
        parser.add_argument(
            "--no-server",
            action="store_true",
            help="only the figures measured in-process (HTML size, queries, polls, saves)",
        )

    def handle(self, *args, **options):
        if options["notes"] < 1:
            raise CommandError("--notes must be at least 1.")
        if Organization.objects.filter(slug=SLUG).exists():
            raise CommandError(f"An organization with slug {SLUG!r} exists: delete it first.")
        self.options = options
        organization = Organization.objects.create(name="Bench org", slug=SLUG)
        User = get_user_model()
        editor = User.objects.create_user(SLUG, first_name="Bench", last_name="Editor")
        watcher = User.objects.create_user(f"{SLUG}-2", first_name="Bench", last_name="Watcher")
        server = None
        browsers: list[Browser] = []
        try:
            for user in (editor, watcher):
                Membership.objects.create(
                    user=user, organization=organization, role=Membership.Role.EDITOR
                )
            panels = not options["no_panels"]
            full = bench_canvas(organization, options["notes"], by=editor, panels=panels)
            empty = bench_canvas(organization, 0, by=editor, title="Empty canvas", panels=panels)
            cache_words = "shared (CACHE_URL)" if shared_cache() else "per process (no CACHE_URL)"
            filled = (
                "every panel filled as in the demo (self-assessment, pulse, indicators, "
                "investment & return, customers)"
                if panels
                else "no panels (--no-panels)"
            )
            self.stdout.write(
                f"database: {connection.vendor}; cache: {cache_words}; {options['notes']} notes; "
                f"{filled}"
            )
            self._page_figures(editor, full, empty)
            self._poll_figures(editor, full)
            if options["no_server"]:
                return
            connections.close_all()
            server, port = self._start_gunicorn(options["workers"])
            self.server = server
            browser = Browser(port, editor)
            browsers.append(browser)
            self._throughput(browser, full, port)
            browsers += self._idle_cost(port, editor, full)
            browsers.append(self._latency(port, editor, watcher, full))
        finally:
            if server is not None:
                server.terminate()
                server.wait(timeout=30)
                self.log.close()
            Session.objects.filter(session_key__in=[b.session_key for b in browsers]).delete()
            organization.delete()
            editor.delete()
            watcher.delete()
            self._note_saves()

    def _board_path(self, canvas) -> str:
        return reverse("board", kwargs={"org_slug": SLUG, "canvas_pk": canvas.pk})

    def _page_figures(self, user, full, empty) -> None:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        sizes, queries, times = {}, {}, {}
        for canvas in (empty, full):
            path = self._board_path(canvas)
            client.get(path)  # warm up; the first request after logging in writes the session
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                body = client.get(path).content
            queries[canvas.pk] = len(captured)  # now: the next request empties the log
            runs = []
            for _ in range(self.options["runs"]):
                started = time.perf_counter()
                client.get(path)
                runs.append((time.perf_counter() - started) * 1000)
            sizes[canvas.pk] = len(body)
            times[canvas.pk] = statistics.median(runs)
        notes = self.options["notes"]
        per_note = (sizes[full.pk] - sizes[empty.pk]) / notes
        self.stdout.write(
            f"board HTML: {sizes[empty.pk]:,} bytes with no notes, {sizes[full.pk]:,} with "
            f"{notes}: {per_note:.0f} bytes per note (goal: under 700)"
        )
        self.stdout.write(
            f"board queries: {queries[empty.pk]} with no notes, {queries[full.pk]} with {notes}; "
            f"server time (in-process, median of {self.options['runs']}): {times[empty.pk]:.1f} ms and "
            f"{times[full.pk]:.1f} ms"
        )

    def _poll_figures(self, user, canvas) -> None:
        """An idle board's poll, in-process: the answer "nothing new" and what it costs."""
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        page = client.get(self._board_path(canvas)).content.decode()
        feed = re.search(r'data-feed="([^"]+)"', page)[1]
        headers = {
            "X-Live-Ticket": re.search(r'data-ticket="([^"]+)"', page)[1],
            "HX-Request": "true",
        }
        seq = re.search(r'data-seq="(\d+)"', page)[1]
        first = client.get(f"{feed}?after={seq}&tab=bench", headers=headers)
        headers["If-None-Match"] = first["ETag"]
        client.get(f"{feed}?after={seq}&tab=bench", headers=headers)
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            answer = client.get(f"{feed}?after={seq}&tab=bench", headers=headers)
        count = len(captured)  # now: the next request empties the log
        runs = []
        for _ in range(self.options["runs"] * 10):
            started = time.perf_counter()
            client.get(f"{feed}?after={seq}&tab=bench", headers=headers)
            runs.append((time.perf_counter() - started) * 1000)
        self.stdout.write(
            f"an idle board's poll: {answer.status_code}, {count} queries, server time "
            f"median {statistics.median(runs):.2f} ms (in-process); 60 polls a minute per "
            "open board in view (one in ten also checks in), none while it is hidden"
        )

    def _start_gunicorn(self, workers: int) -> tuple[subprocess.Popen, int]:
        env = os.environ.copy()
        env.update(
            DEBUG="0",
            SECRET_KEY=settings.SECRET_KEY,  # the sessions made here must hold there
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            SESSION_COOKIE_SECURE="0",
            CSRF_COOKIE_SECURE="0",
            DJANGO_SETTINGS_MODULE="config.settings",
        )
        # DEBUG off serves hashed static file names: the manifest must exist.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
        )
        port = free_port()
        command = [sys.executable, "-m", "gunicorn", "config.bench_wsgi"]
        command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
        command += ["--log-level", "warning", "--timeout", "120"]
        self.log = open(os.path.join(settings.BASE_DIR, "var", "bench_board_gunicorn.log"), "w")  # noqa: SIM115
        server = subprocess.Popen(
            command, cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return server, port
            except OSError:
                time.sleep(0.2)
        server.terminate()
        raise CommandError("gunicorn did not start.")

    def _load(self, browser: Browser, path: str, *, anonymous=False) -> tuple[float, float]:
        """Requests per second answered 200 by `--concurrency` clients asking for `path` as
        fast as they can for `--seconds` (signed in, or `anonymous`), and the server's CPU
        milliseconds per request meanwhile."""
        seconds, concurrency = self.options["seconds"], self.options["concurrency"]
        counts = [0] * concurrency
        failures: list[int] = []
        cpu_before = server_cpu(self.server)
        start = time.perf_counter()
        stop = start + seconds

        def client(index: int) -> None:
            while time.perf_counter() < stop:
                status, _, _ = browser.request("GET", path, anonymous=anonymous)
                if status == 200:
                    counts[index] += 1
                else:
                    failures.append(status)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if failures:
            raise CommandError(
                f"{path} answered {failures[0]} under load (the server's log: {self.log.name})."
            )
        elapsed, cpu_after = time.perf_counter() - start, server_cpu(self.server)
        cpu_ms = (cpu_after - cpu_before) * 1000 / sum(counts) if cpu_before is not None else 0.0
        return sum(counts) / elapsed, cpu_ms

    def _throughput(self, browser: Browser, canvas, port: int) -> None:
        board = self._board_path(canvas)
        bare = reverse("bench_bare", urlconf="config.bench_urls", kwargs={"canvas_pk": canvas.pk})
        for path in (bare, board):  # warm up every worker
            for _ in range(self.options["workers"] * 3):
                browser.request("GET", path)
        results: dict[str, list[tuple[float, float]]] = {"bare": [], "board": []}
        for _ in range(self.options["rounds"]):
            results["bare"].append(self._load(browser, bare, anonymous=True))
            results["board"].append(self._load(browser, board))
        bare_rate = statistics.median(rate for rate, _ in results["bare"])
        board_rate = statistics.median(rate for rate, _ in results["board"])
        bare_cpu = statistics.median(cpu for _, cpu in results["bare"])
        board_cpu = statistics.median(cpu for _, cpu in results["board"])
        self.board_cpu = board_cpu
        notes = self.options["notes"]
        self.stdout.write(
            f"throughput under gunicorn ({self.options['workers']} workers, "
            f"{self.options['concurrency']} clients, median of {self.options['rounds']} runs of "
            f"{self.options['seconds']:g} s): bare page with {notes} notes {bare_rate:.0f} req/s, "
            f"board with {notes} notes {board_rate:.0f} req/s: the board serves "
            f"{100 * board_rate / bare_rate:.0f}% of the bare page (goal: at least 25%; the bare "
            "page is anonymous, the board signed in)"
        )
        if bare_cpu:
            self.stdout.write(
                f"  server CPU per request (unaffected by the machine's other load): bare page "
                f"{bare_cpu:.1f} ms, board {board_cpu:.1f} ms: the board serves "
                f"{100 * bare_cpu / board_cpu:.0f}% of the bare page's requests"
            )

    def _idle_cost(self, port: int, user, canvas) -> list[Browser]:
        """The board's throughput with `--idle` boards open on it and polling, and without.
        The open boards run in a process of their own, as other people's browsers would, so
        they don't slow the clients measuring the throughput down."""
        idle = self.options["idle"]
        browser = Browser(port, user)
        people = [Browser(port, user) for _ in range(idle)]
        board = self._board_path(canvas)
        rates: dict[str, list[float]] = {"none": [], "idle": []}
        answers: dict = {}
        polls: list[float] = []
        idle_cpu: list[float] = []
        clients: list[float] = []
        forked = multiprocessing.get_context("fork")
        for _ in range(self.options["rounds"]):
            rates["none"].append(self._load(browser, board)[0])
            stop, ready, results = forked.Event(), forked.Event(), forked.Queue()
            boards = forked.Process(
                target=open_boards, args=(people, board, stop, ready, results), daemon=True
            )
            boards.start()
            if not ready.wait(60):
                raise CommandError("The idle boards did not open.")
            time.sleep(2)  # every board has polled once in full, and checked in
            before, started = server_cpu(self.server), time.perf_counter()
            time.sleep(self.options["seconds"])  # the idle boards alone
            if before is not None:
                idle_cpu.append(
                    (server_cpu(self.server) - before) / (time.perf_counter() - started)
                )
            rates["idle"].append(self._load(browser, board)[0])
            stop.set()
            for key, count in results.get(timeout=60).items():
                answers[key] = answers.get(key, 0) + count
            polls += results.get(timeout=60)
            clients.append(results.get(timeout=60))
            boards.join(30)
        none, busy = statistics.median(rates["none"]), statistics.median(rates["idle"])
        self.stdout.write(
            f"board throughput with {idle} idle boards polling it: {busy:.0f} req/s, against "
            f"{none:.0f} req/s with none: {100 * (none - busy) / none:.1f}% lower "
            f"(goal: under 10%; their clients ran on this machine too, using "
            f"{1000 * statistics.median(clients):.0f} ms of CPU a second); their polls: "
            f"{answers.get(304, 0)} answered 304, {answers.get(200, 0)} 200 (each board's "
            f"first, and check-ins without a shared cache), {answers.get('other', 0)} other; "
            f"median {statistics.median(polls):.1f} ms as the client saw it"
        )
        if idle_cpu:
            share = statistics.median(idle_cpu)  # CPU seconds per second
            workers = self.options["workers"]
            self.stdout.write(
                f"  server CPU the {idle} idle boards use (unaffected by the machine's other "
                f"load): {1000 * share:.0f} ms per second, {1000 * share / (idle * 1):.2f} ms a "
                f"poll: {100 * share / workers:.1f}% of {workers} workers' time, so the board's "
                f"throughput drops by about that much"
            )
        return [browser, *people]

    def _latency(self, port: int, editor, watcher, canvas) -> Browser:
        """Saves by one person, and when each shows on another person's board."""
        note = canvas.notes.filter(area=AreaKey.PRODUCTS_SERVICES).first()
        saver = Browser(port, editor)
        stop = threading.Event()
        board = Board(Browser(port, watcher), self._board_path(canvas), stop, watch=note.pk)
        board.start()
        url = reverse(
            "note_edit", kwargs={"org_slug": SLUG, "canvas_pk": canvas.pk, "note_pk": note.pk}
        )
        prefix, version, sent = f"note-{note.pk}", note.version, []
        time.sleep(1.5)
        for n in range(self.options["saves"]):
            time.sleep(random.uniform(1.5, 2.5))
            body = (
                f"{prefix}-text=Saved+{n}&{prefix}-colour=yellow&{prefix}-version={version}"
                f"&{prefix}-area={note.area}"
            )
            sent.append(time.perf_counter())
            status, _, _ = saver.request("POST", url, {"HX-Request": "true"}, body)
            if status != 200:
                raise CommandError(f"A save answered {status}.")
            version += 1
        time.sleep(2.5)
        stop.set()
        board.join()
        latencies = [
            (arrived - saved) * 1000
            for saved, arrived in zip(sent, board.arrivals, strict=False)
            if arrived >= saved
        ]
        if len(latencies) != len(sent):
            raise CommandError(f"{len(sent)} saves, but {len(board.arrivals)} arrived.")
        self.stdout.write(
            f"from a save on one board to its arrival on another (polling once a second), "
            f"{len(latencies)} saves: median {statistics.median(latencies):.0f} ms, "
            f"p95 {percentile(latencies, 0.95):.0f} ms, max {max(latencies):.0f} ms "
            "(goal: within 2 s)"
        )
        return saver

    def _note_saves(self) -> None:
        out = StringIO()
        call_command("bench_note_save", saves=self.options["note_saves"], stdout=out)
        line = out.getvalue().strip()
        goal = " (goal: p95 under 15 ms on PostgreSQL)"
        self.stdout.write(line + goal)


def bench_canvas(
    organization, notes: int, *, by=None, title: str = "Bench canvas", panels: bool = False
) -> Canvas:
    """The benchmark's canvas: `notes` notes of about 100 characters spread over the six
    areas, in every colour, positions 0..n-1 in each area (tests/canvas/test_board_weight.py
    weighs the same board). With `panels`, the other apps' parts of the board are filled as
    in the demo (customers, investment & return, a closed pulse, indicators) and `by`
    completes a self-assessment, so the board shows every panel it can."""
    canvas = Canvas.objects.create(
        organization=organization, title=title, created_by=by, updated_by=by
    )
    Note.objects.bulk_create(
        Note(
            canvas=canvas,
            area=AREAS[i % len(AREAS)].key,
            text=f"Benchmark note {i} " + "with some words " * 5,
            colour=["yellow", "green", "blue", "pink"][i % 4],
            position=i // len(AREAS),
            created_by=by,
            updated_by=by,
        )
        for i in range(notes)
    )
    if panels:
        load_customers_demo(canvas, by=by)
        load_investment_demo(canvas, by=by)
        load_pulse_demo(canvas, by=by)
        load_indicators_demo(canvas, by=by, members={})
        assessment, _ = start_or_resume_assessment(canvas=canvas, by=by)
        for number, question in enumerate(
            Question.objects.filter(area__question_set=assessment.question_set)
        ):
            record_answer(assessment=assessment, question=question, value=1 + number % 5, by=by)
        complete_assessment(assessment=assessment, by=by)
    return canvas
