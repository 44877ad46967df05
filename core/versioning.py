"""Optimistic concurrency for shared records: a version number checked on save.

A form carries the version the user started from. Saving runs a conditional
`UPDATE ... WHERE pk = ? AND version = ?` (it works the same on SQLite and
PostgreSQL, with no locks held while people type). If someone else saved first
nothing is written, and the view shows the current values beside the user's
own so they can choose: keep theirs, keep mine, or merge by hand.

Deletes and moves carry the version too (`change_on_canvas`, `delete_on_canvas`):
acting on a record someone changed since the person saw it does nothing and
shows it as it is now (`StaleAction`), to keep or to act on anyway.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst

from core.formats import person_name
from core.live import Change, areas_of, change_of
from core.ordering import close_gaps, lock_rows
from core.retry import step
from core.undo import UndoKind, undo_token


class VersionedModel(models.Model):
    """Abstract base for records that several people edit at once."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Outcome(StrEnum):
    """What a version-checked save came to."""

    SAVED = "saved"
    CONFLICT = "conflict"  # someone saved first: nothing written
    GONE = "gone"  # someone deleted the record: nothing written


@dataclass(frozen=True)
class SaveResult:
    """The outcome of `save_versioned`, and the record as stored now (None when gone)."""

    outcome: Outcome
    record: Any
    undo_token: str = ""  # a delete that offers "Undo": the token that brings it back

    @property
    def saved(self) -> bool:
        return self.outcome is Outcome.SAVED


def save_versioned(
    instance: VersionedModel, *, expected_version: int, changes: dict[str, Any], by=None
) -> SaveResult:
    """Write `changes` only if the stored version is still `expected_version`.

    Saved: the instance holds the changes and its new version (and `by` as its
    last editor, when the model records one). Conflict: nothing is written, and
    the result carries the record as stored now, with who saved it. Gone: the
    record was deleted meanwhile.
    """
    changes = dict(changes)
    field_names = {field.name for field in instance._meta.concrete_fields}
    if by is not None and "updated_by" in field_names:
        changes.setdefault("updated_by", by)
    if "updated_at" in field_names:
        changes.setdefault("updated_at", timezone.now())
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **changes, version=models.F("version") + 1
    )
    if updated:
        for field, value in changes.items():
            setattr(instance, field, value)
        instance.version = expected_version + 1
        return SaveResult(Outcome.SAVED, instance)
    stored = model._default_manager.filter(pk=instance.pk)
    if "updated_by" in field_names:
        stored = stored.select_related("updated_by")
    current = stored.first()
    if current is None:
        return SaveResult(Outcome.GONE, None)
    return SaveResult(Outcome.CONFLICT, current)


def save_on_canvas(
    instance: VersionedModel,
    *,
    canvas,
    expected_version: int,
    changes: dict[str, Any],
    by,
    verb: str = "edit",
) -> SaveResult:
    """The edit services' one save: in one transaction, lock the canvas row first (the lock
    order, core/ordering.py), save unless someone saved since `expected_version`, and record
    who changed the canvas, and what (`canvas.touch(by, change)`: the canvas's change feed,
    core/live.py), when it saved."""
    with step():
        lock_rows(canvas)
        result = save_versioned(instance, expected_version=expected_version, changes=changes, by=by)
        if result.saved:
            canvas.touch(by, change_of(instance, verb))
    return result


def check_version(model: type[models.Model], pk: int, *, expected_version: int) -> SaveResult:
    """Lock a row and say whether it is still at `expected_version`: SAVED (go on, with the
    row as stored), CONFLICT (someone changed it since: the row as stored now, with who
    saved it) or GONE. Call inside the caller's transaction, after the canvas's and the
    list's locks (the lock order, core/ordering.py)."""
    rows = model._default_manager.filter(pk=pk)
    if not rows.select_for_update(no_key=True).exists():
        return SaveResult(Outcome.GONE, None)
    if any(field.name == "updated_by" for field in model._meta.concrete_fields):
        rows = rows.select_related("updated_by")
    current = rows.get()
    if current.version != expected_version:
        return SaveResult(Outcome.CONFLICT, current)
    return SaveResult(Outcome.SAVED, current)


def change_on_canvas(
    record: VersionedModel,
    *,
    canvas,
    parents: tuple[models.Model, ...] = (),
    expected_version: int,
    change: Callable[[Any], None],
    by,
    verb: str = "move",
) -> SaveResult:
    """The move services' one step: in one transaction, lock the canvas, then the list's
    `parents`, then the row; if nobody changed the record since `expected_version`, run
    `change(current)` on the row as stored and record who changed the canvas, and the
    change (`verb`, and where the record was before and is now) in its feed.

    Nothing happens on a conflict or when the record (or its list's parent) is gone; the
    result says which.
    """
    with step():
        if not lock_rows(canvas, *parents):  # the list it was in went with its parent
            return SaveResult(Outcome.GONE, None)
        result = check_version(type(record), record.pk, expected_version=expected_version)
        if result.saved:
            current, pk, before = result.record, result.record.pk, areas_of(result.record)
            recorded = getattr(canvas, "feed_seq", None)
            change(current)
            # A change that recorded itself on the canvas (a note's move does) isn't recorded twice.
            if getattr(canvas, "feed_seq", None) == recorded:
                areas = tuple(dict.fromkeys((*before, *areas_of(current))))
                canvas.touch(by, Change(f"{current._meta.model_name}.{verb}", areas, pk))
    return result


def delete_on_canvas(
    record: VersionedModel,
    *,
    canvas,
    parents: tuple[models.Model, ...] = (),
    expected_version: int,
    by,
    undo: UndoKind | None = None,
) -> SaveResult:
    """The delete services' one step: like `change_on_canvas`, delete the record (with
    what cascades from it) unless someone changed it since `expected_version`, and close
    the gap in its list. With `undo`, the result carries the token that brings it back
    with its `undo.children`.

    The result's record is the deleted row as it was (its pk cleared by the delete).
    """
    token = ""

    def delete(current) -> None:
        nonlocal token
        if undo is not None:
            token = undo_token(current, kind=undo, canvas_pk=canvas.pk)
        current.delete()
        if hasattr(current, "siblings"):
            close_gaps(current.siblings())

    result = change_on_canvas(
        record,
        canvas=canvas,
        parents=parents,
        expected_version=expected_version,
        change=delete,
        by=by,
        verb="delete",
    )
    return SaveResult(result.outcome, result.record, undo_token=token)


def save_as_new_version(instance: VersionedModel, *, by=None) -> None:
    """Save an edit made outside the version check (an admin's fix) as a new version.

    What is saved stays; anyone still editing from the old version then meets
    the usual conflict instead of overwriting it. The position is left as
    stored, since the ordering code may have moved the record meanwhile.
    """
    if by is not None and hasattr(instance, "updated_by"):
        instance.updated_by = by
    instance.version = models.F("version") + 1
    fields = [
        field.name
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.name not in ("position", "created_at")
    ]
    instance.save(update_fields=fields)
    refresh = ["version", "position"] if hasattr(instance, "position") else ["version"]
    instance.refresh_from_db(fields=refresh)


# The hidden version is never typed by anyone: when it is missing or garbled, say so
# at the top of the form, where people look (an error by a hidden field is invisible).
VERSION_ERROR = (
    "This form was incomplete, so nothing was saved. Copy anything you want to keep, "
    "then reload the page and try again."
)


class VersionFormMixin(forms.Form):
    """The one versioned form base: the hidden version a form started from, and the
    edit protocol's pieces (`changes`, `conflict_with`, `rebased`).

    `conflict_fields` lists the fields a conflict panel compares (default: the
    model form's fields, or every field but the version). On a model form for a
    new record (no version yet) the version field is dropped.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    conflict_fields: list[str] | tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and isinstance(instance, models.Model):
            if instance.pk is None and not self.is_bound:
                del self.fields["version"]
            elif instance.pk is not None and "version" not in self.initial:
                self.initial["version"] = instance.version

    def clean(self):
        cleaned_data = super().clean()
        if "version" in self.fields and self.has_error("version"):
            self.add_error(None, VERSION_ERROR)
        return cleaned_data

    def compared_fields(self) -> list[str]:
        if self.conflict_fields:
            return list(self.conflict_fields)
        meta_fields = getattr(getattr(self, "_meta", None), "fields", None)
        if meta_fields:
            return list(meta_fields)
        return [name for name in self.fields if name != "version"]

    def changes(self) -> dict[str, Any]:
        """The edited values, ready for `save_versioned`."""
        return {name: self.cleaned_data[name] for name in self.compared_fields()}

    def conflict_with(self, current: models.Model) -> "Conflict":
        """The conflict panel: what this user submitted beside what is stored now."""
        return describe_conflict(self, current, self.compared_fields())

    def rebased(self, current: models.Model) -> forms.Form:
        """This form with the user's values, now based on the stored version."""
        return rebind_to_current_version(self, current)


class VersionForm(VersionFormMixin):
    """The version a delete was asked at (a hidden field in every delete form)."""


@dataclass(frozen=True)
class ConflictField:
    name: str
    label: str
    mine: Any
    theirs: Any

    @property
    def differs(self) -> bool:
        if self.mine in ("", None) and self.theirs in ("", None):
            return False
        return self.mine != self.theirs


def conflicting_fields(
    form: forms.Form, current: models.Model, field_names: list[str]
) -> list[ConflictField]:
    """Pair what the user submitted with what is stored now, field by field.

    Values are shown as people read them: choices by their labels, lists of
    choices as a comma-separated list in the choices' order.
    """
    cleaned = getattr(form, "cleaned_data", {}) if form.is_bound else {}
    rows = []
    for name in field_names:
        field = form.fields[name]
        mine = cleaned.get(name)
        if mine is None:
            key = form.add_prefix(name)
            multiple = isinstance(field, forms.MultipleChoiceField) and hasattr(
                form.data, "getlist"
            )
            mine = form.data.getlist(key) if multiple else form.data.get(key, "")
        rows.append(
            ConflictField(
                name=name,
                label=field.label or name,
                mine=_readable(field, mine),
                theirs=_readable(field, getattr(current, name)),
            )
        )
    return rows


def _readable(field: forms.Field, value: Any) -> Any:
    if isinstance(field, forms.BooleanField):
        return "Yes" if value in (True, "on", "true", "True", "1") else "No"
    choices = getattr(field, "choices", None)
    if not choices:
        return value
    labels = {str(key): str(label) for key, label in choices}
    if isinstance(value, list | tuple):
        chosen = {str(item) for item in value}
        return ", ".join(label for key, label in labels.items() if key in chosen)
    key = "" if value is None else str(value)  # a stored None is the form's empty choice
    return labels.get(key, value)


@dataclass(frozen=True)
class Conflict:
    """What a conflict panel shows: who saved first, and the differing fields."""

    saved_by: str
    rows: list[ConflictField]


def _saved_by(current: models.Model) -> str:
    return person_name(getattr(current, "updated_by", None))


def describe_conflict(form: forms.Form, current: models.Model, field_names: list[str]) -> Conflict:
    """The conflict panel's content for `form` against the stored `current` record."""
    rows = [row for row in conflicting_fields(form, current, field_names) if row.differs]
    return Conflict(saved_by=_saved_by(current), rows=rows)


# A stale delete or move ------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One of a conflict panel's buttons: a link (`fields` empty) or a form that posts
    `fields`. `url` is where it goes without JavaScript; with htmx it gets or posts
    `hx_url` (default: `url`) and swaps `hx_target`."""

    label: str
    url: str
    hx_url: str = ""
    hx_target: str = ""
    fields: tuple[tuple[str, Any], ...] = ()

    @property
    def htmx_url(self) -> str:
        return self.hx_url or self.url


STALE_WORDS = {
    "delete": ("deleted", "Delete anyway"),
    "remove": ("removed", "Remove anyway"),
    "move": ("moved", "Move anyway"),
    "recolour": ("recoloured", "Recolour anyway"),
    "archive": ("archived", "Archive anyway"),
}


@dataclass(frozen=True)
class StaleAction:
    """The conflict panel for a delete or move of a record someone changed since the
    person saw it (templates/includes/stale_action.html): who changed it, how it reads
    now, and the two choices: keep theirs (nothing happens) or go ahead anyway."""

    headline: str
    advice: str
    rows: list[ConflictField]
    keep: Choice
    ahead: Choice


def describe_stale_action(
    form: forms.Form,
    current: models.Model,
    *,
    action: str,
    noun: str,
    keep: tuple[str, str, str],
    ahead: tuple[str, dict[str, Any], str],
) -> StaleAction:
    """The panel for a stale delete or move of `current`, as stored now.

    `form` is the record's edit form: its fields' labels and choices show the stored
    values as people read them. `action` is "delete", "remove", "move", "recolour" or
    "archive". `keep` is
    (plain URL, htmx URL, htmx target) showing the record as it is now; `ahead` is
    (URL, the fields the person sent, htmx target): acting anyway posts them again with
    the version now stored, so a still newer change stops it again.
    """
    done, ahead_label = STALE_WORDS[action]
    names = form.compared_fields() if isinstance(form, VersionFormMixin) else list(form.fields)
    rows = []
    for name in names:
        value = _readable(form.fields[name], getattr(current, name))
        if value not in ("", None, []):
            label = form.fields[name].label or name
            rows.append(ConflictField(name, label, mine=None, theirs=value))
    headline = f"{capfirst(_saved_by(current))} changed this {noun} after you opened the page, so it was not {done}."
    advice = f"Keep the {noun} as it is now, or {action} it anyway."
    keep_url, keep_hx_url, keep_target = keep
    ahead_url, posted, ahead_target = ahead
    fields = tuple({**posted, "version": current.version}.items())
    return StaleAction(
        headline=headline,
        advice=advice,
        rows=rows,
        keep=Choice("Keep it as it is", keep_url, keep_hx_url, keep_target),
        ahead=Choice(ahead_label, ahead_url, "", ahead_target, fields),
    )


def rebind_to_current_version(form: forms.Form, current: VersionedModel) -> forms.Form:
    """The same form with the user's values, now based on the stored version.

    Submitting it again means "keep mine" (or the user's hand-merged text).
    """
    data = form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    return type(form)(data, **_form_kwargs(form))


def _form_kwargs(form: forms.Form) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"prefix": form.prefix}
    if hasattr(form, "instance"):
        kwargs["instance"] = form.instance
    # What a form's own __init__ takes besides Django's (the choices it offers, say).
    kwargs.update(getattr(form, "init_kwargs", {}))
    return kwargs


@dataclass
class Edit:
    """Where an edit landed, for the view to answer: invalid input (422), saved, a
    conflict (409: the panel, and the form rebased on the stored version), or gone
    (409: the record was deleted; the form keeps what the user typed)."""

    outcome: Outcome | None  # None: the input was invalid, nothing was tried
    form: forms.Form
    record: Any = None  # as stored now (None when gone)
    conflict: Conflict | None = None
    result: SaveResult | None = None  # the service's answer, when it saved (its undo token)

    @property
    def invalid(self) -> bool:
        return self.outcome is None

    @property
    def saved(self) -> bool:
        return self.outcome is Outcome.SAVED

    @property
    def gone(self) -> bool:
        return self.outcome is Outcome.GONE

    @property
    def status(self) -> int:
        if self.outcome is None:
            return 422
        return 200 if self.outcome is Outcome.SAVED else 409


def saving(service, **arguments):
    """`edit_record`'s usual save step: the keyword-only `service` called with
    `arguments`, the form's version and its changes (`edit_note(note=..., by=...)`)."""

    def save(form):
        return service(
            **arguments, expected_version=form.cleaned_data["version"], changes=form.changes()
        )

    return save


def edit_record(form: forms.Form, record, *, save) -> Edit:
    """The one edit protocol: validate, save through `save(form) -> SaveResult` (a
    service), and say what happened.

    A conflict in which the stored values equal the user's (two people saved the
    same thing) counts as saved: there is nothing to choose.
    """
    if record is None:
        return Edit(Outcome.GONE, form)
    if not form.is_valid():
        return Edit(None, form, record)
    result = save(form)
    if result.outcome is Outcome.GONE:
        return Edit(Outcome.GONE, form)
    if result.outcome is Outcome.CONFLICT:
        conflict = form.conflict_with(result.record)
        if not conflict.rows:
            return Edit(Outcome.SAVED, form, result.record)
        return Edit(Outcome.CONFLICT, form.rebased(result.record), result.record, conflict)
    return Edit(Outcome.SAVED, form, result.record, result=result)


def posted_values(form: forms.Form) -> dict[str, Any]:
    """What the user typed into `form`, without its prefix and version: for the
    "add it back" form offered when the record was deleted under their edit."""
    start = form.add_prefix("")
    values = {}
    for key in form.data:
        if key.startswith(start) and key[len(start) :] != "version":
            getter = getattr(form.data, "getlist", None)
            items = getter(key) if getter else [form.data[key]]
            values[key[len(start) :]] = items if len(items) > 1 else items[0]
    return values
