"""Listings: who can see them, and which ones buyers find in search."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.accounts.models import User
from comptoir.catalog.delivery import estimate_delivery
from comptoir.catalog.models import Listing
from comptoir.catalog.selectors import (
    get_listing_for,
    get_listing_to_ask_about,
    listings_buyers_may_ask_about,
    listings_in_search,
)
from comptoir.catalog.services import listing_upsert
from comptoir.core.errors import DomainError, NotFound
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert


def set_shop(shop: Shop, **changes: object) -> None:
    values = {"external_id": shop.external_id, "name": shop.name, "time_zone": shop.time_zone}
    values.update(changes)
    shop_upsert(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change", [{"status": "paused"}, {"vacation_mode": True}, {"searchable": False}]
)
def test_listings_leave_search_when_the_shop_is_away_or_removed(
    shop: Shop, listing: Listing, change: dict[str, object]
) -> None:
    assert list(listings_in_search()) == [listing]
    set_shop(shop, **change)
    assert list(listings_in_search()) == []


def test_a_private_custom_listing_is_seen_only_by_its_buyer_and_the_shop(
    shop: Shop, seller: User, buyer: User, staff: User
) -> None:
    custom, _outcome = listing_upsert(
        shop=shop,
        external_id="custom-1",
        title="Apron with initials M.K.",
        price=Decimal("48"),
        private_for_external_id="buyer-1",
    )
    stranger = User.objects.create_user(username="stranger")

    assert custom not in listings_in_search()
    for viewer in (buyer, seller, staff):
        assert get_listing_for(viewer, custom.id) == custom
    for viewer in (stranger, None):
        with pytest.raises(NotFound):
            get_listing_for(viewer, custom.id)


def test_only_the_buyer_a_custom_listing_is_made_for_may_ask_about_it(
    shop: Shop, listing: Listing, seller: User, buyer: User, staff: User
) -> None:
    custom, _outcome = listing_upsert(
        shop=shop,
        external_id="custom-1",
        title="Apron with initials M.K.",
        price=Decimal("48"),
        private_for_external_id="buyer-1",
    )
    stranger = User.objects.create_user(username="stranger")

    assert set(listings_buyers_may_ask_about(buyer)) == {listing, custom}
    for person in (seller, staff, stranger):  # staff and the shop read it, nobody else asks
        assert list(listings_buyers_may_ask_about(person)) == [listing]
        with pytest.raises(NotFound) as err:
            get_listing_to_ask_about(person, listing_id=custom.id)
        assert err.value.code == "listing_not_found"
    assert get_listing_to_ask_about(buyer, external_id="custom-1") == custom
    set_shop(shop, status="revoked")
    assert list(listings_buyers_may_ask_about(buyer)) == []


def test_a_listing_id_of_another_shop_is_refused(shop: Shop, listing: Listing) -> None:
    other, _outcome = shop_upsert(external_id="shop-2", name="Other")
    with pytest.raises(DomainError) as err:
        listing_upsert(shop=other, external_id="listing-1", title="Taken", price=Decimal("1"))
    assert err.value.fields == {"external_id": "belongs_to_another_shop"}


def test_delivery_estimate_example() -> None:
    estimate = estimate_delivery(
        ordered_at=datetime(2026, 11, 20, 23, 30, tzinfo=UTC),  # 21 Nov in Warsaw
        time_zone="Europe/Warsaw",
        processing=(1, 3),
        transit=(2, 4),
    )
    assert estimate.ship_by == date(2026, 11, 24)
    assert (estimate.earliest, estimate.latest) == (date(2026, 11, 24), date(2026, 11, 28))


@given(
    ordered=st.datetimes(
        min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)
    ),
    p=st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted),
    t=st.tuples(st.integers(0, 30), st.integers(0, 30)).map(sorted),
    zone=st.sampled_from(["UTC", "Europe/Paris", "Asia/Kolkata", "America/New_York"]),
)
def test_delivery_window_is_ordered_and_after_shipping(
    ordered: datetime, p: list[int], t: list[int], zone: str
) -> None:
    estimate = estimate_delivery(
        ordered_at=ordered, time_zone=zone, processing=(p[0], p[1]), transit=(t[0], t[1])
    )
    assert estimate.earliest <= estimate.latest
    assert estimate.ship_by <= estimate.latest
    local_day = ordered.astimezone(ZoneInfo(zone)).date()
    assert (estimate.ship_by - local_day).days == p[1]
    assert (estimate.earliest - local_day).days == p[0] + t[0]
