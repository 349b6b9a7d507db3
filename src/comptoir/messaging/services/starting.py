"""Starting a thread: a buyer asks a shop (about a listing, the shop, or an order), or a
seller writes to the buyer of an order. Every new thread starts through `thread_start`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.messaging.models import Conversation, Folder, Message, Party, Side
from comptoir.messaging.services.delivery import Thread
from comptoir.messaging.services.drafts import Draft, Outgoing, compose, subject_of
from comptoir.messaging.services.posting import post, screen
from comptoir.messaging.services.tickets import ticket_event
from comptoir.messaging.state import count_new
from comptoir.orders.models import Order
from comptoir.shops.access import Viewer, works_in
from comptoir.shops.models import Shop

Kind = Conversation.Kind
Open = Conversation.TicketStatus.OPEN


@dataclass(frozen=True)
class NewThread:
    """A thread about to be opened: with whom, about what, started by which side."""

    shop: Shop
    buyer_id: int | None  # None: a website visitor, named below
    kind: str
    subject: str
    started_by: str
    listing: Listing | None = None
    order: Order | None = None
    help_reason: str = ""
    visitor_name: str = ""
    visitor_email: str = ""


def thread_start(new: NewThread, outgoing: Outgoing) -> Message:
    """Screen the first message, open the thread, post the message (caller's transaction).

    A thread whose first message is held starts out of the recipient's folders (deleted,
    like a thread they never saw); releasing the message brings it to their inbox.
    """
    about = Conversation(shop=new.shop, buyer_id=new.buyer_id, kind=new.kind, order=new.order)
    screening = screen(about, outgoing)
    thread = _open(new, outgoing, hidden=screening.hold)
    return post(thread, outgoing, screening=screening)


def _open(new: NewThread, outgoing: Outgoing, *, hidden: bool) -> Thread:
    """Create a thread and its copies, empty: the first message follows and applies the
    counters. A support ticket opens with its first event."""
    now = clock.now()
    conversation = Conversation.objects.create(
        shop=new.shop,
        buyer_id=new.buyer_id,
        kind=new.kind,
        subject=new.subject,
        listing=new.listing,
        order=new.order,
        help_reason=new.help_reason,
        ticket_status=Open if new.kind == Kind.SUPPORT_TICKET else "",
        visitor_name=new.visitor_name,
        visitor_email=new.visitor_email,
        started_by=new.started_by,
        last_message_at=now,
    )
    hidden_side = (Side.SHOP if new.started_by == Side.BUYER else Side.BUYER) if hidden else ""
    shop = _copy(conversation, Side.SHOP, hidden_side)
    buyer = _copy(conversation, Side.BUYER, hidden_side) if new.buyer_id is not None else None
    thread = Thread(conversation=conversation, shop=shop, buyer=buyer)
    for party in (thread.shop, thread.buyer):
        if party is not None:
            count_new(party, thread.counters)
    if new.kind == Kind.SUPPORT_TICKET:
        author_id = outgoing.author.id if outgoing.author is not None else None
        ticket_event(conversation, Open, side=new.started_by, author_id=author_id)
    return thread


def _copy(conversation: Conversation, side: str, hidden_side: str) -> Party:
    owner = (
        {"shop": conversation.shop} if side == Side.SHOP else {"buyer_id": conversation.buyer_id}
    )
    return Party.objects.create(
        conversation=conversation,
        side=side,
        kind=conversation.kind,
        folder=Folder.DELETED if side == hidden_side else Folder.INBOX,
        last_message_at=conversation.last_message_at,
        **owner,
    )


@transaction.atomic
def conversation_start(
    *,
    viewer: Viewer,
    kind: str,
    draft: Draft,
    subject: str = "",
    shop: Shop | None = None,
    listing: Listing | None = None,
    order: Order | None = None,
    help_reason: str = "",
) -> Message:
    """A buyer starts a thread: about a listing, to a shop, or about one of their orders.

    The caller has checked that the buyer may see the listing, the shop or the order.
    """
    if viewer.shop is not None:
        raise DomainError("wrong_side", _("Sellers start threads from an order."))
    if viewer.user.buying_revoked and kind in (Kind.LISTING_INQUIRY, Kind.SHOP_INQUIRY):
        raise Conflict(
            "buying_revoked",
            _("Your buying privileges were revoked: you can still get help with past orders."),
        )
    new = _buyer_thread(viewer, kind, subject, shop, listing, order, help_reason)
    _not_own_shop(viewer, new.shop)
    return thread_start(new, compose(viewer, draft))


def _buyer_thread(
    viewer: Viewer,
    kind: str,
    subject: str,
    shop: Shop | None,
    listing: Listing | None,
    order: Order | None,
    help_reason: str,
) -> NewThread:
    """The thread a buyer asks for, checked: each kind needs what it is about."""
    if kind == Kind.LISTING_INQUIRY:
        if listing is None:
            raise DomainError("listing_required", _("Say which listing you are asking about."))
        return NewThread(
            shop=listing.shop,
            buyer_id=viewer.user.id,
            kind=kind,
            subject=subject_of(subject, listing.title),
            started_by=Side.BUYER,
            listing=listing,
        )
    if kind == Kind.SHOP_INQUIRY:
        if shop is None:
            raise DomainError("shop_required", _("Say which shop you are writing to."))
        return NewThread(
            shop=shop,
            buyer_id=viewer.user.id,
            kind=kind,
            subject=subject_of(subject, ""),
            started_by=Side.BUYER,
        )
    if kind not in (Kind.HELP_REQUEST, Kind.SUPPORT_TICKET):
        raise DomainError("invalid_kind", _("Unknown kind of conversation."))
    if order is None or order.buyer_id != viewer.user.id:
        raise DomainError("order_required", _("Say which of your orders this is about."))
    if kind == Kind.HELP_REQUEST and help_reason not in Conversation.HelpReason.values:
        raise DomainError(
            "invalid_reason",
            _("Pick the reason for your help request."),
            fields={"reason": "invalid_choice"},
        )
    if kind == Kind.SUPPORT_TICKET:
        _no_open_ticket(order)
    return NewThread(
        shop=order.shop,
        buyer_id=viewer.user.id,
        kind=kind,
        subject=subject_of(subject, ""),
        started_by=Side.BUYER,
        order=order,
        help_reason=help_reason if kind == Kind.HELP_REQUEST else "",
    )


def _no_open_ticket(order: Order) -> None:
    open_ticket = Conversation.objects.filter(
        order=order, kind=Kind.SUPPORT_TICKET, ticket_status=Open
    ).first()
    if open_ticket is not None:
        raise Conflict(
            "ticket_already_open",
            _("A support ticket is already open for this order: reply there."),
            fields={"conversation_id": str(open_ticket.id)},
        )


def _not_own_shop(viewer: Viewer, shop: Shop) -> None:
    if works_in(viewer.user, shop):
        raise DomainError("own_shop", _("You cannot write to a shop you work in as a buyer."))


@transaction.atomic
def order_conversation_start(
    *, viewer: Viewer, order: Order, draft: Draft, subject: str = ""
) -> Message:
    """A seller writes to the buyer of one of the shop's orders."""
    if viewer.shop is None or order.shop_id != viewer.shop.id:
        raise NotFound("order_not_found", _("No such order in this shop."))
    new = NewThread(
        shop=viewer.shop,
        buyer_id=order.buyer_id,
        kind=Kind.ORDER_MESSAGE,
        subject=subject_of(subject, ""),
        started_by=Side.SHOP,
        order=order,
    )
    return thread_start(new, compose(viewer, draft))
