"""Investment & return's content types move from scorecard to investment.

Permissions (and so groups' and users' grants) and the admin's history point
at content types by id, so relabelling the three rows in place carries all of
them over. A content type Django already made for the new label (on a
database migrated before this ran) is merged into the old one first.
"""

from django.db import migrations

MODELS = ("investmentline", "investmentsettings", "returnline")


def relabel(apps, schema_editor, *, old: str, new: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    LogEntry = apps.get_model("admin", "LogEntry")
    for model in MODELS:
        source = ContentType.objects.filter(app_label=old, model=model).first()
        if source is None:
            continue
        target = ContentType.objects.filter(app_label=new, model=model).first()
        if target is not None:
            kept = set(
                Permission.objects.filter(content_type=source).values_list("codename", flat=True)
            )
            Permission.objects.filter(content_type=target, codename__in=kept).delete()
            Permission.objects.filter(content_type=target).update(content_type=source)
            LogEntry.objects.filter(content_type=target).update(content_type=source)
            target.delete()
        source.app_label = new
        source.save(update_fields=["app_label"])


def forwards(apps, schema_editor):
    relabel(apps, schema_editor, old="scorecard", new="investment")


def backwards(apps, schema_editor):
    relabel(apps, schema_editor, old="investment", new="scorecard")


class Migration(migrations.Migration):
    dependencies = [
        ("investment", "0001_initial"),
        ("scorecard", "0005_investment_moves_to_its_own_app"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
