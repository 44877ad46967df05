"""Shared fixtures: an organization with one member of each role, an outsider, canvases."""

import os
import shutil
import tempfile

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import override_settings

from canvas.areas import AreaKey
from canvas.models import Canvas
from orgs.models import Membership, Organization
from tests.helpers import run_directory
from tests.pdf_support import one_render_per_html

PASSWORD = "a-long-test-password-1"
# Django's default PBKDF2 makes every create_user and log-in cost tens of milliseconds
# on purpose; tests hash with MD5 instead. Production settings are untouched.
TEST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items):
    """The tests marked `slow` go first, shared out among the test workers in turn, so that
    no worker is left running one at the end while the others wait. pytest-xdist gives each
    worker an equal run of the collection, in order, and an idle worker takes over the end
    of another's run. (The browser journeys keep their place: started together with the
    slow tests, on two cores, their waits ran out.)"""
    workers = getattr(config, "workerinput", {}).get("workercount", 1)
    long = [item for item in items if item.get_closest_marker("slow")]
    if workers < 2 or not long:
        return
    rest = [item for item in items if not item.get_closest_marker("slow")]
    ordered, remaining, taken = [], len(items), 0
    for worker in range(workers):
        size = remaining // (workers - worker)  # as pytest-xdist's worksteal counts them
        remaining -= size
        run = long[worker::workers]
        more = max(0, size - len(run))
        ordered += run + rest[taken : taken + more]
        taken += more
    ordered += rest[taken:]
    items[:] = ordered


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, each test worker's database is a file in memory-backed storage, not
    Django's default `:memory:`. With `:memory:`, the live server's request threads and the
    test itself share one connection, and two requests at once (an open board's poll
    meeting a click) break inside SQLite ("bad parameter or other API misuse"): a 500 the
    product never gives. With a file, every thread has its own connection, as under
    `make run`."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    shared_memory = "/dev/shm" if os.path.isdir("/dev/shm") else None
    folder = tempfile.mkdtemp(prefix="lmc-tests-", dir=shared_memory)
    database.setdefault("TEST", {})["NAME"] = os.path.join(folder, "test.sqlite3")
    yield
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    with override_settings(PASSWORD_HASHERS=TEST_PASSWORD_HASHERS):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the board's panels are kept there by canvas id
    and feed number, and a rolled-back SQLite test database hands out the same ids again."""
    cache.clear()
    yield


@pytest.fixture(scope="session", autouse=True)
def each_pdf_rendered_once(tmp_path_factory):
    """WeasyPrint renders each distinct HTML once per test run (the workers share what they
    rendered): many tests print the very same document (a sample assessment's report) to
    check different things in it.
    The app promises the same (same HTML, same PDF: core.pdf.content_etag), and counts of
    renders (tests.pdf_support.counting_renders) still count the app's calls."""
    with one_render_per_html(directory=run_directory(tmp_path_factory, "pdfs")):
        yield


@pytest.fixture
def make_user(db):
    def make(username: str, **extra):
        return get_user_model().objects.create_user(
            username=username, password=PASSWORD, first_name=username.title(), **extra
        )

    return make


@pytest.fixture
def org(db):
    return Organization.objects.create(name="Acme Learning", slug="acme", currency="EUR")


@pytest.fixture
def other_org(db):
    return Organization.objects.create(name="Globex Academy", slug="globex")


@pytest.fixture
def owner(make_user, org):
    user = make_user("owner")
    Membership.objects.create(user=user, organization=org, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def editor(make_user, org):
    user = make_user("editor")
    Membership.objects.create(user=user, organization=org, role=Membership.Role.EDITOR)
    return user


@pytest.fixture
def viewer(make_user, org):
    user = make_user("viewer")
    Membership.objects.create(user=user, organization=org, role=Membership.Role.VIEWER)
    return user


@pytest.fixture
def outsider(make_user, other_org):
    user = make_user("outsider")
    Membership.objects.create(user=user, organization=other_org, role=Membership.Role.OWNER)
    return user


@pytest.fixture
def users(owner, editor, viewer, outsider):
    return {"owner": owner, "editor": editor, "viewer": viewer, "outsider": outsider}


@pytest.fixture
def client_for(client):
    """`client_for(user)` logs the test client in as that user (None: anonymous)."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login


@pytest.fixture
def canvas(org, owner):
    return Canvas.objects.create(
        organization=org,
        title="Acme Academy",
        description="Our learning function on one page.",
        value_kinds=["skills_development"],
        created_by=owner,
        updated_by=owner,
    )


@pytest.fixture
def make_canvas(org, owner):
    def make(title="Another canvas", organization=None, notes_per_area=0):
        canvas = Canvas.objects.create(
            organization=organization or org, title=title, created_by=owner, updated_by=owner
        )
        for area in AreaKey.values:
            for n in range(notes_per_area):
                canvas.add_note(area=area, text=f"{area} note {n}", by=owner)
        return canvas

    return make
