"""Integration API: orders, by the marketplace's ids."""

from __future__ import annotations

from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status

from comptoir.accounts.auth import require_integration
from comptoir.accounts.models import User
from comptoir.core.api import ERRORS, PageOf, Paging, answer, one_or_404, page_of
from comptoir.orders.models import Order, OrderItem, OrderNote
from comptoir.orders.schemas import NoteIn, NoteOut, OrderIn, OrderOut
from comptoir.orders.services import (
    BuyerInput,
    ItemInput,
    OrderInput,
    order_note_add,
    order_upsert,
)
from comptoir.shops.access import shop_not_found, works_in
from comptoir.shops.models import Shop
from comptoir.shops.selectors import get_shop_by_external_id

router = Router(tags=["orders"])


class OrderFilters(Paging):
    status: Literal["paid", "shipped", "delivered", "cancelled"] | None = Field(None)


def orders() -> QuerySet[Order]:
    return Order.objects.select_related("shop", "buyer").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.select_related("listing").order_by("id"))
    )


def get_shop_order(shop: Shop, order_id: str) -> Order:
    return one_or_404(
        orders(),
        "order_not_found",
        _("No such order in this shop."),
        shop=shop,
        external_id=order_id,
    )


@router.put(
    "/shops/{shop_id}/orders/{order_id}",
    response={200: OrderOut, 201: OrderOut, **ERRORS},
    summary="Create or update an order",
    description="A new order needs a shop that is active (409 shop_not_accepting_orders).",
)
def order_put(
    request: HttpRequest, response: HttpResponse, shop_id: str, order_id: str, payload: OrderIn
) -> Status[Order]:
    require_integration(request)
    shop = get_shop_by_external_id(shop_id)
    data = OrderInput(
        external_id=order_id,
        buyer=BuyerInput(
            external_id=payload.buyer.id,
            email=payload.buyer.email,
            display_name=payload.buyer.display_name,
            language=payload.buyer.language,
        ),
        items=[
            ItemInput(
                title=i.title,
                unit_price=i.unit_price,
                quantity=i.quantity,
                listing_external_id=i.listing_id,
                personalisation=i.personalisation,
            )
            for i in payload.items
        ],
        **payload.dict(exclude={"buyer", "items"}),
    )
    order, outcome = order_upsert(shop=shop, data=data)
    return Status(answer(response, outcome), get_shop_order(shop, order.external_id))


@router.get(
    "/shops/{shop_id}/orders/{order_id}",
    response={200: OrderOut, **ERRORS},
    summary="Read an order",
)
def order_read(request: HttpRequest, shop_id: str, order_id: str) -> Order:
    require_integration(request)
    return get_shop_order(get_shop_by_external_id(shop_id), order_id)


@router.get(
    "/shops/{shop_id}/orders",
    response={200: PageOf[OrderOut], **ERRORS},
    summary="List a shop's orders, newest first",
)
def order_list(
    request: HttpRequest, shop_id: str, filters: Query[OrderFilters]
) -> dict[str, object]:
    require_integration(request)
    qs = orders().filter(shop=get_shop_by_external_id(shop_id))
    if filters.status:
        qs = qs.filter(status=filters.status)
    return page_of(qs, order=("-ordered_at", "-id"), paging=filters)


# --- Order notes (shop members and the buyer, not the integration) -----------------------


def _member_order(request: HttpRequest, shop_id: str, order_id: str) -> Order:
    """An order of a shop the caller works in; NotFound otherwise (no probing)."""
    shop = get_shop_by_external_id(shop_id)
    user = request.user
    assert isinstance(user, User)
    if not works_in(user, shop):
        raise shop_not_found()
    return one_or_404(
        Order.objects.select_related("shop", "buyer"),
        "order_not_found",
        _("No such order in this shop."),
        shop=shop,
        external_id=order_id,
    )


@router.get(
    "/shops/{shop_id}/orders/{order_id}/notes",
    response={200: list[NoteOut], **ERRORS},
    summary="An order's notes, for the shop",
)
def order_notes(request: HttpRequest, shop_id: str, order_id: str) -> list[OrderNote]:
    order = _member_order(request, shop_id, order_id)
    return list(order.notes.select_related("author").order_by("created_at", "id"))


@router.post(
    "/shops/{shop_id}/orders/{order_id}/notes",
    response={201: NoteOut, **ERRORS},
    summary="Add a note: private to the shop, or to the customer (e-mailed)",
)
def order_note_create(
    request: HttpRequest, shop_id: str, order_id: str, payload: NoteIn
) -> Status[OrderNote]:
    order = _member_order(request, shop_id, order_id)
    author = request.user
    assert isinstance(author, User)
    note = order_note_add(
        order=order, author=author, visibility=payload.visibility, body=payload.body
    )
    return Status(201, note)


@router.get(
    "/me/orders/{order_id}/notes",
    response={200: list[NoteOut], **ERRORS},
    summary="The notes the shop wrote to me about my order",
)
def my_order_notes(request: HttpRequest, order_id: str) -> list[OrderNote]:
    order = one_or_404(
        Order.objects.all(),
        "order_not_found",
        _("No such order."),
        buyer_id=request.user.pk,
        external_id=order_id,
    )
    return list(
        order.notes.filter(visibility=OrderNote.Visibility.CUSTOMER)
        .select_related("author")
        .order_by("created_at", "id")
    )
