"""Starting a send reads its audience a batch at a time: the same recipients, and as many
queries for five buyers as before, whatever the batch."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.promotions import sends
from comptoir.promotions.models import Recipient
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_

BASE = "/shops/shop-1"
# Everything POST /sends does (sign-in, checks, the campaign, its recipients, the task),
# the audience read in one query with its consent (20 when it took two lists).
QUERIES = 19


def start(seller: Client_) -> tuple[dict[str, object], int]:
    body = {"audience": "all", "subject": "Summer news", "body": "New linen aprons are in."}
    with CaptureQueriesContext(connection) as queries:
        response = seller.post(f"{BASE}/sends", body)
    assert response.status_code == 201, response.json()
    return response.json(), len(queries)


def recipients(campaign_id: object) -> list[tuple[str, str]]:
    return list(
        Recipient.objects.filter(campaign_id=campaign_id)
        .order_by("buyer_id")
        .values_list("buyer__external_id", "status")
    )


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_a_send_starts_with_every_buyer_whatever_the_batch(
    buyers: Shop, as_seller: Client_, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(sends, "AUDIENCE_BATCH", batch)
    started, _queries = start(as_seller)
    assert (started["audience_size"], started["left_out"]) == (5, 2)
    assert recipients(started["id"]) == [
        ("ann", "pending"),
        ("bea", "pending"),
        ("cid", "pending"),
        ("dov", "left_out"),
        ("eli", "left_out"),
    ]


def test_starting_a_send_takes_a_fixed_number_of_queries(buyers: Shop, as_seller: Client_) -> None:
    started, queries = start(as_seller)
    assert queries == QUERIES
    assert started["audience_size"] == 5
