"""Reviews and cases through the integration API, with their rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from comptoir.cases.models import Case
from comptoir.core import clock
from comptoir.orders.models import Order
from comptoir.reviews.models import Review
from tests.api.conftest import Api

# The `order` fixture: ordered 2 March 2026 10:00 UTC, ship by 5 March, estimated
# delivery 10 March, shop in Europe/Paris.
ORDER_ID = "order-1"


@pytest.mark.parametrize("stars", [0, 6, -1, "five"])
def test_stars_outside_1_to_5_are_refused(api: Api, order: Order, stars: object) -> None:
    response = api.put("/shops/shop-1/reviews/r-1", {"order_id": ORDER_ID, "stars": stars})
    assert response.status_code == 422
    assert response.json()["code"] == "invalid_payload"
    assert list(response.json()["fields"]) == ["stars"]
    assert not Review.objects.exists()


def test_a_review_is_idempotent_and_one_per_order(api: Api, order: Order) -> None:
    body = {
        "order_id": ORDER_ID,
        "stars": 2,
        "text": "Arrived late",
        "reviewed_at": "2026-03-20T08:00:00Z",
    }
    first = api.put("/shops/shop-1/reviews/r-1", body)
    again = api.put("/shops/shop-1/reviews/r-1", body)
    other = api.put("/shops/shop-1/reviews/r-2", {**body, "stars": 5})

    assert first.status_code == 201
    assert first.json()["buyer_id"] == "buyer-1"
    assert (again.status_code, again.json()) == (200, first.json())
    assert (other.status_code, other.json()["code"]) == (409, "review_exists")
    assert Review.objects.count() == 1


def test_a_review_of_an_unknown_order_is_404(api: Api, order: Order) -> None:
    response = api.put("/shops/shop-1/reviews/r-1", {"order_id": "ghost", "stars": 4})
    assert (response.status_code, response.json()["code"]) == (404, "order_not_found")


def open_case(api: Api, **changes: object) -> object:
    body = {"order_id": ORDER_ID, "type": "non_delivery", **changes}
    return api.put("/shops/shop-1/cases/c-1", body)


def message_shop(api: Api, at: datetime) -> None:
    order = api.get(f"/shops/shop-1/orders/{ORDER_ID}").json()
    payload = {
        "buyer": order["buyer"],
        "status": order["status"],
        "ordered_at": order["ordered_at"],
        "ship_by": order["ship_by"],
        "estimated_delivery_on": order["estimated_delivery_on"],
        "items": order["items"],
        "buyer_first_message_at": at.isoformat(),
    }
    assert api.put(f"/shops/shop-1/orders/{ORDER_ID}", payload).status_code == 200


def test_no_case_before_the_buyer_messaged_the_shop(api: Api, order: Order) -> None:
    response = open_case(api, opened_at="2026-03-20T10:00:00Z")
    assert response.status_code == 422
    assert response.json()["code"] == "case_not_eligible"
    assert response.json()["fields"] == {"order_id": "message_shop_first"}
    assert not Case.objects.exists()


def test_no_case_within_48_hours_of_the_message(api: Api, order: Order) -> None:
    message_shop(api, datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    response = open_case(api, opened_at="2026-03-14T08:59:00Z")
    assert response.json()["fields"] == {"order_id": "wait_for_shop_reply"}
    assert "2026-03-14T09:00:00+00:00" in response.json()["message"]


def test_no_case_before_the_estimated_delivery_date_has_passed(api: Api, order: Order) -> None:
    message_shop(api, datetime(2026, 3, 3, 9, 0, tzinfo=UTC))
    response = open_case(api, opened_at="2026-03-10T22:00:00Z")  # 23:00 in Paris, still the 10th
    assert response.json()["fields"] == {"order_id": "delivery_date_not_passed"}


def test_no_case_more_than_100_days_after_the_order(api: Api, order: Order) -> None:
    message_shop(api, datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    response = open_case(api, opened_at="2026-06-10T10:00:01Z")
    assert response.json()["fields"] == {"order_id": "case_window_closed"}


def test_an_eligible_case_opens_and_the_eligibility_is_readable(api: Api, order: Order) -> None:
    message = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
    message_shop(api, message)
    with clock.frozen_at(message + timedelta(hours=47)):
        waiting = api.get(f"/shops/shop-1/orders/{ORDER_ID}/case-eligibility").json()
    assert waiting == {
        "eligible": False,
        "code": "wait_for_shop_reply",
        "opens_at": "2026-03-14T09:00:00Z",
        "closes_at": "2026-06-10T10:00:00Z",
    }
    with clock.frozen_at(message + timedelta(hours=48)):
        created = open_case(api)
    assert created.status_code == 201
    assert created.json()["status"] == "open"
    assert created.json()["opened_at"] == "2026-03-14T09:00:00Z"

    resolved = open_case(api, status="resolved", resolution="refund")
    assert resolved.json()["resolved_at"] is not None
    assert api.get("/shops/shop-1/cases").json()["items"][0]["resolution"] == "refund"
