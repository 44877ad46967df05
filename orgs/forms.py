from babel.numbers import list_currencies
from django import forms

from orgs.models import Organization


class OrganizationForm(forms.ModelForm):
    currency = forms.CharField(
        label="Currency (ISO code)",
        help_text="Three letters, like USD, EUR or GBP. Money figures use it.",
    )

    class Meta:
        model = Organization
        fields = ["name", "currency"]
        labels = {"name": "Organization name"}

    def clean_currency(self):
        code = self.cleaned_data["currency"].strip().upper()
        if len(code) != 3 or code not in list_currencies():
            raise forms.ValidationError("Use a three-letter ISO code, like USD, EUR or GBP.")
        return code
