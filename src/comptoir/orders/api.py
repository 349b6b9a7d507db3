"""Integration API: orders, by the marketplace's ids."""

from __future__ import annotations

from typing import Literal

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Status

from comptoir.accounts.auth import require_integration
from comptoir.core.api import ERRORS, PageOf, Paging, answer, one_or_404, page_of
from comptoir.orders.models import Order, OrderItem
from comptoir.orders.schemas import OrderIn, OrderOut
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
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
