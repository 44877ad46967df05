"""Investment & return moves out of scorecard into its own app.

The tables stay where they are, under their scorecard_ names (the models set
db_table), so this migration only tells Django's state that the models are
here now; scorecard 0005 removes them from scorecard's state. No row moves.
"""

from decimal import Decimal

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("canvas", "0001_initial"),
        ("scorecard", "0004_investment_amount_or_time"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="InvestmentLine",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "category",
                            models.CharField(
                                choices=[
                                    ("ld_payroll", "L&D payroll"),
                                    ("travel", "Travel"),
                                    ("third_party", "Third-party spend"),
                                    ("technology", "Technology & platforms"),
                                    ("facilities", "Facilities"),
                                    ("sme_time", "Subject-matter experts' time"),
                                    ("learner_time", "Learners' time away from work"),
                                    ("manager_time", "Managers' time"),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "hidden",
                            models.BooleanField(
                                default=False,
                                help_text="Hidden costs sit in other budgets: experts', learners' time.",
                            ),
                        ),
                        (
                            "label",
                            models.CharField(
                                max_length=120,
                                validators=[django.core.validators.MinLengthValidator(1)],
                            ),
                        ),
                        (
                            "amount",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=14,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                            ),
                        ),
                        (
                            "hours",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=9,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                                verbose_name="hours per person",
                            ),
                        ),
                        (
                            "hourly_rate",
                            models.DecimalField(
                                blank=True,
                                decimal_places=2,
                                max_digits=14,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                            ),
                        ),
                        ("people", models.PositiveIntegerField(blank=True, null=True)),
                        ("position", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "canvas",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="investment_lines",
                                to="canvas.canvas",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "scorecard_investmentline",
                        "ordering": ["canvas", "position", "pk"],
                        "indexes": [
                            models.Index(
                                fields=["canvas", "position"], name="scorecard_i_canvas__0b46b0_idx"
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("amount__gte", 0), ("hours__gte", 0), ("hourly_rate__gte", 0)
                                ),
                                name="investment_line_not_negative",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(
                                        ("amount__isnull", False),
                                        ("hourly_rate__isnull", True),
                                        ("hours__isnull", True),
                                        ("people__isnull", True),
                                    ),
                                    models.Q(
                                        ("amount__isnull", True),
                                        ("hourly_rate__isnull", False),
                                        ("hours__isnull", False),
                                        ("people__isnull", False),
                                    ),
                                    _connector="OR",
                                ),
                                name="investment_line_amount_or_time",
                                violation_error_message="Enter an amount, or hours per person × hourly rate × people.",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="InvestmentSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "period_label",
                            models.CharField(
                                blank=True,
                                help_text="What the figures cover, e.g. “Fiscal year 2027”.",
                                max_length=60,
                                verbose_name="period",
                            ),
                        ),
                        (
                            "period_is_year",
                            models.BooleanField(
                                default=True,
                                help_text="Payback in months is shown only for a year.",
                                verbose_name="the period is a year",
                            ),
                        ),
                        (
                            "learners_reached",
                            models.PositiveIntegerField(
                                blank=True,
                                help_text="Leave empty to use the headcount of the canvas's learner segments.",
                                null=True,
                            ),
                        ),
                        (
                            "employee_headcount",
                            models.PositiveIntegerField(
                                blank=True,
                                help_text="Everyone in the organization.",
                                null=True,
                                verbose_name="employees",
                            ),
                        ),
                        (
                            "ld_staff_headcount",
                            models.DecimalField(
                                blank=True,
                                decimal_places=1,
                                help_text="Full-time equivalents; halves are fine (8.5).",
                                max_digits=8,
                                null=True,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                                verbose_name="L&D staff",
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "canvas",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="investment_settings",
                                to="canvas.canvas",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "investment & return settings",
                        "verbose_name_plural": "investment & return settings",
                        "db_table": "scorecard_investmentsettings",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("ld_staff_headcount__gte", 0)),
                                name="investment_settings_staff_not_negative",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReturnLine",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("version", models.PositiveIntegerField(default=1, editable=False)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("cost_avoidance", "Cost avoidance"),
                                    ("productivity", "Productivity"),
                                    ("risk_reduction", "Risk reduction"),
                                    ("revenue", "Revenue"),
                                    ("other", "Other"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "label",
                            models.CharField(
                                max_length=120,
                                validators=[django.core.validators.MinLengthValidator(1)],
                            ),
                        ),
                        (
                            "amount",
                            models.DecimalField(
                                decimal_places=2,
                                max_digits=14,
                                validators=[django.core.validators.MinValueValidator(Decimal("0"))],
                            ),
                        ),
                        (
                            "confidence",
                            models.PositiveSmallIntegerField(
                                default=100,
                                help_text="How sure you are of this amount; 60% counts 60% of it.",
                                validators=[
                                    django.core.validators.MinValueValidator(0),
                                    django.core.validators.MaxValueValidator(100),
                                ],
                                verbose_name="confidence (%)",
                            ),
                        ),
                        ("position", models.PositiveIntegerField(default=0)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "canvas",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="return_lines",
                                to="canvas.canvas",
                            ),
                        ),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "scorecard_returnline",
                        "ordering": ["canvas", "position", "pk"],
                        "indexes": [
                            models.Index(
                                fields=["canvas", "position"], name="scorecard_r_canvas__89421f_idx"
                            )
                        ],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("amount__gte", 0), ("confidence__lte", 100)),
                                name="return_line_amount_and_confidence_in_range",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
