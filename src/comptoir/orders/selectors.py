"""Reads on orders, filtered by who is asking."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from comptoir.accounts.models import User
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


def buyer_orders(user: User) -> QuerySet[Order]:
    return with_items(Order.objects.filter(buyer=user)).order_by("-ordered_at", "-id")
