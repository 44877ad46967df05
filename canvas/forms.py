from django import forms

from canvas.areas import ValueKind
from canvas.models import Canvas


class CanvasForm(forms.ModelForm):
    value_kinds = forms.MultipleChoiceField(
        choices=ValueKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Value we promise",
        help_text="Tick every kind of value this learning organization promises the business.",
    )

    class Meta:
        model = Canvas
        fields = ["title", "description", "value_kinds"]
        labels = {"title": "Title", "description": "Description"}
        help_texts = {"title": "Up to 120 characters."}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Give the canvas a title.")
        return title
