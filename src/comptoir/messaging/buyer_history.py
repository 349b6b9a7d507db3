"""The buyer beside the thread: what a shop knows of one buyer's history with it.

Read for the shop's thread page in five queries, whatever the history's length: the
latest few of each (orders, threads, cases, reviews) and the counts in one statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from comptoir.accounts.models import User
from comptoir.cases.models import Case
from comptoir.consent.models import Consent
from comptoir.messaging.models import Conversation, Folder, Party, Side
from comptoir.orders.models import Order
from comptoir.reviews.models import Review
from comptoir.shops.access import Viewer

LATEST = 5
ACTIVE_CASE = (Case.Status.OPEN, Case.Status.ESCALATED)


@dataclass
class BuyerHistory:
    buyer: User
    email: str  # as the marketplace shared it on the latest order ("" if it did not)
    orders: list[Order] = field(default_factory=list)
    threads: list[Conversation] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    order_count: int = 0
    spent: Decimal = Decimal("0")  # in the shop's currency, cancelled orders left out
    currency: str = ""
    thread_count: int = 0
    case_count: int = 0
    open_case_count: int = 0
    review_count: int = 0
    average_stars: float | None = None
    low_review_count: int = 0
    consent: bool | None = None  # None: never asked or never answered

    @property
    def is_new(self) -> bool:
        return self.order_count == 0


def _count(qs: QuerySet[Any], by: str) -> Coalesce:
    """How many rows of `qs` there are, as a scalar subquery grouped on `by` (0 for none)."""
    counted = qs.order_by().values(by).annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def buyer_history(
    viewer: Viewer, buyer_id: int, *, exclude_thread: int | None = None
) -> BuyerHistory | None:
    """The buyer's history with the viewer's shop (None for a buyer-side viewer)."""
    if viewer.shop is None:
        return None
    shop_id = viewer.shop.id
    mine = Q(shop_id=shop_id, buyer_id=buyer_id)
    orders = Order.objects.filter(mine)
    threads = Party.objects.filter(
        shop_id=shop_id, side=Side.SHOP, conversation__buyer_id=buyer_id
    ).exclude(folder=Folder.DELETED)
    cases = Case.objects.filter(mine)
    reviews = Review.objects.filter(mine)

    # One statement for every figure: a subquery per table, each on its (shop, …) index.
    figures = (
        User.objects.filter(pk=buyer_id)
        .annotate(
            order_count=_count(orders, "buyer_id"),
            spent=Subquery(
                orders.exclude(status=Order.Status.CANCELLED)
                .filter(currency=viewer.shop.currency)
                .order_by()
                .values("buyer_id")
                .annotate(s=Sum("total"))
                .values("s")
            ),
            thread_count=_count(threads.exclude(conversation_id=exclude_thread or 0), "shop_id"),
            case_count=_count(cases, "buyer_id"),
            open_case_count=_count(cases.filter(status__in=ACTIVE_CASE), "buyer_id"),
            review_count=_count(reviews, "buyer_id"),
            low_review_count=_count(reviews.filter(stars__lte=2), "buyer_id"),
            average_stars=Subquery(
                reviews.order_by().values("buyer_id").annotate(a=Avg("stars")).values("a")
            ),
            consent=Subquery(
                Consent.objects.filter(buyer_id=OuterRef("pk"), shop_id=shop_id).values("given")[:1]
            ),
        )
        .first()
    )
    if figures is None:
        return None
    latest_orders = list(orders.order_by("-ordered_at", "-id")[:LATEST])
    history = BuyerHistory(
        buyer=figures,
        email=latest_orders[0].buyer_email if latest_orders else "",
        orders=latest_orders,
        threads=[
            p.conversation
            for p in threads.exclude(conversation_id=exclude_thread or 0)
            .select_related("conversation", "conversation__order", "conversation__shop")
            .order_by("-last_message_at", "-id")[:LATEST]
        ],
        cases=list(cases.select_related("order").order_by("-opened_at", "-id")[:LATEST]),
        reviews=list(reviews.select_related("order").order_by("-reviewed_at", "-id")[:LATEST]),
        order_count=figures.order_count,
        spent=figures.spent or Decimal("0"),
        currency=viewer.shop.currency,
        thread_count=figures.thread_count,
        case_count=figures.case_count,
        open_case_count=figures.open_case_count,
        review_count=figures.review_count,
        low_review_count=figures.low_review_count,
        average_stars=figures.average_stars,
        consent=figures.consent,
    )
    return history
