"""Undo for deletes: one signed-token scheme for every record that offers "Undo".

A deleted record is really gone, so nothing that reads records (pages, scores,
printouts, copies) has to skip "deleted" rows. What comes back instead is a
signed token carrying everything needed to restore the record exactly: its
id, its place in its list and its field values (its version too, so someone
still editing it can save normally). The token is signed per kind of record
and per canvas, so it can't be forged or replayed on another canvas, and it
expires after its kind's window (`UndoKind.valid_seconds`). The page offers
"Undo" for `offer_seconds`; the token lasts longer, so a slow click or a page
without JavaScript still works.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core import signing
from django.db import IntegrityError, models, transaction

from core.ordering import next_position, ordering_lock, place

UNDO_OFFER_SECONDS = 10


class UndoError(Exception):
    """A delete could not be undone; the message says why, in the user's words."""


@dataclass(frozen=True)
class UndoKind:
    """The undo window of one kind of record."""

    noun: str  # "note", "line": what the messages call it
    valid_seconds: int  # how long the server accepts the token
    offer_seconds: int = UNDO_OFFER_SECONDS  # how long the page shows "Undo"


@dataclass(frozen=True)
class Deleted:
    """What an undo token describes: enough to show "Deleted …" and to restore it."""

    model: type[models.Model]
    pk: int
    position: int
    fields: dict[str, Any]

    @property
    def label(self) -> str:
        return str(self.fields.get("label") or self.fields.get("text") or "")


def _salt(kind: UndoKind, canvas_pk: int) -> str:
    return f"core.undo.{kind.noun}.{canvas_pk}"


def _restorable_fields(model: type[models.Model], parent: str) -> list[models.Field]:
    skip = {parent, "position", "updated_at", "updated_by"}
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in skip
    ]


def _serialise(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def undo_token(record: models.Model, *, kind: UndoKind, canvas_pk: int, parent: str) -> str:
    """A token that `restore` accepts to bring `record` (about to be deleted) back.

    `parent` names the foreign key of the list the record sits in ("canvas").
    """
    fields = {
        field.attname: _serialise(getattr(record, field.attname))
        for field in _restorable_fields(type(record), parent)
    }
    data = {
        "model": record._meta.label_lower,
        "pk": record.pk,
        "position": getattr(record, "position", 0),
        "fields": fields,
    }
    return signing.dumps(data, salt=_salt(kind, canvas_pk), compress=True)


def read_undo_token(
    token: str, *, kind: UndoKind, canvas_pk: int, models_allowed: tuple[type[models.Model], ...]
) -> Deleted:
    """Decode a token of this kind for this canvas, or raise UndoError."""
    try:
        data = signing.loads(token, salt=_salt(kind, canvas_pk), max_age=kind.valid_seconds)
    except signing.SignatureExpired as error:
        raise UndoError(
            f"It's too late to undo that delete; add the {kind.noun} again instead."
        ) from error
    except signing.BadSignature as error:
        raise UndoError("That undo link isn't valid for this canvas.") from error
    try:
        model = apps.get_model(data["model"])
    except (KeyError, LookupError, ValueError) as error:
        raise UndoError("That undo link isn't valid for this canvas.") from error
    if model not in models_allowed:
        raise UndoError("That undo link isn't valid for this canvas.")
    fields = {}
    for field in model._meta.concrete_fields:
        if field.attname in data["fields"]:
            value = data["fields"][field.attname]
            fields[field.attname] = None if value is None else field.to_python(value)
    return Deleted(model=model, pk=data["pk"], position=data["position"], fields=fields)


def restore(deleted: Deleted, *, kind: UndoKind, parent: models.Model, parent_field: str, by):
    """Bring a deleted record back in its place, with its id, values and version.

    The record's list is its `siblings()`. Raises UndoError when it is already back.
    The caller's service records who changed the canvas in the same transaction.
    """
    model = deleted.model
    fields = dict(deleted.fields)
    for field in model._meta.concrete_fields:
        if field.is_relation and field.attname in fields and fields[field.attname] is not None:
            target = field.related_model._default_manager.filter(pk=fields[field.attname])
            if not target.exists():
                fields[field.attname] = None  # the author was removed since; the record survives
    born = {
        field.attname: fields[field.attname]
        for field in model._meta.concrete_fields
        if getattr(field, "auto_now_add", False) and fields.get(field.attname) is not None
    }
    with ordering_lock(parent):
        if model._default_manager.filter(pk=deleted.pk).exists():
            raise UndoError(f"That {kind.noun} is already back.")
        record = model(pk=deleted.pk, **{parent_field: parent}, **fields)
        if hasattr(record, "updated_by_id"):
            record.updated_by = by
        siblings = record.siblings()
        record.position = next_position(siblings)
        try:
            with transaction.atomic():
                record.save(force_insert=True)
        except IntegrityError as error:
            raise UndoError(f"That {kind.noun} is already back.") from error
        if born:  # auto_now_add stamps "now" on insert; the record keeps its birth date
            model._default_manager.filter(pk=record.pk).update(**born)
            for name, value in born.items():
                setattr(record, name, value)
        place(record, record.siblings(), deleted.position)
    return record
