"""Audiences of past buyers, on hand-built orders: each kind, its edges, and the preview
that says how many are left out for lack of consent."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core.errors import DomainError
from comptoir.promotions.audiences import (
    AudienceSpec,
    audience_check,
    audience_preview,
    buyer_ids,
)
from comptoir.shops.models import Shop
from tests.promotions.sends.conftest import buy, consent


def names(shop: Shop, spec: AudienceSpec) -> set[str]:
    ids = buyer_ids(shop=shop, spec=audience_check(shop=shop, spec=spec))
    return set(User.objects.filter(id__in=ids).values_list("external_id", flat=True))


@pytest.fixture
def orders(shop: Shop, listing: Listing) -> Shop:
    """ann: two orders (one of the listing); bob: only a cancelled one; cat: just after
    midnight of 1 June in Paris (22:30 UTC on 31 May); dan: 23:30 on 31 May in Paris;
    eve: two orders, one cancelled; fay: on 10 June 23:59 and 11 June 00:30 in Paris."""
    buy(shop, "o1", "ann", at=datetime(2026, 5, 3, 9, tzinfo=UTC), listing="listing-1")
    buy(shop, "o2", "ann", at=datetime(2026, 5, 20, 9, tzinfo=UTC))
    buy(shop, "o3", "bob", at=datetime(2026, 6, 2, 9, tzinfo=UTC), status="cancelled",
        listing="listing-1")  # fmt: skip
    buy(shop, "o4", "cat", at=datetime(2026, 5, 31, 22, 30, tzinfo=UTC))
    buy(shop, "o5", "dan", at=datetime(2026, 5, 31, 21, 30, tzinfo=UTC))
    buy(shop, "o6", "eve", at=datetime(2026, 6, 5, 9, tzinfo=UTC))
    buy(shop, "o7", "eve", at=datetime(2026, 6, 6, 9, tzinfo=UTC), status="cancelled")
    buy(shop, "o8", "fay", at=datetime(2026, 6, 10, 21, 59, tzinfo=UTC))
    buy(shop, "o9", "gus", at=datetime(2026, 6, 10, 22, 30, tzinfo=UTC))
    return shop


def test_all_past_buyers_once_each_without_cancelled_orders(orders: Shop) -> None:
    assert names(orders, AudienceSpec(kind="all")) == {"ann", "cat", "dan", "eve", "fay", "gus"}


def test_bought_a_listing(orders: Shop, listing: Listing) -> None:
    # bob's order of the listing was cancelled: he did not buy it.
    assert names(orders, AudienceSpec(kind="listing", listing_id=listing.id)) == {"ann"}


def test_date_range_is_whole_days_in_the_shops_time_zone(orders: Shop) -> None:
    june = AudienceSpec(kind="dates", bought_from=date(2026, 6, 1), bought_until=date(2026, 6, 10))
    # cat bought at 00:30 on 1 June in Paris (in); dan at 23:30 on 31 May (out); fay at
    # 23:59 on 10 June (in); gus at 00:30 on 11 June (out); eve's valid order is in.
    assert names(orders, june) == {"cat", "eve", "fay"}
    assert names(orders, AudienceSpec(kind="dates", bought_until=date(2026, 5, 31))) == {
        "ann",
        "dan",
    }
    assert names(orders, AudienceSpec(kind="dates", bought_from=date(2026, 6, 11))) == {"gus"}


def test_loyal_counts_only_non_cancelled_orders(orders: Shop) -> None:
    assert names(orders, AudienceSpec(kind="loyal", min_orders=2)) == {"ann"}
    assert names(orders, AudienceSpec(kind="loyal", min_orders=1)) == {
        "ann", "cat", "dan", "eve", "fay", "gus"
    }  # fmt: skip
    assert names(orders, AudienceSpec(kind="loyal", min_orders=3)) == set()


def test_another_shops_orders_are_not_in_the_audience(orders: Shop) -> None:
    from comptoir.shops.services import shop_upsert

    other, _ = shop_upsert(external_id="shop-2", name="Other", time_zone="UTC")
    buy(other, "x1", "zed")
    buy(other, "x2", "ann")
    assert "zed" not in names(orders, AudienceSpec(kind="all"))
    assert names(other, AudienceSpec(kind="all")) == {"zed", "ann"}


@pytest.mark.parametrize(
    ("spec", "field", "code"),
    [
        (AudienceSpec(kind="everyone"), "audience", "invalid_choice"),
        (AudienceSpec(kind="listing"), "listing_id", "required"),
        (AudienceSpec(kind="listing", listing_id=999_999), "listing_id", "not_found"),
        (AudienceSpec(kind="dates"), "bought_from", "required"),
        (
            AudienceSpec(kind="dates", bought_from=date(2026, 6, 2), bought_until=date(2026, 6, 1)),
            "bought_until",
            "before_start",
        ),
        (AudienceSpec(kind="loyal"), "min_orders", "required"),
        (AudienceSpec(kind="loyal", min_orders=0), "min_orders", "out_of_range"),
    ],
)
def test_audience_parameters_are_checked(
    orders: Shop, spec: AudienceSpec, field: str, code: str
) -> None:
    with pytest.raises(DomainError) as caught:
        audience_check(shop=orders, spec=spec)
    assert caught.value.code == "invalid_audience"
    assert caught.value.fields == {field: code}


def test_preview_left_out_are_those_without_consent(
    orders: Shop, django_assert_num_queries: object
) -> None:
    consent(orders, "ann")
    consent(orders, "cat")
    consent(orders, "dan")
    consent(orders, "dan", given=False)  # withdrew
    consent(orders, "bob")  # agreed, but not a past buyer (cancelled)
    spec = AudienceSpec(kind="all")
    with django_assert_num_queries(2):  # type: ignore[operator]
        preview = audience_preview(shop=orders, spec=spec)
    assert (preview.audience_size, preview.consenting, preview.left_out) == (6, 2, 4)
    loyal = audience_preview(shop=orders, spec=AudienceSpec(kind="loyal", min_orders=2))
    assert (loyal.audience_size, loyal.consenting, loyal.left_out) == (1, 1, 0)


def test_preview_costs_the_same_queries_for_a_bigger_audience(
    shop: Shop, django_assert_num_queries: object
) -> None:
    for n in range(30):
        buy(shop, f"b{n}", f"buyer{n}")
        if n % 3 == 0:
            consent(shop, f"buyer{n}")
    with django_assert_num_queries(2):  # type: ignore[operator]
        preview = audience_preview(shop=shop, spec=AudienceSpec(kind="loyal", min_orders=1))
    assert (preview.audience_size, preview.consenting, preview.left_out) == (30, 10, 20)
