"""The order's thread: where the shop and the buyer talk about one order.

Both order pages write through here: the seller's "Message the buyer" and "Waiting on the
buyer", the buyer's answer to a note. Each continues the order's thread when there is one
and starts it otherwise, so an order's talk stays in one place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.models import Conversation, Folder, Message, Party, Side
from comptoir.messaging.services.drafts import Draft, compose
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import (
    NewThread,
    order_conversation_start,
    thread_start,
)
from comptoir.orders.models import Missing, Order
from comptoir.orders.services import order_await_buyer
from comptoir.shops.access import Viewer, works_in

Kind = Conversation.Kind
# Threads that carry an order's everyday talk. A support ticket has its own life (open,
# closed) and is answered where it is; a marketing message is not about the order.
ORDER_TALK = (Kind.ORDER_MESSAGE, Kind.HELP_REQUEST)


def order_thread_for(viewer: Viewer, order: Order) -> Conversation | None:
    """The thread an order's talk continues in, seen from the viewer's side: the most
    recent message about the order or help request whose copy this side still holds."""
    copies = Party.objects.filter(
        conversation__order=order, kind__in=ORDER_TALK, **viewer.owner()
    ).exclude(folder=Folder.DELETED)
    party = copies.select_related("conversation").order_by("-last_message_at", "-id").first()
    return party.conversation if party is not None else None


def _check(viewer: Viewer, order: Order) -> None:
    if viewer.shop is not None:
        if order.shop_id != viewer.shop.id:
            raise NotFound("order_not_found", _("No such order in this shop."))
    elif order.buyer_id != viewer.user.id:
        raise NotFound("order_not_found", _("No such order."))


@transaction.atomic
def order_message_send(*, viewer: Viewer, order: Order, draft: Draft) -> Message:
    """Write about the order: in its thread, or in a new one started by the writer."""
    _check(viewer, order)
    thread = order_thread_for(viewer, order)
    if thread is not None:
        return message_reply(viewer=viewer, conversation_id=thread.id, draft=draft)
    if viewer.shop is not None:
        return order_conversation_start(viewer=viewer, order=order, draft=draft)
    if works_in(viewer.user, order.shop_id):
        raise DomainError("own_shop", _("You cannot write to a shop you work in as a buyer."))
    new = NewThread(
        shop=order.shop,
        buyer_id=viewer.user.id,
        kind=Kind.ORDER_MESSAGE,
        subject="",
        started_by=Side.BUYER,
        order=order,
    )
    return thread_start(new, compose(viewer, draft))


def question_text(order: Order, missing: str, detail: str, language: str) -> str:
    """The shop's question, in the buyer's language: what is missing and why it matters."""
    with translation.override(language):
        asks = {
            Missing.PERSONALISATION: _(
                "To make your order %(order)s we need your personalisation."
            ),
            Missing.ADDRESS: _(
                "To ship your order %(order)s we need to check your shipping address."
            ),
            Missing.PHONE: _(
                "To ship your order %(order)s the carrier needs a phone number to reach you."
            ),
            Missing.OTHER: _("To ship your order %(order)s we need an answer from you."),
        }[Missing(missing)] % {"order": order.external_id}
        lines = [asks]
        if detail:
            lines.append(detail)
        lines.append(
            _("Please answer in this conversation before %(day)s, the day we should ship it.")
            % {"day": date_format(order.ship_by, "SHORT_DATE_FORMAT")}
        )
    return "\n\n".join(lines)


@transaction.atomic
def order_ask_buyer(*, viewer: Viewer, order: Order, missing: str, detail: str = "") -> Message:
    """Mark the order as waiting on the buyer and ask them in the order's thread."""
    if viewer.shop is None:
        raise DomainError("wrong_side", _("Only the shop waits on the buyer."))
    _check(viewer, order)
    waiting = order_await_buyer(order=order, missing=missing, detail=detail)
    language = waiting.buyer.language or settings.LANGUAGE_CODE
    body = question_text(waiting, missing, detail.strip(), language)
    return order_message_send(viewer=viewer, order=waiting, draft=Draft(body=body))
