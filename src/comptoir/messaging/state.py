"""Moving a side's copy of a thread and keeping its folder counters exact.

Callers hold the party row locked (select_for_update) inside their transaction, so the
counter changes computed from before → after are exact under concurrent writers.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from comptoir.messaging.models import FolderCount, Party
from comptoir.messaging.rules import SideState, counter_deltas


def side_state(party: Party) -> SideState:
    return SideState(folder=party.folder, unread=party.unread_count)


def owner_of(party: Party) -> dict[str, int | None]:
    if party.shop_id is not None:
        return {"shop_id": party.shop_id}
    return {"buyer_id": party.buyer_id}


def bump(owner: dict[str, int | None], folder: str, threads: int, unread: int) -> None:
    """Add to one folder's counters, creating its row the first time."""
    updated = FolderCount.objects.filter(**owner, folder=folder).update(
        threads=F("threads") + threads, unread_threads=F("unread_threads") + unread
    )
    if updated:
        return
    try:
        with transaction.atomic():
            FolderCount.objects.create(
                **owner, folder=folder, threads=threads, unread_threads=unread
            )
    except IntegrityError:  # another writer created it first
        FolderCount.objects.filter(**owner, folder=folder).update(
            threads=F("threads") + threads, unread_threads=F("unread_threads") + unread
        )


def count_new(party: Party) -> None:
    """Count a copy that has just been created."""
    for folder, (threads, unread) in counter_deltas(
        SideState(folder="deleted", unread=0), side_state(party)
    ).items():
        bump(owner_of(party), folder, threads, unread)


def move(party: Party, after: SideState, **also: object) -> None:
    """Save `party` in its new state (plus other fields) and adjust the counters."""
    before = side_state(party)
    for folder, (threads, unread) in counter_deltas(before, after).items():
        bump(owner_of(party), folder, threads, unread)
    party.folder = after.folder
    party.unread_count = after.unread
    fields = {"folder": after.folder, "unread_count": after.unread, **also}
    for name, value in also.items():
        setattr(party, name, value)
    Party.objects.filter(pk=party.pk).update(**fields)
