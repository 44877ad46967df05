"""Undo: one signed-token scheme for every record that offers "Undo", after a delete, an
edit or a move.

A deleted record is really gone, so nothing that reads records (pages, scores,
printouts, copies) has to skip "deleted" rows. What comes back instead is a
signed token carrying everything needed to restore the record exactly: its
id, its place in its list and its field values (its version too, so someone
still editing it can save normally), and the records that went with it (a
segment's personas and their journey stages: the kind's `children`), with
theirs. The token is signed per kind of record
and per canvas, so it can't be forged or replayed on another canvas, and it
expires after its kind's window (`UndoKind.valid_seconds`). The page offers
"Undo" for `offer_seconds`; the token lasts longer, so a slow click or a page
without JavaScript still works.

Edits and moves are undone the same way (`change_token`, `Changed`): the token carries the
values to put back and the record's version right after the change, and the undo is an edit
(or a move) like any other, version-checked: if someone changed the record since, nothing
is undone and the person is told who.
"""

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import IntegrityError, models, transaction

from core.ordering import next_position, ordering_lock, place

UNDO_OFFER_SECONDS = 10


class UndoError(Exception):
    """A delete could not be undone; the message says why, in the user's words."""


@dataclass(frozen=True)
class UndoKind:
    """One kind of record that offers "Undo": its window, its list, what goes with it."""

    noun: str  # "note", "line": what the messages call it
    valid_seconds: int  # how long the server accepts the token
    offer_seconds: int = UNDO_OFFER_SECONDS  # how long the page shows "Undo"
    parent: str = "canvas"  # the foreign key of the list the record sits in
    # Reverse relations deleted with the record and restored with it, as lookup paths:
    # ("personas__stages",) is a segment's personas and each persona's stages.
    children: tuple[str, ...] = ()


@dataclass(frozen=True)
class Deleted:
    """What an undo token describes: enough to show "Deleted …" and to restore it."""

    model: type[models.Model]
    pk: int
    position: int
    fields: dict[str, Any]
    parent_pk: int | None = None  # the record whose list it sat in
    children: dict[str, list[dict]] = dataclasses.field(
        default_factory=dict
    )  # as the token carries them

    @property
    def label(self) -> str:
        name = self.fields.get("label") or self.fields.get("text") or self.fields.get("name")
        return str(name or "")

    def count(self, relation: str) -> int:
        """How many records of a relation went with it ("personas")."""
        return len(self.children.get(relation, []))


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


def _relation_tree(paths: tuple[str, ...]) -> dict[str, dict]:
    """("personas__stages",) -> {"personas": {"stages": {}}}."""
    tree: dict[str, dict] = {}
    for path in paths:
        branch = tree
        for name in path.split("__"):
            branch = branch.setdefault(name, {})
    return tree


def _relation(model: type[models.Model], relation: str):
    """The reverse foreign key `relation` of `model` ("personas" of Segment)."""
    try:
        related = model._meta.get_field(relation)
    except FieldDoesNotExist as error:
        raise UndoError("That undo link isn't valid for this canvas.") from error
    if not (related.one_to_many and related.auto_created):
        raise UndoError("That undo link isn't valid for this canvas.")
    return related


def _children_of(record: models.Model, tree: dict[str, dict]) -> dict[str, list[dict]]:
    """Every record of the relations in `tree`, as stored, in their lists' order."""
    children = {}
    for relation, below in tree.items():
        related = _relation(type(record), relation)
        model = related.related_model
        order = ["position", "pk"] if hasattr(model, "position") else ["pk"]
        items = model._default_manager.filter(**{related.field.attname: record.pk}).order_by(*order)
        children[relation] = [
            {
                "pk": child.pk,
                "fields": {
                    field.attname: _serialise(getattr(child, field.attname))
                    for field in model._meta.concrete_fields
                    if not field.primary_key
                },
                "children": _children_of(child, below),
            }
            for child in items
        ]
    return children


def undo_token(
    record: models.Model, *, kind: UndoKind, canvas_pk: int, parent: str | None = None
) -> str:
    """A token that `restore` accepts to bring `record` (about to be deleted) back, with
    the records of `kind.children` that go with it.

    `parent` names the foreign key of the list the record sits in (default: the kind's).
    Call it inside the delete's transaction, after its locks, so the children are those
    the delete removes.
    """
    parent = parent or kind.parent
    fields = {
        field.attname: _serialise(getattr(record, field.attname))
        for field in _restorable_fields(type(record), parent)
    }
    data = {
        "model": record._meta.label_lower,
        "pk": record.pk,
        "position": getattr(record, "position", 0),
        "parent_pk": getattr(record, type(record)._meta.get_field(parent).attname),
        "fields": fields,
    }
    if kind.children:
        data["children"] = _children_of(record, _relation_tree(kind.children))
    return signing.dumps(data, salt=_salt(kind, canvas_pk), compress=True)


@dataclass(frozen=True)
class Changed:
    """What an undo token for an edit or a move describes: the record, the values to put
    back (`before`), and its version right after the change."""

    model: type[models.Model]
    pk: int
    action: str  # "edit" or "move"
    before: dict[str, Any]
    version: int


def change_token(
    record: models.Model,
    *,
    kind: UndoKind,
    canvas_pk: int,
    action: str,
    before: dict[str, Any],
    version: int,
) -> str:
    """A token that undoes an edit or a move of `record` (`read_undo` gives it back as
    `Changed`): `before` holds the values to put back, `version` the record's version
    right after the change (an edit's new version, a move's unchanged one)."""
    data = {
        "model": record._meta.label_lower,
        "pk": record.pk,
        "action": action,
        "before": {name: _serialise(value) for name, value in before.items()},
        "version": version,
    }
    return signing.dumps(data, salt=_salt(kind, canvas_pk), compress=True)


def read_undo(
    token: str, *, kind: UndoKind, canvas_pk: int, models_allowed: tuple[type[models.Model], ...]
) -> "Deleted | Changed":
    """Decode any undo token of this kind for this canvas (a delete's, an edit's or a
    move's), or raise UndoError."""
    data = _load(token, kind=kind, canvas_pk=canvas_pk)
    model = _model(data, models_allowed)
    if data.get("action") in ("edit", "move"):
        try:
            return Changed(
                model=model,
                pk=int(data["pk"]),
                action=data["action"],
                before=_decoded(model, data["before"]),
                version=int(data["version"]),
            )
        except (KeyError, TypeError, ValueError) as error:
            raise UndoError("That undo link isn't valid for this canvas.") from error
    return _deleted(model, data)


def read_undo_token(
    token: str, *, kind: UndoKind, canvas_pk: int, models_allowed: tuple[type[models.Model], ...]
) -> Deleted:
    """Decode a delete's token of this kind for this canvas, or raise UndoError."""
    data = _load(token, kind=kind, canvas_pk=canvas_pk)
    if "action" in data:
        raise UndoError("That undo link isn't valid for this canvas.")
    return _deleted(_model(data, models_allowed), data)


def _load(token: str, *, kind: UndoKind, canvas_pk: int) -> dict:
    try:
        data = signing.loads(token, salt=_salt(kind, canvas_pk), max_age=kind.valid_seconds)
    except signing.SignatureExpired as error:
        expired = signing.loads(token, salt=_salt(kind, canvas_pk))
        if isinstance(expired, dict) and expired.get("action") in ("edit", "move"):
            raise UndoError(f"It's too late to undo that {expired['action']}.") from error
        raise UndoError(
            f"It's too late to undo that delete; add the {kind.noun} again instead."
        ) from error
    except signing.BadSignature as error:
        raise UndoError("That undo link isn't valid for this canvas.") from error
    if not isinstance(data, dict):
        raise UndoError("That undo link isn't valid for this canvas.")
    return data


def _model(data: dict, models_allowed: tuple[type[models.Model], ...]) -> type[models.Model]:
    try:
        model = apps.get_model(data["model"])
    except (KeyError, LookupError, ValueError, TypeError) as error:
        raise UndoError("That undo link isn't valid for this canvas.") from error
    if model not in models_allowed:
        raise UndoError("That undo link isn't valid for this canvas.")
    return model


def _deleted(model: type[models.Model], data: dict) -> Deleted:
    return Deleted(
        model=model,
        pk=data["pk"],
        position=data["position"],
        fields=_decoded(model, data["fields"]),
        parent_pk=data.get("parent_pk"),
        children=data.get("children", {}),
    )


def _decoded(model: type[models.Model], raw: dict[str, Any]) -> dict[str, Any]:
    fields = {}
    for field in model._meta.concrete_fields:
        if field.attname in raw:
            value = raw[field.attname]
            fields[field.attname] = None if value is None else field.to_python(value)
    return fields


def _without_missing_references(model: type[models.Model], fields: dict[str, Any]) -> None:
    """Authors removed since the delete read as nobody; the record survives them."""
    for field in model._meta.concrete_fields:
        if field.is_relation and field.attname in fields and fields[field.attname] is not None:
            target = field.related_model._default_manager.filter(pk=fields[field.attname])
            if not target.exists():
                fields[field.attname] = None


def restore(
    deleted: Deleted, *, kind: UndoKind, parent: models.Model, parent_field: str | None = None, by
):
    """Bring a deleted record back in its place, with its id, values and version, and the
    records that went with it (`kind.children`) with theirs.

    The record's list is its `siblings()`; a record kept in no order (a model without
    `siblings`, such as a dated reading) just comes back. Raises UndoError when it is
    already back.
    The caller's service holds the canvas's lock (when `parent` is not the canvas) and
    records who changed the canvas in the same transaction.
    """
    parent_field = parent_field or kind.parent
    model = deleted.model
    fields = dict(deleted.fields)
    _without_missing_references(model, fields)
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
        ordered = hasattr(record, "siblings")
        if ordered:
            record.position = next_position(record.siblings())
        try:
            with transaction.atomic():
                record.save(force_insert=True)
        except IntegrityError as error:
            raise UndoError(f"That {kind.noun} is already back.") from error
        if born:  # auto_now_add stamps "now" on insert; the record keeps its birth date
            model._default_manager.filter(pk=record.pk).update(**born)
            for name, value in born.items():
                setattr(record, name, value)
        if ordered:
            place(record, record.siblings(), deleted.position)
        _restore_children(record, deleted.children)
    return record


def _restore_children(record: models.Model, children: dict[str, list[dict]]) -> None:
    """Insert the records that were deleted with `record`, as they were: ids, positions,
    versions, authors and dates."""
    for relation, items in children.items():
        model = _relation(type(record), relation).related_model
        rows = []
        for item in items:
            fields = _decoded(model, item["fields"])
            _without_missing_references(model, fields)
            rows.append(model(pk=item["pk"], **fields))
        dated = [
            field.attname
            for field in model._meta.concrete_fields
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        ]
        stamps = [{name: getattr(row, name) for name in dated} for row in rows]
        model._default_manager.bulk_create(rows)  # stamps "now" on the dates...
        if dated and rows:  # ...so they get their own back
            for row, stamp in zip(rows, stamps, strict=True):
                for name, value in stamp.items():
                    setattr(row, name, value)
            model._default_manager.bulk_update(rows, dated)
        for row, item in zip(rows, items, strict=True):
            _restore_children(row, item.get("children", {}))
