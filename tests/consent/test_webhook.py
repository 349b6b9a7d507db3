"""The marketplace hears of every consent change, signed, by webhook."""

from __future__ import annotations

import json

from django.test import Client

from comptoir.accounts.models import User
from comptoir.consent.links import unsubscribe_path
from comptoir.shops.models import Shop
from comptoir.webhooks.services import endpoint_create
from comptoir.webhooks.signing import verify
from tests.api.conftest import Api
from tests.consent.conftest import ORDERED_AT, checkout
from tests.webhooks.conftest import Receiver, receiver, run_first_attempts

__all__ = ["receiver"]


def test_checkout_and_unsubscribe_reach_the_marketplace(
    api: Api, shop: Shop, buyer: User, integration_user: User, receiver: Receiver
) -> None:
    hook = endpoint_create(
        user=integration_user, url=receiver.url, event_names=["buyer.marketing_consent_changed"]
    )
    checkout(api, "order-7", marketing_consent=True)
    checkout(api, "order-7", marketing_consent=True)  # the same order again: no change
    path = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id, reference="42")
    assert Client().post(path).status_code == 200
    assert run_first_attempts() == [True, True]
    bodies = []
    for request in receiver.requests:
        headers = {k.lower(): v for k, v in request.headers.items()}
        stamp = headers["x-comptoir-timestamp"]
        assert verify(
            hook.secret, stamp, request.body, headers["x-comptoir-signature"], now=float(stamp)
        )
        bodies.append(json.loads(request.body)["data"])
    assert [(b["given"], b["source"], b["reference"]) for b in bodies] == [
        (True, "checkout", "order-7"),
        (False, "unsubscribe", "42"),
    ]
    assert {(b["shop_id"], b["buyer_id"]) for b in bodies} == {("shop-1", "buyer-1")}
    assert bodies[0]["at"].startswith(ORDERED_AT[:16])
