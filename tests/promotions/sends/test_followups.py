"""The check-in after delivery: sent once per order N days after delivery, never with a
case, never for orders delivered long ago, only for shops that turned it on, and as a
service message (no consent needed, not marketing)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.cases.services import case_upsert
from comptoir.core import clock
from comptoir.core.periodic import jobs
from comptoir.messaging.models import Conversation, Message
from comptoir.promotions.followups import follow_ups_run
from comptoir.promotions.models import FollowUp
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.messaging.conftest import Client_
from tests.promotions.sends.conftest import NOON, buy

BASE = "/shops/shop-1"


def delivered(shop: Shop, key: str, buyer: str, days_ago: float, **extra: Any) -> None:
    at = NOON - timedelta(days=days_ago)
    buy(shop, key, buyer, at=at - timedelta(days=5), status="delivered", delivered_at=at, **extra)


@pytest.fixture
def turned_on(shop: Shop, as_seller: Client_) -> Shop:
    response = as_seller.call(
        "PUT",
        f"{BASE}/follow-ups/settings",
        {
            "enabled": True,
            "days_after_delivery": 3,
            "body": "Hello {buyer}, how is {order} from {shop}? {unknown}",
        },
    )
    assert response.status_code == 200, response.json()
    return shop


def buyer_threads(key: str) -> list[dict[str, Any]]:
    response = Client_(User.objects.get(external_id=key)).get("/me/conversations")
    return list(response.json()["items"])


def test_settings_default_then_saved(shop: Shop, as_seller: Client_) -> None:
    first = as_seller.get(f"{BASE}/follow-ups/settings").json()
    assert first["enabled"] is False
    assert first["days_after_delivery"] == 3
    assert "{buyer}" in first["body"]
    bad = as_seller.call(
        "PUT",
        f"{BASE}/follow-ups/settings",
        {"enabled": True, "days_after_delivery": 0, "body": " "},
    )
    assert bad.status_code == 422
    assert bad.json()["fields"] == {"days_after_delivery": "out_of_range", "body": "required"}
    assert as_seller.get(f"{BASE}/follow-ups/settings").json() == first


def test_the_check_in_goes_once_n_days_after_delivery(turned_on: Shop, as_seller: Client_) -> None:
    delivered(turned_on, "o-due", "ann", days_ago=3.1)  # no consent to marketing at all
    delivered(turned_on, "o-early", "bea", days_ago=2.5)
    delivered(turned_on, "o-old", "cid", days_ago=30)  # long before the check-in was on

    assert follow_ups_run() == 1
    assert follow_ups_run() == 0  # never twice

    threads = buyer_threads("ann")
    assert len(threads) == 1
    assert threads[0]["kind"] == "order_message"
    assert threads[0]["order_id"] == "o-due"
    message = Message.objects.get(conversation_id=threads[0]["id"])
    assert message.body == "Hello Ann, how is #o-due from Atelier Lune? {unknown}"
    assert message.is_marketing is False
    assert buyer_threads("bea") == []
    assert buyer_threads("cid") == []

    # Later, bea's order comes due; ann's is still done.
    with clock.frozen_at(NOON + timedelta(days=1)):
        assert follow_ups_run() == 1
    assert len(buyer_threads("bea")) == 1
    assert len(buyer_threads("ann")) == 1
    assert buyer_threads("cid") == []

    listed = as_seller.get(f"{BASE}/follow-ups").json()["items"]
    assert [(f["order_id"], f["status"]) for f in listed] == [
        ("o-early", "sent"),
        ("o-due", "sent"),
    ]


def test_never_after_a_case(turned_on: Shop) -> None:
    delivered(turned_on, "o-case", "ann", days_ago=4, first_message_at=NOON - timedelta(days=3.5))
    case_upsert(
        shop=turned_on,
        external_id="c1",
        order_external_id="o-case",
        type="damaged",
        opened_at=NOON - timedelta(days=1),
    )
    messages_before = Message.objects.count()
    assert follow_ups_run() == 0
    record = FollowUp.objects.get(order__external_id="o-case")
    assert record.status == "skipped_case"
    assert record.conversation_id is None
    assert Message.objects.count() == messages_before
    assert follow_ups_run() == 0
    assert FollowUp.objects.count() == 1


def test_a_shop_that_did_not_turn_it_on_sends_none(turned_on: Shop, as_seller: Client_) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Other", time_zone="UTC")
    delivered(other, "x-due", "zed", days_ago=5)
    delivered(turned_on, "o-cancelled", "ann", days_ago=5)
    from comptoir.orders.models import Order

    Order.objects.filter(external_id="o-cancelled").update(status="cancelled")
    assert follow_ups_run() == 0
    assert FollowUp.objects.count() == 0
    as_seller.call(
        "PUT",
        f"{BASE}/follow-ups/settings",
        {"enabled": False, "days_after_delivery": 3, "body": "Hi"},
    )
    delivered(turned_on, "o-due", "bea", days_ago=5)
    assert follow_ups_run() == 0
    assert Conversation.objects.count() == 0


def test_the_jobs_are_registered() -> None:
    named = {job.name: job.every for job in jobs()}
    assert named["promotions.follow_ups"] == 600
    assert named["promotions.resume_sends"] == 300
