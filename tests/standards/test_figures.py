"""Every shop's standards figures, gathered set-based from data written through the
services: orders, cases and reviews from the marketplace, messages from buyers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.cases.services import case_upsert
from comptoir.core import clock
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from comptoir.standards.figures import gather
from comptoir.standards.rules import FlagKind, Share, flags
from tests.standards.conftest import NOON, TODAY, at
from tests.standards.conftest import place_order as order

pytestmark = pytest.mark.django_db


def shops() -> tuple[Shop, Shop]:
    good, _ = shop_upsert(external_id="good", name="Good", time_zone="Europe/Paris")
    bad, _ = shop_upsert(external_id="bad", name="Bad", time_zone="Europe/Paris")
    return good, bad


def test_dissatisfied_orders_from_cases_and_low_reviews() -> None:
    good, bad = shops()
    for n in range(50):
        order(good, f"g{n}", at(80 - n))
    for n in range(10):
        order(bad, f"b{n}", at(50 - n))
    order(bad, "b-old", at(400))  # a dissatisfied order long ago, outside the rate window
    # One order with both a case and a low review counts once, on its earlier event.
    case_upsert(shop=bad, external_id="c1", order_external_id="b0", type="non_delivery",
                opened_at=at(30))  # fmt: skip
    review_upsert(shop=bad, external_id="r1", order_external_id="b0", stars=1,
                  reviewed_at=at(20))  # fmt: skip
    review_upsert(shop=bad, external_id="r2", order_external_id="b1", stars=2,
                  reviewed_at=at(10))  # fmt: skip
    review_upsert(
        shop=bad, external_id="r3", order_external_id="b2", stars=3, reviewed_at=at(10)
    )  # fmt: skip  (3 stars: fine)
    review_upsert(shop=bad, external_id="r4", order_external_id="b-old", stars=1,
                  reviewed_at=at(390))  # fmt: skip
    review_upsert(shop=good, external_id="r5", order_external_id="g3", stars=1,
                  reviewed_at=at(70))  # fmt: skip
    with clock.frozen_at(NOON):
        figures = gather(TODAY)
    b = figures[bad.id]
    assert (b.window_orders, b.window_dissatisfied) == (10, 2)  # b-old is outside 90 days
    assert b.dissatisfied_on == [TODAY - timedelta(days=d) for d in (390, 30, 10)]
    assert [f.kind for f in flags(b, TODAY)] == [FlagKind.DISSATISFACTION]  # 20 %, 3, 2 recent
    g = figures[good.id]
    assert (g.window_orders, g.window_dissatisfied, len(g.dissatisfied_on)) == (50, 1, 1)
    assert flags(g, TODAY) == []  # an isolated incident


def test_late_shipments_and_a_surge_per_week() -> None:
    _good, bad = shops()
    # Eight calm weeks of 2 orders (each due two days after it was placed, in its own
    # week), then 12 orders in the last 7 days, 4 of them not shipped by their ship-by
    # date (yesterday).
    keys = (f"o{n}" for n in range(100))
    for week in range(1, 9):
        for _ in range(2):
            order(bad, next(keys), at(week * 7 + 3))
    for i in range(12):
        order(bad, next(keys), at(3), ship_by=TODAY - timedelta(days=1), shipped=i >= 4)
    with clock.frozen_at(NOON):
        figures = gather(TODAY)[bad.id]
    assert figures.weekly_orders[-1] == 12
    assert sum(figures.weekly_orders[:-1]) == 16
    assert figures.weekly_late[-1] == Share(4, 12)
    assert figures.late == Share(4, 20)  # due in the last 30 days: 8 calm ones and 12
    kinds = [f.kind for f in flags(figures, TODAY)]
    assert FlagKind.SURGE in kinds
    assert FlagKind.LATE_SHIPPING in kinds  # 4 of 20 = 20 %, at least 3


def test_three_statements_whatever_the_number_of_shops() -> None:
    def statements() -> int:
        with CaptureQueriesContext(connection) as captured:
            gather(TODAY)
        return len(captured)

    good, _bad = shops()
    order(good, "x0", at(5))
    few = statements()
    for n in range(6):
        s, _ = shop_upsert(external_id=f"more-{n}", name=f"More {n}", time_zone="UTC")
        order(s, f"m{n}", at(5))
        review_upsert(shop=s, external_id=f"mr{n}", order_external_id=f"m{n}", stars=1,
                      reviewed_at=at(1))  # fmt: skip
    assert statements() == few == 3
