"""The shop's public reply to a review: written once from the order page or the API, editable
for 72 hours, sent to the marketplace, shown wherever reviews are, removable by Trust &
Safety (audited)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import integration_account_create
from comptoir.core import clock
from comptoir.core.models import AuditEntry
from comptoir.orders.models import Order
from comptoir.reviews.models import Review
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_member_add, shop_upsert
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.services import endpoint_create
from tests.accounts.helpers import staff_login
from tests.api.conftest import api, integration_user
from tests.messaging.conftest import Client_, as_buyer, as_seller, as_staff

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)
EVENT = "review.reply_changed"


@pytest.fixture(autouse=True)
def _now() -> Any:
    with clock.frozen_at(NOW):
        yield


@pytest.fixture
def review(shop: Shop, order: Order) -> Review:
    marketplace = integration_account_create(username="marketplace-hooks")
    endpoint_create(user=marketplace, url="https://93.184.216.34/hook", event_names=[EVENT])
    review, _ = review_upsert(
        shop=shop, external_id="rev-1", order_external_id=order.external_id, stars=2,
        text="Arrived late and creased.", reviewed_at=NOW - timedelta(days=1),
    )  # fmt: skip
    return review


def _events() -> list[dict[str, Any]]:
    return [d.payload for d in Delivery.objects.filter(event=EVENT).order_by("id")]


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_seller_replies_from_the_order_page_and_everyone_reads_it(
    client: Client, seller: User, buyer: User, shop: Shop, order: Order, review: Review
) -> None:
    client.force_login(seller)
    page = f"/shop/{shop.pk}/orders/{order.pk}/"
    assert 'name="text"' in _page(client, page)
    sent = client.post(f"{page}reviews/{review.pk}/reply/", {"text": "Sorry, we re-ship today."})
    assert (sent.status_code, sent["Location"]) == (302, page + "#review")

    seller_page = _page(client, page)
    assert "Sorry, we re-ship today." in seller_page
    assert "Edit your reply (until" in seller_page
    assert "Your reply:" in _page(client, "/")
    client.force_login(buyer)
    assert "Sorry, we re-ship today." in _page(client, f"/orders/{order.pk}/")

    [event] = _events()
    assert event == {
        "shop_id": "shop-1",
        "review_id": "rev-1",
        "order_id": "order-1",
        "change": "replied",
        "reply": "Sorry, we re-ship today.",
        "replied_at": NOW.isoformat(),
        "edited_at": None,
        "editable_until": (NOW + timedelta(hours=72)).isoformat(),
        "removed_at": None,
    }


def test_the_reply_is_editable_for_72_hours_then_locked(
    as_seller: Client_, shop: Shop, review: Review, client: Client, seller: User, order: Order
) -> None:
    path = "/shops/shop-1/reviews/rev-1/reply"
    first = as_seller.call("PUT", path, {"text": "Sorry."})
    assert first.status_code == 200, first.json()
    assert first.json()["reply_editable_until"] == "2026-03-15T09:00:00Z"
    later = NOW + timedelta(hours=71)
    with clock.frozen_at(later):
        edited = as_seller.call("PUT", path, {"text": "Sorry, a new one ships today."})
    assert edited.json()["seller_reply"] == "Sorry, a new one ships today."
    assert edited.json()["seller_replied_at"] == "2026-03-12T09:00:00Z"
    assert [e["change"] for e in _events()] == ["replied", "edited"]

    with clock.frozen_at(NOW + timedelta(hours=72)):
        locked = as_seller.call("PUT", path, {"text": "Changed my mind."})
        assert (locked.status_code, locked.json()["code"]) == (409, "reply_locked")
        client.force_login(seller)
        page = _page(client, f"/shop/{shop.pk}/orders/{order.pk}/")
        assert "A reply can be edited for 72 hours after it is published." in page
        refused = client.post(
            f"/shop/{shop.pk}/orders/{order.pk}/reviews/{review.pk}/reply/", {"text": "Again"}
        )
        assert refused.status_code == 400
        assert "can no longer be edited" in refused.content.decode()
    review.refresh_from_db()
    assert review.seller_reply == "Sorry, a new one ships today."
    assert len(_events()) == 2


def test_an_empty_reply_is_refused_and_other_shops_get_404(
    as_seller: Client_, client: Client, seller: User, shop: Shop, order: Order, review: Review
) -> None:
    empty = as_seller.call("PUT", "/shops/shop-1/reviews/rev-1/reply", {"text": "   "})
    assert empty.status_code == 422
    other, _ = shop_upsert(external_id="other", name="Other")
    stranger = User.objects.create_user(username="stranger", password="x-pass-123")
    shop_member_add(shop=other, user=stranger, role="owner")
    them = Client_(stranger)
    assert them.call("PUT", "/shops/shop-1/reviews/rev-1/reply", {"text": "Hi"}).status_code == 404
    assert them.call("PUT", "/shops/other/reviews/rev-1/reply", {"text": "Hi"}).status_code == 404
    client.force_login(stranger)
    url = f"/shop/{shop.pk}/orders/{order.pk}/reviews/{review.pk}/reply/"
    assert client.post(url, {"text": "Hi"}).status_code == 404
    review.refresh_from_db()
    assert (review.seller_reply, _events()) == ("", [])


def test_trust_and_safety_remove_an_abusive_reply_audited(
    as_seller: Client_, as_staff: Client_, as_buyer: Client_, client: Client, seller: User,
    shop: Shop, order: Order, review: Review,
) -> None:  # fmt: skip
    as_seller.call("PUT", "/shops/shop-1/reviews/rev-1/reply", {"text": "You are a liar."})
    removal = "/shops/shop-1/reviews/rev-1/reply/removal"
    assert as_seller.post(removal, {"reason": "mine"}).status_code == 404
    assert as_buyer.post(removal, {"reason": "mine"}).status_code == 404
    assert not AuditEntry.objects.filter(verb="review.reply_removed").exists()

    removed = as_staff.post(removal, {"reason": "Insults the buyer."})
    assert removed.status_code == 200, removed.json()
    assert (removed.json()["seller_reply"], removed.json()["reply_editable_until"]) == ("", None)
    entry = AuditEntry.objects.get(verb="review.reply_removed")
    assert (entry.actor, entry.shop_id, entry.subject_type, entry.subject_id) == (
        as_staff.user,
        shop.id,
        "review",
        review.id,
    )
    assert entry.details["reply"] == "You are a liar."
    assert entry.details["reason"] == "Insults the buyer."
    assert [e["change"] for e in _events()] == ["replied", "removed"]
    assert _events()[-1]["reply"] == ""

    client.force_login(seller)
    page = _page(client, f"/shop/{shop.pk}/orders/{order.pk}/")
    assert "removed your reply: Insults the buyer." in page
    assert "You are a liar." not in page
    again = as_seller.call("PUT", "/shops/shop-1/reviews/rev-1/reply", {"text": "Sorry."})
    assert (again.status_code, again.json()["code"]) == (409, "reply_removed")
    twice = as_staff.post(removal, {"reason": "again"})
    assert (twice.status_code, twice.json()["code"]) == (409, "no_reply")


def test_trust_and_safety_remove_a_reply_from_the_shop_s_file(
    as_seller: Client_, staff: User, client: Client, shop: Shop, review: Review
) -> None:
    as_seller.call("PUT", "/shops/shop-1/reviews/rev-1/reply", {"text": "You are a liar."})
    staff_login(client, staff)
    file = f"/staff/standards/shops/{shop.pk}/"
    assert "You are a liar." in _page(client, file)
    url = f"{file}reviews/{review.pk}/remove-reply/"
    assert client.post(url, {"reason": ""}).status_code == 302
    assert not AuditEntry.objects.filter(verb="review.reply_removed").exists()
    response = client.post(url, {"reason": "Insults."})
    assert (response.status_code, response["Location"]) == (302, file + "#replies")
    page = _page(client, file)
    assert "You are a liar." not in page
    assert "Shop&#x27;s reply to a review removed" in _page(client, "/staff/standards/audit/")
    assert AuditEntry.objects.filter(verb="review.reply_removed", actor=staff).count() == 1


def test_the_marketplace_resending_the_review_keeps_the_shop_s_reply(
    as_seller: Client_, api: Any, review: Review
) -> None:
    as_seller.call("PUT", "/shops/shop-1/reviews/rev-1/reply", {"text": "Sorry."})
    again = api.put("/shops/shop-1/reviews/rev-1", {"order_id": "order-1", "stars": 3})
    assert again.status_code == 200
    assert (again.json()["stars"], again.json()["seller_reply"]) == (3, "Sorry.")


__all__ = ["api", "as_buyer", "as_seller", "as_staff", "integration_user"]
