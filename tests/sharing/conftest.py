"""Share link fixtures: a canvas with notes, a completed assessment, links in every state."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from sharing.services import create_share_link, revoke_share_link
from tests.scorecard.conftest import question_set, take_assessment  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def noted_canvas(canvas, owner):
    canvas.add_note(area="value_proposition", text="Skills the business asks for", by=owner)
    canvas.add_note(area="investment_return", text="Fewer hours lost to rework", by=owner)
    return canvas


@pytest.fixture
def assessment(noted_canvas, take_assessment):  # noqa: F811
    values = [2, 4, 4, 3, 5, 1]
    return take_assessment(noted_canvas, values * 10)


@pytest.fixture
def make_link(owner, noted_canvas):
    def make(canvas=None, **options):
        options.setdefault("shows_board", True)
        return create_share_link(canvas=canvas or noted_canvas, by=owner, **options)

    return make


@pytest.fixture
def full_link(make_link, assessment):
    """A link that shows everything: board, results, PDF, presentation."""
    return make_link(
        label="Exec team, Q3",
        assessment=assessment,
        shows_results=True,
        shows_pdf=True,
        shows_presentation=True,
    )


@pytest.fixture
def expired_link(full_link, noted_canvas):
    full_link.expires_on = noted_canvas.organization.today() - timedelta(days=1)
    full_link.save(update_fields=["expires_on"])
    return full_link


@pytest.fixture
def revoked_link(full_link, owner):
    revoke_share_link(link=full_link, by=owner)
    return full_link


PEOPLE = {
    "owner": ("Zelda", "Quimbyworth", "zelda@acme.example"),
    "editor": ("Yorick", "Pembleton", "yorick@acme.example"),
    "viewer": ("Xanthe", "Ollerenshaw", "xanthe@acme.example"),
}


@pytest.fixture(autouse=True)
def distinctive_names(owner, editor, viewer):
    """Names and emails no page would show by chance, so a leak is easy to spot."""
    for user, role in ((owner, "owner"), (editor, "editor"), (viewer, "viewer")):
        user.first_name, user.last_name, user.email = PEOPLE[role]
        user.username = f"{PEOPLE[role][0].lower()}-login"
        user.save()


def identities(*users):
    """Every way a page could name these people."""
    for user in users:
        yield from (user.first_name, user.last_name, user.email, user.username)
