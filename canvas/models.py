from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.validators import MinLengthValidator
from django.db import models, transaction
from django.utils import timezone

from canvas.areas import AREAS, AreaKey, ValueKind
from core.copying import fresh_copy
from core.ordering import close_gaps, next_position, ordering_lock, place
from core.versioning import VersionedModel, save_if_unchanged
from orgs.models import Organization

# How long a deleted note can be brought back. The board offers "Undo" for a few
# seconds (UNDO_OFFER_SECONDS, read by static/js/board.js); the server accepts the
# token a while longer so a slow click or a page without JavaScript still works.
UNDO_OFFER_SECONDS = 10
UNDO_VALID_SECONDS = 10 * 60


class UndoError(Exception):
    """A delete could not be undone; the message says why, in the user's words."""


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

    def notes_in(self, *areas: str) -> dict[str, list["Note"]]:
        """The notes of some areas, in order, from one query."""
        grouped: dict[str, list[Note]] = {area: [] for area in areas}
        for note in self.notes.filter(area__in=areas).order_by("area", "position", "pk"):
            grouped[note.area].append(note)
        return grouped

    def touch(self, user) -> None:
        """Record that `user` just changed this canvas or something on it."""
        now = timezone.now()
        Canvas.objects.filter(pk=self.pk).update(updated_by=user, updated_at=now)
        self.updated_by = user
        self.updated_at = now

    def edit_header(
        self, *, title: str, description: str, value_kinds: list[str], expected_version: int, by
    ) -> bool:
        """Save the title, description and value kinds if nobody saved them since
        `expected_version`. Returns False (and writes nothing) on a conflict."""
        return save_if_unchanged(
            self,
            expected_version=expected_version,
            changes={
                "title": title,
                "description": description,
                "value_kinds": list(value_kinds),
                "updated_by": by,
                "updated_at": timezone.now(),
            },
        )

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

    def restore_note(self, *, token: str, by) -> "Note":
        """Bring back a note deleted with `Note.remove`, in its place, as it was.

        Raises UndoError when the token is forged, from another canvas, too
        old, or already used.
        """
        try:
            data = signing.loads(token, salt=_undo_salt(self.pk), max_age=UNDO_VALID_SECONDS)
        except signing.SignatureExpired as error:
            raise UndoError("It's too late to undo that delete.") from error
        except signing.BadSignature as error:
            raise UndoError("That undo link isn't valid for this canvas.") from error
        with ordering_lock(self):
            if Note.objects.filter(pk=data["pk"]).exists():
                raise UndoError("That note is already back on the canvas.")
            note = Note.objects.create(
                pk=data["pk"],
                canvas=self,
                area=data["area"],
                text=data["text"],
                colour=data["colour"],
                version=data["version"],
                position=next_position(self.notes.filter(area=data["area"])),
                # The author may have been removed since; the note survives them.
                created_by=get_user_model().objects.filter(pk=data["created_by"]).first(),
                updated_by=by,
            )
            # auto_now_add stamps "now" on create; the note keeps its original birth date.
            created_at = datetime.fromisoformat(data["created_at"])
            Note.objects.filter(pk=note.pk).update(created_at=created_at)
            note.created_at = created_at
            place(note, self.notes.filter(area=note.area), data["position"])
            self.touch(by)
        return note

    @transaction.atomic
    def duplicate(self, *, by, title: str | None = None) -> "Canvas":
        """A copy of this canvas with every note, owned by the same organization.

        The other apps copy what they own onto it (see core/copying.py and the
        canvas_duplicate view)."""
        copy = Canvas.objects.create(
            organization=self.organization,
            title=title or _copy_title(self.title),
            description=self.description,
            value_kinds=list(self.value_kinds),
            created_by=by,
            updated_by=by,
        )
        Note.objects.bulk_create(
            fresh_copy(note, by=by, canvas=copy)
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

    @property
    def area_name(self) -> str:
        return AreaKey(self.area).label

    def siblings(self) -> models.QuerySet:
        return Note.objects.filter(canvas_id=self.canvas_id, area=self.area)

    def edit(self, *, text: str, colour: str, expected_version: int, by) -> bool:
        """Save new text and colour if nobody saved this note since `expected_version`.

        Returns False, writing nothing, when someone else saved first (or the
        note was deleted): the caller shows both versions and lets the user choose.
        """
        saved = save_if_unchanged(
            self,
            expected_version=expected_version,
            changes={
                "text": text.strip(),
                "colour": colour,
                "updated_by": by,
                "updated_at": timezone.now(),
            },
        )
        if saved:
            self.canvas.touch(by)
        return saved

    def move_to(self, *, area: str | None = None, position: int | None = None, by) -> None:
        """Move the note to `position` in `area` (default: its own area; the end when
        no position is given). Both areas stay numbered 0..n-1.

        Raises Note.DoesNotExist if the note was deleted meanwhile.
        """

        def target(current_area: str, current_position: int) -> tuple[str, int | None]:
            return area or current_area, position

        self._move(target, by=by)

    def nudge(self, *, steps: int, by) -> None:
        """Move the note `steps` places down its area (negative: up), from wherever
        it is now, which may differ from where the user saw it."""

        def target(current_area: str, current_position: int) -> tuple[str, int | None]:
            return current_area, max(0, current_position + steps)

        self._move(target, by=by)

    def _move(self, target: Callable[[str, int], tuple[str, int | None]], *, by) -> None:
        with ordering_lock(self.canvas):
            current = Note.objects.filter(pk=self.pk).values("area", "position").first()
            if current is None:
                raise Note.DoesNotExist("The note was deleted.")
            old_area = current["area"]
            new_area, position = target(old_area, current["position"])
            self.area = new_area
            if new_area != old_area:
                Note.objects.filter(pk=self.pk).update(
                    area=new_area, updated_by=by, updated_at=timezone.now()
                )
                close_gaps(Note.objects.filter(canvas_id=self.canvas_id, area=old_area))
            siblings = self.siblings()
            place(self, siblings, next_position(siblings) if position is None else position)
            self.canvas.touch(by)

    def remove(self, *, by) -> str:
        """Delete the note and return a token that `Canvas.restore_note` accepts.

        Undo uses a signed token rather than a soft delete on purpose: a deleted
        note is really gone, so nothing else that reads notes (the board, the
        scorecard, the printouts, canvas copies) has to remember to skip
        "deleted" rows. The token carries everything needed to bring the note
        back exactly (same id, area, position, text, colour, version and
        author); it is signed per canvas, so it can't be forged or replayed on
        another canvas, and it expires after UNDO_VALID_SECONDS. Restoring
        keeps the version, so someone still editing the note can save normally.

        Raises Note.DoesNotExist if someone else deleted it first.
        """
        with ordering_lock(self.canvas):
            current = Note.objects.filter(pk=self.pk).first()
            if current is None:
                raise Note.DoesNotExist("The note was already deleted.")
            token = signing.dumps(
                {
                    "pk": current.pk,
                    "area": current.area,
                    "position": current.position,
                    "text": current.text,
                    "colour": current.colour,
                    "version": current.version,
                    "created_by": current.created_by_id,
                    "created_at": current.created_at.isoformat(),
                },
                salt=_undo_salt(self.canvas_id),
                compress=True,
            )
            current.delete()
            close_gaps(Note.objects.filter(canvas_id=self.canvas_id, area=current.area))
            self.canvas.touch(by)
        return token


def _undo_salt(canvas_pk: int) -> str:
    return f"canvas.note-undo.{canvas_pk}"
