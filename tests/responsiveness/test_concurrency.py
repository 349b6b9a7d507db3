"""Sixteen threads of one shop written at once: the daily figures still equal a rebuild.

Each writer closes spans in its own thread of the same shop, so every reply recomputes the
same day's row; without the shop lock, two replies committing together would each count
without the other's span.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.messaging.models import Conversation
from comptoir.messaging.rules import Action
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.folders import conversations_act
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import conversation_start
from comptoir.responsiveness import history
from comptoir.responsiveness.models import Day, Span
from comptoir.shops.access import as_buyer, as_member
from comptoir.shops.models import Shop

WRITERS = 16
SECONDS = 8.0

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]


def test_concurrent_replies_in_one_shop_leave_exact_daily_figures(
    buyer: User, seller: User, shop: Shop, listing: Listing
) -> None:
    threads_ = [
        conversation_start(
            viewer=as_buyer(buyer),
            kind=Conversation.Kind.LISTING_INQUIRY,
            listing=listing,
            draft=Draft(body=f"Hello {n}"),
        ).conversation_id
        for n in range(WRITERS)
    ]
    errors: list[BaseException] = []
    deadline = time.monotonic() + SECONDS

    def writer(n: int) -> None:
        cid = threads_[n]
        try:
            buyer_view = as_buyer(User.objects.get(pk=buyer.pk))
            shop_view = as_member(User.objects.get(pk=seller.pk), Shop.objects.get(pk=shop.pk))
            i = 0
            while time.monotonic() < deadline:
                i += 1
                message_reply(viewer=shop_view, conversation_id=cid, draft=Draft(body=f"s{i}"))
                message_reply(viewer=buyer_view, conversation_id=cid, draft=Draft(body=f"b{i}"))
                if i % 7 == 0:
                    conversations_act(viewer=shop_view, ids=[cid], action=Action.SPAM)
                    conversations_act(viewer=shop_view, ids=[cid], action=Action.NOT_SPAM)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()

    assert errors == []
    closed = Span.objects.filter(shop=shop, closed_at__isnull=False).count()
    assert closed > WRITERS * 5  # the writers really did reply many times
    assert sum(Day.objects.filter(shop=shop).values_list("spans", flat=True)) == closed
    report = history.rebuild(clock.now(), fix=False)
    assert report.difference_count == 0, report.differences
