"""Question sets, assessments of a canvas, their answers and ticked actions.

A question set that any assessment has used is frozen: its statements,
weights and advice never change, so old results never change either. New
wording goes into a new version (a draft copy), which becomes the default
when it is published.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.utils import timezone

from canvas.areas import AREAS, AreaKey
from canvas.models import Canvas
from core.versioning import VersionedModel
from core.wording import WordingSetMixin
from scorecard.scoring import SCALE_LABELS

AREA_ORDER = {area.key: index for index, area in enumerate(AREAS)}
MIN_STATEMENTS, MAX_STATEMENTS = 3, 5

weight_field_kwargs = {
    "max_digits": 4,
    "decimal_places": 2,
    "default": Decimal(1),
    "validators": [MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(10))],
    "help_text": "How much this counts compared with the others (1 = normal).",
}


class QuestionSetQuerySet(models.QuerySet):
    def default(self) -> "QuestionSet | None":
        """The set new assessments use."""
        return self.filter(is_default=True).first()


class QuestionSet(WordingSetMixin, models.Model):
    """A versioned list of statements, grouped by canvas area, with advice."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    name = models.CharField(max_length=120)
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_default = models.BooleanField(
        default=False, editable=False, help_text="New assessments use the default set."
    )
    intro = models.TextField(blank=True, help_text="Shown at the top of the assessment.")
    based_on = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = QuestionSetQuerySet.as_manager()

    class Meta:
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="question_set_name_version"),
            models.UniqueConstraint(
                fields=["is_default"],
                condition=models.Q(is_default=True),
                name="one_default_question_set",
            ),
        ]

    def __str__(self):
        return f"{self.name} (version {self.version})"

    @property
    def is_frozen(self) -> bool:
        """True once any assessment has used this set: it may no longer change."""
        return self.assessments.exists()

    @transaction.atomic
    def new_version(self) -> "QuestionSet":
        """An editable draft copy of this set (areas, statements, weights, advice)."""
        draft = QuestionSet.objects.create(
            name=self.name,
            version=self.next_version(),
            status=QuestionSet.Status.DRAFT,
            intro=self.intro,
            based_on=self,
        )
        for area in self.areas.prefetch_related("questions"):
            area_copy = QuestionArea.objects.create(
                question_set=draft,
                area=area.area,
                weight=area.weight,
                advice_low=area.advice_low,
                advice_middle=area.advice_middle,
                advice_high=area.advice_high,
            )
            Question.objects.bulk_create(
                Question(
                    area=area_copy,
                    text=question.text,
                    weight=question.weight,
                    advice=question.advice,
                    position=question.position,
                )
                for question in area.questions.all()
            )
        return draft

    def publication_problems(self) -> list[str]:
        """What stops this set from being published (empty when it is ready)."""
        problems = []
        areas = {area.area: area for area in self.areas.prefetch_related("questions")}
        for key, label in AreaKey.choices:
            area = areas.get(key)
            if area is None:
                problems.append(f"{label} is missing.")
                continue
            count = len(area.questions.all())
            if not MIN_STATEMENTS <= count <= MAX_STATEMENTS:
                problems.append(
                    f"{label} has {count} statements; it needs {MIN_STATEMENTS} to "
                    f"{MAX_STATEMENTS}."
                )
        return problems


class QuestionArea(models.Model):
    """One canvas area within a question set: its weight and its advice by score band."""

    question_set = models.ForeignKey(QuestionSet, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField(max_length=32, choices=AreaKey.choices)
    weight = models.DecimalField(**weight_field_kwargs)
    advice_low = models.TextField("advice when low (below 40)", max_length=1000)
    advice_middle = models.TextField("advice when middling (40 to 69)", max_length=1000)
    advice_high = models.TextField("advice when high (70 and above)", max_length=1000)

    class Meta:
        ordering = ["question_set", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "area"], name="one_area_per_set")
        ]

    def __str__(self):
        return self.get_area_display()


class Question(models.Model):
    """A statement rated from 1 (disagree) to 5 (agree), or "not sure"."""

    area = models.ForeignKey(QuestionArea, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    weight = models.DecimalField(**weight_field_kwargs)
    advice = models.TextField(
        blank=True, max_length=1000, help_text="What to do when someone answers 1 or 2."
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["area", "position", "pk"]

    def __str__(self):
        return self.text


class AssessmentQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(completed_at__isnull=False)

    def drafts(self):
        return self.filter(completed_at__isnull=True)


class Assessment(models.Model):
    """One self-assessment of a canvas, taken by the organization's editors and owners."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="assessments")
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="assessments"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    canvas_snapshot = models.JSONField(
        null=True, blank=True, help_text="The canvas as it was when the assessment was completed."
    )
    area_scores = models.JSONField(
        default=dict, blank=True, help_text="Area key to unrounded score (null: not scored)."
    )
    overall_score = models.FloatField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["canvas", "completed_at"])]

    def __str__(self):
        return f"Assessment of {self.canvas} started {self.started_at:%Y-%m-%d}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Answer(VersionedModel):
    """A rating of one statement in one assessment, and an optional evidence note.

    The version guards the evidence note, which people write at length and may
    edit at the same time; the rating is a single click and the last one wins.
    """

    NOT_SURE = 0
    SCALE = tuple(SCALE_LABELS.items())

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=[(NOT_SURE, "Not sure / not applicable"), *SCALE],
        help_text="1-5 agreement, 0 for not sure; empty until answered.",
    )
    evidence = models.TextField(blank=True, max_length=1000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"], name="one_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.get_value_display() or 'unanswered'}"


class ActionTick(models.Model):
    """An action on the results checklist that someone has ticked off."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ticks")
    key = models.CharField(max_length=64, help_text="area:<key> or question:<id>")
    ticked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ticked_at"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "key"], name="one_tick_per_action")
        ]

    def __str__(self):
        return self.key


class AssessmentMessage(VersionedModel):
    """What the owner tells the executives on page 1 of a completed assessment's report:
    the one-sentence headline (the "so what") and the ask. Presentation text, not scores:
    the one thing about a completed assessment that may still change, version-checked
    like any edit. Stored on its first save; until then the report prints without it."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="message")
    headline = models.CharField(
        max_length=160,
        blank=True,
        help_text="One sentence: what these results mean for the business.",
    )
    ask = models.CharField(
        "the ask",
        max_length=300,
        blank=True,
        help_text="What you ask the executives for: a decision, budget, people or time.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Headline and ask of {self.assessment}"
