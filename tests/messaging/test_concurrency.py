"""Sixteen writers on one thread at once: the folder counters still equal a recount."""

from __future__ import annotations

import threading
import time
from collections import Counter

import pytest
from django.db import OperationalError, connection, connections

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.messaging.models import Conversation, Message, Party
from comptoir.messaging.rules import Action
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.folders import conversations_act
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import conversation_start
from comptoir.shops.access import as_buyer, as_member
from comptoir.shops.models import Shop
from tests.messaging.conftest import assert_counters_exact

WRITERS = 16
SECONDS = 10.0

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL"
    ),
]


def test_sixteen_concurrent_writers_leave_exact_counters(
    buyer: User, seller: User, shop: Shop, listing: Listing
) -> None:
    first = conversation_start(
        viewer=as_buyer(buyer),
        kind=Conversation.Kind.LISTING_INQUIRY,
        listing=listing,
        draft=Draft(body="Hello"),
    )
    cid = first.conversation_id
    done: Counter[str] = Counter()
    errors: list[BaseException] = []
    deadline = time.monotonic() + SECONDS

    def writer(n: int) -> None:
        try:
            buyer_view = as_buyer(User.objects.get(pk=buyer.pk))
            shop_view = as_member(User.objects.get(pk=seller.pk), Shop.objects.get(pk=shop.pk))
            i = 0
            while time.monotonic() < deadline:
                i += 1
                step = (n + i) % 8
                if step in (0, 1, 2):
                    message_reply(viewer=buyer_view, conversation_id=cid, draft=Draft(body=f"b{i}"))
                elif step in (3, 4, 5):
                    message_reply(viewer=shop_view, conversation_id=cid, draft=Draft(body=f"s{i}"))
                elif step == 6:
                    action = Action.ARCHIVE if i % 2 else Action.UNREAD
                    conversations_act(viewer=shop_view, ids=[cid], action=action)
                else:
                    conversations_act(viewer=buyer_view, ids=[cid], action=Action.READ)
                done[f"step{step}"] += 1
        except OperationalError as exc:  # a deadlock would land here
            errors.append(exc)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    assert_counters_exact()
    conversation = Conversation.objects.get(pk=cid)
    messages = Message.objects.filter(conversation_id=cid).count()
    assert conversation.message_count == messages
    assert messages == 1 + sum(done[f"step{s}"] for s in range(6))
    assert messages > 100  # the writers really ran at the same time
    shop_party = Party.objects.get(conversation_id=cid, side="shop")
    assert shop_party.folder in ("inbox", "archive")
