"""A buyer (or a shop) reports a message it received; Trust & Safety close reports."""

from __future__ import annotations

from typing import Any

from comptoir.core.models import AuditEntry
from comptoir.moderation.models import Report
from tests.moderation.conftest import ADVERT, Client_, buyer_says, shop_says


def test_a_buyer_reports_a_message_and_staff_see_it_in_the_queue(
    as_buyer: Client_, as_seller: Client_, as_staff: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    sent = shop_says(as_seller, cid, "Send me your phone, I have a better deal for you.")
    response = as_buyer.post(
        f"/me/messages/{sent['id']}/reports", {"reason": "off_platform", "note": "Odd."}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "open"

    queue = as_staff.get("/moderation/reports").json()["items"]
    assert len(queue) == 1
    report = queue[0]
    assert report["message_id"] == sent["id"]
    assert report["reporter_side"] == "buyer"
    assert report["reason"] == "off_platform"
    assert report["body"] == sent["body"]
    assert report["shop_id"] == "shop-1"


def test_reporting_twice_is_a_conflict(
    as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]
) -> None:
    sent = shop_says(as_seller, order_thread["conversation_id"], "Hello from the shop.")
    path = f"/me/messages/{sent['id']}/reports"
    assert as_buyer.post(path, {"reason": "other"}).status_code == 201
    again = as_buyer.post(path, {"reason": "abusive"})
    assert (again.status_code, again.json()["code"]) == (409, "already_reported")
    assert Report.objects.count() == 1


def test_a_message_the_reporter_cannot_see_is_not_found(
    as_buyer: Client_,
    as_other_buyer: Client_,
    as_seller: Client_,
    order_thread: dict[str, Any],
) -> None:
    cid = order_thread["conversation_id"]
    sent = shop_says(as_seller, cid, "Hello from the shop.")
    held = shop_says(as_seller, cid, ADVERT)
    assert held["held"] is True
    missing = as_other_buyer.post(f"/me/messages/{sent['id']}/reports", {"reason": "other"})
    assert (missing.status_code, missing.json()["code"]) == (404, "message_not_found")
    # Held from the buyer: as if it did not exist.
    assert (
        as_buyer.post(f"/me/messages/{held['id']}/reports", {"reason": "other"}).status_code == 404
    )
    assert as_buyer.post("/me/messages/999999/reports", {"reason": "other"}).status_code == 404
    # One's own message is not reported.
    own = order_thread["id"]
    response = as_buyer.post(f"/me/messages/{own}/reports", {"reason": "other"})
    assert (response.status_code, response.json()["code"]) == (422, "own_message")
    assert (
        as_buyer.post(f"/me/messages/{sent['id']}/reports", {"reason": "nope"}).status_code == 422
    )
    assert not Report.objects.exists()


def test_a_seller_reports_a_buyers_message(
    as_buyer: Client_, as_seller: Client_, as_other_buyer: Client_, order_thread: dict[str, Any]
) -> None:
    sent = buyer_says(as_buyer, order_thread["conversation_id"], "You are all crooks!")
    response = as_seller.post(f"/shops/shop-1/messages/{sent['id']}/reports", {"reason": "abusive"})
    assert response.status_code == 201, response.json()
    assert Report.objects.get().reporter_side == "shop"
    # Not a member of the shop: 404, as for a shop that does not exist.
    outsider = as_other_buyer.post(
        f"/shops/shop-1/messages/{sent['id']}/reports", {"reason": "abusive"}
    )
    assert outsider.status_code == 404


def test_staff_close_a_report_once_with_an_audit_line(
    as_buyer: Client_,
    as_seller: Client_,
    as_staff: Client_,
    staff: Any,
    order_thread: dict[str, Any],
) -> None:
    sent = shop_says(as_seller, order_thread["conversation_id"], "Hello from the shop.")
    report_id = as_buyer.post(f"/me/messages/{sent['id']}/reports", {"reason": "other"}).json()[
        "id"
    ]
    assert as_buyer.post(f"/moderation/reports/{report_id}/close", {}).status_code == 404
    response = as_staff.post(f"/moderation/reports/{report_id}/close", {"note": "Fine."})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "closed"
    assert response.json()["handled_by"] == str(staff)
    again = as_staff.post(f"/moderation/reports/{report_id}/close", {})
    assert (again.status_code, again.json()["code"]) == (409, "report_closed")
    assert as_staff.get("/moderation/reports").json()["items"] == []
    line = AuditEntry.objects.get(verb="moderation.report_closed")
    assert line.actor == staff
    assert line.details["report"] == report_id
    # Closed, the buyer may report the message again.
    assert (
        as_buyer.post(f"/me/messages/{sent['id']}/reports", {"reason": "other"}).status_code == 201
    )
