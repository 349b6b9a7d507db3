"""What each side does with its threads reaches the marketplace's webhook, signed: a thread
read (`conversation.read`), moved to another folder (`conversation.moved`), a ticket closed
or reopened (`ticket.status_changed`)."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.messaging.models import Conversation
from comptoir.messaging.webhook_events import (
    CONVERSATION_MOVED,
    CONVERSATION_READ,
    TICKET_STATUS_CHANGED,
)
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.services import CreatedEndpoint
from tests.api.conftest import integration_user  # noqa: F401 (fixture)
from tests.messaging.test_webhook_events import received
from tests.moderation.conftest import (
    Client_,
    as_buyer,
    as_seller,
    buyer_says,
    order_thread,
    shop_says,
)
from tests.webhooks.conftest import Receiver, hook, receiver, run_first_attempts

__all__ = ["as_buyer", "as_seller", "hook", "order_thread", "receiver"]

THREAD = {"kind": "help_request", "shop_id": "shop-1", "buyer_id": "buyer-1"}


def events_after(receiver: Receiver, hook: CreatedEndpoint) -> list[dict[str, Any]]:
    """The events delivered since the last call, signatures checked."""
    assert all(run_first_attempts())
    got = received(receiver, hook.secret)
    receiver.requests.clear()
    return got


def test_the_shop_reading_and_archiving_a_thread_is_told(
    hook: CreatedEndpoint,
    receiver: Receiver,
    as_seller: Client_,
    order_thread: dict[str, Any],
) -> None:
    cid = order_thread["conversation_id"]
    events_after(receiver, hook)  # the buyer's question
    act = "/shops/shop-1/conversations/actions"

    assert as_seller.post(act, {"ids": [cid], "action": "read"}).status_code == 200
    [read] = events_after(receiver, hook)
    assert read["event"] == CONVERSATION_READ
    assert read["data"] == {
        **THREAD,
        "conversation_id": cid,
        "order_id": "order-1",
        "listing_id": None,
        "side": "shop",
        "at": read["data"]["at"],
    }

    # Reading a thread already read tells nothing; archiving it is a move.
    assert as_seller.post(act, {"ids": [cid], "action": "read"}).status_code == 200
    assert as_seller.post(act, {"ids": [cid], "action": "archive"}).status_code == 200
    [moved] = events_after(receiver, hook)
    assert moved["event"] == CONVERSATION_MOVED
    assert moved["data"]["side"] == "shop"
    assert (moved["data"]["folder_before"], moved["data"]["folder"]) == ("inbox", "archive")
    assert moved["data"]["order_id"] == "order-1"


def test_replying_reads_the_thread_and_the_buyer_moves_their_own_copy(
    hook: CreatedEndpoint,
    receiver: Receiver,
    as_buyer: Client_,
    as_seller: Client_,
    order_thread: dict[str, Any],
) -> None:
    cid = order_thread["conversation_id"]
    events_after(receiver, hook)
    shop_says(as_seller, cid, "It left on Monday.")
    assert [e["event"] for e in events_after(receiver, hook)] == [
        "message.created",
        CONVERSATION_READ,
    ]

    trashed = as_buyer.post("/me/conversations/actions", {"ids": [cid], "action": "trash"})
    assert trashed.status_code == 200
    # The buyer had the shop's answer unread: trashing does not read it.
    [moved] = events_after(receiver, hook)
    assert moved["event"] == CONVERSATION_MOVED
    assert moved["data"]["side"] == "buyer"
    assert (moved["data"]["folder_before"], moved["data"]["folder"]) == ("inbox", "trash")


def test_closing_and_reopening_a_ticket_is_told_with_who_did_it(
    hook: CreatedEndpoint,
    receiver: Receiver,
    as_buyer: Client_,
    as_seller: Client_,
    order: Any,
) -> None:
    started = as_buyer.post(
        "/me/conversations",
        {"kind": "support_ticket", "order_id": "order-1", "body": "Where is my parcel?"},
    )
    cid = started.json()["conversation_id"]
    events_after(receiver, hook)

    assert as_seller.post(f"/shops/shop-1/conversations/{cid}/close").status_code == 200
    [closed] = events_after(receiver, hook)
    assert closed["event"] == TICKET_STATUS_CHANGED
    assert closed["data"]["conversation_id"] == cid
    assert closed["data"]["kind"] == "support_ticket"
    assert (closed["data"]["status_before"], closed["data"]["status"]) == ("open", "closed")
    assert closed["data"]["side"] == "shop"

    buyer_says(as_buyer, cid, "It still has not come.")
    got = {e["event"]: e["data"] for e in events_after(receiver, hook)}
    assert (got[TICKET_STATUS_CHANGED]["status"], got[TICKET_STATUS_CHANGED]["side"]) == (
        "open",
        "buyer",
    )
    assert "message.created" in got
    assert Conversation.objects.get(pk=cid).ticket_status == "open"


def test_a_bulk_move_loads_every_threads_references_in_one_query(
    hook: CreatedEndpoint,
    receiver: Receiver,
    as_buyer: Client_,
    as_seller: Client_,
    order_thread: dict[str, Any],
    listing: Any,
) -> None:
    ids = [order_thread["conversation_id"]]
    for n in range(3):
        asked = as_buyer.post(
            "/me/conversations",
            {"kind": "listing_inquiry", "listing_id": "listing-1", "body": f"Question {n}?"},
        )
        ids.append(asked.json()["conversation_id"])
    events_after(receiver, hook)

    act = "/shops/shop-1/conversations/actions"
    with CaptureQueriesContext(connection) as queries:
        assert as_seller.post(act, {"ids": ids, "action": "spam"}).status_code == 200
    references = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "messaging_conversation"' in q["sql"] and '"catalog_listing"' in q["sql"]
    ]
    assert len(references) == 1, references
    assert Delivery.objects.filter(event=CONVERSATION_MOVED).count() == 4
    moved = events_after(receiver, hook)
    assert sorted(e["data"]["conversation_id"] for e in moved) == sorted(ids)
    assert {e["data"]["folder"] for e in moved} == {"spam"}
    assert {e["data"]["listing_id"] for e in moved} == {None, "listing-1"}
