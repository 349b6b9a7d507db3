"""Sales through the real services: creating, ending early, and the price a listing sells
at now (the best running sale)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.catalog.services import listing_upsert
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.promotions.models import Sale
from comptoir.promotions.offers_selectors import listing_price, sale_state
from comptoir.promotions.sales import SaleInput, sale_create, sale_end
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.promotions.offers.conftest import HOUR, NOW, refused, suspend_promotions

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def make_sale(shop: Shop, **values: Any) -> Sale:
    data: dict[str, Any] = {
        "name": "Summer sale",
        "discount_kind": "percent",
        "amount": Decimal("20"),
        "starts_at": NOW - HOUR,
        "ends_at": NOW + DAY,
    }
    data.update(values)
    return sale_create(shop=shop, actor=None, data=SaleInput(**data))


@pytest.fixture
def second_listing(shop: Shop, listing: Listing) -> Listing:
    found, _ = listing_upsert(
        shop=shop, external_id="listing-2", title="Linen napkins", price=Decimal("12.00")
    )
    return found


def price(shop: Shop, listing: str = "listing-1") -> tuple[Decimal, str | None]:
    found = listing_price(shop, listing)
    return found.sale_price, found.sale.name if found.sale else None


def test_a_sale_on_all_listings_cuts_their_price(
    shop: Shop, listing: Listing, frozen: datetime
) -> None:
    assert price(shop) == (Decimal("35.00"), None)
    make_sale(shop)
    found = listing_price(shop, "listing-1")
    assert (found.price, found.discount, found.sale_price, found.currency) == (
        Decimal("35.00"),
        Decimal("7.00"),
        Decimal("28.00"),
        "EUR",
    )


def test_a_sale_on_chosen_listings_cuts_only_theirs(
    shop: Shop, listing: Listing, second_listing: Listing, frozen: datetime
) -> None:
    sale = make_sale(shop, all_listings=False, listing_ids=["listing-2"], discount_kind="amount",
                     amount=Decimal("5"))  # fmt: skip
    assert [item.external_id for item in sale.listings.all()] == ["listing-2"]
    assert price(shop, "listing-1") == (Decimal("35.00"), None)
    assert price(shop, "listing-2") == (Decimal("7.00"), "Summer sale")


def test_the_sale_taking_the_most_off_wins(shop: Shop, listing: Listing, frozen: datetime) -> None:
    make_sale(shop, name="Ten off", discount_kind="amount", amount=Decimal("10"))
    make_sale(shop, name="Twenty percent")  # 7.00 off 35.00
    make_sale(shop, name="Later", amount=Decimal("50"), starts_at=NOW + HOUR)
    assert price(shop) == (Decimal("25.00"), "Ten off")


def test_the_window_to_the_second(shop: Shop, listing: Listing, frozen: datetime) -> None:
    sale = make_sale(shop, starts_at=NOW + HOUR, ends_at=NOW + 2 * HOUR)
    second = timedelta(seconds=1)
    for at, expected in [
        (NOW + HOUR - second, None),
        (NOW + HOUR, "Summer sale"),
        (NOW + 2 * HOUR - second, "Summer sale"),
        (NOW + 2 * HOUR, None),
    ]:
        with clock.frozen_at(at):
            assert price(shop)[1] == expected, at
    with clock.frozen_at(NOW + 2 * HOUR):
        assert sale_state(sale) == "ended"


def test_ending_a_sale_early(shop: Shop, listing: Listing, frozen: datetime) -> None:
    sale = make_sale(shop)
    ended = sale_end(shop=shop, sale_id=sale.id)
    assert ended.ended_early_at == NOW
    assert sale_state(ended) == "ended"
    assert price(shop) == (Decimal("35.00"), None)
    refused("sale_ended", sale_end, shop=shop, sale_id=sale.id)
    other, _ = shop_upsert(external_id="shop-2", name="Other")
    refused("sale_not_found", sale_end, shop=other, sale_id=sale.id)


@pytest.mark.parametrize(
    ("values", "fields"),
    [
        ({"name": " "}, {"name": "required"}),
        ({"name": "x" * 101}, {"name": "too_long"}),
        ({"amount": Decimal("120")}, {"amount": "over_100"}),
        ({"discount_kind": "amount", "amount": Decimal("0")}, {"amount": "not_positive"}),
        ({"ends_at": NOW - HOUR}, {"ends_at": "ends_before_start"}),
        ({"starts_at": NOW - DAY, "ends_at": NOW - HOUR}, {"ends_at": "in_the_past"}),
        ({"all_listings": False}, {"listing_ids": "required"}),
        ({"all_listings": False, "listing_ids": ["listing-1", "nope"]},
         {"listing_ids": "unknown_listing"}),
    ],
)  # fmt: skip
def test_invalid_sales_write_nothing(
    shop: Shop, listing: Listing, frozen: datetime, values: dict[str, Any], fields: dict[str, str]
) -> None:
    error = refused("invalid_sale", make_sale, shop, **values)
    assert error.fields == fields
    assert not Sale.objects.exists()


def test_another_shops_listing_cannot_be_chosen(
    shop: Shop, listing: Listing, frozen: datetime
) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Other")
    error = refused("invalid_sale", make_sale, other, all_listings=False, listing_ids=["listing-1"])
    assert error.fields == {"listing_ids": "unknown_listing"}
    with pytest.raises(DomainError) as info:
        listing_price(other, "listing-1")
    assert info.value.code == "listing_not_found"


def test_suspended_promotions_stop_sales(
    shop: Shop, listing: Listing, staff: User, frozen: datetime
) -> None:
    sale = make_sale(shop)
    suspend_promotions(shop, staff)
    refused("promotions_suspended", make_sale, shop, name="Another")
    assert price(shop) == (Decimal("35.00"), None)
    assert sale_end(shop=shop, sale_id=sale.id).ended_early_at == NOW  # ending is allowed
