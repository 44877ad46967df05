"""Copying a canvas's records into another canvas (used by "Duplicate").

Each app copies what it owns onto the copy (`customers.services.copy_customers`,
`investment.services.copy_investment`); `fresh_copy` is the one rule
they share: a copy is a new record at version 1, written by whoever copied it.
"""

from django.db import models


def fresh_copy(record: models.Model, *, by, **changes) -> models.Model:
    """An unsaved copy of `record` with `changes`, a new id, version 1 and `by` as author."""
    copy = type(record)()
    for field in record._meta.concrete_fields:
        if not field.primary_key:
            setattr(copy, field.attname, getattr(record, field.attname))
    for field in ("created_by", "updated_by"):
        if hasattr(copy, f"{field}_id"):
            setattr(copy, field, by)
    if hasattr(copy, "version"):
        copy.version = 1
    for name, value in changes.items():
        setattr(copy, name, value)
    return copy
