"""Upgrading a database from before investment & return had its own app keeps every row.

The test rolls the test database back to the last schema where the investment
models lived in scorecard, writes data there (lines, settings, their content
types, permissions and a grant), migrates forward, and finds it all in the
investment app.
"""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from investment.models import InvestmentLine, InvestmentSettings, ReturnLine

BEFORE = [("scorecard", "0004_investment_amount_or_time"), ("investment", None)]
MODELS = ("investmentline", "investmentsettings", "returnline")
# The states of contenttypes and auth the old data is written with (both stay migrated).
LATEST_SUPPORT = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
]


def migrate(targets):
    """Migrate the test database to `targets`; the apps (historical models) as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    nodes = [t for t in targets if t[1] is not None] + LATEST_SUPPORT
    return executor.loader.project_state(nodes).apps


@pytest.mark.django_db(transaction=True)
def test_an_existing_database_upgrades_and_keeps_investment_data_and_permissions():
    old = migrate(BEFORE)
    try:
        old_apps = old
        Organization = old_apps.get_model("orgs", "Organization")
        Canvas = old_apps.get_model("canvas", "Canvas")
        User = old_apps.get_model("auth", "User")
        OldContentType = old_apps.get_model("contenttypes", "ContentType")
        OldPermission = old_apps.get_model("auth", "Permission")
        org = Organization.objects.create(name="Old Co", slug="old-co", currency="EUR")
        canvas = Canvas.objects.create(organization=org, title="Before the move")
        old_apps.get_model("scorecard", "InvestmentLine").objects.create(
            canvas=canvas, category="ld_payroll", label="Payroll", amount=Decimal("1000.00")
        )
        old_apps.get_model("scorecard", "ReturnLine").objects.create(
            canvas=canvas, kind="revenue", label="Upsell", amount=Decimal("5000.00"), confidence=50
        )
        old_apps.get_model("scorecard", "InvestmentSettings").objects.create(
            canvas=canvas, ld_staff_headcount=3
        )
        OldContentType.objects.filter(app_label="investment").delete()
        types = {
            model: OldContentType.objects.get_or_create(app_label="scorecard", model=model)[0]
            for model in MODELS
        }
        grant = OldPermission.objects.get_or_create(
            content_type=types["investmentline"],
            codename="change_investmentline",
            defaults={"name": "Can change investment line"},
        )[0]
        clerk = User.objects.create(username="clerk")
        clerk.user_permissions.add(grant)
        type_ids = {model: content_type.pk for model, content_type in types.items()}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    line = InvestmentLine.objects.get(canvas__title="Before the move")
    assert line.label == "Payroll"
    assert line.amount == Decimal("1000.00")
    assert ReturnLine.objects.get(canvas__title="Before the move").label == "Upsell"
    assert InvestmentSettings.objects.get(canvas__title="Before the move").ld_staff_headcount == 3
    for model, pk in type_ids.items():
        content_type = ContentType.objects.get(pk=pk)
        assert content_type.app_label == "investment", model
    assert not ContentType.objects.filter(app_label="scorecard", model__in=MODELS).exists()
    permission = Permission.objects.get(codename="change_investmentline")
    assert permission.content_type_id == type_ids["investmentline"]
    from django.contrib.auth import get_user_model

    clerk = get_user_model().objects.get(username="clerk")
    assert clerk.has_perm("investment.change_investmentline")
