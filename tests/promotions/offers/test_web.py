"""The seller's coupon and sale pages: through the forms, as a member; 404 for others."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.catalog.services import listing_upsert
from comptoir.promotions.coupons import coupon_redeem
from comptoir.promotions.models import Coupon, Sale
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.promotions.offers.conftest import NOW, make_coupon, suspend_promotions

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller_client(seller: User) -> Client:
    seller.time_zone = "Europe/Paris"
    seller.save(update_fields=["time_zone"])
    client = Client()
    client.force_login(seller)
    return client


def test_a_seller_creates_a_code_through_the_form(
    seller_client: Client, shop: Shop, frozen: datetime
) -> None:
    page = seller_client.get(reverse("promotions:coupons", args=[shop.id]))
    assert page.status_code == 200
    assert "No codes yet." in page.content.decode()
    answer = seller_client.post(
        reverse("promotions:coupons", args=[shop.id]),
        {
            "code": "Welcome-5",
            "discount_kind": "amount",
            "amount": "5",
            "minimum_order": "25",
            "usage_limit": "50",
            "per_buyer_limit": "1",
            "starts_at": "2026-06-15T14:00",  # Paris time: 12:00 UTC
            "ends_at": "2026-07-01T00:00",
        },
    )
    coupon = Coupon.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == reverse("promotions:coupon", args=[shop.id, coupon.id])
    assert (coupon.code, coupon.amount, coupon.minimum_order, coupon.usage_limit) == (
        "Welcome-5",
        Decimal("5.00"),
        Decimal("25.00"),
        50,
    )
    assert coupon.starts_at == NOW
    assert coupon.ends_at == datetime(2026, 6, 30, 22, 0, tzinfo=UTC)

    listed = seller_client.get(reverse("promotions:coupons", args=[shop.id])).content.decode()
    assert "Welcome-5" in listed
    assert '<meter min="0" max="50" value="0"' in listed
    assert "Active" in listed
    assert "5.00 EUR off" in listed


def test_form_errors_are_shown_and_nothing_is_written(
    seller_client: Client, shop: Shop, coupon: Coupon
) -> None:
    url = reverse("promotions:coupons", args=[shop.id])
    data = {"code": "summer10", "discount_kind": "percent", "amount": "10"}
    taken = seller_client.post(url, data)
    assert taken.status_code == 400
    assert "already has the code SUMMER10" in taken.content.decode()
    bad = seller_client.post(url, {**data, "code": "a b", "amount": "120"})
    text = bad.content.decode()
    assert "Use only letters, digits and dashes." in text
    assert "A percentage cannot be more than 100." in text
    assert Coupon.objects.count() == 1


def test_the_coupon_page_lists_its_uses_and_turns_it_off(
    seller_client: Client, shop: Shop, coupon: Coupon
) -> None:
    coupon_redeem(
        shop=shop, code="SUMMER10", buyer_id="buyer-9", order_id="order-77", order_total=Decimal(40)
    )
    url = reverse("promotions:coupon", args=[shop.id, coupon.id])
    text = seller_client.get(url).content.decode()
    assert "order-77" in text
    assert "buyer-9" in text
    assert "4.00 EUR" in text
    assert "1 of 5 (4 left)" in text
    off = seller_client.post(reverse("promotions:coupon_disable", args=[shop.id, coupon.id]))
    assert off.status_code == 302
    coupon.refresh_from_db()
    assert coupon.disabled_at is not None
    assert "Turned off" in seller_client.get(url).content.decode()


def test_a_seller_creates_a_sale_on_chosen_listings_and_ends_it(
    seller_client: Client, shop: Shop, listing: Listing, frozen: datetime
) -> None:
    listing_upsert(shop=shop, external_id="listing-2", title="Napkins", price=Decimal(12))
    url = reverse("promotions:sales", args=[shop.id])
    page = seller_client.get(url).content.decode()
    assert "Linen apron" in page
    assert "Napkins" in page
    answer = seller_client.post(
        url,
        {
            "name": "Apron week",
            "discount_kind": "percent",
            "amount": "15",
            "listings": ["listing-1"],
            "ends_at": "2026-06-22T00:00",
        },
    )
    assert answer.status_code == 302, answer.content.decode()
    sale = Sale.objects.get()
    assert not sale.all_listings
    assert [item.external_id for item in sale.listings.all()] == ["listing-1"]
    assert sale.ends_at == datetime(2026, 6, 21, 22, 0, tzinfo=UTC)
    text = seller_client.get(url).content.decode()
    assert "Apron week" in text
    assert "15 % off" in text
    ended = seller_client.post(reverse("promotions:sale_end", args=[shop.id, sale.id]))
    assert ended.status_code == 302
    sale.refresh_from_db()
    assert sale.ended_early_at == NOW
    assert 'data-state="ended"' in seller_client.get(url).content.decode()


def test_a_sale_without_listings_is_refused_on_the_form(
    seller_client: Client, shop: Shop, listing: Listing, frozen: datetime
) -> None:
    answer = seller_client.post(
        reverse("promotions:sales", args=[shop.id]),
        {"name": "Empty", "discount_kind": "percent", "amount": "15",
         "ends_at": "2026-06-22T00:00"},
    )  # fmt: skip
    assert answer.status_code == 400
    assert "This field is required." in answer.content.decode()
    assert not Sale.objects.exists()


def test_suspended_promotions_are_explained(
    seller_client: Client, shop: Shop, staff: User, coupon: Coupon
) -> None:
    suspend_promotions(shop, staff)
    url = reverse("promotions:coupons", args=[shop.id])
    text = seller_client.get(url).content.decode()
    assert "suspended your shop" in text
    assert "Create the code" not in text
    answer = seller_client.post(url, {"code": "NEW-1", "discount_kind": "percent", "amount": "5"})
    assert answer.status_code == 400
    assert Coupon.objects.count() == 1


def test_others_get_404(shop: Shop, coupon: Coupon, listing: Listing, frozen: datetime) -> None:
    sale = Sale.objects.create(
        shop=shop, name="S", discount_kind="percent", amount=5,
        starts_at=NOW, ends_at=NOW + timedelta(days=1),
    )  # fmt: skip
    outsider = User.objects.create_user(username="outsider", password="x-pass-123")
    client = Client()
    client.force_login(outsider)
    for url in (
        reverse("promotions:coupons", args=[shop.id]),
        reverse("promotions:coupon", args=[shop.id, coupon.id]),
        reverse("promotions:sales", args=[shop.id]),
    ):
        assert client.get(url).status_code == 404, url
    data = {"code": "MINE", "discount_kind": "percent", "amount": "5"}
    assert client.post(reverse("promotions:coupons", args=[shop.id]), data).status_code == 404
    assert (
        client.post(reverse("promotions:coupon_disable", args=[shop.id, coupon.id])).status_code
        == 404
    )
    assert client.post(reverse("promotions:sale_end", args=[shop.id, sale.id])).status_code == 404
    coupon.refresh_from_db()
    sale.refresh_from_db()
    assert coupon.disabled_at is None
    assert sale.ended_early_at is None
    assert Coupon.objects.count() == 1
    anonymous = Client().get(reverse("promotions:coupons", args=[shop.id]))
    assert anonymous.status_code == 302  # to the login page


def test_another_shops_coupon_is_404_for_a_member(
    seller_client: Client, shop: Shop, frozen: datetime
) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Other")
    theirs = make_coupon(other, code="THEIRS")
    assert (
        seller_client.get(reverse("promotions:coupon", args=[shop.id, theirs.id])).status_code
        == 404
    )
    assert seller_client.get(reverse("promotions:coupons", args=[other.id])).status_code == 404


def test_the_lists_take_a_fixed_number_of_queries(
    seller_client: Client, shop: Shop, listing: Listing, frozen: datetime
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from comptoir.promotions.sales import SaleInput, sale_create

    def add(start: int, n: int) -> None:
        for i in range(start, start + n):
            make_coupon(shop, code=f"CODE-{i}", usage_limit=10)
            sale_create(
                shop=shop,
                actor=None,
                data=SaleInput(name=f"S{i}", discount_kind="percent", amount=Decimal(5),
                               ends_at=NOW + timedelta(days=1), all_listings=False,
                               listing_ids=["listing-1"]),
            )  # fmt: skip

    counts = []
    for start, n in ((0, 2), (2, 10)):
        add(start, n)
        for name in ("promotions:coupons", "promotions:sales"):
            with CaptureQueriesContext(connection) as queries:
                assert seller_client.get(reverse(name, args=[shop.id])).status_code == 200
            counts.append(len(queries))
    assert counts[:2] == counts[2:]
