"""Integration API: talking about an order in its thread, and "waiting on the buyer".

Shop members ask the buyer for what is missing and list the orders waiting on an answer;
a buyer writes to the shop about one of their orders (the order's thread continues)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from comptoir.accounts.access import request_user
from comptoir.core.api import ERRORS
from comptoir.core.errors import NotFound
from comptoir.core.schemas import BodyIn
from comptoir.messaging.order_threads import order_ask_buyer, order_message_send
from comptoir.messaging.services.drafts import MAX_BODY, Draft
from comptoir.orders.models import Missing, Order
from comptoir.orders.schemas import AwaitingBuyerOut, OrderOut
from comptoir.orders.selectors import awaiting_buyer_orders, get_buyer_order_by_external_id
from comptoir.orders.services import AWAITING_DETAIL_MAX, order_await_buyer_stop
from comptoir.shops.access import Viewer, as_buyer, member_viewer

router = Router(tags=["orders"])


class AwaitBuyerIn(BodyIn):
    missing: str = Field(
        description="What the shop needs: " + ", ".join(f"`{v}`" for v in Missing.values)
    )
    detail: str = Field(
        "", max_length=AWAITING_DETAIL_MAX, description="The question in the shop's words."
    )


class AwaitingOrderOut(Schema):
    order_id: str
    buyer_id: str | None
    status: str
    ship_by: date
    awaiting_buyer: AwaitingBuyerOut | None = Field(
        description="What the shop waits for, or null when it waits for nothing."
    )


class AskedOut(AwaitingOrderOut):
    conversation_id: int
    message_id: int


class OrderThreadMessageIn(BodyIn):
    body: str = Field(min_length=1, max_length=MAX_BODY)


class OrderMessageSentOut(Schema):
    conversation_id: int
    message_id: int


def _out(order: Order) -> dict[str, Any]:
    return {
        "order_id": order.external_id,
        "buyer_id": order.buyer.external_id,
        "status": order.status,
        "ship_by": order.ship_by,
        "awaiting_buyer": OrderOut.resolve_awaiting_buyer(order),
    }


def _shop_order(request: HttpRequest, shop_id: str, order_id: str) -> tuple[Viewer, Order]:
    viewer = member_viewer(request_user(request), external_id=shop_id)
    order = (
        Order.objects.select_related("shop", "buyer")
        .filter(shop=viewer.shop, external_id=order_id)
        .first()
    )
    if order is None:
        raise NotFound("order_not_found", _("No such order in this shop."))
    return viewer, order


@router.put(
    "/shops/{shop_id}/orders/{order_id}/awaiting-buyer",
    response={200: AskedOut, **ERRORS},
    summary="Wait on the buyer: ask them for what is missing",
    description="Marks the unshipped order as waiting on the buyer's answer and posts the "
    "question in the order's thread (started when there is none). The buyer's next message "
    "there ends the wait. Emits `order.awaiting_buyer_changed`. 409 `order_not_open` once "
    "the order has shipped or was cancelled.",
)
def awaiting_buyer_put(
    request: HttpRequest, shop_id: str, order_id: str, payload: AwaitBuyerIn
) -> dict[str, Any]:
    viewer, order = _shop_order(request, shop_id, order_id)
    message = order_ask_buyer(
        viewer=viewer, order=order, missing=payload.missing, detail=payload.detail
    )
    order.refresh_from_db()
    return {
        **_out(order),
        "conversation_id": message.conversation_id,
        "message_id": message.id,
    }


@router.delete(
    "/shops/{shop_id}/orders/{order_id}/awaiting-buyer",
    response={200: AwaitingOrderOut, **ERRORS},
    summary="Stop waiting on the buyer",
)
def awaiting_buyer_delete(request: HttpRequest, shop_id: str, order_id: str) -> dict[str, Any]:
    _viewer, order = _shop_order(request, shop_id, order_id)
    return _out(order_await_buyer_stop(order=order))


@router.get(
    "/shops/{shop_id}/awaiting-buyer",
    response={200: list[AwaitingOrderOut], **ERRORS},
    summary="The shop's orders waiting on the buyer, soonest ship-by date first",
)
def awaiting_buyer_list(request: HttpRequest, shop_id: str) -> list[dict[str, Any]]:
    viewer = member_viewer(request_user(request), external_id=shop_id)
    return [_out(o) for o in awaiting_buyer_orders(viewer)]


@router.post(
    "/me/orders/{order_id}/messages",
    response={201: OrderMessageSentOut, **ERRORS},
    summary="Write to the shop about my order (in the order's thread)",
    description="Continues the order's thread (its latest message about the order or help "
    "request), or starts one. Answers a note to the customer, or the shop's question when "
    "it waits on the buyer (which this ends).",
)
def my_order_message(
    request: HttpRequest, order_id: str, payload: OrderThreadMessageIn
) -> Status[dict[str, int]]:
    user = request_user(request)
    order = get_buyer_order_by_external_id(user, order_id)
    viewer = as_buyer(user)
    message = order_message_send(viewer=viewer, order=order, draft=Draft(body=payload.body))
    return Status(201, {"conversation_id": message.conversation_id, "message_id": message.id})
