"""The marketplace hears of every step and lifting through a signed webhook (real HTTP)."""

from __future__ import annotations

import json

import pytest

from comptoir.shops.models import Shop
from comptoir.webhooks.services import CreatedEndpoint, endpoint_create
from comptoir.webhooks.signing import verify
from tests.messaging.conftest import Client_
from tests.webhooks.conftest import Receiver, receiver, run_first_attempts

pytestmark = pytest.mark.django_db

__all__ = ["receiver"]


def test_a_search_removal_and_its_lifting_reach_the_marketplace(
    unhappy_shop: Shop, as_staff: Client_, integration_user: object, receiver: Receiver
) -> None:
    hook: CreatedEndpoint = endpoint_create(
        user=integration_user,  # type: ignore[arg-type]
        url=receiver.url,
        event_names=["shop.standards_action_taken", "shop.standards_action_lifted"],
    )
    taken = as_staff.post(
        f"/standards/shops/{unhappy_shop.external_id}/actions",
        {"step": "temporary", "measures": ["search_removal"], "reason": "Fix the photos."},
    )
    as_staff.post(f"/standards/actions/{taken.json()['id']}/lift", {"reason": "Fixed."})
    assert run_first_attempts() == [True, True]
    bodies = []
    for request in receiver.requests:
        headers = {k.lower(): v for k, v in request.headers.items()}
        stamp = headers["x-comptoir-timestamp"]
        assert verify(
            hook.secret, stamp, request.body, headers["x-comptoir-signature"], now=float(stamp)
        )
        bodies.append(json.loads(request.body))
    assert [b["event"] for b in bodies] == [
        "shop.standards_action_taken",
        "shop.standards_action_lifted",
    ]
    first, second = (b["data"] for b in bodies)
    assert first["shop_id"] == unhappy_shop.external_id
    assert (first["action"]["step"], first["action"]["measures"]) == (
        "temporary",
        ["search_removal"],
    )
    assert (first["shop"]["in_search"], first["shop"]["staff_measures"]) == (
        False,
        ["search_removal"],
    )
    assert (second["shop"]["in_search"], second["action"]["lift_reason"]) == (True, "Fixed.")
