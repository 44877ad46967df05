from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import connection, models, transaction
from django.db.models.functions import Cast, Replace
from django.utils import timezone

from canvas.areas import AREAS, AreaKey, ValueKind, validate_value_kinds, value_kinds_in
from core.copying import fresh_copy
from core.live import Change, announce
from core.ordering import close_gaps, next_position, ordering_lock, place
from core.versioning import VersionedModel
from orgs.models import Organization


class CanvasQuerySet(models.QuerySet):
    def live(self):
        """Canvases not in the trash."""
        return self.filter(trashed_at__isnull=True)

    def trashed(self):
        """Canvases in their organization's trash."""
        return self.filter(trashed_at__isnull=False)

    def for_user(self, user):
        """Canvases of the organizations the user is a member of (not in the trash)."""
        return self.live().filter(organization__memberships__user=user)


SOMETHING = Change()  # a change the feed knows no more about: the board's panels refresh


class LiveCanvasManager(models.Manager.from_queryset(CanvasQuerySet)):
    """`Canvas.objects`: every lookup leaves out canvases in the trash, so no page can reach
    one by accident. The trash, the purge and the admin use `Canvas.everything`."""

    def get_queryset(self):
        return super().get_queryset().live()


def value_kinds_are_known() -> models.Q:
    """The database's check on `Canvas.value_kinds`: a JSON array of known kinds.

    Portable to SQLite and PostgreSQL: take the stored JSON as text, remove every
    known kind (quoted), the commas and the spaces; only "[]" may remain. A number,
    a string, an object, null inside, a nested list or an unknown kind leaves more.
    (Duplicates are the model's and the forms' concern.)"""
    text = Cast("value_kinds", models.TextField())
    for piece in [*(f'"{kind}"' for kind in ValueKind.values), ",", " "]:
        text = Replace(text, models.Value(piece), models.Value(""), output_field=models.TextField())
    return models.Q(models.lookups.Exact(text, models.Value("[]", output_field=models.TextField())))


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
        validators=[validate_value_kinds],
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

    trashed_at = models.DateTimeField(
        null=True, blank=True, db_index=True, help_text="When an owner moved it to the trash."
    )
    trashed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feed_seq = models.PositiveBigIntegerField(
        default=0,
        db_default=0,  # rows written by code that predates the feed get a number too
        editable=False,
        help_text="The number of the latest event in the change feed.",
    )

    objects = LiveCanvasManager()
    everything = CanvasQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name_plural = "canvases"
        constraints = [
            models.CheckConstraint(
                condition=value_kinds_are_known(),
                name="canvas_value_kinds_known",
                violation_error_message="Value kinds must be a list of known kinds of value.",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def known_value_kinds(self) -> list[str]:
        """The value kinds every page reads: known ones, each once, whatever is stored."""
        return value_kinds_in(self.value_kinds)

    def value_kind_labels(self) -> list[str]:
        return [ValueKind(kind).label for kind in self.known_value_kinds]

    @property
    def in_trash(self) -> bool:
        return self.trashed_at is not None

    def notes_by_area(self) -> dict[str, list["Note"]]:
        """Every area's notes in order, from one query."""
        grouped: dict[str, list[Note]] = {area.key: [] for area in AREAS}
        for note in self.notes.order_by("area", "position", "pk"):
            grouped.setdefault(note.area, []).append(note)
        return grouped

    def cards(self, *areas: str) -> dict[str, list["NoteCard"]]:
        """Every area's notes (or those of `areas`) in order, as the board lists them: one
        query, and no model instances (a board lists hundreds)."""
        rows = self.notes.order_by("area", "position", "pk")
        if areas:
            rows = rows.filter(area__in=areas)
        grouped: dict[str, list[NoteCard]] = {key: [] for key in areas or AreaKey.values}
        for row in rows.values_list(*NoteCard.__slots__):
            grouped.setdefault(row[1], []).append(NoteCard(*row))
        return grouped

    def touch(self, user, change: Change = SOMETHING) -> int | None:
        """Record that `user` just changed this canvas or something on it: who and when, and
        the change in the canvas's feed, which open boards poll (canvas/live.py). Returns the
        event's number (None if the canvas is in the trash or gone).

        Every write service calls it last, inside its transaction, so the event commits (or
        rolls back) with the change. The UPDATE locks the canvas row (if the service hadn't
        already), so each event gets the next number even with writers in several processes.
        """
        return self._record(change, actor=user, stamp=True)

    def record_change(self, change: Change, *, by=None) -> int | None:
        """Add a change to the feed without calling it an edit of the canvas ("last edited"
        stays): an anonymous pulse response, say, changes the board's pulse scores."""
        return self._record(change, actor=by, stamp=False)

    def _record(self, change: Change, *, actor, stamp: bool) -> int | None:
        now = timezone.now()
        with transaction.atomic(savepoint=False):
            seq = self._next_seq(actor=actor, now=now, stamp=stamp)
            if seq is None:
                return None
            CanvasEvent.objects.create(
                canvas_id=self.pk,
                seq=seq,
                kind=change.kind,
                areas=list(change.areas),
                record_pk=change.record_pk,
                actor=actor,
                created_at=now,
            )
            if seq % CanvasEvent.PRUNE_EVERY == 0:
                CanvasEvent.objects.filter(
                    canvas_id=self.pk, seq__lte=seq - CanvasEvent.KEEP
                ).delete()
            announce(self.feed, seq)
        if stamp:
            self.updated_by = actor
            self.updated_at = now
        self.feed_seq = seq
        return seq

    def _next_seq(self, *, actor, now, stamp: bool) -> int | None:
        """Take the feed's next number (and stamp who changed the canvas, and when): one
        UPDATE ... RETURNING, which holds the canvas row's lock until the transaction ends
        (SQLite 3.35+ and PostgreSQL both have RETURNING; the ORM's update() doesn't)."""
        quote = connection.ops.quote_name
        meta = Canvas._meta
        names = ("id", "feed_seq", "updated_by", "updated_at", "trashed_at")
        column = {name: quote(meta.get_field(name).column) for name in names}
        sets, params = [f"{column['feed_seq']} = {column['feed_seq']} + 1"], []
        if stamp:
            sets += [f"{column['updated_by']} = %s", f"{column['updated_at']} = %s"]
            params += [actor.pk if actor else None, connection.ops.adapt_datetimefield_value(now)]
        sql = (
            f"UPDATE {quote(meta.db_table)} SET {', '.join(sets)} "
            f"WHERE {column['id']} = %s AND {column['trashed_at']} IS NULL "
            f"RETURNING {column['feed_seq']}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, self.pk])
            row = cursor.fetchone()
        return row[0] if row else None

    @property
    def feed(self) -> str:
        """The name of this canvas's change feed (core/live.py)."""
        return feed_name(self.pk)

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
            self.touch(by, Change("note.add", (area,), note.pk))
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
            value_kinds=self.known_value_kinds,
            created_by=by,
            updated_by=by,
        )
        Note.objects.bulk_create(
            fresh_copy(note, by=by, canvas=copy)
            for note in self.notes.order_by("area", "position", "pk")
        )
        return copy


def feed_name(canvas_pk: int) -> str:
    return f"canvas-{canvas_pk}"


class CanvasEvent(models.Model):
    """One change to what a canvas's board shows, in the order they happened: its change
    feed, which open boards poll (canvas/live.py). Written by `Canvas.touch`, in the same
    transaction as the change; the oldest are pruned as new ones come (a board that fell
    further behind than the feed keeps reloads its areas whole)."""

    KEEP = 200  # events kept per canvas, at least
    PRUNE_EVERY = 50  # every this many events, the older ones go

    # The unique (canvas, seq) index serves every lookup by canvas: no index of its own.
    canvas = models.ForeignKey(
        Canvas, on_delete=models.CASCADE, related_name="events", db_index=False
    )
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40, blank=True)  # core.live.Change.kind
    areas = models.JSONField(default=list, blank=True)  # areas whose notes changed
    record_pk = models.PositiveBigIntegerField(null=True, blank=True)  # not a key: may be gone
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["canvas", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["canvas", "seq"], name="canvas_event_seq_unique")
        ]

    def __str__(self):
        return f"{self.canvas_id}#{self.seq} {self.kind}"


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


@dataclass(frozen=True, slots=True)
class NoteCard:
    """A note as the board lists it (`Canvas.cards`): what its card shows."""

    pk: int
    area: str
    text: str
    colour: str
    version: int


class Note(VersionedModel):
    """A sticky note in one area of a canvas."""

    canvas = models.ForeignKey(Canvas, on_delete=models.CASCADE, related_name="notes")
    lock_parent = "canvas"  # locked before this row (core.ordering)
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

    def feed_areas(self) -> tuple[str, ...]:
        """Where the board shows the note (core.live.change_of)."""
        return (self.area,)

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
            areas = tuple(dict.fromkeys((old_area, new_area)))
            self.canvas.touch(by, Change("note.move", areas, self.pk))
