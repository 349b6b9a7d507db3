"""Consent given or withdrawn at checkout, through the real order API."""

from __future__ import annotations

from datetime import UTC, datetime

from comptoir.accounts.models import User
from comptoir.consent.models import Consent, ConsentChange
from comptoir.consent.services import consent_set
from comptoir.shops.models import Shop
from tests.api.conftest import Api
from tests.consent.conftest import NOW, ORDERED, checkout


def changes(buyer_external_id: str = "buyer-1") -> list[tuple[bool, str, datetime, str]]:
    return [
        (c.given, c.source, c.at, c.reference)
        for c in ConsentChange.objects.filter(buyer__external_id=buyer_external_id).order_by(
            "at", "id"
        )
    ]


def test_checkout_consent_is_recorded_with_the_order_at_its_time(api: Api, shop: Shop) -> None:
    checkout(api, "o-1", marketing_consent=True)

    consent = Consent.objects.get(buyer__external_id="buyer-1", shop=shop)
    assert (consent.given, consent.source, consent.changed_at) == (True, "checkout", ORDERED)
    assert changes() == [(True, "checkout", ORDERED, "o-1")]
    read = api.get("/shops/shop-1/buyers/buyer-1/consent").json()
    assert read["given"] is True
    assert read["source"] == "checkout"
    assert [(h["given"], h["source"], h["reference"]) for h in read["history"]] == [
        (True, "checkout", "o-1")
    ]


def test_re_sending_the_order_records_nothing_new(api: Api, shop: Shop) -> None:
    checkout(api, "o-1", marketing_consent=True)
    again = checkout(api, "o-1", marketing_consent=True)
    shipped = checkout(
        api, "o-1", marketing_consent=True, status="shipped", shipped_at="2026-06-02T10:00:00Z"
    )

    assert again["Comptoir-Outcome"] == "unchanged"
    assert shipped["Comptoir-Outcome"] == "updated"
    assert changes() == [(True, "checkout", ORDERED, "o-1")]


def test_saying_no_at_a_later_checkout_withdraws(api: Api, shop: Shop) -> None:
    checkout(api, "o-1", marketing_consent=True)
    checkout(api, "o-2", marketing_consent=False, ordered_at="2026-06-10T08:00:00Z")

    later = datetime(2026, 6, 10, 8, 0, tzinfo=UTC)
    assert Consent.objects.get(buyer__external_id="buyer-1", shop=shop).given is False
    assert changes() == [
        (True, "checkout", ORDERED, "o-1"),
        (False, "checkout", later, "o-2"),
    ]


def test_no_answer_leaves_consent_unchanged(api: Api, shop: Shop) -> None:
    checkout(api, "o-1")
    checkout(api, "o-2", marketing_consent=None)
    assert not Consent.objects.exists()

    checkout(api, "o-3", marketing_consent=True)
    checkout(api, "o-4", ordered_at="2026-06-12T08:00:00Z")  # no answer: still given
    assert Consent.objects.get(buyer__external_id="buyer-1").given is True


def test_an_old_order_re_sent_never_undoes_a_later_unsubscribe(api: Api, shop: Shop) -> None:
    checkout(api, "o-1", marketing_consent=True)
    buyer = User.objects.get(external_id="buyer-1")
    consent_set(buyer_id=buyer.id, shop_id=shop.id, given=False, source="unsubscribe")

    checkout(
        api, "o-1", marketing_consent=True, status="shipped", shipped_at="2026-06-02T10:00:00Z"
    )

    assert Consent.objects.get(buyer=buyer, shop=shop).given is False
    assert changes() == [(True, "checkout", ORDERED, "o-1"), (False, "unsubscribe", NOW, "")]


def test_a_refused_order_records_no_consent(api: Api, shop: Shop) -> None:
    response = api.put(
        "/shops/shop-1/orders/o-1",
        {
            "buyer": {"id": "buyer-9"},
            "status": "shipped",  # without shipped_at: refused
            "ordered_at": "2026-06-01T09:30:00Z",
            "items": [{"title": "Mug", "unit_price": "10.00"}],
            "marketing_consent": True,
        },
    )
    assert response.status_code == 422
    assert not Consent.objects.exists()
    assert not ConsentChange.objects.exists()


def test_a_checkout_dated_after_our_clock_is_recorded_as_now(api: Api, shop: Shop) -> None:
    checkout(api, "o-1", marketing_consent=True, ordered_at="2026-06-15T12:05:00Z")
    assert changes() == [(True, "checkout", NOW, "o-1")]
