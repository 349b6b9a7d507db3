""" "No response needed": the seller says a buyer's message wants no answer."""

from __future__ import annotations

from typing import Any

from django.test import Client

from comptoir.catalog.models import Listing
from comptoir.messaging.models import Message, Party
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_
from tests.messaging.test_folders_api import ask


def test_a_thanks_marked_no_response_needed_leaves_the_board_until_the_buyer_writes_again(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer, "Thanks, that's all!")
    assert [t["id"] for t in as_seller.get("/shops/shop-1/inquiries").json()["items"]] == [cid]
    marked = as_seller.post("/shops/shop-1/conversations/no-response-needed", {"ids": [cid]})
    assert marked.status_code == 200
    assert as_seller.get("/shops/shop-1/inquiries").json()["items"] == []
    assert Message.objects.get().no_response_needed
    thread = as_seller.get(f"/shops/shop-1/conversations/{cid}").json()
    assert thread["messages"][0]["no_response_needed"] is True
    assert thread["conversation"]["folder"] == "inbox"  # folders do not change
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Oh, one more thing."})
    assert [t["id"] for t in as_seller.get("/shops/shop-1/inquiries").json()["items"]] == [cid]


def test_one_message_is_marked_and_unmarked(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer, "Hello")
    mid = Message.objects.get().id
    path = f"/shops/shop-1/conversations/{cid}/messages/{mid}/no-response-needed"
    assert as_seller.post(path, {}).json()["no_response_needed"] is True
    assert Party.objects.get(side="shop").awaiting_reply_since is None
    assert as_seller.post(path, {"needed": True}).json()["no_response_needed"] is False
    assert Party.objects.get(side="shop").awaiting_reply_since is not None
    missing = as_seller.post(f"/shops/shop-1/conversations/{cid}/messages/999/no-response-needed")
    assert (missing.status_code, missing.json()["code"]) == (404, "message_not_found")


def test_only_the_shop_marks_and_bulks_are_bounded(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    theirs = as_buyer.post("/shops/shop-1/conversations/no-response-needed", {"ids": [cid]})
    assert theirs.status_code == 404
    too_many = as_seller.post(
        "/shops/shop-1/conversations/no-response-needed", {"ids": list(range(1, 502))}
    )
    assert (too_many.status_code, too_many.json()["code"]) == (422, "too_many_conversations")
    assert not Message.objects.get().no_response_needed


def test_from_the_web_list_and_thread(
    as_buyer: Client_, seller: Any, listing: Listing, shop: Shop
) -> None:
    ids = [ask(as_buyer, f"Thanks {i}") for i in range(2)]
    client = Client()
    client.force_login(seller)
    client.post(f"/shop/{shop.id}/messages/bulk/", {"ids": ids[:1], "action": "no_response_needed"})
    page = client.post(
        f"/shop/{shop.id}/messages/{ids[1]}/action/",
        {"action": "no_response_needed"},
        follow=True,
    )
    assert b"Marked as needing no response." in page.content
    assert Message.objects.filter(no_response_needed=True).count() == 2
