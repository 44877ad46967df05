"""Dense ordering for items kept in numbered groups (notes in an area, stages in a journey),
and the one lock order every write follows.

Positions in a group are always 0..n-1, rewritten in a single UPDATE, so no
unique constraint (and no deferrable one) is needed.

The lock order. Two writers that lock the same rows in different orders can
each wait for the other forever (PostgreSQL then kills one: "deadlock
detected"). So every write that changes anything on a canvas locks, in this
order, inside one transaction:

1. the canvas row;
2. the parents of the list it changes, top down (a segment, then a persona);
3. the list's own rows, in primary-key order, before rewriting their positions;

and records who changed the canvas (`Canvas.touch`) last. The helpers here
take these locks themselves, so a caller can't get the order wrong:
`lock_rows` and `ordering_lock` lock the rows they are given *with the rows
above them* (a model names the row above it in `lock_parent`: a persona's
segment, a segment's canvas), top down whatever the order of the arguments;
`place` and `close_gaps` lock the list's rows (SELECT ... FOR NO KEY UPDATE
ORDER BY pk) before rewriting them, and refuse to run outside a transaction.
Row locks are "no key" locks: they queue writers behind each other but don't
block the key-share locks PostgreSQL's foreign-key checks take on parent rows.
On SQLite, whose IMMEDIATE transactions lock the whole database, they are no-ops.

A deadlock or serialization failure that still happens (a writer outside this
code, the admin, a script) is retried by the services (`core.retry`).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import models, transaction
from django.db.transaction import TransactionManagementError

from core.retry import step


def rows_above(row: models.Model) -> list[models.Model]:
    """The rows locked before `row`, top down: the values of `lock_parent`, followed up."""
    chain: list[models.Model] = []
    current = row
    while parent_field := getattr(type(current), "lock_parent", ""):
        current = getattr(current, parent_field)
        chain.insert(0, current)
    return chain


def _lock(rows) -> list[models.Model]:
    """Lock the rows and the rows above them in the lock order; the ones that are gone."""
    levels: dict[tuple[str, object], tuple[int, models.Model]] = {}
    for row in rows:
        for depth, item in enumerate([*rows_above(row), row]):
            levels.setdefault((item._meta.label, item.pk), (depth, item))
    gone = []
    for (_, pk), (_, row) in sorted(levels.items(), key=lambda e: (e[1][0], *e[0])):
        if not type(row)._default_manager.select_for_update(no_key=True).filter(pk=pk).exists():
            gone.append(row)
    return gone


def lock_rows(*rows: models.Model) -> bool:
    """Lock the rows and the rows above them, top down, inside the caller's transaction.

    Whatever order they are given in, the canvas comes first, then each level
    below it, rows of one level in primary-key order. Returns False if a row no
    longer exists (someone deleted it).
    """
    return not _lock(rows)


@contextmanager
def ordering_lock(*parents: models.Model) -> Iterator[None]:
    """Run the block in a transaction holding the lock order's locks on the parents of the
    list it changes (the canvas; a persona and the rows above it).

    Raises a parent's DoesNotExist if it was deleted meanwhile: nothing is added to
    (or reordered in) a list that is gone.
    """
    with step():
        gone = _lock(parents)
        if gone:
            raise type(gone[0]).DoesNotExist(f"The {gone[0]._meta.verbose_name} was deleted.")
        yield


def next_position(siblings: models.QuerySet) -> int:
    """The position that appends a new item at the end of the group."""
    return siblings.count()


def _lock_group(siblings: models.QuerySet) -> list[tuple[int, int]]:
    """Lock the group's rows in primary-key order; their (pk, position), in list order."""
    if not transaction.get_connection(siblings.db).in_atomic_block:
        raise TransactionManagementError(
            "Positions change only inside ordering_lock(...), which holds the lock order."
        )
    rows = list(
        siblings.select_for_update(no_key=True).order_by("pk").values_list("pk", "position")
    )
    return sorted(rows, key=lambda row: (row[1], row[0]))


def _write_positions(model: type[models.Model], current: dict[int, int], ids: list[int]) -> None:
    """Give each id its index as position, in one UPDATE of the rows that change."""
    changed = {pk: index for index, pk in enumerate(ids) if current.get(pk) != index}
    if not changed:
        return
    model._default_manager.filter(pk__in=changed).update(
        position=models.Case(
            *(models.When(pk=pk, then=models.Value(index)) for pk, index in changed.items()),
            output_field=models.IntegerField(),
        )
    )


def place(item: models.Model, siblings: models.QuerySet, position: int) -> int:
    """Put an item (already saved in the group `siblings` describes) at `position`.

    The position is clamped to the group, the others shift to make room, and
    the group is renumbered 0..n-1. Returns the position the item ended at.
    Raises the item's DoesNotExist if it was deleted meanwhile (nothing moves).
    Call inside `ordering_lock`.
    """
    rows = _lock_group(siblings)
    current = dict(rows)
    if item.pk not in current:
        raise type(item).DoesNotExist(f"The {item._meta.verbose_name} was deleted.")
    ids = [pk for pk, _ in rows if pk != item.pk]
    position = max(0, min(position, len(ids)))
    ids.insert(position, item.pk)
    _write_positions(siblings.model, current, ids)
    item.position = position
    return position


def close_gaps(siblings: models.QuerySet) -> None:
    """Renumber a group 0..n-1 after an item left it. Call inside `ordering_lock`."""
    rows = _lock_group(siblings)
    _write_positions(siblings.model, dict(rows), [pk for pk, _ in rows])
