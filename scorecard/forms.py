from django import forms
from django.utils.text import normalize_newlines

from core.versioning import VersionFormMixin
from scorecard.models import Answer, AssessmentMessage

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


class AssessmentMessageForm(VersionFormMixin, forms.ModelForm):
    """The headline and the ask page 1 of the report prints, written by an owner."""

    class Meta:
        model = AssessmentMessage
        fields = ["headline", "ask"]
        labels = {"headline": "Headline", "ask": "The ask"}
        widgets = {"ask": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "version" in self.fields:
            self.fields["version"].required = False  # the first save starts from version 1

    def clean_version(self) -> int:
        return self.cleaned_data.get("version") or 1

    def clean_ask(self) -> str:
        # Page 1 prints the ask as one paragraph: line breaks become spaces.
        return " ".join(self.cleaned_data["ask"].split())

    def clean_headline(self) -> str:
        return " ".join(self.cleaned_data["headline"].split())
