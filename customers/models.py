"""Who a canvas serves: customer segments, the personas that portray them, and their journeys."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models

from canvas.areas import ValueKind, validate_value_kinds, value_kinds_in
from canvas.models import Canvas
from core.versioning import VersionedModel


class SegmentKind(models.TextChoices):
    LEARNERS = "learners", "Learners"
    LINE_MANAGERS = "line_managers", "Line managers"
    SENIOR_LEADERS = "senior_leaders", "Senior leaders"
    SMES = "smes", "Subject matter experts"
    EXTERNAL = "external", "External partners or customers"
    SUPPORT = "support", "Support functions (IT, HR, Procurement)"
    OTHER = "other", "Other"


RATING_WORDS = {1: "Very poor", 2: "Poor", 3: "Mixed", 4: "Good", 5: "Excellent"}
RATING_CHOICES = [(n, f"{n} · {word}") for n, word in RATING_WORDS.items()]
VALUE_WORDS = {1: "Not at all", 2: "A little", 3: "Somewhat", 4: "Very", 5: "Essential"}
VALUE_CHOICES = [(n, f"{n} · {word}") for n, word in VALUE_WORDS.items()]


def _one_to_five():
    return [MinValueValidator(1), MaxValueValidator(5)]


class Authored(models.Model):
    """Who created and last changed a record, and when."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Segment(VersionedModel, Authored):
    """A group of people the learning organization serves, on one canvas."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="segments")
    lock_parent = "canvas"  # locked before this row (core.ordering)
    name = models.CharField(max_length=120, validators=[MinLengthValidator(1)])
    kind = models.CharField(max_length=20, choices=SegmentKind.choices)
    headcount = models.PositiveIntegerField(
        null=True, blank=True, help_text="How many people are in this group."
    )
    expectations = models.TextField(blank=True, max_length=2000)
    expected_value = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_value_kinds],
        help_text="Kinds of value this group expects: " + ", ".join(ValueKind.values),
    )
    experience = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=RATING_CHOICES, validators=_one_to_five()
    )
    value_to_them = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=VALUE_CHOICES, validators=_one_to_five()
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["canvas", "position", "pk"]
        indexes = [models.Index(fields=["canvas", "position"])]

    def __str__(self):
        return self.name

    @property
    def is_learners(self) -> bool:
        return self.kind == SegmentKind.LEARNERS

    @property
    def expected_kinds(self) -> list[str]:
        """The kinds of value this group expects; a malformed stored value reads as none."""
        return value_kinds_in(self.expected_value)

    def expected_value_labels(self) -> list[str]:
        return [ValueKind(kind).label for kind in self.expected_kinds]

    def siblings(self) -> models.QuerySet:
        return Segment.objects.filter(canvas_id=self.canvas_id)


class TechAccess(models.TextChoices):
    LITTLE = "little", "Little or no computer access during work"
    SHARED = "shared", "Shared devices (kiosk, store tablet, shared PC)"
    PHONE = "phone", "Own phone only"
    LAPTOP = "laptop", "Own computer most of the day"


class Schedule(models.TextChoices):
    FIXED_SHIFTS = "fixed_shifts", "Fixed shifts"
    ROTATING_SHIFTS = "rotating_shifts", "Rotating shifts"
    OFFICE_HOURS = "office_hours", "Regular office hours"
    FLEXIBLE = "flexible", "Flexible, varies day to day"


class WorkLocation(models.TextChoices):
    ON_SITE = "on_site", "On site"
    REMOTE = "remote", "Remote"
    HYBRID = "hybrid", "Hybrid (on site and remote)"
    TRAVELLING = "travelling", "Travelling"


class AvatarColour(models.TextChoices):
    TEAL = "teal", "Teal"
    INDIGO = "indigo", "Indigo"
    CORAL = "coral", "Coral"
    OCHRE = "ochre", "Ochre"
    PLUM = "plum", "Plum"
    SLATE = "slate", "Slate"


def initials_for(name: str) -> str:
    """Up to two initials from a name ("Amira Haddad" -> "AH")."""
    words = [word for word in name.split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


class Persona(VersionedModel, Authored):
    """A fictional but grounded portrait of someone in a segment."""

    segment = models.ForeignKey(Segment, on_delete=models.CASCADE, related_name="personas")
    lock_parent = "segment"  # locked before this row (core.ordering)
    name = models.CharField(max_length=80, validators=[MinLengthValidator(1)])
    role = models.CharField(max_length=120, blank=True)
    description = models.TextField(blank=True, max_length=1000)
    tech_access = models.CharField(max_length=12, choices=TechAccess.choices, blank=True)
    schedule = models.CharField(max_length=16, choices=Schedule.choices, blank=True)
    location = models.CharField(max_length=12, choices=WorkLocation.choices, blank=True)
    goals = models.TextField(blank=True, max_length=2000)
    challenges = models.TextField(blank=True, max_length=2000)
    channels = models.TextField(blank=True, max_length=2000)
    not_them = models.TextField("who they are not", blank=True, max_length=2000)
    avatar_initials = models.CharField(max_length=3, blank=True)
    avatar_colour = models.CharField(
        max_length=10, choices=AvatarColour.choices, default=AvatarColour.TEAL
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["segment", "position", "pk"]
        indexes = [models.Index(fields=["segment", "position"])]

    def __str__(self):
        return self.name

    def siblings(self) -> models.QuerySet:
        return Persona.objects.filter(segment_id=self.segment_id)

    @property
    def initials(self) -> str:
        return self.avatar_initials or initials_for(self.name)


def variant_name(name: str) -> str:
    suffix = " (variant)"
    return name[: 80 - len(suffix)] + suffix


class Feeling(models.IntegerChoices):
    FRUSTRATED = -2, "Frustrated"
    UNHAPPY = -1, "Unhappy"
    NEUTRAL = 0, "Neutral"
    PLEASED = 1, "Pleased"
    DELIGHTED = 2, "Delighted"


class JourneyStage(VersionedModel, Authored):
    """One step of a persona's journey: where they are, what they do and how it feels."""

    persona = models.ForeignKey(Persona, on_delete=models.CASCADE, related_name="stages")
    lock_parent = "persona"  # locked before this row (core.ordering)
    name = models.CharField(max_length=80, validators=[MinLengthValidator(1)])
    touchpoint = models.CharField("touchpoint or channel", max_length=120, blank=True)
    doing = models.TextField("what they do", blank=True, max_length=1000)
    feeling = models.SmallIntegerField(
        choices=Feeling.choices,
        default=Feeling.NEUTRAL,
        validators=[MinValueValidator(-2), MaxValueValidator(2)],
    )
    pain_points = models.TextField(blank=True, max_length=1000)
    opportunities = models.TextField("opportunities for L&D", blank=True, max_length=1000)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["persona", "position", "pk"]
        indexes = [models.Index(fields=["persona", "position"])]

    def __str__(self):
        return self.name

    def siblings(self) -> models.QuerySet:
        return JourneyStage.objects.filter(persona_id=self.persona_id)
