"""Order notes: private to the shop, or to the customer, who is told by e-mail."""

from __future__ import annotations

from comptoir.orders.models import Order, OrderNote
from tests.messaging.conftest import Client_, deliver_all


def test_private_notes_stay_in_the_shop_and_customer_notes_reach_the_buyer(
    as_buyer: Client_, as_seller: Client_, as_other_buyer: Client_, order: Order
) -> None:
    path = "/shops/shop-1/orders/order-1/notes"
    private = as_seller.post(path, {"visibility": "private", "body": "Buyer asked for blue."})
    assert private.status_code == 201
    deliver_all()
    public = as_seller.post(path, {"visibility": "customer", "body": "Shipped with Colissimo."})
    assert public.status_code == 201
    assert public.json()["author"] == "seller"
    assert [n["visibility"] for n in as_seller.get(path).json()] == ["private", "customer"]

    mails = deliver_all()
    assert [m.to for m in mails] == [["b@example.org"]]
    assert "Shipped with Colissimo." in mails[0].body
    assert "order-1" in mails[0].subject

    mine = as_buyer.get("/me/orders/order-1/notes").json()
    assert [n["body"] for n in mine] == ["Shipped with Colissimo."]
    assert as_other_buyer.get("/me/orders/order-1/notes").status_code == 404
    assert as_buyer.get(path).status_code == 404  # a buyer is not a shop member


def test_a_bad_note_is_refused_and_not_written(as_seller: Client_, order: Order) -> None:
    path = "/shops/shop-1/orders/order-1/notes"
    empty = as_seller.post(path, {"visibility": "private", "body": "  "})
    assert (empty.status_code, empty.json()["code"]) == (422, "invalid_note")
    wrong = as_seller.post(path, {"visibility": "everyone", "body": "x"})
    assert (wrong.status_code, wrong.json()["code"]) == (422, "invalid_payload")
    missing = as_seller.post(
        "/shops/shop-1/orders/nope/notes", {"visibility": "private", "body": "x"}
    )
    assert (missing.status_code, missing.json()["code"]) == (404, "order_not_found")
    assert OrderNote.objects.count() == 0
