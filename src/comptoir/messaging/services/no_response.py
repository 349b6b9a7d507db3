""" "No response needed": the seller says a buyer's message wants no answer ("Thanks!").

The marked messages are left out of responsiveness, and the thread leaves the inquiry
board until the buyer writes again. Only the shop's side can mark; folders do not change.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging import listeners
from comptoir.messaging.access import get_parties
from comptoir.messaging.listeners import ThreadsChanged
from comptoir.messaging.live import announce
from comptoir.messaging.models import Message, Party, Side
from comptoir.messaging.services.folders import check_bulk
from comptoir.shops.access import Viewer


def _shop_side(viewer: Viewer) -> None:
    if viewer.side != Side.SHOP:
        raise DomainError("shop_only", _("Only the shop marks messages as needing no response."))


@transaction.atomic
def mark_no_response_needed(*, viewer: Viewer, ids: Sequence[int]) -> list[Party]:
    """Mark the buyer's messages since the shop last wrote, in each of these threads."""
    _shop_side(viewer)
    check_bulk(ids)
    parties = get_parties(viewer, ids, lock=True)
    conversation_ids = [p.conversation_id for p in parties]
    last_shop = dict(
        Message.objects.filter(conversation_id__in=conversation_ids, sender_side=Side.SHOP)
        .values("conversation_id")
        .annotate(last=Max("id"))
        .values_list("conversation_id", "last")
    )
    since_shop = Q()
    for conversation_id in conversation_ids:
        since_shop |= Q(conversation_id=conversation_id, id__gt=last_shop.get(conversation_id, 0))
    Message.objects.filter(since_shop, sender_side=Side.BUYER).update(no_response_needed=True)
    Party.objects.filter(id__in=[p.id for p in parties]).update(awaiting_reply_since=None)
    for party in parties:
        party.awaiting_reply_since = None
    listeners.threads_changed(ThreadsChanged(conversation_ids=tuple(conversation_ids)))
    announce(parties[:1], event="moved")
    return parties


@transaction.atomic
def mark_message_no_response_needed(
    *, viewer: Viewer, conversation_id: int, message_id: int, needed: bool = False
) -> Message:
    """Mark (or unmark) one buyer message of a thread the shop sees."""
    _shop_side(viewer)
    party = get_parties(viewer, [conversation_id], lock=True)[0]
    message = Message.objects.filter(
        id=message_id, conversation_id=conversation_id, sender_side=Side.BUYER
    ).first()
    if message is None or message.id <= party.cleared_through:
        raise NotFound("message_not_found", _("No such message from the buyer here."))
    message.no_response_needed = not needed
    message.save(update_fields=["no_response_needed"])
    waiting = (
        Message.objects.filter(
            conversation_id=conversation_id,
            sender_side=Side.BUYER,
            no_response_needed=False,
            id__gt=Message.objects.filter(
                conversation_id=conversation_id, sender_side=Side.SHOP
            ).aggregate(m=Max("id"))["m"]
            or 0,
        )
        .order_by("id")
        .values_list("created_at", flat=True)
        .first()
    )
    Party.objects.filter(pk=party.pk).update(awaiting_reply_since=waiting)
    listeners.threads_changed(ThreadsChanged(conversation_ids=(conversation_id,)))
    return message
