"""Indicators on a canvas: what they measure, their readings over time, and which drives which.

The rules (status, trend, root cause, the behaviour check) live in
`indicators/rules.py`; these models only store what people entered, plus the
readings that fill themselves from investment & return's figures.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models

from canvas.areas import AreaKey
from canvas.models import Canvas
from core.versioning import VersionedModel
from indicators import rules
from indicators.rules import Direction, Kind, Measures, Unit
from indicators.starters import FillsFrom

VALUE_DIGITS, VALUE_PLACES = 18, 4  # up to 99,999,999,999,999.9999
MAX_VALUE = Decimal(10 ** (VALUE_DIGITS - VALUE_PLACES)) - Decimal("0.0001")


def _value_field(verbose_name: str, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name, max_digits=VALUE_DIGITS, decimal_places=VALUE_PLACES, **kwargs
    )


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        """On the dashboard: not archived."""
        return self.filter(archived_at__isnull=True)


class Indicator(VersionedModel):
    """One measure on a canvas's dashboard: a driver (leading) or a result (lagging)."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="indicators")
    lock_parent = "canvas"  # locked before this row (core.ordering)
    name = models.CharField(max_length=120, validators=[MinLengthValidator(1)])
    area = models.CharField(max_length=30, choices=AreaKey.choices)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    measures = models.CharField("what it measures", max_length=20, choices=Measures.choices)
    target = _value_field("target", null=True, blank=True)
    baseline = _value_field(
        "baseline", null=True, blank=True, help_text="Where you started; else the first reading."
    )
    amber_threshold = _value_field("amber threshold", null=True, blank=True)
    red_threshold = _value_field("red threshold", null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A member who looks after this indicator.",
    )
    owner_name = models.CharField(
        "owner (not a member)", max_length=120, blank=True, help_text="Or anyone else, by name."
    )
    fills_from = models.CharField(
        "fills itself from",
        max_length=30,
        blank=True,
        choices=FillsFrom.choices,
        help_text="Readings come from investment & return's figures.",
    )
    starter = models.CharField(max_length=30, blank=True, help_text="The starter it began as.")
    archived_at = models.DateTimeField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["canvas", "position", "pk"]
        indexes = [models.Index(fields=["canvas", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["canvas", "fills_from"],
                condition=~models.Q(fills_from=""),
                name="indicator_fills_from_once_per_canvas",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.archived_at is None

    @property
    def fills_itself(self) -> bool:
        return bool(self.fills_from)

    @property
    def is_result(self) -> bool:
        return self.kind == Kind.RESULT

    @property
    def measures_behaviour(self) -> bool:
        return self.measures in rules.BEHAVIOUR

    def siblings(self) -> models.QuerySet:
        """The canvas's indicators, the list this one keeps its position in."""
        return Indicator.objects.filter(canvas_id=self.canvas_id)


class Reading(VersionedModel):
    """An indicator's value on a day, with an optional note. One reading a day."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="readings")
    lock_parent = "indicator"  # locked before this row, after the canvas (core.ordering)
    date = models.DateField()
    value = _value_field("value")
    note = models.CharField(max_length=200, blank=True)
    automatic = models.BooleanField(
        default=False, help_text="Filled in from investment & return's figures."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["indicator", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="one_reading_a_day"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} on {self.date}"


class Link(models.Model):
    """A driver and a result it drives. The chain never loops (indicators/services.py)."""

    driver = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="result_links")
    result = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="driver_links")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["driver", "result"], name="one_link_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(driver=models.F("result")), name="link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.driver} drives {self.result}"
