"""A limit of 100 is never exceeded under concurrent use: 160 orders from 16 threads at
once try a code limited to 100 through the real service; exactly 100 get it."""

from __future__ import annotations

import json
import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection, connections
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create, integration_account_create
from comptoir.core.errors import DomainError
from comptoir.promotions.coupons import coupon_redeem
from comptoir.promotions.models import Redemption
from comptoir.shops.models import Shop
from tests.promotions.offers.conftest import make_coupon

THREADS = 16
PER_THREAD = 10  # 160 attempts for 100 uses

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]


def run_at_once(work: object, n: int) -> list[BaseException]:
    """Start `n` threads on `work(i)` together (a barrier) and wait for them all."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(n)

    def run(i: int) -> None:
        try:
            barrier.wait()
            work(i)  # type: ignore[operator]
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_a_limit_of_100_lets_exactly_100_orders_through(shop: Shop) -> None:
    coupon = make_coupon(shop, code="HUNDRED", usage_limit=100, starts_at=None)
    outcomes: Counter[str] = Counter()
    lock = threading.Lock()

    def attempts(thread: int) -> None:
        for k in range(PER_THREAD):
            n = thread * PER_THREAD + k
            try:
                coupon_redeem(
                    shop=Shop.objects.get(pk=shop.pk),
                    code="hundred",
                    buyer_id=f"rush-buyer-{n}",
                    order_id=f"rush-order-{n}",
                    order_total=Decimal("30.00"),
                )
                outcome = "redeemed"
            except DomainError as exc:
                outcome = exc.code
            with lock:
                outcomes[outcome] += 1

    assert run_at_once(attempts, THREADS) == []
    assert outcomes == {"redeemed": 100, "coupon_used_up": THREADS * PER_THREAD - 100}
    coupon.refresh_from_db()
    assert coupon.uses == 100
    assert Redemption.objects.filter(coupon=coupon).count() == 100
    assert Redemption.objects.values("order_external_id").distinct().count() == 100


def test_the_same_order_recorded_at_once_through_the_api_is_used_once(shop: Shop) -> None:
    coupon = make_coupon(shop, code="ONCE", usage_limit=10, starts_at=None)
    integration = integration_account_create(username="marketplace")
    secret = api_token_create(user=integration, name="rush").secret
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    data = {"code": "once", "buyer_id": "same-buyer", "order_id": "same-order", "order_total": "50"}

    def record(_: int) -> None:
        answer = Client().post(
            "/api/v1/shops/shop-1/coupons/redeem",
            data=json.dumps(data),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )
        with lock:
            statuses[answer.status_code] += 1

    assert run_at_once(record, 8) == []
    assert statuses == {201: 1, 200: 7}
    coupon.refresh_from_db()
    assert coupon.uses == 1
    assert User.objects.filter(external_id="same-buyer").count() == 1
