"""Forms for investment & return lines and the canvas's period settings."""

import copy
from typing import Any

from django import forms

from core.versioning import VersionFormMixin
from investment.figures import hidden_by_default
from investment.models import (
    MAX_MONEY,
    MONEY_DIGITS,
    InvestmentLine,
    InvestmentSettings,
    ReturnLine,
)

NOT_NEGATIVE = {"min_value": "Can't be negative."}


def money_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=MONEY_DIGITS,
        decimal_places=2,
        help_text=help_text,
        error_messages={
            **NOT_NEGATIVE,
            "max_digits": f"Keep it under {MAX_MONEY:,}.",
            "max_whole_digits": f"Keep it under {MAX_MONEY:,}.",
            "max_decimal_places": "Use at most two decimal places (cents).",
            "invalid": "Enter a number, like 12500 or 12500.50.",
        },
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.01", "inputmode": "decimal"}),
    )


class CostType:
    AUTO = "auto"
    DIRECT = "direct"
    HIDDEN = "hidden"
    CHOICES = [
        (AUTO, "As usual for the category"),
        (DIRECT, "Direct: in the L&D budget"),
        (HIDDEN, "Hidden: in other budgets"),
    ]

    @classmethod
    def of(cls, line: InvestmentLine) -> str:
        """The choice a line's form starts on.

        "As usual for the category" whenever the stored flag is what the category
        gives anyway, so changing the category (Travel to experts' time) brings
        the new category's default instead of keeping the old one.
        """
        if not line.category or line.hidden == hidden_by_default(line.category):
            return cls.AUTO
        return cls.HIDDEN if line.hidden else cls.DIRECT

    @classmethod
    def resolve(cls, choice: str, category: str) -> bool:
        """Whether a line in `category` is hidden, given the choice made."""
        if choice == cls.AUTO:
            return hidden_by_default(category)
        return choice == cls.HIDDEN


class InvestmentLineForm(forms.ModelForm):
    """A cost line: an amount, or hours per person x hourly rate x people."""

    cost_type = forms.ChoiceField(
        label="Direct or hidden",
        choices=CostType.CHOICES,
        initial=CostType.AUTO,
        help_text="Experts', learners' and managers' time are hidden unless you say otherwise.",
    )
    amount = money_field("Amount", help_text="Or leave empty and cost it as time below.")
    hours = forms.DecimalField(
        label="Hours per person",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        error_messages={**NOT_NEGATIVE, "invalid": "Enter a number of hours, like 12 or 1.5."},
        widget=forms.NumberInput(attrs={"min": "0", "step": "0.25", "inputmode": "decimal"}),
    )
    hourly_rate = money_field("Hourly rate")
    people = forms.IntegerField(
        label="People",
        required=False,
        min_value=0,
        max_value=10_000_000,
        error_messages={**NOT_NEGATIVE, "invalid": "Enter a whole number of people."},
        widget=forms.NumberInput(attrs={"min": "0", "step": "1", "inputmode": "numeric"}),
    )

    class Meta:
        model = InvestmentLine
        fields = ["category", "cost_type", "label", "amount", "hours", "hourly_rate", "people"]
        labels = {"category": "Category", "label": "What it is"}
        help_texts = {"label": "e.g. “Warehouse experts teaching the forklift course”."}
        error_messages = {"label": {"required": "Say what this cost is."}}

    conflict_fields = ["category", "label", "amount", "hours", "hourly_rate", "people"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["cost_type"] = CostType.of(self.instance)

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError("Say what this cost is.")
        return label

    def clean(self):
        # An amount or hours x rate x people, not both: InvestmentLine checks
        # that itself (model forms ask it next), so the admin keeps the same rule.
        cleaned = super().clean()
        category = cleaned.get("category")
        cost_type = cleaned.get("cost_type")
        if category and cost_type:
            self.instance.hidden = CostType.resolve(cost_type, category)
        return cleaned

    def changes(self) -> dict[str, Any]:
        """The values to write, including the resolved direct/hidden flag."""
        values = {name: self.cleaned_data[name] for name in self.conflict_fields}
        values["hidden"] = self.instance.hidden
        return values


class ReturnLineForm(forms.ModelForm):
    """A return line: what comes back, how much, and how sure we are."""

    amount = money_field("Amount", required=True, help_text="For the same period as the costs.")
    confidence = forms.IntegerField(
        label="Confidence (%)",
        min_value=0,
        max_value=100,
        initial=100,
        help_text="How sure you are; 60 counts 60% of the amount.",
        error_messages={
            **NOT_NEGATIVE,
            "max_value": "100%% is as sure as it gets.",
            "invalid": "Enter a whole percentage from 0 to 100.",
            "required": "Enter a confidence from 0 to 100.",
        },
        widget=forms.NumberInput(attrs={"min": "0", "max": "100", "step": "1"}),
    )

    class Meta:
        model = ReturnLine
        fields = ["kind", "label", "amount", "confidence"]
        labels = {"kind": "Kind of return", "label": "What it is"}
        help_texts = {"label": "e.g. “Fewer lost-time incidents in the warehouses”."}
        error_messages = {"label": {"required": "Say what this return is."}}

    conflict_fields = ["kind", "label", "amount", "confidence"]

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if not label:
            raise forms.ValidationError("Say what this return is.")
        return label

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.conflict_fields}


class InvestmentLineEditForm(InvestmentLineForm, VersionFormMixin):
    pass


class ReturnLineEditForm(ReturnLineForm, VersionFormMixin):
    pass


class InvestmentSettingsForm(forms.ModelForm, VersionFormMixin):
    """The period the figures cover and the headcounts behind the ratios."""

    class Meta:
        model = InvestmentSettings
        fields = [
            "period_label",
            "period_is_year",
            "learners_reached",
            "employee_headcount",
            "ld_staff_headcount",
        ]
        labels = {
            "period_label": "Period",
            "period_is_year": "These figures cover a year",
            "learners_reached": "Learners reached",
            "employee_headcount": "Employees",
            "ld_staff_headcount": "L&D staff (FTE)",
        }
        error_messages = {
            "learners_reached": NOT_NEGATIVE,
            "employee_headcount": NOT_NEGATIVE,
            "ld_staff_headcount": NOT_NEGATIVE,
        }

    conflict_fields = Meta.fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Settings are stored on their first save, so unsaved defaults are version 1
        # too: their form carries it like any other (the versioned base drops it
        # for a new record).
        if "version" not in self.fields:
            self.fields["version"] = copy.deepcopy(self.base_fields["version"])
            self.initial["version"] = self.instance.version

    def changes(self) -> dict[str, Any]:
        values = dict(self.cleaned_data)
        values.pop("version", None)
        values["period_label"] = values["period_label"].strip()
        return values
