from babel.numbers import list_currencies
from django import forms

from orgs.models import Organization, time_zone_names


class OrganizationForm(forms.ModelForm):
    currency = forms.CharField(
        label="Currency (ISO code)",
        help_text="Three letters, like USD, EUR or GBP. Money figures use it.",
    )

    time_zone = forms.ChoiceField(
        label="Time zone",
        choices=[],
        required=False,  # left out: the organization keeps the zone it has
        help_text="Pulses close at the end of their closing day in this time zone.",
    )

    class Meta:
        model = Organization
        fields = ["name", "currency", "time_zone"]
        labels = {"name": "Organization name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [(name, name) for name in time_zone_names()]
        self.fields["time_zone"].error_messages["invalid_choice"] = (
            "Pick a time zone from the list, like Europe/Paris or America/New_York."
        )

    def clean_time_zone(self):
        return self.cleaned_data["time_zone"] or self.instance.time_zone

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if len(code) != 3 or code not in list_currencies():
            raise forms.ValidationError("Use a three-letter ISO code, like USD, EUR or GBP.")
        return code
