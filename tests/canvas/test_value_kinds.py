"""A canvas's value kinds are a list of known kinds: in the model, the forms, the admin and
the database, and pages never break on a bad stored value."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from canvas.models import Canvas
from tests.helpers import canvas_url

BAD_VALUES = [5, None, "cost_savings", {"a": 1}, ["nonsense"], [["cost_savings"]], [5], [None]]


def store_behind_the_apps_back(canvas, value):
    """Write a value as a raw statement would, bypassing the model (the database decides)."""
    Canvas.objects.filter(pk=canvas.pk).update(value_kinds=value)


@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_database_refuses_anything_but_a_list_of_known_kinds(canvas, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        store_behind_the_apps_back(canvas, value)
    canvas.refresh_from_db()
    assert canvas.value_kinds == ["skills_development"]


@pytest.mark.parametrize("value", [[], ["cost_savings"], ["risk_reduction", "cost_savings"]])
def test_database_accepts_lists_of_known_kinds(canvas, value):
    store_behind_the_apps_back(canvas, value)
    canvas.refresh_from_db()
    assert canvas.value_kinds == value


@pytest.mark.parametrize(
    "value", [5, "cost_savings", ["nonsense"], ["cost_savings", "cost_savings"], [1]], ids=repr
)
def test_model_validation_names_the_problem(canvas, value):
    canvas.value_kinds = value
    with pytest.raises(ValidationError) as raised:
        canvas.full_clean()
    assert "value_kinds" in raised.value.message_dict


def test_model_validation_accepts_an_empty_list(canvas):
    canvas.value_kinds = []
    canvas.full_clean()


def test_pages_read_only_known_kinds_whatever_is_in_memory(canvas):
    from canvas.snapshot import snapshot_canvas

    for value in (5, None, "cost_savings", ["nonsense", "risk_reduction", "risk_reduction"]):
        canvas.value_kinds = value
        expected = ["risk_reduction"] if isinstance(value, list) else []
        assert canvas.known_value_kinds == expected
        assert [kind["key"] for kind in snapshot_canvas(canvas)["value_kinds"]] == expected


# The admin -----------------------------------------------------------------------------------


def admin_post(admin_client, canvas, **changes):
    data = {
        "organization": canvas.organization_id,
        "title": canvas.title,
        "description": canvas.description,
        "opened_version": canvas.version,
        "notes-TOTAL_FORMS": 0,
        "notes-INITIAL_FORMS": 0,
        **changes,
    }
    return admin_client.post(reverse("admin:canvas_canvas_change", args=[canvas.pk]), data)


def test_admin_stores_ticked_kinds(admin_client, canvas):
    response = admin_post(admin_client, canvas, value_kinds=["cost_savings", "risk_reduction"])
    assert response.status_code == 302
    canvas.refresh_from_db()
    assert canvas.value_kinds == ["cost_savings", "risk_reduction"]


def test_admin_clearing_value_kinds_stores_an_empty_list(admin_client, canvas):
    assert admin_post(admin_client, canvas).status_code == 302
    canvas.refresh_from_db()
    assert canvas.value_kinds == []


@pytest.mark.parametrize("junk", ["5", "1e309", "NaN", "[5]", '["cost_savings"]', "\x00"])
def test_admin_refuses_anything_else_by_the_field(admin_client, canvas, junk):
    response = admin_post(admin_client, canvas, value_kinds=junk)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["value_kinds"]
    canvas.refresh_from_db()
    assert canvas.value_kinds == ["skills_development"]


def test_app_header_form_refuses_unknown_kinds_and_counts_a_box_once(owner, canvas, client_for):
    url = canvas_url("canvas_edit", canvas)
    data = {"canvas-title": "T", "canvas-version": canvas.version, "canvas-value_kinds": "5"}
    response = client_for(owner).post(url, data)
    assert response.status_code == 422
    twice = {**data, "canvas-value_kinds": ["cost_savings", "cost_savings"]}
    assert client_for(owner).post(url, twice).status_code == 302
    canvas.refresh_from_db()
    assert canvas.value_kinds == ["cost_savings"]


# The migration that repairs stored values before the check -------------------------------


@pytest.mark.django_db(transaction=True)
def test_migration_repairs_bad_rows_then_adds_the_check():
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("canvas", "0001_initial")]
    after = [("canvas", "0002_value_kinds_checked_and_trash")]
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    Organization = old_apps.get_model("orgs", "Organization")
    OldCanvas = old_apps.get_model("canvas", "Canvas")
    org = Organization.objects.create(name="Old", slug="old")
    stored = {
        "number": 5,
        "string": "cost_savings",
        "mixed": ["risk_reduction", 3, "nonsense", "risk_reduction", "cost_savings"],
        "object": {"a": 1},
        "fine": ["performance_support"],
    }
    pks = {
        title: OldCanvas.objects.create(organization=org, title=title, value_kinds=value).pk
        for title, value in stored.items()
    }
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    repaired = dict(
        Canvas.everything.filter(pk__in=pks.values()).values_list("title", "value_kinds")
    )
    assert repaired == {
        "number": [],
        "string": [],
        "mixed": ["risk_reduction", "cost_savings"],
        "object": [],
        "fine": ["performance_support"],
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Canvas.objects.filter(pk=pks["fine"]).update(value_kinds=5)
