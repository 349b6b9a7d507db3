"""The buyer beside the thread: the shop's thread page shows the buyer's history with the
shop (orders, other threads, cases, reviews, consent), in as many queries for a buyer with
one order as for one with two hundred."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.cases.models import Case
from comptoir.consent.models import Source
from comptoir.consent.services import consent_set
from comptoir.messaging.models import Conversation
from comptoir.orders.models import Order
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop

T0 = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _thread_about(client: Client, order: Order) -> int:
    client.post(f"/orders/{order.pk}/answer/", {"body": "Hello"})
    return Conversation.objects.filter(order=order).get().pk


def _more_history(shop: Shop, buyer: User, n: int) -> None:
    """`n` more orders, each with a review, every tenth with a case (rows written directly:
    this is history the marketplace fed in long ago)."""
    orders = Order.objects.bulk_create(
        Order(
            shop=shop,
            buyer=buyer,
            external_id=f"old-{i}",
            status=Order.Status.DELIVERED,
            ordered_at=T0 - timedelta(days=i + 1),
            ship_by=(T0 - timedelta(days=i)).date(),
            shipped_at=T0 - timedelta(days=i),
            delivered_at=T0 - timedelta(days=i),
            total=Decimal("10.00"),
        )
        for i in range(n)
    )
    Review.objects.bulk_create(
        Review(
            order=o,
            shop=shop,
            buyer=buyer,
            external_id=f"r-{o.external_id}",
            stars=1 + i % 5,
            reviewed_at=o.ordered_at + timedelta(days=3),
        )
        for i, o in enumerate(orders)
    )
    Case.objects.bulk_create(
        Case(
            order=o,
            shop=shop,
            buyer=buyer,
            external_id=f"c-{o.external_id}",
            type=Case.Type.NON_DELIVERY,
            status=Case.Status.CLOSED,
            opened_at=o.ordered_at + timedelta(days=20),
        )
        for o in orders[::10]
    )


def test_the_seller_sees_the_buyer_beside_the_thread(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(buyer)
    conversation = _thread_about(client, order)
    client.post("/messages/new/", {"kind": "support_ticket", "order": order.pk, "body": "Refund?"})
    consent_set(buyer_id=buyer.id, shop_id=shop.id, given=True, source=Source.ACCOUNT)
    client.force_login(seller)

    page = client.get(f"/shop/{shop.pk}/messages/{conversation}/").content.decode()

    panel = _text(page[page.index("data-buyer-history") :])
    assert "E-mail b@example.org" in panel
    assert "Orders 1 · 35.00 EUR" in panel
    assert "Cases 0" in panel
    assert "News and offers Agreed" in panel
    assert f'href="/shop/{shop.pk}/orders/{order.pk}/"' in page
    assert "Support for order order-1" in panel  # the other thread, not this one
    assert page.count("data-buyer-history") == 1


def test_the_buyer_panel_is_read_in_a_fixed_number_of_queries(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(buyer)
    conversation = _thread_about(client, order)
    client.force_login(seller)
    url = f"/shop/{shop.pk}/messages/{conversation}/"
    client.get(url)  # marks it read: the next two reads are alike

    with CaptureQueriesContext(connection) as one:
        first = _text(client.get(url).content.decode())
    _more_history(shop, buyer, 199)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()

    assert "Orders 1 · 35.00 EUR" in first
    panel = _text(page[page.index("data-buyer-history") :])
    assert "Orders 200 · 2025.00 EUR" in panel
    assert "Cases 20" in panel
    assert "Reviews 199 · 3.0 ★ on average" in panel
    assert "Latest of 200 orders." in panel
    assert len(many) == len(one)


def test_the_buyer_sees_no_such_panel(client: Client, buyer: User, order: Order) -> None:
    client.force_login(buyer)
    conversation = _thread_about(client, order)
    page = client.get(f"/messages/{conversation}/").content.decode()
    assert "data-buyer-history" not in page
