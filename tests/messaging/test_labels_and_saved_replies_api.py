"""A shop's labels and saved replies."""

from __future__ import annotations

from comptoir.catalog.models import Listing
from comptoir.messaging.models import Label, Message, Party
from tests.messaging.conftest import Client_
from tests.messaging.test_folders_api import ask


def test_labels_are_created_renamed_applied_filtered_and_deleted(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ids = [ask(as_buyer, f"Q{i}") for i in range(3)]
    gift = as_seller.post("/shops/shop-1/labels", {"name": "  Gift  wrap "})
    assert gift.status_code == 201
    assert gift.json()["name"] == "Gift wrap"
    same = as_seller.post("/shops/shop-1/labels", {"name": "gift WRAP"})
    assert (same.status_code, same.json()["code"]) == (409, "label_exists")
    empty = as_seller.post("/shops/shop-1/labels", {"name": " "})
    assert (empty.status_code, empty.json()["code"]) == (422, "invalid_label")
    label_id = gift.json()["id"]

    applied = as_seller.post(
        "/shops/shop-1/conversations/labels", {"ids": ids[:2], "add": [label_id]}
    )
    assert applied.status_code == 200
    again = as_seller.post("/shops/shop-1/conversations/labels", {"ids": ids, "add": [label_id]})
    assert again.status_code == 200  # applying twice is harmless
    as_seller.post("/shops/shop-1/conversations/labels", {"ids": ids[2:], "remove": [label_id]})
    tagged = as_seller.get("/shops/shop-1/conversations", label=label_id).json()["items"]
    assert sorted(t["id"] for t in tagged) == sorted(ids[:2])
    assert tagged[0]["labels"] == [{"id": label_id, "name": "Gift wrap"}]

    renamed = as_seller.call("PATCH", f"/shops/shop-1/labels/{label_id}", {"name": "Gifts"})
    assert renamed.json()["name"] == "Gifts"
    assert [lb["name"] for lb in as_seller.get("/shops/shop-1/labels").json()] == ["Gifts"]
    assert as_seller.call("DELETE", f"/shops/shop-1/labels/{label_id}").status_code == 204
    assert Label.objects.count() == 0
    assert Party.labels.through.objects.count() == 0


def test_an_unknown_label_is_refused_and_nothing_is_labelled(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    real = as_seller.post("/shops/shop-1/labels", {"name": "Urgent"}).json()["id"]
    refused = as_seller.post(
        "/shops/shop-1/conversations/labels", {"ids": [cid], "add": [real, 424242]}
    )
    assert (refused.status_code, refused.json()["code"]) == (404, "label_not_found")
    assert Party.labels.through.objects.count() == 0
    listed = as_seller.get("/shops/shop-1/conversations", label=424242)
    assert (listed.status_code, listed.json()["code"]) == (404, "label_not_found")


def test_another_shops_member_cannot_see_or_use_the_labels(
    as_other_buyer: Client_, as_seller: Client_, shop: object
) -> None:
    label_id = as_seller.post("/shops/shop-1/labels", {"name": "Urgent"}).json()["id"]
    assert as_other_buyer.get("/shops/shop-1/labels").status_code == 404
    deleted = as_other_buyer.call("DELETE", f"/shops/shop-1/labels/{label_id}")
    assert deleted.status_code == 404
    assert Label.objects.count() == 1


def test_saved_replies_are_kept_per_shop_and_used_in_replies(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    made = as_seller.post(
        "/shops/shop-1/saved-replies",
        {"title": "Shipping times", "body": "We ship within 3 days."},
    )
    assert made.status_code == 201
    saved_id = made.json()["id"]
    clash = as_seller.post("/shops/shop-1/saved-replies", {"title": "shipping TIMES", "body": "x"})
    assert (clash.status_code, clash.json()["code"]) == (409, "saved_reply_exists")
    blank = as_seller.post("/shops/shop-1/saved-replies", {"title": "", "body": ""})
    assert blank.status_code == 422
    assert set(blank.json()["fields"]) == {"title", "body"}

    cid = ask(as_buyer)
    inserted = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages", {"saved_reply_id": saved_id}
    )
    assert inserted.json()["body"] == "We ship within 3 days."
    edited = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages",
        {"saved_reply_id": saved_id, "body": "We ship within 3 days — yours goes tomorrow."},
    )
    assert edited.json()["body"] == "We ship within 3 days — yours goes tomorrow."
    assert Message.objects.filter(saved_reply_id=saved_id).count() == 2

    updated = as_seller.call(
        "PUT",
        f"/shops/shop-1/saved-replies/{saved_id}",
        {"title": "Shipping", "body": "We ship within 2 days."},
    )
    assert updated.json()["title"] == "Shipping"
    assert [s["title"] for s in as_seller.get("/shops/shop-1/saved-replies").json()] == ["Shipping"]
    # A buyer cannot use a shop's saved reply.
    theirs = as_buyer.post(f"/me/conversations/{cid}/messages", {"saved_reply_id": saved_id})
    assert (theirs.status_code, theirs.json()["code"]) == (404, "saved_reply_not_found")
    assert as_seller.call("DELETE", f"/shops/shop-1/saved-replies/{saved_id}").status_code == 204
    assert as_seller.get("/shops/shop-1/saved-replies").json() == []
