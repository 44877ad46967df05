"""Pulses: short anonymous surveys that ask the business how it sees a canvas's L&D team.

A pulse asks one statement per canvas area from a statement set. Statement
sets are versioned like the self-assessment's question sets: a draft is
editable in the admin, and a set any pulse has used is frozen, so old results
keep their wording.

What a respondent leaves is deliberately small: the group they chose, the day
(not the time) they answered, a score per area and an optional comment. No
name, address, account, IP address or browser details.
"""

import secrets
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from canvas.areas import AreaKey
from canvas.models import Canvas
from core.wording import WordingSetMixin

MIN_SCORE, MAX_SCORE = 1, 5
COMMENT_MAX_LENGTH = 1000
INTRO_MAX_LENGTH = 200
STATEMENT_MAX_LENGTH = 120


def new_token() -> str:
    """An unguessable token for a pulse's public link (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


class Group(models.TextChoices):
    """Who a respondent says they are: the groups a pulse may ask."""

    LEARNERS = "learners", "Learners"
    LINE_MANAGERS = "line_managers", "Line managers"
    SENIOR_LEADERS = "senior_leaders", "Senior leaders"
    SMES = "smes", "Subject matter experts"
    PARTNERS = "partners", "Partners"
    OTHER = "other", "Other"


class StatementSetQuerySet(models.QuerySet):
    def default(self) -> "PulseStatementSet | None":
        return self.filter(is_default=True).first()


class PulseStatementSet(WordingSetMixin, models.Model):
    """A versioned set of statements, one per canvas area, that pulses ask."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    name = models.CharField(max_length=120)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_default = models.BooleanField(
        default=False, editable=False, help_text="New pulses use the default set."
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = StatementSetQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="pulse_set_name_version"),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_pulse_set",
            ),
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    @property
    def is_frozen(self) -> bool:
        """True once any pulse has used this set: its words may no longer change."""
        return self.pulses.exists()

    @transaction.atomic
    def new_version(self) -> "PulseStatementSet":
        """An editable draft copy of this set."""
        draft = PulseStatementSet.objects.create(
            name=self.name, version=self.next_version(), status=self.Status.DRAFT, based_on=self
        )
        PulseStatement.objects.bulk_create(
            PulseStatement(statement_set=draft, area=statement.area, text=statement.text)
            for statement in self.statements.all()
        )
        return draft

    def publication_problems(self) -> list[str]:
        """What stops this set from being published (empty when it is ready)."""
        have = set(self.statements.values_list("area", flat=True))
        return [f"{label} has no statement." for key, label in AreaKey.choices if key not in have]


class PulseStatement(models.Model):
    """The one statement a set asks about an area, agreed with on a scale of 1 to 5."""

    statement_set = models.ForeignKey(
        PulseStatementSet, on_delete=models.CASCADE, related_name="statements"
    )
    area = models.CharField(max_length=32, choices=AreaKey.choices)
    text = models.CharField(
        max_length=STATEMENT_MAX_LENGTH,
        help_text="Plain words for people outside L&D; about ten words.",
    )

    class Meta:
        ordering = ["statement_set", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["statement_set", "area"], name="one_pulse_statement_per_area"
            )
        ]

    def __str__(self):
        return self.text


class PulseQuerySet(models.QuerySet):
    def live(self):
        """Not revoked (closed ones included)."""
        return self.filter(revoked_at__isnull=True)


class Pulse(models.Model):
    """One round of asking stakeholders about a canvas, through a public link."""

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        REVOKED = "revoked", "Revoked"

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="pulses")
    statement_set = models.ForeignKey(
        PulseStatementSet, on_delete=models.PROTECT, related_name="pulses"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    groups = models.JSONField(default=list, help_text="The groups respondents choose from.")
    closes_on = models.DateField(
        help_text="The last day answers are taken, in the organization's time zone."
    )
    intro = models.CharField(max_length=INTRO_MAX_LENGTH, blank=True)
    show_results_to_respondents = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PulseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["canvas", "created_at"])]

    def __str__(self):
        return f"Pulse on {self.canvas} opened {self.created_at:%Y-%m-%d}"

    def clean(self):
        unknown = [group for group in self.groups or [] if group not in Group.values]
        if unknown or not self.groups:
            raise ValidationError({"groups": "Choose at least one of the listed groups."})

    def state(self, today: date) -> "Pulse.State":
        """Open, closed (early, or after its closing day) or revoked, on `today`
        (the organization's date)."""
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.closed_at is not None or today > self.closes_on:
            return self.State.CLOSED
        return self.State.OPEN

    def ended_on(self, today: date) -> date | None:
        """The last day the pulse took answers, once it has stopped (None while open)."""
        if self.state(today) == self.State.OPEN:
            return None
        stops = [self.closes_on]
        zone = self.canvas.organization.zone
        for moment in (self.closed_at, self.revoked_at):
            if moment is not None:
                stops.append(timezone.localtime(moment, zone).date())
        return min(stops)

    @property
    def group_labels(self) -> list[str]:
        return [Group(group).label for group in self.groups if group in Group.values]


class Response(models.Model):
    """One respondent's submission. Only the group and the day are kept about them."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=20, choices=Group.choices)
    submitted_on = models.DateField(help_text="The day, in the organization's time zone.")

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["pulse", "group"])]

    def __str__(self):
        return f"Response {self.pk} to {self.pulse_id}"


class Answer(models.Model):
    """A response's score for one area: 1 to 5, or empty for "not sure"."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    area = models.CharField(max_length=32, choices=AreaKey.choices)
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(MIN_SCORE), MaxValueValidator(MAX_SCORE)],
        help_text="1 to 5; empty for not sure.",
    )

    class Meta:
        ordering = ["response", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["response", "area"], name="one_pulse_answer_per_area"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | models.Q(score__gte=MIN_SCORE, score__lte=MAX_SCORE),
                name="pulse_score_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.get_area_display()}: {self.score or 'not sure'}"


class Comment(models.Model):
    """A response's optional comment. An owner may hide it: kept, no longer shown."""

    pulse = models.ForeignKey(Pulse, on_delete=models.CASCADE, related_name="comments")
    response = models.OneToOneField(Response, on_delete=models.CASCADE, related_name="comment")
    text = models.TextField(max_length=COMMENT_MAX_LENGTH)
    hidden = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["pulse", "hidden"])]

    def __str__(self):
        return self.text[:60]
