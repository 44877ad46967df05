"""Optimistic concurrency for shared records: a version number checked on save.

A form carries the version the user started from. Saving runs a conditional
`UPDATE ... WHERE pk = ? AND version = ?` (it works the same on SQLite and
PostgreSQL, with no locks held while people type). If someone else saved first
nothing is written, and the view shows the current values beside the user's
own so they can choose: keep theirs, keep mine, or merge by hand.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models


class VersionedModel(models.Model):
    """Abstract base for records that several people edit at once."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


def save_if_unchanged(
    instance: VersionedModel, *, expected_version: int, changes: dict[str, Any]
) -> bool:
    """Write `changes` only if the stored version is still `expected_version`.

    On success the instance holds the changes and its new version, and True
    is returned. On a conflict nothing is written and False is returned.
    """
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=expected_version).update(
        **changes, version=models.F("version") + 1
    )
    if not updated:
        return False
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.version = expected_version + 1
    return True


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


class VersionFormMixin(forms.Form):
    """Adds the hidden version a form started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


@dataclass(frozen=True)
class ConflictField:
    name: str
    label: str
    mine: Any
    theirs: Any

    @property
    def differs(self) -> bool:
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
    choices = getattr(field, "choices", None)
    if not choices:
        return value
    labels = {str(key): str(label) for key, label in choices}
    if isinstance(value, list | tuple):
        chosen = {str(item) for item in value}
        return ", ".join(label for key, label in labels.items() if key in chosen)
    return labels.get(str(value), value)


@dataclass(frozen=True)
class Conflict:
    """What a conflict panel shows: who saved first, and the differing fields."""

    saved_by: str
    rows: list[ConflictField]


def describe_conflict(form: forms.Form, current: models.Model, field_names: list[str]) -> Conflict:
    """The conflict panel's content for `form` against the stored `current` record."""
    saved_by = getattr(current, "updated_by", None)
    name = (saved_by.get_full_name() or saved_by.get_username()) if saved_by else "Someone else"
    rows = [row for row in conflicting_fields(form, current, field_names) if row.differs]
    return Conflict(saved_by=name, rows=rows)


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
    return kwargs
