"""Moving a side's copy of a thread and keeping its folder counters exact.

Callers hold the party rows locked (select_for_update, in id order) inside their
transaction, so the counter changes computed from before → after are exact under
concurrent writers. Counter rows are then updated in one fixed order (shops before buyers,
by id, by folder), so two transactions never wait on each other's counters in a cycle.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, connection, transaction

from comptoir.core.sql import update
from comptoir.messaging.models import FolderCount, Party
from comptoir.messaging.rules import DELETED, SideState, counter_deltas

OwnerKey = tuple[int, int, str]  # (0 for a shop or 1 for a buyer, owner id, folder)


def side_state(party: Party) -> SideState:
    return SideState(folder=party.folder, unread=party.unread_count)


def _owner_key(party: Party, folder: str) -> OwnerKey:
    # A plain str: a Folder member hashes by its name, so it would not find "inbox".
    folder = str(folder)
    if party.shop_id is not None:
        return (0, party.shop_id, folder)
    assert party.buyer_id is not None
    return (1, party.buyer_id, folder)


_COUNTS = FolderCount._meta.db_table
_BUMP = {
    kind: (
        f"UPDATE {_COUNTS} SET threads = threads + %s, "  # noqa: S608
        f"unread_threads = unread_threads + %s WHERE {owner} = %s AND folder = %s "
        "RETURNING unread_threads"
    )
    for kind, owner in ((0, "shop_id"), (1, "buyer_id"))
}


def inbox_key(party: Party) -> OwnerKey:
    """The counter row of the inbox `party`'s owner reads its badge from."""
    return _owner_key(party, "inbox")


def _bump(key: OwnerKey, threads: int, unread: int) -> int:
    """Add to one folder's counters, creating its row the first time; its unread count
    after (one statement: the live update's badge needs no second read)."""
    kind, owner_id, folder = key
    with connection.cursor() as cursor:
        cursor.execute(_BUMP[kind], [threads, unread, owner_id, folder])
        row = cursor.fetchone()
    if row is not None:
        return int(row[0])
    owner = {"shop_id": owner_id} if kind == 0 else {"buyer_id": owner_id}
    try:
        with transaction.atomic():
            FolderCount.objects.create(
                **owner, folder=folder, threads=threads, unread_threads=unread
            )
        return unread
    except IntegrityError:  # another writer created it first
        return _bump(key, threads, unread)


class Counters:
    """Counter changes gathered during one write, applied together in a fixed order."""

    def __init__(self) -> None:
        self.deltas: defaultdict[OwnerKey, list[int]] = defaultdict(lambda: [0, 0])
        # Unread counts after `apply`, of the rows it changed (for the live update).
        self.unread_after: dict[OwnerKey, int] = {}

    def add(self, party: Party, before: SideState, after: SideState) -> None:
        for folder, (threads, unread) in counter_deltas(before, after).items():
            delta = self.deltas[_owner_key(party, folder)]
            delta[0] += threads
            delta[1] += unread

    def apply(self) -> None:
        for key in sorted(self.deltas):
            threads, unread = self.deltas[key]
            if threads or unread:
                self.unread_after[key] = _bump(key, threads, unread)
        self.deltas.clear()


def count_new(party: Party, counters: Counters) -> None:
    """Count a copy that has just been created."""
    counters.add(party, SideState(folder=DELETED, unread=0), side_state(party))


def move(party: Party, after: SideState, counters: Counters, **also: object) -> None:
    """Save `party` in its new state (plus other fields) and note the counter changes."""
    counters.add(party, side_state(party), after)
    party.folder = after.folder
    party.unread_count = after.unread
    for name, value in also.items():
        setattr(party, name, value)
    update(Party, party.pk, folder=after.folder, unread_count=after.unread, **also)
