from django import forms
from django.utils import formats

from scorecard.models import Assessment
from scorecard.scoring import display_score

LONGEST_EXPIRY_DAYS = 3 * 366


class AssessmentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        day = formats.date_format(obj.completed_at, "j M Y")
        overall = display_score(obj.overall_score)
        return f"Completed {day}" + (f", overall {overall}" if overall is not None else "")


class ShareLinkForm(forms.Form):
    """What an owner chooses when making a share link."""

    label = forms.CharField(
        label="Label (optional)",
        required=False,
        max_length=80,
        help_text="Who the link is for, e.g. “Exec team, Q3”. Only owners see it.",
    )
    expires_on = forms.DateField(
        label="Last day it works (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for a link that works until you revoke it.",
        error_messages={"invalid": "Enter a date, like 2027-03-31."},
    )
    shows_board = forms.BooleanField(label="The board", required=False, initial=True)
    shows_presentation = forms.BooleanField(
        label="The presentation, one area at a time", required=False
    )
    assessment = AssessmentChoice(
        label="Self-assessment to share",
        queryset=Assessment.objects.none(),
        required=False,
        empty_label="None",
        help_text="Pinned to this link: later assessments don't replace it.",
    )
    shows_results = forms.BooleanField(label="Its results", required=False)
    shows_pdf = forms.BooleanField(label="Its PDF", required=False)

    def __init__(self, *args, canvas, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["assessment"].queryset = (
            Assessment.objects.completed()
            .filter(canvas_id=canvas.pk)
            .order_by("-completed_at", "-pk")
        )

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        if day is None:
            return day
        if day < self.today:
            raise forms.ValidationError("Choose today or a later day.")
        if (day - self.today).days > LONGEST_EXPIRY_DAYS:
            raise forms.ValidationError("Choose a day within three years.")
        return day

    def clean(self):
        data = super().clean()
        wants_assessment = data.get("shows_results") or data.get("shows_pdf")
        if wants_assessment and not data.get("assessment") and "assessment" not in self.errors:
            self.add_error("assessment", "Choose the assessment whose results or PDF to share.")
        shows = [data.get(name) for name in ("shows_board", "shows_presentation")]
        if not any(shows) and not wants_assessment:
            raise forms.ValidationError("Choose at least one thing the link shows.")
        return data
