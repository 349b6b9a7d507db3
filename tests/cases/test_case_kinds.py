"""The seed's case kinds: not received, and not as described with its four variants, in the
API, the eligibility rule and the standards figures."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from comptoir.cases.eligibility import OrderTiming, case_eligibility
from comptoir.cases.models import Case
from comptoir.core import clock
from comptoir.orders.models import Order
from comptoir.standards.figures import gather
from tests.api.conftest import Api, api, integration_user
from tests.api.test_reviews_and_cases_api import message_shop, open_case

ORDERED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
EARLY_MESSAGE = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
END_OF_SHIP_BY = datetime(2026, 3, 5, 23, 0, tzinfo=UTC)  # midnight in Paris after 5 March


def timing(**overrides: object) -> OrderTiming:
    values: dict[str, object] = {
        "ordered_at": ORDERED,
        "ship_by": date(2026, 3, 5),
        "estimated_delivery_on": date(2026, 3, 10),
        "shop_time_zone": "Europe/Paris",
        "first_buyer_message_at": EARLY_MESSAGE,
    }
    values.update(overrides)
    return OrderTiming(**values)  # type: ignore[arg-type]


def test_not_shipped_in_time_waits_for_the_ship_by_date_not_the_delivery_estimate() -> None:
    late = "not_shipped_in_time"
    before = case_eligibility(timing(), END_OF_SHIP_BY - timedelta(seconds=1), variant=late)
    assert (before.code, before.opens_at) == ("ship_by_date_not_passed", END_OF_SHIP_BY)
    assert case_eligibility(timing(), END_OF_SHIP_BY, variant=late).eligible
    # Every other kind still waits for the delivery estimate.
    for variant in ("", "partial_delivery", "replacement_not_delivered", "differs_from_listing"):
        assert case_eligibility(timing(), END_OF_SHIP_BY, variant=variant).code == (
            "delivery_date_not_passed"
        )


def test_an_order_shipped_by_its_ship_by_date_gets_no_not_shipped_in_time_case() -> None:
    on_time = timing(shipped_at=END_OF_SHIP_BY - timedelta(minutes=1))
    late = timing(shipped_at=END_OF_SHIP_BY + timedelta(days=2))
    later = END_OF_SHIP_BY + timedelta(days=3)
    assert case_eligibility(on_time, later, variant="not_shipped_in_time").code == (
        "shipped_in_time"
    )
    assert case_eligibility(late, later, variant="not_shipped_in_time").eligible


@pytest.mark.django_db
def test_the_api_takes_each_kind_and_maps_the_old_types(api: Api, order: Order) -> None:
    message_shop(api, datetime(2026, 3, 12, 9, 0, tzinfo=UTC))
    with clock.frozen_at(datetime(2026, 3, 20, 9, 0, tzinfo=UTC)):
        partial = open_case(api, type="not_as_described", variant="partial_delivery")
        assert partial.status_code == 201, partial.json()
        assert (partial.json()["type"], partial.json()["variant"]) == (
            "not_as_described",
            "partial_delivery",
        )
        resolved = open_case(api, type="not_as_described", variant="partial_delivery",
                             status="resolved", resolution="refund")  # fmt: skip
        assert resolved.status_code == 200
        old = api.put("/shops/shop-1/cases/c-2", {"order_id": "order-1", "type": "damaged"})
        assert old.status_code == 201, old.json()
        assert (old.json()["type"], old.json()["variant"]) == (
            "not_as_described",
            "differs_from_listing",
        )
        wrong = api.put(
            "/shops/shop-1/cases/c-3",
            {"order_id": "order-1", "type": "non_delivery", "variant": "partial_delivery"},
        )
        assert (wrong.status_code, wrong.json()["fields"]) == (422, {"variant": "not_allowed"})
    case = Case.objects.get(external_id="c-1")
    assert case.kind_display == "Not as described: part of the order not delivered"


@pytest.mark.django_db
def test_eligibility_is_readable_for_the_not_shipped_in_time_kind(api: Api, order: Order) -> None:
    message_shop(api, EARLY_MESSAGE)
    with clock.frozen_at(END_OF_SHIP_BY + timedelta(hours=1)):
        base = f"/shops/shop-1/orders/{order.external_id}/case-eligibility"
        assert api.get(base).json()["code"] == "delivery_date_not_passed"
        assert api.get(base + "?variant=not_shipped_in_time").json()["eligible"] is True


@pytest.mark.django_db
def test_every_not_as_described_variant_counts_in_the_standards_figures(
    api: Api, order: Order
) -> None:
    message_shop(api, EARLY_MESSAGE)
    with clock.frozen_at(END_OF_SHIP_BY + timedelta(hours=1)):
        opened = open_case(api, type="not_as_described", variant="not_shipped_in_time")
        assert opened.status_code == 201, opened.json()
    figures = gather(date(2026, 3, 20), shop_ids=[order.shop_id])[order.shop_id]
    assert (figures.not_as_described_cases, figures.non_delivery_cases) == (1, 0)


__all__ = ["api", "integration_user"]
