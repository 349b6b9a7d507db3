"""Support tickets: the seller closes one; the buyer reopens it (or replies, which reopens)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.messaging import listeners
from comptoir.messaging.access import get_party
from comptoir.messaging.listeners import TicketStatusChanged
from comptoir.messaging.models import Conversation, Side, TicketEvent
from comptoir.shops.access import Viewer

Status = Conversation.TicketStatus


def status_set(conversation: Conversation, status: str, *, side: str, author_id: int) -> None:
    """Change a ticket's status, with its line in the ticket's history; listeners hear."""
    before = conversation.ticket_status
    Conversation.objects.filter(pk=conversation.pk).update(ticket_status=status)
    conversation.ticket_status = status
    at = ticket_event(conversation, status, side=side, author_id=author_id)
    listeners.ticket_status_changed(
        TicketStatusChanged(conversation, status_before=before, status=status, side=side, at=at)
    )


def ticket_event(
    conversation: Conversation, status: str, *, side: str, author_id: int | None
) -> datetime:
    """A line in a ticket's history: it was opened or closed, by which side, when."""
    at = clock.now()
    TicketEvent.objects.create(
        conversation=conversation, status=status, side=side, author_id=author_id, at=at
    )
    return at


def _set(viewer: Viewer, conversation_id: int, status: str) -> Conversation:
    party = get_party(viewer, conversation_id, lock=True)
    conversation = party.conversation
    if conversation.kind != Conversation.Kind.SUPPORT_TICKET:
        raise DomainError("not_a_ticket", _("This conversation is not a support ticket."))
    if conversation.ticket_status == status:
        message = (
            _("This ticket is already closed.")
            if status == Status.CLOSED
            else _("This ticket is already open.")
        )
        raise Conflict(f"ticket_already_{status}", message)
    status_set(conversation, status, side=viewer.side, author_id=viewer.user.id)
    return conversation


@transaction.atomic
def ticket_close(*, viewer: Viewer, conversation_id: int) -> Conversation:
    """The seller closes a ticket when no answer is awaited."""
    if viewer.side != Side.SHOP:
        raise DomainError("shop_closes_tickets", _("Only the shop closes a support ticket."))
    return _set(viewer, conversation_id, Status.CLOSED)


@transaction.atomic
def ticket_reopen(*, viewer: Viewer, conversation_id: int) -> Conversation:
    """The buyer reopens a closed ticket."""
    if viewer.side != Side.BUYER:
        raise DomainError("buyer_reopens_tickets", _("Only the buyer reopens a support ticket."))
    return _set(viewer, conversation_id, Status.OPEN)
