"""The API of the order's thread: waiting on the buyer (members), writing about an order
(the buyer), and the order's `awaiting_buyer` as the marketplace reads it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from comptoir.core import clock
from comptoir.messaging.models import Conversation, Message
from comptoir.orders.models import Order
from tests.api.conftest import Api, api, integration_user
from tests.messaging.conftest import Client_

__all__ = ["api", "integration_user"]  # fixtures

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _now() -> object:
    with clock.frozen_at(NOW):
        yield


def test_a_member_waits_on_the_buyer_who_answers_through_the_api(
    as_seller: Client_, as_buyer: Client_, api: Api, order: Order
) -> None:
    path = "/shops/shop-1/orders/order-1/awaiting-buyer"

    asked = as_seller.call("PUT", path, {"missing": "address", "detail": "Flat number?"})

    assert asked.status_code == 200
    body = asked.json()
    assert body["awaiting_buyer"] == {
        "missing": "address",
        "detail": "Flat number?",
        "since": "2026-03-04T09:00:00Z",
        "ship_by": "2026-03-05",
    }
    question = Message.objects.get(pk=body["message_id"])
    assert "Flat number?" in question.body
    listed = as_seller.get("/shops/shop-1/awaiting-buyer").json()
    assert [o["order_id"] for o in listed] == ["order-1"]
    read = api.get("/shops/shop-1/orders/order-1").json()
    assert read["awaiting_buyer"]["missing"] == "address"

    sent = as_buyer.post("/me/orders/order-1/messages", {"body": "Flat 4"})

    assert sent.status_code == 201
    assert sent.json()["conversation_id"] == body["conversation_id"]
    assert as_seller.get("/shops/shop-1/awaiting-buyer").json() == []
    assert api.get("/shops/shop-1/orders/order-1").json()["awaiting_buyer"] is None


def test_stopping_the_wait_and_the_errors(as_seller: Client_, order: Order) -> None:
    path = "/shops/shop-1/orders/order-1/awaiting-buyer"
    bad = as_seller.call("PUT", path, {"missing": "shoe size"})
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_awaiting_buyer"
    assert bad.json()["fields"] == {"missing": "invalid_choice"}
    as_seller.call("PUT", path, {"missing": "phone"})
    stopped = as_seller.call("DELETE", path)
    assert stopped.status_code == 200
    assert stopped.json()["awaiting_buyer"] is None
    assert as_seller.call("PUT", "/shops/shop-1/orders/nope/awaiting-buyer", {}).status_code in (
        404,
        422,
    )


def test_others_cannot_wait_nor_write_about_the_order(
    as_buyer: Client_, as_other_buyer: Client_, order: Order
) -> None:
    path = "/shops/shop-1/orders/order-1/awaiting-buyer"
    assert as_buyer.call("PUT", path, {"missing": "phone"}).status_code == 404
    assert as_buyer.get("/shops/shop-1/awaiting-buyer").status_code == 404
    assert as_other_buyer.post("/me/orders/order-1/messages", {"body": "hi"}).status_code == 404
    assert Conversation.objects.count() == 0
    order.refresh_from_db()
    assert not order.is_awaiting_buyer


def test_a_buyer_reads_when_a_case_can_be_opened_on_their_order(
    as_buyer: Client_, as_other_buyer: Client_, order: Order
) -> None:
    path = "/me/orders/order-1/case-eligibility"
    assert as_buyer.get(path).json()["code"] == "message_shop_first"
    as_buyer.post("/me/orders/order-1/messages", {"body": "Where is it?"})
    answer = as_buyer.get(path).json()
    assert answer["code"] == "wait_for_shop_reply"
    assert answer["opens_at"] == "2026-03-10T23:00:00Z"  # the day after delivery, in Paris
    assert as_other_buyer.get(path).status_code == 404
