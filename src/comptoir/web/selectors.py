"""Reads behind the web pages: each home in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from comptoir.accounts.models import User
from comptoir.cases.models import Case
from comptoir.catalog.models import Listing
from comptoir.catalog.selectors import shop_listings
from comptoir.core import clock
from comptoir.core.pagination import Page, keyset_page
from comptoir.orders.models import Order, OrderItem
from comptoir.reviews.models import Review
from comptoir.shops.access import memberships_of
from comptoir.shops.models import Shop
from comptoir.shops.selectors import shops_with_status

ACTIVE_CASE = [Case.Status.OPEN, Case.Status.ESCALATED]


def buyer_orders(user: User, limit: int = 50) -> list[Order]:
    """The buyer's latest orders, with items, review and cases (3 queries)."""
    return list(
        Order.objects.filter(buyer=user)
        .select_related("shop", "review")
        .prefetch_related(
            Prefetch("items", queryset=OrderItem.objects.order_by("id")),
            Prefetch("cases", queryset=Case.objects.order_by("-opened_at")),
        )
        .order_by("-ordered_at", "-id")[:limit]
    )


@dataclass
class ShopOverview:
    shop: Shop
    role: str
    to_ship: list[Order] = field(default_factory=list)
    late_count: int = 0
    to_ship_count: int = 0
    waiting_count: int = 0  # paid orders waiting on the buyer's answer
    reviews: list[Review] = field(default_factory=list)
    open_cases: list[Case] = field(default_factory=list)


def seller_overview(user: User, today: date, per_shop: int = 8) -> list[ShopOverview]:
    """Shop Manager at a glance for each shop the user works in, in a fixed number of queries."""
    memberships = memberships_of(user)
    overviews = {
        m.shop_id: ShopOverview(shop=m.shop, role=m.get_role_display()) for m in memberships
    }
    if not overviews:
        return []
    shop_ids = list(overviews)
    paid = Order.objects.filter(shop_id__in=shop_ids, status=Order.Status.PAID)
    counts = paid.values("shop_id").annotate(
        total=Count("id"),
        late=Count("id", filter=Q(ship_by__lt=today)),
        waiting=Count("id", filter=Q(awaiting_buyer_since__isnull=False)),
    )
    for row in counts:
        overviews[row["shop_id"]].to_ship_count = row["total"]
        overviews[row["shop_id"]].late_count = row["late"]
        overviews[row["shop_id"]].waiting_count = row["waiting"]
    grouped: dict[int, list[Order]] = defaultdict(list)
    for order in paid.select_related("buyer").order_by("ship_by", "id")[: per_shop * len(shop_ids)]:
        grouped[order.shop_id].append(order)
    for shop_id, orders in grouped.items():
        overviews[shop_id].to_ship = orders[:per_shop]
    reviews = Review.objects.filter(shop_id__in=shop_ids).select_related("buyer", "order")
    for review in reviews.order_by("-reviewed_at", "-id")[: per_shop * len(shop_ids)]:
        if len(overviews[review.shop_id].reviews) < per_shop:
            overviews[review.shop_id].reviews.append(review)
    cases = Case.objects.filter(shop_id__in=shop_ids, status__in=ACTIVE_CASE)
    for case in cases.select_related("order", "buyer").order_by("opened_at", "id")[:200]:
        overviews[case.shop_id].open_cases.append(case)
    return list(overviews.values())


def _count(model: type[Order] | type[Review] | type[Case], **filters: object) -> Coalesce:
    subquery = (
        model.objects.filter(shop=OuterRef("pk"), **filters)
        .order_by()
        .values("shop")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def staff_shop_table(*, status: str | None, cursor: str | None, limit: int = 50) -> Page[Shop]:
    """Every shop with its order, low-review and open-case counts: one query a page."""
    shops: QuerySet[Shop] = Shop.objects.annotate(
        order_count=_count(Order),
        low_review_count=_count(Review, stars__lte=2),
        open_case_count=_count(Case, status__in=ACTIVE_CASE),
    )
    if status:
        shops = shops_with_status(shops, status, clock.now().astimezone(UTC).date())
    return keyset_page(shops, order=("name", "id"), cursor=cursor, limit=limit)


def shop_page_listings(shop: Shop, viewer: User | None) -> list[Listing]:
    return list(shop_listings(shop, viewer)[:60])
