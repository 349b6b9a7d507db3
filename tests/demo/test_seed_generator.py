"""`comptoir seed`: the bulk generator behind it."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import Count

from comptoir.accounts.models import User
from comptoir.cases.eligibility import OrderTiming, case_eligibility
from comptoir.cases.models import Case
from comptoir.catalog.models import Listing, ShippingProfile
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.demo.seed import SeedReport, generate
from comptoir.orders.models import Order, OrderItem
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.policies import SECTIONS, check_policy_options
from comptoir.shops.services import shop_upsert

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SMALL = {"shops": 5, "buyers": 50, "orders": 500}


def seeded(seed: int = 3, **sizes: int) -> SeedReport:
    with clock.frozen_at(NOW):
        return generate(seed=seed, **(sizes or SMALL))


def digest(prefix: str) -> str:
    """A fingerprint of every row a seed made, by marketplace ids (database ids aside)."""
    queries = [
        User.objects.filter(external_id__startswith=prefix).order_by("external_id").values_list(
            "external_id", "username", "password", "first_name", "last_name", "email",
            "display_name", "language", "time_zone", "is_staff", "is_active",
        ),
        Shop.objects.filter(external_id__startswith=prefix).order_by("external_id").values_list(
            "external_id", "name", "slug", "about", "time_zone", "currency", "status",
            "searchable", "vacation_mode", "vacation_message", "vacation_starts_on",
            "vacation_ends_on", "payout_hold", "first_sale_at",
        ),
        ShopMember.objects.filter(shop__external_id__startswith=prefix)
        .order_by("shop__external_id", "user__external_id")
        .values_list("shop__external_id", "user__external_id", "role"),
        ShopPolicy.objects.filter(shop__external_id__startswith=prefix)
        .order_by("shop__external_id", "section")
        .values_list("shop__external_id", "section", "options", "text"),
        ShippingProfile.objects.filter(external_id__startswith=prefix)
        .order_by("external_id")
        .values_list(
            "external_id", "shop__external_id", "name", "origin_country", "processing_days_min",
            "processing_days_max", "delivery_days_min", "delivery_days_max", "cost",
        ),
        Listing.objects.filter(external_id__startswith=prefix)
        .order_by("external_id")
        .values_list(
            "external_id", "shop__external_id", "title", "description", "specifications",
            "price", "currency", "quantity", "state", "shipping_profile__external_id",
            "processing_days_min", "processing_days_max", "private_for__external_id",
        ),
        Order.objects.filter(external_id__startswith=prefix)
        .order_by("external_id")
        .values_list(
            "external_id", "shop__external_id", "buyer__external_id", "status", "ordered_at",
            "ship_by", "estimated_delivery_on", "shipped_at", "delivered_at", "cancelled_at",
            "tracking_carrier", "tracking_number", "total", "currency", "buyer_email",
            "shipping_address", "buyer_first_message_at",
        ),
        OrderItem.objects.filter(order__external_id__startswith=prefix)
        .order_by("order__external_id", "listing__external_id")
        .values_list(
            "order__external_id", "listing__external_id", "title", "quantity", "unit_price",
            "personalisation",
        ),
        Review.objects.filter(external_id__startswith=prefix)
        .order_by("external_id")
        .values_list(
            "external_id", "order__external_id", "shop__external_id", "buyer__external_id",
            "listing__external_id", "stars", "text", "reviewed_at", "seller_reply",
            "seller_replied_at",
        ),
        Case.objects.filter(external_id__startswith=prefix)
        .order_by("external_id")
        .values_list(
            "external_id", "order__external_id", "shop__external_id", "buyer__external_id",
            "type", "status", "resolution", "description", "opened_at", "escalated_at",
            "resolved_at", "closed_at",
        ),
    ]  # fmt: skip
    fingerprint = hashlib.sha256()
    for query in queries:
        for row in query:
            fingerprint.update(repr(row).encode())
    return fingerprint.hexdigest()


def delete_seed(prefix: str) -> None:
    Case.objects.filter(external_id__startswith=prefix).delete()
    Review.objects.filter(external_id__startswith=prefix).delete()
    Order.objects.filter(external_id__startswith=prefix).delete()
    Listing.objects.filter(external_id__startswith=prefix).delete()  # protects its profile
    Shop.objects.filter(external_id__startswith=prefix).delete()
    User.objects.filter(external_id__startswith=prefix).delete()


def test_it_makes_exactly_what_was_asked() -> None:
    lines: list[str] = []
    with clock.frozen_at(NOW):
        report = generate(seed=3, progress=lines.append, **SMALL)

    assert (report.shops, report.buyers, report.orders) == (5, 50, 500)
    assert Shop.objects.count() == 5
    assert User.objects.filter(external_id__startswith="s3-buyer-").count() == 50
    assert Order.objects.count() == 500
    assert Listing.objects.count() == report.listings
    assert 5 * 5 <= report.listings <= 5 * 15
    assert OrderItem.objects.count() == report.items >= 500
    assert Review.objects.count() == report.reviews > 0
    assert Case.objects.count() == report.cases
    assert report.seconds > 0
    assert "orders 500/500" in lines


def test_the_same_seed_makes_the_same_marketplace() -> None:
    seeded(seed=11)
    first = digest("s11-")
    delete_seed("s11-")
    assert Order.objects.count() == 0

    seeded(seed=11)

    assert digest("s11-") == first


def test_seeds_live_side_by_side_and_differ() -> None:
    seeded(seed=1)
    seeded(seed=2)

    assert Order.objects.count() == 1000
    assert digest("s1-") != digest("s2-")


def test_the_same_seed_twice_is_refused_before_writing() -> None:
    seeded(seed=5, shops=2, buyers=10, orders=30)
    counts = (User.objects.count(), Shop.objects.count(), Order.objects.count())

    with pytest.raises(Conflict) as error:
        seeded(seed=5, shops=2, buyers=10, orders=30)

    assert error.value.code == "seed_exists"
    assert (User.objects.count(), Shop.objects.count(), Order.objects.count()) == counts


@pytest.mark.parametrize(
    "sizes", [{"shops": -1, "buyers": 1, "orders": 1}, {"shops": 0, "buyers": 5, "orders": 5}]
)
def test_impossible_sizes_are_refused(sizes: dict[str, int]) -> None:
    with pytest.raises(DomainError) as error:
        generate(seed=9, **sizes)
    assert error.value.code == "invalid_size"
    assert User.objects.count() == 0


def test_no_generated_case_breaks_the_timing_rule() -> None:
    seeded(seed=4, shops=10, buyers=200, orders=6000)

    cases = list(Case.objects.select_related("order__shop"))
    assert 20 <= len(cases) <= 120, "about 1% of orders"
    assert {c.type for c in cases} == set(Case.Type.values)
    for case in cases:
        order = case.order
        timing = OrderTiming(
            ordered_at=order.ordered_at,
            ship_by=order.ship_by,
            estimated_delivery_on=order.estimated_delivery_on,
            shop_time_zone=order.shop.time_zone,
            first_buyer_message_at=order.buyer_first_message_at,
            delivered=order.status == Order.Status.DELIVERED,
            cancelled=order.status == Order.Status.CANCELLED,
        )
        assert case_eligibility(timing, case.opened_at), case.external_id
        assert case.opened_at <= NOW
        assert (case.shop_id, case.buyer_id) == (order.shop_id, order.buyer_id)


def test_generated_rows_are_consistent_and_valid() -> None:
    seeded(seed=6)

    for model in (Shop, ShopMember, ShopPolicy, ShippingProfile, Listing, Order, Review, Case):
        for obj in model._default_manager.all():
            obj.full_clean()
    for user in User.objects.all():
        user.full_clean()
        assert not user.has_usable_password()
    for policy in ShopPolicy.objects.all():
        assert check_policy_options(policy.section, policy.options) == {}
    assert all(
        n == len(SECTIONS)
        for n in Shop.objects.annotate(n=Count("policies")).values_list("n", flat=True)
    )
    assert ShopMember.objects.filter(role="owner").count() == 5
    assert all(
        isinstance(li.specifications, dict) and li.specifications for li in Listing.objects.all()
    )

    orders = list(Order.objects.prefetch_related("items").order_by("external_id"))
    assert [o.ordered_at for o in orders] == sorted(o.ordered_at for o in orders)
    assert orders[0].ordered_at >= NOW - timedelta(days=365)
    assert Order.objects.filter(ordered_at__gte=NOW - timedelta(days=365)).count() == 500
    assert {o.status for o in orders} == set(Order.Status.values)
    for order in orders:
        assert order.total == sum(
            (i.unit_price * i.quantity for i in order.items.all()), Decimal("0")
        )
        assert order.ship_by >= order.ordered_at.date() - timedelta(days=1)
        assert order.estimated_delivery_on is not None
        assert order.estimated_delivery_on >= order.ship_by
        for moment in (order.shipped_at, order.cancelled_at):
            assert moment is None or order.ordered_at <= moment <= NOW
        if order.delivered_at is not None:
            assert order.shipped_at is not None
            assert order.shipped_at <= order.delivered_at <= NOW
        assert (order.status in ("shipped", "delivered")) == (order.shipped_at is not None)
        assert (order.status == "delivered") == (order.delivered_at is not None)
        assert (order.status == "cancelled") == (order.cancelled_at is not None)
        assert order.shipping_address["city"]
    delivered = sum(o.status == "delivered" for o in orders)
    reviews = list(Review.objects.select_related("order"))
    assert 0.25 * delivered <= len(reviews) <= 0.55 * delivered
    for review in reviews:
        assert review.order.status == "delivered"
        assert review.order.delivered_at is not None
        assert review.order.delivered_at <= review.reviewed_at <= NOW
    for shop in Shop.objects.all():
        first = (
            Order.objects.filter(shop=shop)
            .exclude(status="cancelled")
            .order_by("ordered_at")
            .values_list("ordered_at", flat=True)
            .first()
        )
        assert shop.first_sale_at == first


def test_ids_keep_counting_after_a_seed() -> None:
    seeded(seed=8, shops=3, buyers=20, orders=100)
    highest = Shop.objects.order_by("-id").values_list("id", flat=True).first()

    shop, _outcome = shop_upsert(external_id="after-the-seed", name="After the seed")
    buyer = User.objects.create_user(username="after-the-seed")

    assert highest is not None
    assert shop.id > highest
    assert (
        buyer.id > User.objects.exclude(pk=buyer.pk).order_by("-id").values_list("id", flat=True)[0]
    )


def test_conversations_written_in_small_chunks_are_the_same_conversations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The seed writes its messages a chunk at a time (bounded memory): where the chunks
    end changes nothing in what it writes."""
    from django.db import transaction

    from comptoir.demo import seed as seed_module
    from comptoir.messaging.models import Conversation, Message, Party

    def written() -> list[list[tuple[object, ...]]]:
        return [
            list(
                Conversation.objects.order_by("id").values_list(
                    "kind", "subject", "started_by", "last_message_at", "message_count", "preview"
                )
            ),
            list(
                Party.objects.order_by("id").values_list(
                    "side", "folder", "unread_count", "awaiting_reply_since", "marked_spam_at"
                )
            ),
            list(
                Message.objects.order_by("id").values_list(
                    "conversation__subject", "sender_side", "body", "created_at", "is_marketing"
                )
            ),
        ]

    sizes = {**SMALL, "conversations": 120, "messages": 900}

    with transaction.atomic():
        seeded(**sizes)
        whole = written()
        transaction.set_rollback(True)  # the same seed again, from the same ids
    monkeypatch.setattr(seed_module, "MESSAGE_CHUNK", 7)
    monkeypatch.setattr(seed_module, "CONVERSATION_CHUNK", 50)
    report = seeded(**sizes)
    assert (report.conversations, report.messages) == (120, 900)
    assert written() == whole
    assert len(whole[2]) == 900
