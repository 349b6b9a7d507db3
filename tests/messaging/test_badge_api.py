"""The marketplace's own badge: a person's unread threads by their marketplace id."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create, integration_account_create
from tests.messaging.conftest import Client_

_secret: dict[str, str] = {}


def badge(external_id: str, secret: str | None = None) -> Any:
    if secret is None:
        if not User.objects.filter(username="mp-sync").exists():
            integration = integration_account_create(username="mp-sync")
            _secret["mp-sync"] = api_token_create(user=integration, name="badge").secret
        secret = _secret["mp-sync"]
    return Client().get(
        f"/api/v1/people/{external_id}/unread", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )


def test_the_badge_counts_the_shop_inbox_of_a_seller_and_the_buyer_own(
    as_buyer: Client_, as_seller: Client_, seller: User, inquiry: dict[str, Any]
) -> None:
    seller.external_id = "seller-9"
    seller.save(update_fields=["external_id"])

    answer = badge("seller-9").json()
    assert answer["unread"] == 1
    assert answer["as_buyer"] == 0
    assert answer["shops"] == [{"shop_id": "shop-1", "shop_name": "Atelier Lune", "unread": 1}]
    assert answer["inbox_path"] == f"/shop/{seller.shop_memberships.get().shop_id}/messages/"
    assert badge("buyer-1").json()["unread"] == 0

    as_seller.post(
        f"/shops/shop-1/conversations/{inquiry['conversation_id']}/messages", {"body": "Yes."}
    )
    buyer_badge = badge("buyer-1").json()
    assert (buyer_badge["unread"], buyer_badge["as_buyer"], buyer_badge["inbox_path"]) == (
        1,
        1,
        "/messages/",
    )
    assert badge("seller-9").json()["unread"] == 0  # answering read the thread


def test_the_badge_needs_the_integration_permission(as_buyer: Client_, buyer: User) -> None:
    own = api_token_create(user=buyer, name="mine").secret
    refused = badge("buyer-1", secret=own)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert Client().get("/api/v1/people/buyer-1/unread").status_code == 401


def test_an_unknown_person_is_a_404(db: None) -> None:
    answer = badge("nobody")
    assert answer.status_code == 404
    assert answer.json()["code"] == "person_not_found"


def test_the_badge_takes_the_same_queries_for_one_or_many_shops(
    as_seller: Client_, seller: User, inquiry: dict[str, Any]
) -> None:
    from comptoir.shops.models import ShopMember
    from comptoir.shops.services import shop_member_add, shop_upsert

    seller.external_id = "seller-9"
    seller.save(update_fields=["external_id"])
    integration = integration_account_create(username="mp-sync")
    secret = api_token_create(user=integration, name="badge").secret
    badge("seller-9", secret)  # the token's first use is written once; then reads stay reads
    with CaptureQueriesContext(connection) as one:
        assert badge("seller-9", secret).status_code == 200
    for n in range(5):
        shop, _ = shop_upsert(external_id=f"more-{n}", name=f"More {n}", time_zone="UTC")
        shop_member_add(shop=shop, user=seller, role=ShopMember.Role.STAFF)
    with CaptureQueriesContext(connection) as six:
        assert len(badge("seller-9", secret).json()["shops"]) == 6
    # The token, the caller's two permission lookups, the person, their shops, the counters.
    assert len(six.captured_queries) == len(one.captured_queries) == 6
