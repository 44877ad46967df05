"""Dense ordering for items kept in numbered groups (notes in an area, stages in a journey),
and the one lock order every write follows.

Positions in a group are always 0..n-1. Every change happens inside
`ordering_lock(...)`, which opens a transaction and locks the parent rows (the
canvas, the journey) so concurrent reorders of the same group run one after
another: PostgreSQL waits on the row lock, SQLite on its IMMEDIATE write lock.
Positions are then rewritten in a single UPDATE, so no unique constraint (and
no deferrable one) is needed.

The lock order: a write that changes anything on a canvas locks the canvas row
first, then the parent of the list it changes (a segment, a persona), then the
rows themselves; it records who changed the canvas (`Canvas.touch`) last, in
the same transaction. Writers that all take locks in this order wait for each
other instead of deadlocking.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import models, transaction


def lock_rows(*rows: models.Model) -> None:
    """Lock rows, in the order given (the canvas first), inside the caller's transaction."""
    for row in rows:
        type(row)._default_manager.select_for_update().filter(pk=row.pk).exists()


@contextmanager
def ordering_lock(*parents: models.Model) -> Iterator[None]:
    """Run the block in a transaction that holds the parents' row locks, taken in the
    order given: the canvas first, then the list's own parent if it has one."""
    with transaction.atomic():
        lock_rows(*parents)
        yield


def next_position(siblings: models.QuerySet) -> int:
    """The position that appends a new item at the end of the group."""
    return siblings.count()


def write_positions(model: type[models.Model], ordered_ids: Sequence[int]) -> None:
    """Give each id its index as position, in one UPDATE (only rows that change)."""
    if not ordered_ids:
        return
    current = dict(model._default_manager.filter(pk__in=ordered_ids).values_list("pk", "position"))
    changed = {pk: index for index, pk in enumerate(ordered_ids) if current.get(pk) != index}
    if not changed:
        return
    model._default_manager.filter(pk__in=changed).update(
        position=models.Case(
            *(models.When(pk=pk, then=models.Value(index)) for pk, index in changed.items()),
            output_field=models.IntegerField(),
        )
    )


def ordered_ids(siblings: models.QuerySet, *, excluding: int | None = None) -> list[int]:
    queryset = siblings.order_by("position", "pk")
    if excluding is not None:
        queryset = queryset.exclude(pk=excluding)
    return list(queryset.values_list("pk", flat=True))


def place(item: models.Model, siblings: models.QuerySet, position: int) -> int:
    """Put an item (already saved in the group `siblings` describes) at `position`.

    The position is clamped to the group, the others shift to make room, and
    the group is renumbered 0..n-1. Returns the position the item ended at.
    Call inside `ordering_lock`.
    """
    ids = ordered_ids(siblings, excluding=item.pk)
    position = max(0, min(position, len(ids)))
    ids.insert(position, item.pk)
    write_positions(type(item), ids)
    item.position = position
    return position


def close_gaps(siblings: models.QuerySet) -> None:
    """Renumber a group 0..n-1 after an item left it. Call inside `ordering_lock`."""
    write_positions(siblings.model, ordered_ids(siblings))
