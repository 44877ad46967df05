"""Create the default pulse statement set (version 1) so every fresh install has it.

A frozen copy of pulse/default_statements.py as it was when this migration was
written: later edits to that module must not change what this migration
creates. Going backwards leaves the data alone.
"""

from django.db import migrations
from django.utils import timezone

SET_NAME = "Stakeholder pulse"
STATEMENTS = (
    ("value_proposition", "I know what the learning team does for our business."),
    ("products_services", "The learning on offer helps people do their jobs better."),
    ("customer_segments", "The learning team understands what people like me need."),
    ("service_delivery", "Getting the learning I need is quick and easy."),
    ("strategy_governance", "Their work supports what the business is trying to achieve."),
    ("investment_return", "What we spend on learning is worth it."),
)


def create_default_set(apps, schema_editor):
    PulseStatementSet = apps.get_model("pulse", "PulseStatementSet")
    PulseStatement = apps.get_model("pulse", "PulseStatement")
    if PulseStatementSet.objects.filter(is_default=True).exists():
        return
    statement_set = PulseStatementSet.objects.create(
        name=SET_NAME,
        version=1,
        status="published",
        is_default=True,
        published_at=timezone.now(),
    )
    PulseStatement.objects.bulk_create(
        PulseStatement(statement_set=statement_set, area=area, text=text)
        for area, text in STATEMENTS
    )


class Migration(migrations.Migration):
    dependencies = [("pulse", "0001_initial")]

    operations = [migrations.RunPython(create_default_set, migrations.RunPython.noop)]
