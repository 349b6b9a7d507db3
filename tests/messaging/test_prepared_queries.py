"""A prepared query gives what its queryset gives, with its SQL built once; a row written
by core.sql is the row create() and update() write."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.models import OutboxEmail
from comptoir.core.prepared import Prepared
from comptoir.core.sql import insert, update
from comptoir.messaging.access import parties_of
from comptoir.messaging.models import Party
from comptoir.messaging.selectors import (
    LIST_ORDER,
    ListFilters,
    _folder_rows,
    _list_page,
    conversation_list,
    label_tags,
)
from comptoir.shops.access import as_buyer as as_buyer_viewer
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_


def _parties(conversation_id: int) -> object:
    return (
        Party.objects.select_related("conversation__shop", "conversation__buyer")
        .filter(conversation_id=conversation_id)
        .order_by("id")
    )


def test_the_same_models_as_the_queryset_with_their_related_objects(
    as_buyer: Client_, shop: Shop
) -> None:
    started = as_buyer.post(
        "/me/conversations",
        {"kind": "shop_inquiry", "shop_id": shop.external_id, "body": "Do you ship to Lyon?"},
    )
    assert started.status_code == 201, started.json()
    conversation_id = started.json()["conversation_id"]
    prepared = Prepared(_parties, -99)
    expected = list(_parties(conversation_id))
    got = prepared.run(conversation_id)
    assert [p.pk for p in got] == [p.pk for p in expected]
    assert len(got) == 2
    for mine, theirs in zip(got, expected, strict=True):
        assert mine.side == theirs.side
        assert mine.folder == theirs.folder
        assert mine.last_message_at == theirs.last_message_at  # converted: aware, equal
        assert mine.last_message_at is not None
        assert mine.last_message_at.tzinfo is not None
    with CaptureQueriesContext(connection) as queries:
        conversation = got[1].conversation
        assert (conversation.shop.name, conversation.buyer.username) == ("Atelier Lune", "buyer")
    assert len(queries) == 0  # loaded with the row, as select_related does
    assert prepared.run(-5) == []


def test_an_example_argument_that_is_not_in_the_parameters_once_is_refused(db: None) -> None:
    clash = Prepared(lambda n: User.objects.filter(id=n, is_active=True).exclude(id=n), 5)
    with pytest.raises(ValueError, match="2 times"):
        clash.run(1)


def test_insert_and_update_write_what_create_and_update_write(
    as_buyer: Client_, shop: Shop
) -> None:
    made = insert(
        OutboxEmail,
        recipient="b@example.org",
        subject="Re: Lyon",
        body="Yes.",
        link="http://x/",
        reason="new_message",
        headers={"Reply-To": "r@example.org"},
        next_attempt_at=clock.now(),
    )
    stored = OutboxEmail.objects.get(pk=made.pk)
    assert (stored.subject, stored.headers) == ("Re: Lyon", {"Reply-To": "r@example.org"})
    assert stored.created_at == made.created_at  # auto_now_add filled as create() does
    assert stored.attempts == 0  # defaults as create() gives them
    update(OutboxEmail, made.pk, subject="Re: Lyon (2)", dead_at=None)
    assert OutboxEmail.objects.get(pk=made.pk).subject == "Re: Lyon (2)"
    with pytest.raises(TypeError, match="plain values"):
        update(OutboxEmail, made.pk, attempts=F("attempts") + 1)


@pytest.mark.parametrize("view", ["inbox", "unread", "sent", "archive"])
def test_a_folders_first_page_is_the_page_the_keyset_query_gives(
    as_buyer: Client_, as_seller: Client_, shop: Shop, view: str
) -> None:
    """Opening a folder reads a query compiled once (selectors._first_page): the same rows,
    values shown and next cursor as the general keyset query, for the shop and the buyer."""
    for n in range(5):
        started = as_buyer.post(
            "/me/conversations",
            {"kind": "shop_inquiry", "shop_id": shop.external_id, "body": f"Question {n}"},
        )
        cid = started.json()["conversation_id"]
        if n % 2:
            as_seller.post(
                f"/shops/{shop.external_id}/conversations/{cid}/messages", {"body": "Yes"}
            )
    for viewer in (as_member(as_seller.user, shop), as_buyer_viewer(as_buyer.user)):
        fast = conversation_list(viewer, ListFilters(view=view), cursor=None, limit=2)
        general = _list_page(
            viewer, _folder_rows(parties_of(viewer), view), order=LIST_ORDER, cursor=None, limit=2
        )
        assert [p.pk for p in fast.items] == [p.pk for p in general.items]
        assert fast.next_cursor == general.next_cursor
        for mine, theirs in zip(fast.items, general.items, strict=True):
            assert party_row(mine) == party_row(theirs)


def party_row(party: Party) -> tuple[object, ...]:
    conversation = party.conversation
    return (
        party.folder,
        party.unread_count,
        conversation.preview,
        str(conversation.shop),
        str(conversation.buyer) if conversation.buyer_id else None,
        label_tags(party),
    )
