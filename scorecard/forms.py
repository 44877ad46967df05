from django import forms
from django.utils.text import normalize_newlines

from core.versioning import VersionFormMixin
from scorecard.models import Answer

RATING_CHOICES = [(str(value), label) for value, label in Answer.SCALE] + [
    (str(Answer.NOT_SURE), "Not sure / not applicable")
]


class RatingForm(forms.Form):
    """One statement's rating; prefixed per question (q12-value)."""

    value = forms.TypedChoiceField(
        choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, required=False
    )


class EvidenceForm(VersionFormMixin, forms.Form):
    """The optional evidence note on one statement, with the version it started from."""

    evidence = forms.CharField(
        label="Evidence (optional)",
        required=False,
        max_length=1000,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What makes you say so: a figure, an example, a source.",
    )

    def clean_evidence(self) -> str:
        # Browsers send line breaks as CRLF; plain LF makes the same text compare equal.
        return normalize_newlines(self.cleaned_data["evidence"])


class TickForm(forms.Form):
    key = forms.CharField(max_length=64)
    done = forms.BooleanField(required=False)
