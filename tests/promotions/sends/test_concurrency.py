"""Two workers on one send at once (a resumed send while the first still runs), with a
daily cap shared by two sends: nobody gets it twice and the cap is never passed."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from comptoir.accounts.models import User
from comptoir.messaging.models import Message
from comptoir.promotions.audiences import AudienceSpec
from comptoir.promotions.models import Recipient
from comptoir.promotions.sends import SendInput, send_batches, send_new
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from tests.promotions.sends.conftest import buy, consent

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent workers need PostgreSQL"
    ),
]

WORKERS = 4


def test_concurrent_workers_send_once_each_and_keep_the_cap(
    shop: Shop, seller: User, settings: Any
) -> None:
    settings.COMPTOIR_MARKETING_DAILY_CAP = 30
    for n in range(40):
        buy(shop, f"o{n}", f"b{n}")
        consent(shop, f"b{n}")
    viewer = as_member(seller, shop)
    data = SendInput(subject="News", body="Hello", audience=AudienceSpec(kind="all"))
    first = send_new(viewer=viewer, data=data)
    second = send_new(viewer=viewer, data=data)
    errors: list[BaseException] = []

    def worker(campaign_id: int) -> None:
        try:
            send_batches(campaign_id=campaign_id, batch=5)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(c.id,))
        for c in (first, second)
        for _ in range(WORKERS // 2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    sent = Recipient.objects.filter(status=Recipient.Status.SENT)
    assert sent.count() == 30  # the cap, shared by both sends
    assert Message.objects.filter(is_marketing=True).count() == 30
    for campaign in (first, second):
        buyers = list(sent.filter(campaign=campaign).values_list("buyer_id", flat=True))
        assert len(buyers) == len(set(buyers))  # nobody twice
        campaign.refresh_from_db()
        assert campaign.sent == len(buyers)
        assert campaign.status == "waiting"
