from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models, transaction
from django.utils import timezone

from canvas.areas import AREAS, AreaKey, ValueKind
from canvas.concurrency import VersionedModel
from canvas.ordering import next_position, ordering_lock
from orgs.models import Organization


class CanvasQuerySet(models.QuerySet):
    def for_user(self, user):
        """Canvases of the organizations the user is a member of."""
        return self.filter(organization__memberships__user=user)


class Canvas(VersionedModel):
    """A one-page model of a learning organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="canvases"
    )
    title = models.CharField(max_length=120, validators=[MinLengthValidator(1)])
    description = models.TextField(blank=True, max_length=2000)
    value_kinds = models.JSONField(
        default=list,
        blank=True,
        help_text="Kinds of value the canvas claims: " + ", ".join(ValueKind.values),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = CanvasQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "canvases"

    def __str__(self):
        return self.title

    def value_kind_labels(self) -> list[str]:
        return [ValueKind(kind).label for kind in self.value_kinds if kind in ValueKind.values]

    def notes_by_area(self) -> dict[str, list["Note"]]:
        """Every area's notes in order, from one query."""
        grouped: dict[str, list[Note]] = {area.key: [] for area in AREAS}
        for note in self.notes.order_by("area", "position", "pk"):
            grouped.setdefault(note.area, []).append(note)
        return grouped

    def touch(self, user) -> None:
        """Record that `user` just changed this canvas or something on it."""
        Canvas.objects.filter(pk=self.pk).update(updated_by=user, updated_at=timezone.now())
        self.updated_by = user

    def add_note(self, *, area: str, text: str, colour: str = "", by) -> "Note":
        """Append a note at the end of an area."""
        with ordering_lock(self):
            note = Note.objects.create(
                canvas=self,
                area=area,
                text=text.strip(),
                colour=colour or NoteColour.YELLOW,
                position=next_position(self.notes.filter(area=area)),
                created_by=by,
                updated_by=by,
            )
            self.touch(by)
        return note

    @transaction.atomic
    def duplicate(self, *, by, title: str | None = None) -> "Canvas":
        """A copy of this canvas with every note, owned by the same organization."""
        copy = Canvas.objects.create(
            organization=self.organization,
            title=title or _copy_title(self.title),
            description=self.description,
            value_kinds=list(self.value_kinds),
            created_by=by,
            updated_by=by,
        )
        Note.objects.bulk_create(
            Note(
                canvas=copy,
                area=note.area,
                text=note.text,
                colour=note.colour,
                position=note.position,
                created_by=by,
                updated_by=by,
            )
            for note in self.notes.order_by("area", "position", "pk")
        )
        return copy


def _copy_title(title: str) -> str:
    suffix = " (copy)"
    return title[: 120 - len(suffix)] + suffix


class NoteColour(models.TextChoices):
    YELLOW = "yellow", "Yellow"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"
    PINK = "pink", "Pink"
    PURPLE = "purple", "Purple"
    GREY = "grey", "Grey"


class Note(VersionedModel):
    """A sticky note in one area of a canvas."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="notes")
    area = models.CharField(max_length=32, choices=AreaKey.choices)
    text = models.TextField(max_length=500, validators=[MinLengthValidator(1)])
    colour = models.CharField(max_length=10, choices=NoteColour.choices, default=NoteColour.YELLOW)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["canvas", "area", "position", "pk"]
        indexes = [models.Index(fields=["canvas", "area", "position"])]

    def __str__(self):
        return self.text[:60]
