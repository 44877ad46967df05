"""Investment & return now lives in the investment app (its 0001): drop the models from
scorecard's state only. The tables stay, and belong to investment."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("scorecard", "0004_investment_amount_or_time"),
        ("investment", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(
                    model_name="investmentline",
                    name="scorecard_i_canvas__0b46b0_idx",
                ),
                migrations.RemoveConstraint(
                    model_name="investmentline",
                    name="investment_line_not_negative",
                ),
                migrations.RemoveConstraint(
                    model_name="investmentline",
                    name="investment_line_amount_or_time",
                ),
                migrations.RemoveConstraint(
                    model_name="investmentsettings",
                    name="investment_settings_staff_not_negative",
                ),
                migrations.RemoveIndex(
                    model_name="returnline",
                    name="scorecard_r_canvas__89421f_idx",
                ),
                migrations.RemoveConstraint(
                    model_name="returnline",
                    name="return_line_amount_and_confidence_in_range",
                ),
                migrations.RemoveField(
                    model_name="investmentsettings",
                    name="canvas",
                ),
                migrations.RemoveField(
                    model_name="investmentsettings",
                    name="updated_by",
                ),
                migrations.RemoveField(
                    model_name="returnline",
                    name="canvas",
                ),
                migrations.RemoveField(
                    model_name="returnline",
                    name="updated_by",
                ),
                migrations.DeleteModel(
                    name="InvestmentLine",
                ),
                migrations.DeleteModel(
                    name="InvestmentSettings",
                ),
                migrations.DeleteModel(
                    name="ReturnLine",
                ),
            ],
            database_operations=[],
        ),
    ]
