"""Forms for indicators, their readings, links, starters and making room on the dashboard."""

import datetime
from typing import Any

from django import forms

from core.formats import person_name
from core.versioning import VersionFormMixin
from indicators import rules
from indicators.models import MAX_VALUE, VALUE_DIGITS, VALUE_PLACES, Indicator, Reading
from indicators.starters import STARTERS

EARLIEST_READING = datetime.date(1990, 1, 1)


def value_field(label: str, *, required: bool = False, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=VALUE_DIGITS,
        decimal_places=VALUE_PLACES,
        help_text=help_text,
        error_messages={
            "max_digits": f"Keep it under {MAX_VALUE:,.0f}.",
            "max_whole_digits": f"Keep it under {MAX_VALUE:,.0f}.",
            "max_decimal_places": "Use at most four decimal places.",
            "invalid": "Enter a number, like 42 or 12.5.",
        },
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )


def plain_number(value):
    """A stored decimal as people typed it: 60, not 60.0000 (None stays None)."""
    if value is None:
        return None
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def show_plainly(form: forms.ModelForm, names) -> None:
    """Open a saved record's form with its numbers without trailing zeros."""
    if form.instance.pk is None:
        return
    for name in names:
        if name not in form.initial or form.initial[name] == getattr(form.instance, name):
            form.initial[name] = plain_number(getattr(form.instance, name))


def member_choices(members, current=None) -> list[tuple[str, str]]:
    """The owner choices: nobody, the organization's members, and the current owner if
    they are no longer one."""
    choices = [("", "Nobody yet")]
    choices += [(str(user.pk), person_name(user)) for user in members]
    if current is not None and current.pk not in {user.pk for user in members}:
        choices.append((str(current.pk), f"{person_name(current)} (no longer a member)"))
    return choices


class IndicatorForm(forms.ModelForm):
    """An indicator: what it measures, its target and thresholds, and who looks after it."""

    target = value_field("Target", required=True, help_text="The value that counts as on target.")
    baseline = value_field("Baseline", help_text="Where you started. Empty: the first reading.")
    amber_threshold = value_field(
        "Amber from", help_text="Worse than this is amber. Empty: the target."
    )
    red_threshold = value_field(
        "Red from",
        help_text="Worse than this is red. Empty: 10% of the way from baseline to target "
        "beyond amber.",
    )
    owner_id = forms.TypedChoiceField(
        label="Owner",
        coerce=int,
        empty_value=None,
        required=False,
        help_text="The member who looks after it.",
    )

    class Meta:
        model = Indicator
        fields = [
            "name",
            "area",
            "kind",
            "measures",
            "unit",
            "direction",
            "target",
            "baseline",
            "amber_threshold",
            "red_threshold",
            "owner_name",
        ]
        labels = {
            "name": "Name",
            "area": "Canvas area",
            "kind": "Kind",
            "measures": "What it measures",
            "unit": "Unit",
            "direction": "Which way is better",
            "owner_name": "Or someone else",
        }
        help_texts = {
            "name": "e.g. “Voluntary use of the store onboarding path”.",
            "kind": "A driver moves first; a result follows from drivers.",
            "measures": "Behaviour (use, coming back, recommending) says more than ratings.",
            "unit": "Money is in the organization's currency.",
            "owner_name": "Someone outside the team, by name.",
        }
        error_messages = {"name": {"required": "Give the indicator a name."}}

    conflict_fields = [*Meta.fields, "owner_id"]

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.init_kwargs = {"members": members}  # a rebased form offers the same choices
        show_plainly(self, ["target", "baseline", "amber_threshold", "red_threshold"])
        current = self.instance.owner if self.instance.owner_id else None
        self.fields["owner_id"].choices = member_choices(list(members), current)
        if self.instance.pk is not None and "owner_id" not in self.initial:
            self.initial["owner_id"] = self.instance.owner_id
        if self.instance.fills_from:  # its readings come in this unit
            self.fields["unit"].disabled = True
            self.fields["unit"].help_text = "Set by the figure it fills itself from."

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the indicator a name.")
        return name

    def clean_owner_name(self):
        return self.cleaned_data["owner_name"].strip()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("owner_id") is not None and cleaned.get("owner_name"):
            self.add_error("owner_name", "Choose a member or type a name, not both.")
        errors = rules.threshold_errors(
            target=cleaned.get("target"),
            direction=cleaned.get("direction", ""),
            amber=cleaned.get("amber_threshold"),
            red=cleaned.get("red_threshold"),
        )
        for name, message in errors.items():
            if name in cleaned:
                self.add_error(name, message)
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if hasattr(self, "cleaned_data"):  # a new indicator is saved from its instance
            self.instance.owner_id = self.cleaned_data.get("owner_id")

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.conflict_fields}


class IndicatorEditForm(IndicatorForm, VersionFormMixin):
    pass


class ReadingForm(forms.ModelForm):
    """A reading: the day, the value, and a note on what happened."""

    value = value_field("Value", required=True)

    class Meta:
        model = Reading
        fields = ["date", "value", "note"]
        labels = {"date": "Day", "note": "Note"}
        help_texts = {"note": "Optional: what happened, where the number comes from."}
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.TextInput(),
        }
        error_messages = {
            "date": {"required": "Pick the day of the reading.", "invalid": "Pick a day."},
        }

    conflict_fields = ["date", "value", "note"]

    def __init__(
        self, *args, indicator: Indicator, today: datetime.date, unit_label: str = "", **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.init_kwargs = {"indicator": indicator, "today": today, "unit_label": unit_label}
        show_plainly(self, ["value"])
        self.indicator = indicator
        self.today = today
        if unit_label:
            self.fields["value"].label = f"Value ({unit_label})"
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if self.instance.pk is None and "date" not in self.initial:
            self.initial["date"] = today

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > self.today:
            raise forms.ValidationError("Readings are for days that have come: today or before.")
        if day < EARLIEST_READING:
            raise forms.ValidationError(f"Pick a day from {EARLIEST_READING.year} on.")
        taken = self.indicator.readings.filter(date=day).exclude(pk=self.instance.pk)
        if self.indicator.pk is not None and taken.exists():
            raise forms.ValidationError(
                "There is already a reading for that day: correct it instead."
            )
        return day

    def clean_note(self):
        return self.cleaned_data["note"].strip()

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.conflict_fields}


class ReadingEditForm(ReadingForm, VersionFormMixin):
    pass


class ChoiceOfIndicators(forms.Form):
    """One indicator out of those offered (`indicators`: pk, name)."""

    field_name = "indicator"
    label = "Indicator"
    message = "Choose one of the indicators listed."
    widget = forms.Select

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.field_name] = forms.TypedChoiceField(
            label=self.label,
            coerce=int,
            choices=[(str(pk), name) for pk, name in indicators],
            widget=self.widget,
            error_messages={"required": self.message, "invalid_choice": self.message},
        )

    def chosen(self) -> int:
        return self.cleaned_data[self.field_name]


class LinkForm(ChoiceOfIndicators):
    """What a driver drives: one of the canvas's other active indicators."""

    field_name = "result"
    label = "Drives"
    message = "Choose the indicator it drives."


class MakeRoomForm(ChoiceOfIndicators):
    """Which active indicator goes to the archive so another fits on the dashboard."""

    field_name = "archive"
    label = "Archive"
    message = "Choose the indicator to archive."
    widget = forms.RadioSelect


class StarterForm(forms.Form):
    starter = forms.ChoiceField(
        choices=[(starter.key, starter.name) for starter in STARTERS],
        error_messages={"invalid_choice": "That starter indicator doesn't exist."},
    )
