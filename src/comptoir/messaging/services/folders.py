"""Folder and read-state actions on one thread or many (all or nothing)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.messaging import listeners
from comptoir.messaging.access import get_parties
from comptoir.messaging.listeners import Move, ThreadsChanged, ThreadsMoved
from comptoir.messaging.live import announce
from comptoir.messaging.models import Message, Party, Side
from comptoir.messaging.rules import Action, RuleBroken, apply_action, still_spam
from comptoir.messaging.state import Counters, move, side_state
from comptoir.shops.access import Viewer

BULK_LIMIT = 500


def check_bulk(ids: Sequence[int]) -> None:
    if not ids:
        raise DomainError(
            "no_conversations", _("Pick at least one conversation."), fields={"ids": "required"}
        )
    if len(ids) > BULK_LIMIT:
        raise DomainError(
            "too_many_conversations",
            _("At most %(n)d conversations at once.") % {"n": BULK_LIMIT},
            fields={"ids": "too_many"},
        )


_MESSAGES = {
    "not_in_trash": lambda: _("Only a conversation in the trash can be restored or deleted."),
    "not_in_spam": lambda: _("This conversation is not in spam."),
    "not_in_inbox": lambda: _("Only a conversation in the inbox can be archived."),
    "not_in_archive": lambda: _("This conversation is not archived."),
    "not_found": lambda: _("No such conversation."),
}


@transaction.atomic
def conversations_act(*, viewer: Viewer, ids: Sequence[int], action: Action) -> list[Party]:
    """Apply `action` to the viewer's copies of these threads; any refusal writes nothing."""
    check_bulk(ids)
    parties = get_parties(viewer, ids, lock=True)
    planned = []
    for party in parties:
        try:
            planned.append((party, apply_action(side_state(party), action)))
        except RuleBroken as broken:
            raise Conflict(
                broken.code,
                _MESSAGES[broken.code](),
                fields={"ids": str(party.conversation_id)},
            ) from None
    now = clock.now()
    counters = Counters()
    last_ids: dict[int, int] = {}
    if action is Action.DELETE_FOREVER:
        last_ids = dict(
            Message.objects.filter(conversation_id__in=[p.conversation_id for p in parties])
            .values("conversation_id")
            .annotate(last=Max("id"))
            .values_list("conversation_id", "last")
        )
        Party.labels.through.objects.filter(party__in=parties).delete()
    moves = []
    for party, after in planned:
        moves.append(
            Move(
                party.conversation_id, party.folder, after.folder, party.unread_count, after.unread
            )
        )
        extra: dict[str, object] = {}
        if action is Action.READ:
            extra["last_read_at"] = now
        if action is Action.DELETE_FOREVER:
            extra.update(
                cleared_through=last_ids.get(party.conversation_id, 0), awaiting_reply_since=None
            )
        marked = still_spam(party.marked_spam_at is not None, after.folder)
        if marked != (party.marked_spam_at is not None):
            extra["marked_spam_at"] = now if marked else None
        move(party, after, counters, **extra)
    if action in (Action.SPAM, Action.NOT_SPAM, Action.RESTORE) and viewer.side == Side.SHOP:
        changed = tuple(p.conversation_id for p in parties)
        listeners.threads_changed(ThreadsChanged(conversation_ids=changed))
    listeners.moved(ThreadsMoved(side=viewer.side, action=action, moves=tuple(moves), at=now))
    # Last, as every write does: the counter rows are the most shared (decision 0016).
    counters.apply()
    # One signal: the side's pages refresh.
    announce(parties[:1], event="moved", unread=counters.unread_after)
    return parties
