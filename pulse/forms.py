from datetime import timedelta

from django import forms

from pulse.models import COMMENT_MAX_LENGTH, INTRO_MAX_LENGTH, MAX_SCORE, MIN_SCORE, Group

NOT_SURE = "not_sure"
SCORE_CHOICES = [(str(n), str(n)) for n in range(MIN_SCORE, MAX_SCORE + 1)] + [
    (NOT_SURE, "Not sure")
]
LONGEST_PULSE_DAYS = 366
HONEYPOT = "website"


class PulseOpenForm(forms.Form):
    """What an owner or editor sets when opening a pulse."""

    groups = forms.MultipleChoiceField(
        label="Who do you want to hear from?",
        choices=Group.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one group."},
    )
    closes_on = forms.DateField(
        label="Last day to answer",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter a date, like 2027-03-31."},
    )
    intro = forms.CharField(
        label="A line of introduction (optional)",
        required=False,
        max_length=INTRO_MAX_LENGTH,
        help_text="Shown above the statements. Keep it short: people answer on their phones.",
    )
    show_results_to_respondents = forms.BooleanField(
        label="Let people see the overall results after they answer",
        required=False,
        help_text="Only once five people have answered, and never by group or comment.",
    )

    def __init__(self, *args, today, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.fields["closes_on"].initial = today + timedelta(days=14)
            self.fields["groups"].initial = [
                Group.LEARNERS,
                Group.LINE_MANAGERS,
                Group.SENIOR_LEADERS,
            ]

    def clean_closes_on(self):
        closes_on = self.cleaned_data["closes_on"]
        if closes_on < self.today:
            raise forms.ValidationError("Choose today or a later day.")
        if closes_on > self.today + timedelta(days=LONGEST_PULSE_DAYS):
            raise forms.ValidationError("Choose a day within the next year.")
        return closes_on


class AnswerForm(forms.Form):
    """The public form: a group, a score (or "not sure") per statement, a comment.

    `statements` maps area keys to the statements the pulse asks.
    """

    comment = forms.CharField(
        label="Anything else you'd like to tell them? (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": f"Please keep your comment under {COMMENT_MAX_LENGTH:,} characters."
        },
    )
    # A field people never see: only robots fill it in.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, groups, statements, **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = statements
        self.fields["group"] = forms.ChoiceField(
            label="Which group are you in?",
            choices=[(group, Group(group).label) for group in groups if group in Group.values],
            widget=forms.RadioSelect(attrs={"class": "tap-input"}),
            error_messages={
                "required": "Choose the group you belong to.",
                "invalid_choice": "Choose one of the groups listed.",
            },
        )
        for area, text in statements.items():
            self.fields[f"area_{area}"] = forms.ChoiceField(
                label=text,
                choices=SCORE_CHOICES,
                widget=forms.RadioSelect(attrs={"class": "tap-input"}),
                error_messages={
                    "required": "Choose a number, or “Not sure”.",
                    "invalid_choice": "Choose a number from 1 to 5, or “Not sure”.",
                },
            )

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())

    def statement_fields(self):
        """(bound field, area key) for each statement, in canvas order."""
        return [(self[f"area_{area}"], area) for area in self.statements]

    def scores(self) -> dict[str, int | None]:
        return {
            area: None
            if self.cleaned_data[f"area_{area}"] == NOT_SURE
            else int(self.cleaned_data[f"area_{area}"])
            for area in self.statements
        }
