"""Cases from the marketplace are checked against the timing rule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from comptoir.cases.models import Case
from comptoir.cases.services import case_upsert, order_case_eligibility
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.orders.models import Order
from comptoir.orders.services import order_buyer_messaged
from comptoir.shops.models import Shop

MESSAGE = datetime(2026, 3, 11, 8, 0, tzinfo=UTC)


def test_no_case_before_the_buyer_wrote_to_the_shop(shop: Shop, order: Order) -> None:
    with pytest.raises(DomainError) as err:
        case_upsert(
            shop=shop,
            external_id="c-1",
            order_external_id="order-1",
            type="non_delivery",
            opened_at=MESSAGE,
        )
    assert err.value.code == "case_not_eligible"
    assert err.value.fields == {"order_id": "message_shop_first"}
    assert not Case.objects.exists()


def test_a_case_opens_48_hours_after_the_message(shop: Shop, order: Order) -> None:
    order_buyer_messaged(order=order, at=MESSAGE)
    order.refresh_from_db()
    with clock.frozen_at(MESSAGE + timedelta(hours=47)):
        assert order_case_eligibility(order).code == "wait_for_shop_reply"
        with pytest.raises(DomainError):
            case_upsert(
                shop=shop, external_id="c-1", order_external_id="order-1", type="non_delivery"
            )
    with clock.frozen_at(MESSAGE + timedelta(hours=48)):
        case, _outcome = case_upsert(
            shop=shop, external_id="c-1", order_external_id="order-1", type="non_delivery"
        )
    assert case.status == "open"
    assert case.opened_at == MESSAGE + timedelta(hours=48)


def test_only_one_active_case_per_order_and_resolution_is_recorded(
    shop: Shop, order: Order
) -> None:
    order_buyer_messaged(order=order, at=MESSAGE)
    opened = MESSAGE + timedelta(days=3)
    case_upsert(
        shop=shop, external_id="c-1", order_external_id="order-1", type="damaged", opened_at=opened
    )
    with pytest.raises(DomainError) as err:
        case_upsert(
            shop=shop, external_id="c-2", order_external_id="order-1", type="late", opened_at=opened
        )
    assert err.value.fields == {"order_id": "case_already_open"}

    case, _outcome = case_upsert(
        shop=shop,
        external_id="c-1",
        order_external_id="order-1",
        type="damaged",
        status="resolved",
        resolution="refund",
    )
    assert case.resolved_at is not None
    assert case.opened_at == opened


def test_resolving_needs_a_resolution(shop: Shop, order: Order) -> None:
    order_buyer_messaged(order=order, at=MESSAGE)
    with pytest.raises(DomainError) as err:
        case_upsert(
            shop=shop,
            external_id="c-1",
            order_external_id="order-1",
            type="late",
            status="resolved",
            opened_at=MESSAGE + timedelta(days=3),
        )
    assert err.value.fields == {"resolution": "required_when_resolved"}
