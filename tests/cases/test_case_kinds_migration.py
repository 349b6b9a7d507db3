"""Existing cases become the seed's kinds (cases migration 0002), on the real database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from comptoir.cases.models import Case
from comptoir.orders.models import Order

BEFORE = [("cases", "0001_initial")]
AFTER = [("cases", "0002_seed_kinds")]


@pytest.mark.django_db(transaction=True)
def test_damaged_late_and_not_as_described_cases_get_their_kind(order: Order) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("cases", "Case")
    at = datetime(2026, 3, 20, tzinfo=UTC)
    for n, type in enumerate(["damaged", "late", "not_as_described", "non_delivery"]):
        old.objects.create(
            order_id=order.id, shop_id=order.shop_id, buyer_id=order.buyer_id,
            external_id=f"c-{n}", type=type, status="closed", opened_at=at,
            created_at=at, updated_at=at,
        )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    kinds = dict(Case.objects.values_list("external_id", "type"))
    variants = dict(Case.objects.values_list("external_id", "variant"))
    assert kinds == {
        "c-0": "not_as_described",
        "c-1": "not_as_described",
        "c-2": "not_as_described",
        "c-3": "non_delivery",
    }
    assert variants == {
        "c-0": "differs_from_listing",
        "c-1": "not_shipped_in_time",
        "c-2": "differs_from_listing",
        "c-3": "",
    }
