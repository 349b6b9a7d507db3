"""Reads on orders, filtered by who is asking."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.orders.models import Order, OrderItem
from comptoir.shops.access import Viewer


def orders_visible_to(user: User) -> QuerySet[Order]:
    """A buyer's own orders, their shops' orders, or all of them for Trust & Safety."""
    if not user.is_authenticated:
        return Order.objects.none()
    if user.is_trust_and_safety:
        return Order.objects.all()
    return Order.objects.filter(Q(buyer=user) | Q(shop__memberships__user=user)).distinct()


def with_items(qs: QuerySet[Order]) -> QuerySet[Order]:
    return qs.select_related("shop", "buyer").prefetch_related(
        Prefetch("items", queryset=OrderItem.objects.order_by("id"))
    )


def buyer_orders(user: User) -> QuerySet[Order]:
    return with_items(Order.objects.filter(buyer=user)).order_by("-ordered_at", "-id")


def get_buyer_order(user: User, order_id: int) -> Order:
    """One of the buyer's own orders, with its shop; NotFound for anyone else's."""
    order = (
        Order.objects.select_related("shop", "buyer").filter(pk=order_id, buyer_id=user.pk).first()
        if user.is_authenticated
        else None
    )
    if order is None:
        raise NotFound("order_not_found", _("No such order."))
    return order


def get_buyer_order_by_external_id(user: User, external_id: str) -> Order:
    """For the buyer's API: one of their own orders by the marketplace's id."""
    order = (
        Order.objects.select_related("shop", "buyer")
        .filter(external_id=external_id, buyer_id=user.pk)
        .first()
        if user.is_authenticated
        else None
    )
    if order is None:
        raise NotFound("order_not_found", _("No such order."))
    return order


def get_shop_order(viewer: Viewer, order_id: int) -> Order:
    """One of the viewer's shop's orders, with its buyer; NotFound for any other."""
    if viewer.shop is None:
        raise NotFound("order_not_found", _("No such order in this shop."))
    order = (
        Order.objects.select_related("shop", "buyer")
        .filter(pk=order_id, shop_id=viewer.shop.id)
        .first()
    )
    if order is None:
        raise NotFound("order_not_found", _("No such order in this shop."))
    return order


def awaiting_buyer_orders(viewer: Viewer, limit: int = 200) -> list[Order]:
    """The shop's unshipped orders waiting on the buyer's answer, soonest ship-by first."""
    if viewer.shop is None:
        return []
    return list(
        Order.objects.filter(
            shop_id=viewer.shop.id, awaiting_buyer_since__isnull=False, status=Order.Status.PAID
        )
        .select_related("buyer")
        .order_by("ship_by", "id")[:limit]
    )
