"""Reads on orders, filtered by who is asking."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.orders.models import Order, OrderItem


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


def get_order_for(user: User, order_id: int) -> Order:
    order = with_items(orders_visible_to(user)).filter(id=order_id).first()
    if order is None:
        raise NotFound("order_not_found", _("No such order."))
    return order


def buyer_orders(user: User) -> QuerySet[Order]:
    return with_items(Order.objects.filter(buyer=user)).order_by("-ordered_at", "-id")


def shop_orders(shop_id: int) -> QuerySet[Order]:
    return with_items(Order.objects.filter(shop_id=shop_id)).order_by("-ordered_at", "-id")
