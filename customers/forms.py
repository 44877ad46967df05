from django import forms

from canvas.areas import ValueKind
from core.versioning import VersionFormMixin
from customers.models import (
    RATING_CHOICES,
    VALUE_CHOICES,
    Feeling,
    JourneyStage,
    Persona,
    Segment,
)


def _required_text(form: forms.Form, name: str, message: str) -> str:
    value = (form.cleaned_data.get(name) or "").strip()
    if not value:
        raise forms.ValidationError(message)
    return value


def _optional_rating(choices, label, help_text):
    return forms.TypedChoiceField(
        choices=[("", "Not rated yet"), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        label=label,
        help_text=help_text,
    )


class ExpectedValueField(forms.ModelForm):
    """A segment's expected value kinds as checkboxes (the page's form and the admin's)."""

    expected_value = forms.MultipleChoiceField(
        choices=ValueKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Value they expect",
        help_text="The kinds of value this group expects from learning, whatever the canvas promises.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial["expected_value"] = self.instance.expected_kinds


class SegmentForm(ExpectedValueField):
    """A new segment (the add form, and "add it back" after a removal)."""

    experience = _optional_rating(
        RATING_CHOICES,
        "How they experience L&D today",
        "1 is very poor, 5 is excellent.",
    )
    value_to_them = _optional_rating(
        VALUE_CHOICES,
        "How valuable L&D is to them",
        "1 is not at all, 5 is essential.",
    )

    class Meta:
        model = Segment
        fields = [
            "name",
            "kind",
            "headcount",
            "expectations",
            "expected_value",
            "experience",
            "value_to_them",
        ]
        labels = {
            "name": "Name",
            "kind": "Kind",
            "headcount": "Headcount",
            "expectations": "What they want",
        }
        error_messages = {"name": {"required": "Give the segment a name."}}
        help_texts = {
            "name": "For example “Store associates” or “Regional directors”.",
            "headcount": "Roughly how many people; learner segments add up to learners reached.",
        }
        widgets = {
            "expectations": forms.Textarea(attrs={"rows": 3}),
            "headcount": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
        }

    def clean_name(self):
        return _required_text(self, "name", "Give the segment a name.")


class PersonaForm(forms.ModelForm):
    """A new persona."""

    class Meta:
        model = Persona
        fields = [
            "name",
            "role",
            "description",
            "tech_access",
            "schedule",
            "location",
            "goals",
            "challenges",
            "channels",
            "not_them",
            "avatar_initials",
            "avatar_colour",
        ]
        labels = {
            "name": "Name",
            "role": "Role",
            "description": "Who they are",
            "tech_access": "Access to technology during work",
            "schedule": "Schedule",
            "location": "Where they work",
            "goals": "Goals",
            "challenges": "Challenges",
            "channels": "How to reach them",
            "not_them": "Who they are not",
            "avatar_initials": "Avatar initials",
            "avatar_colour": "Avatar colour",
        }
        error_messages = {"name": {"required": "Give the persona a name."}}
        help_texts = {
            "name": "A believable first name and surname, e.g. “Amira Haddad”.",
            "description": "Two or three sentences: their day, what drives them.",
            "goals": "One per line.",
            "challenges": "One per line: what gets in the way of learning.",
            "channels": "One per line: where they will actually see or hear from us.",
            "not_them": "One per line: the assumptions this persona rules out.",
            "avatar_initials": "Up to 3 letters; left empty, the name's initials are used.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "challenges": forms.Textarea(attrs={"rows": 3}),
            "channels": forms.Textarea(attrs={"rows": 3}),
            "not_them": forms.Textarea(attrs={"rows": 3}),
            "avatar_colour": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("tech_access", "schedule", "location"):
            self.fields[name].choices = [("", "Not described")] + list(self.fields[name].choices)[
                1:
            ]

    def clean_name(self):
        return _required_text(self, "name", "Give the persona a name.")

    def clean_avatar_initials(self):
        initials = (self.cleaned_data.get("avatar_initials") or "").strip().upper()
        if initials and not all(char.isalnum() for char in initials):
            raise forms.ValidationError("Use letters or digits only.")
        return initials


class StageForm(forms.ModelForm):
    """A new journey stage."""

    feeling = forms.TypedChoiceField(
        choices=[
            (value, f"{value:+d} · {label}" if value else f"0 · {label}")
            for value, label in Feeling.choices
        ],
        coerce=int,
        widget=forms.RadioSelect,
        initial=Feeling.NEUTRAL,
        label="How they feel",
        help_text="From -2 (frustrated) to +2 (delighted).",
    )

    class Meta:
        model = JourneyStage
        fields = ["name", "touchpoint", "doing", "feeling", "pain_points", "opportunities"]
        labels = {
            "name": "Stage",
            "touchpoint": "Touchpoint or channel",
            "doing": "What they do",
            "pain_points": "Pain points",
            "opportunities": "Opportunities for L&D",
        }
        error_messages = {"name": {"required": "Name the stage."}}
        help_texts = {"name": "For example “Hears about the course” or “First week back”."}
        widgets = {
            "doing": forms.Textarea(attrs={"rows": 2}),
            "pain_points": forms.Textarea(attrs={"rows": 2}),
            "opportunities": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_name(self):
        return _required_text(self, "name", "Name the stage.")


class SegmentEditForm(VersionFormMixin, SegmentForm):
    """An existing segment, saved only if nobody saved it since the form was opened."""


class PersonaEditForm(VersionFormMixin, PersonaForm):
    """An existing persona, saved only if nobody saved it since the form was opened."""


class StageEditForm(VersionFormMixin, StageForm):
    """An existing stage, saved only if nobody saved it since the form was opened."""


class MoveForm(VersionFormMixin):
    """Where a segment or stage goes, and the version the person saw."""

    position = forms.IntegerField(min_value=0)
