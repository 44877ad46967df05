"""Investment & return: a canvas's cost lines, return lines and period settings.

The arithmetic lives in `investment/figures.py`; these models only store
what people entered. Lines keep dense positions per canvas (core/ordering.py)
and a version for conflict-checked edits (core/versioning.py).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models

from canvas.models import Canvas
from core.versioning import VersionedModel
from investment.figures import (
    InvestmentCategory,
    InvestmentItem,
    ReturnItem,
    ReturnKind,
    adjusted_return,
    line_cost,
)

MONEY_DIGITS = 14  # up to 999,999,999,999.99
MAX_MONEY = Decimal(10 ** (MONEY_DIGITS - 2)) - Decimal("0.01")
NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]
TIME_PARTS = ("hours", "hourly_rate", "people")
COST_FIELDS = ("amount", *TIME_PARTS)
NEITHER_AMOUNT_NOR_TIME = "Enter an amount, or hours per person × hourly rate × people."


def _money_field(**kwargs) -> models.DecimalField:
    return models.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=2, validators=NOT_NEGATIVE, **kwargs
    )


class InvestmentSettings(VersionedModel):
    """The period a canvas's investment & return covers, and the headcounts behind its ratios."""

    canvas = models.OneToOneField(
        Canvas, on_delete=models.CASCADE, related_name="investment_settings"
    )
    period_label = models.CharField(
        "period",
        max_length=60,
        blank=True,
        help_text="What the figures cover, e.g. “Fiscal year 2027”.",
    )
    period_is_year = models.BooleanField(
        "the period is a year",
        default=True,
        help_text="Payback in months is shown only for a year.",
    )
    learners_reached = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="Leave empty to use the headcount of the canvas's learner segments.",
    )
    employee_headcount = models.PositiveIntegerField(
        "employees", null=True, blank=True, help_text="Everyone in the organization."
    )
    ld_staff_headcount = models.DecimalField(
        "L&D staff",
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
        help_text="Full-time equivalents; halves are fine (8.5).",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "scorecard_investmentsettings"  # moved from scorecard; the table kept its name
        verbose_name = "investment & return settings"
        verbose_name_plural = "investment & return settings"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ld_staff_headcount__gte=0),
                name="investment_settings_staff_not_negative",
            ),
        ]

    def __str__(self):
        return f"Investment & return of {self.canvas}"


class InvestmentLine(VersionedModel):
    """One cost of learning: an amount, or hours x hourly rate x people."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="investment_lines")
    lock_parent = "canvas"  # locked before this row (core.ordering)
    category = models.CharField(max_length=20, choices=InvestmentCategory.choices)
    hidden = models.BooleanField(
        default=False, help_text="Hidden costs sit in other budgets: experts', learners' time."
    )
    label = models.CharField(max_length=120, validators=[MinLengthValidator(1)])
    amount = _money_field(null=True, blank=True)
    hours = models.DecimalField(
        "hours per person",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    hourly_rate = _money_field(null=True, blank=True)
    people = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "scorecard_investmentline"  # moved from scorecard; the table kept its name
        ordering = ["canvas", "position", "pk"]
        indexes = [
            models.Index(fields=["canvas", "position"], name="scorecard_i_canvas__0b46b0_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0)
                & models.Q(hours__gte=0)
                & models.Q(hourly_rate__gte=0),
                name="investment_line_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    amount__isnull=False,
                    hours__isnull=True,
                    hourly_rate__isnull=True,
                    people__isnull=True,
                )
                | models.Q(
                    amount__isnull=True,
                    hours__isnull=False,
                    hourly_rate__isnull=False,
                    people__isnull=False,
                ),
                name="investment_line_amount_or_time",
                violation_error_message=NEITHER_AMOUNT_NOR_TIME,
            ),
        ]

    def __str__(self):
        return self.label

    def clean_fields(self, exclude=None):
        """Each field's own checks, then the rule that needs all four cost fields at once:
        an amount, or hours per person x hourly rate x people, never both or neither.

        The rule is here rather than in `clean()` because only `clean_fields` is
        told which fields were left out (Django's docs advise this): a field that
        failed its own validation in a form is, and the rule then waits for it, so
        "Can't be negative." under Amount is not followed by "Enter an amount".
        Breaking the rule is always a field's error, so the same rule as a
        database constraint (which model forms check next, skipping fields in
        error) never repeats it at the top of the form.
        """
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        left_out = set(exclude or ()) | set(errors)
        if not left_out.intersection(COST_FIELDS):
            for name, message in self.cost_basis_errors().items():
                errors.setdefault(name, []).append(ValidationError(message))
        if errors:
            raise ValidationError(errors)

    def cost_basis_errors(self) -> dict[str, str]:
        """What is wrong with how this line is costed, field by field; empty when nothing is."""
        given = {name for name in TIME_PARTS if getattr(self, name) is not None}
        if self.amount is not None and given:
            return {
                "amount": "Enter an amount or hours × rate × people, not both: clear one of them."
            }
        if self.amount is None and not given:
            return {"amount": NEITHER_AMOUNT_NOR_TIME}
        if self.amount is None and given != set(TIME_PARTS):
            return {
                name: "Needed to cost this as time (hours × rate × people)."
                for name in TIME_PARTS
                if name not in given
            }
        if self.amount is None and self.cost > MAX_MONEY:
            return {
                NON_FIELD_ERRORS: f"Hours × rate × people comes to more than {MAX_MONEY:,}: "
                "split it into smaller lines or check the numbers."
            }
        return {}

    @property
    def is_time_based(self) -> bool:
        return self.amount is None

    @property
    def cost(self) -> Decimal:
        return line_cost(
            amount=self.amount, hours=self.hours, hourly_rate=self.hourly_rate, people=self.people
        )

    def as_item(self) -> InvestmentItem:
        return InvestmentItem(category=self.category, hidden=self.hidden, amount=self.cost)

    def siblings(self) -> models.QuerySet:
        """The canvas's cost lines, the list this line keeps its position in."""
        return InvestmentLine.objects.filter(canvas_id=self.canvas_id)


class ReturnLine(VersionedModel):
    """One thing the investment brings back, discounted by how sure we are of it."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="return_lines")
    lock_parent = "canvas"  # locked before this row (core.ordering)
    kind = models.CharField(max_length=20, choices=ReturnKind.choices)
    label = models.CharField(max_length=120, validators=[MinLengthValidator(1)])
    amount = _money_field()
    confidence = models.PositiveSmallIntegerField(
        "confidence (%)",
        default=100,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="How sure you are of this amount; 60% counts 60% of it.",
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "scorecard_returnline"  # moved from scorecard; the table kept its name
        ordering = ["canvas", "position", "pk"]
        indexes = [
            models.Index(fields=["canvas", "position"], name="scorecard_r_canvas__89421f_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0) & models.Q(confidence__lte=100),
                name="return_line_amount_and_confidence_in_range",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def adjusted_amount(self) -> Decimal:
        return adjusted_return(self.amount, self.confidence)

    def as_item(self) -> ReturnItem:
        return ReturnItem(kind=self.kind, amount=self.amount, confidence=self.confidence)

    def siblings(self) -> models.QuerySet:
        """The canvas's return lines, the list this line keeps its position in."""
        return ReturnLine.objects.filter(canvas_id=self.canvas_id)
