"""Shops paused or revoked before their end dates were kept learn them (standards 0002)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from comptoir.accounts.models import User
from comptoir.shops.models import Shop
from comptoir.standards.ladder import action_take
from tests.standards.conftest import TODAY


@pytest.mark.django_db(transaction=True)
def test_the_backfill_reads_the_end_dates_of_the_actions_in_force(shop: Shop, staff: User) -> None:
    until = TODAY + timedelta(days=10)
    action_take(actor=staff, shop_id=shop.id, step=3, measures=["pause_shop"], reason="A.",
                ends_on=until)  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.migrate([("standards", "0001_initial")])
    Shop.objects.filter(id=shop.id).update(staff_pause_ends_on=None)

    MigrationExecutor(connection).migrate([("standards", "0002_shop_measure_ends")])

    shop.refresh_from_db()
    assert (shop.staff_paused, shop.staff_pause_ends_on) == (True, until)
    assert (shop.standing.status, shop.standing.until) == ("paused", until)
