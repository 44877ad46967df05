"""The live board across processes: two servers on one database, as in production (several
gunicorn workers, maybe several machines). A save through one server reaches a board that
polls the other, through the change feed in the database: nothing is shared in memory
(no CACHE_URL here).

The servers open the test database itself, on PostgreSQL and on SQLite (whose test database
is a file: tests/conftest.py)."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils.crypto import get_random_string

from canvas.areas import AreaKey
from tests.helpers import canvas_url

pytestmark = pytest.mark.slow

WAIT = 20  # seconds: for a server to start, and for a save to arrive (about a second really)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The address of the test database, for another process."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    assert not connection.is_in_memory_db(), "the other processes can't open :memory:"
    return f"sqlite:///{db['NAME']}"


def start_server(url: str, log) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "CACHE_URL"}
    env.update(DATABASE_URL=url, DEBUG="1", SECRET_KEY=settings.SECRET_KEY)
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "1"]
    command += ["--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
    server = subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    return server, port


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"No server answered on port {port}.")


def request(port, path, cookie, headers=None, body=None):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT)
    try:
        method = "POST" if body is not None else "GET"
        conn.request(method, path, body=body, headers={"Cookie": cookie, **(headers or {})})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


@pytest.mark.django_db(transaction=True)
def test_a_save_through_one_server_reaches_a_board_polling_another(canvas, owner, editor, tmp_path):
    note = canvas.add_note(area=AreaKey.PRODUCTS_SERVICES, text="Onboarding path", by=owner)
    session = SessionStore()
    session[SESSION_KEY] = str(editor.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = editor.get_session_auth_hash()
    session.create()
    csrf = get_random_string(32)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    )
    url = database_url()
    log = open(tmp_path / "servers.log", "w")  # noqa: SIM115 - closed below
    servers = []
    try:
        servers = [start_server(url, log), start_server(url, log)]
        (_, saving), (_, polling) = servers
        wait_until_up(saving)
        wait_until_up(polling)

        # A board open on one server...
        status, _, page = request(polling, canvas_url("board", canvas), cookie)
        assert status == 200, page[:500]
        feed = re.search(r'data-feed="([^"]+)"', page)[1]
        ticket = re.search(r'data-ticket="([^"]+)"', page)[1]
        seq = int(re.search(r'data-seq="(\d+)"', page)[1])
        headers = {"X-Live-Ticket": ticket, "HX-Request": "true"}
        status, answer, body = request(polling, f"{feed}?after={seq}&tab=b1", cookie, headers)
        assert status == 200, body[:500]
        tag = answer["ETag"]
        status, _, _ = request(
            polling, f"{feed}?after={seq}&tab=b1", cookie, {**headers, "If-None-Match": tag}
        )
        assert status == 304

        # ...and a save through the other.
        prefix = f"note-{note.pk}"
        form = urllib.parse.urlencode(
            {
                f"{prefix}-text": "Onboarding in three days",
                f"{prefix}-colour": "green",
                f"{prefix}-version": note.version,
                f"{prefix}-area": note.area,
            }
        )
        status, _, body = request(
            saving,
            canvas_url("note_edit", canvas, note_pk=note.pk),
            cookie,
            {
                "HX-Request": "true",
                "X-CSRFToken": csrf,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            form,
        )
        assert status == 200, body[:500]

        # The polling board hears of it.
        deadline = time.monotonic() + WAIT
        while True:
            status, answer, body = request(
                polling, f"{feed}?after={seq}&tab=b1", cookie, {**headers, "If-None-Match": tag}
            )
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200, "the save never reached the other server's board"
        data = json.loads(body)
        assert [(e["kind"], e["record"], e["by"]) for e in data["events"]] == [
            ("note.edit", note.pk, "Editor")
        ]
        shown = data["areas"][AreaKey.PRODUCTS_SERVICES]
        assert "Onboarding in three days" in shown
        assert f'class="note note-green" id="note-{note.pk}" data-v="2"' in shown
    finally:
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=WAIT)
        log.close()
