"""Statement sets (versioned like question sets), and the admin: responses read-only."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from canvas.areas import AreaKey
from pulse import default_statements
from pulse.models import PulseStatementSet
from pulse.services import ensure_default_statement_set

default_set_migration = importlib.import_module("pulse.migrations.0002_default_statement_set")


@pytest.mark.django_db
def test_the_migration_creates_the_default_set_once():
    PulseStatementSet.objects.all().delete()
    default_set_migration.create_default_set(apps, None)
    statement_set = PulseStatementSet.objects.get()
    assert statement_set.is_default
    assert statement_set.status == PulseStatementSet.Status.PUBLISHED
    assert sorted(statement_set.statements.values_list("area", flat=True)) == sorted(AreaKey.values)
    default_set_migration.create_default_set(apps, None)
    assert PulseStatementSet.objects.count() == 1


def test_the_migration_copy_matches_the_live_module_today():
    assert default_set_migration.STATEMENTS == default_statements.DEFAULT_STATEMENTS
    assert default_set_migration.SET_NAME == default_statements.DEFAULT_SET_NAME


def test_the_default_statements_are_short_and_plain():
    words = [len(text.split()) for _, text in default_statements.DEFAULT_STATEMENTS]
    assert max(words) <= 10
    assert sum(words) <= 60
    jargon = ("L&D", "canvas", "value proposition", "segment", "governance", "ROI")
    for _, text in default_statements.DEFAULT_STATEMENTS:
        assert not any(term.lower() in text.lower() for term in jargon), text


def test_a_used_set_is_frozen_and_a_new_version_is_a_draft(statement_set, pulse):
    assert statement_set.is_frozen and statement_set.is_locked
    draft = statement_set.new_version()
    assert (draft.version, draft.status, draft.is_default) == (2, "draft", False)
    assert draft.statements.count() == 6
    draft.statements.filter(area="value_proposition").update(text="New words")
    draft.publish()
    assert ensure_default_statement_set() == draft
    pulse.refresh_from_db()
    assert pulse.statement_set == statement_set  # old pulses keep their words


def test_a_set_missing_an_area_cannot_be_published(statement_set):
    draft = statement_set.new_version()
    draft.statements.filter(area="investment_return").delete()
    with pytest.raises(ValidationError, match="Investment & return has no statement"):
        draft.publish()


# The admin -----------------------------------------------------------------------------------


def test_admin_edits_a_draft_but_not_a_used_set(admin_client, statement_set, pulse):
    used = reverse("admin:pulse_pulsestatementset_change", args=[statement_set.pk])
    page = admin_client.get(used).content.decode()
    assert "a pulse has used it" in page
    assert admin_client.post(used, {"name": "Renamed"}).status_code == 403
    draft = statement_set.new_version()
    page = admin_client.get(reverse("admin:pulse_pulsestatementset_change", args=[draft.pk]))
    assert 'name="statements-0-text"' in page.content.decode()


def test_admin_lists_pulses_with_their_responses(admin_client, pulse, respond):
    respond(pulse, 3)
    response = admin_client.get(reverse("admin:pulse_pulse_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_list[0]._responses == 3
    assert admin_client.get(reverse("admin:pulse_pulse_change", args=[pulse.pk])).status_code == 200


def test_admin_reads_responses_but_cannot_change_or_add_them(admin_client, pulse, respond):
    (response,) = respond(pulse, 1, comment="A comment")
    url = reverse("admin:pulse_response_change", args=[response.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "A comment" in body
    assert 'name="group"' not in body  # read-only: no inputs
    assert "answers-0-score" not in body
    before = response.group
    admin_client.post(url, {"group": "partners"})
    response.refresh_from_db()
    assert response.group == before
    assert admin_client.get(reverse("admin:pulse_response_add")).status_code == 403
    assert admin_client.get(reverse("admin:pulse_response_changelist")).status_code == 200


def test_admin_hides_a_comment_but_cannot_rewrite_it(admin_client, pulse, respond):
    respond(pulse, 1, comment="Original")
    comment = pulse.comments.get()
    url = reverse("admin:pulse_comment_change", args=[comment.pk])
    admin_client.post(url, {"hidden": "on", "text": "Rewritten"})
    comment.refresh_from_db()
    assert (comment.text, comment.hidden) == ("Original", True)
