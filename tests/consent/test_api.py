"""Consent through the API: the integration's endpoint, the buyer's own, the shop's counts."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.consent.models import Consent, ConsentChange
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.api.conftest import Api
from tests.consent.conftest import NOW, checkout
from tests.messaging.conftest import Client_

PAIR = "/shops/shop-1/buyers/buyer-1/consent"


def test_the_integration_reports_and_reads_consent(api: Api, shop: Shop, buyer: User) -> None:
    before = api.get(PAIR).json()
    assert before == {"given": False, "changed_at": None, "source": None, "history": []}

    given = api.put(
        PAIR,
        {"given": True, "source": "import", "reference": "crm-7", "at": "2026-05-01T08:00:00Z"},
    )
    assert given.status_code == 200
    body = given.json()
    assert (body["given"], body["source"]) == (True, "import")
    assert body["changed_at"].startswith("2026-05-01T08:00:00")
    assert [(h["given"], h["source"], h["reference"]) for h in body["history"]] == [
        (True, "import", "crm-7")
    ]

    assert api.put(PAIR, {"given": True, "source": "api"}).json() == body  # unchanged
    withdrawn = api.put(PAIR, {"given": False, "source": "api"}).json()
    assert (withdrawn["given"], withdrawn["source"], len(withdrawn["history"])) == (
        False,
        "api",
        2,
    )
    assert api.get(PAIR).json() == withdrawn


def test_an_older_report_does_not_undo_a_newer_choice(api: Api, shop: Shop, buyer: User) -> None:
    api.put(PAIR, {"given": False, "source": "api"})
    old = api.put(PAIR, {"given": True, "source": "import", "at": "2025-01-01T00:00:00Z"})
    assert old.json()["given"] is False
    assert ConsentChange.objects.count() == 1


def test_unknown_ids_and_bad_reports_are_refused(api: Api, shop: Shop, buyer: User) -> None:
    def put(path: str, body: dict[str, Any]) -> tuple[int, str]:
        response = api.put(path, body)
        return response.status_code, response.json()["code"]

    ok = {"given": True, "source": "api"}
    assert put("/shops/nope/buyers/buyer-1/consent", ok) == (404, "shop_not_found")
    assert put("/shops/shop-1/buyers/nope/consent", ok) == (404, "buyer_not_found")
    assert api.get("/shops/shop-1/buyers/nope/consent").json()["code"] == "buyer_not_found"
    # A buyer's own choice is theirs to make: the integration cannot claim it.
    assert put(PAIR, {"given": True, "source": "account"}) == (422, "invalid_payload")
    assert put(PAIR, {"given": True, "source": "unsubscribe"}) == (422, "invalid_payload")
    assert put(PAIR, {"given": True, "source": "api", "at": "2026-05-01T08:00:00"}) == (
        422,
        "invalid_payload",
    )
    assert put(PAIR, {"source": "api"}) == (422, "invalid_payload")
    assert not Consent.objects.exists()


def test_only_the_integration_uses_the_integration_endpoint(
    as_buyer: Client_, as_seller: Client_, shop: Shop
) -> None:
    for who in (as_buyer, as_seller):
        response = who.call("PUT", PAIR, {"given": True, "source": "api"})
        assert (response.status_code, response.json()["code"]) == (403, "forbidden")
        assert who.get(PAIR).status_code == 403
    assert not Consent.objects.exists()


def other_shop(n: int) -> Shop:
    return shop_upsert(external_id=f"shop-x{n}", name=f"Boutique {n}", time_zone="Europe/Paris")[0]


def test_a_buyer_sees_every_shop_they_could_hear_from(
    api: Api, shop: Shop, as_buyer: Client_, as_other_buyer: Client_
) -> None:
    other_shop(1)
    other_shop(2)
    checkout(api, "o-1", marketing_consent=True)  # Atelier Lune: agreed at checkout
    checkout(api, "o-2", shop="shop-x1")  # Boutique 1: bought, never asked
    checkout(api, "o-3", shop="shop-x2", buyer="buyer-2", marketing_consent=True)  # not theirs

    mine = as_buyer.get("/me/consents").json()
    assert [(c["shop_id"], c["shop_name"], c["given"], c["source"]) for c in mine] == [
        ("shop-1", "Atelier Lune", True, "checkout"),
        ("shop-x1", "Boutique 1", False, None),
    ]
    theirs = as_other_buyer.get("/me/consents").json()
    assert [(c["shop_id"], c["given"]) for c in theirs] == [("shop-x2", True)]


def test_a_buyer_changes_their_own_consent(
    api: Api, shop: Shop, as_buyer: Client_, as_other_buyer: Client_
) -> None:
    other_shop(2)
    checkout(api, "o-1", marketing_consent=True)
    checkout(api, "o-3", shop="shop-x2", buyer="buyer-2", marketing_consent=True)

    off = as_buyer.call("PUT", "/me/consents/shop-1", {"given": False})
    assert off.status_code == 200
    assert off.json() == {
        "shop_id": "shop-1",
        "shop_name": "Atelier Lune",
        "given": False,
        "changed_at": NOW.isoformat().replace("+00:00", "Z"),
        "source": "account",
    }
    last = ConsentChange.objects.order_by("-id").first()
    assert last is not None
    assert (last.buyer.external_id, last.given, last.source, last.at) == (
        "buyer-1",
        False,
        "account",
        NOW,
    )
    # Another buyer's shop, a shop they never bought from, an unknown shop: all 404.
    for path in ("/me/consents/shop-x2", "/me/consents/nope"):
        response = as_buyer.call("PUT", path, {"given": True})
        assert (response.status_code, response.json()["code"]) == (404, "shop_not_found")
    assert Consent.objects.get(buyer__external_id="buyer-2").given is True


def test_my_consents_costs_the_same_for_many_shops(api: Api, shop: Shop, as_buyer: Client_) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert as_buyer.get("/me/consents").status_code == 200
        return len(ctx.captured_queries)

    checkout(api, "o-0", marketing_consent=True)
    queries()  # the token's first use of the day is written down once
    one = queries()
    for n in range(1, 6):
        other_shop(n)
        checkout(api, f"o-{n}", shop=f"shop-x{n}", marketing_consent=n % 2 == 0 or None)
    assert len(as_buyer.get("/me/consents").json()) == 6
    assert queries() == one
    assert one == 3  # the token with its user, the consents, the other shops bought from


def test_the_shop_sees_counts_only(
    api: Api, shop: Shop, as_seller: Client_, as_buyer: Client_
) -> None:
    checkout(api, "o-1", marketing_consent=True)
    checkout(api, "o-2", buyer="buyer-2", marketing_consent=False)
    checkout(api, "o-3", buyer="buyer-3")
    checkout(api, "o-4", buyer="buyer-3", ordered_at="2026-06-02T09:00:00Z")
    User.objects.create_user(username="stranger", external_id="buyer-4")
    api.put("/shops/shop-1/buyers/buyer-4/consent", {"given": True, "source": "import"})

    summary = as_seller.get("/shops/shop-1/consents/summary")
    assert summary.json() == {"consenting": 1, "past_buyers": 3}
    response = as_buyer.get("/shops/shop-1/consents/summary")
    assert (response.status_code, response.json()["code"]) == (404, "shop_not_found")
