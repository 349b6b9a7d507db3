"""Messaging's webhooks: every delivered message (`message.created`), every thread a side reads
(`conversation.read`) or moves (`conversation.moved`), every ticket closed or reopened
(`ticket.status_changed`) reaches the marketplace's webhook, signed, with the thread's
references; a held message only once released."""

from __future__ import annotations

import json
import time
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.messaging import listeners
from comptoir.messaging.models import Message
from comptoir.messaging.services.contact_form import contact_form_submit
from comptoir.messaging.webhook_events import (
    CONVERSATION_MOVED,
    CONVERSATION_READ,
    MESSAGE_CREATED,
    TICKET_STATUS_CHANGED,
    WebhookEvents,
)
from comptoir.shops.models import Shop
from comptoir.webhooks import events
from comptoir.webhooks.models import Delivery
from comptoir.webhooks.services import CreatedEndpoint
from comptoir.webhooks.signing import verify
from tests.api.conftest import integration_user  # noqa: F401 (fixture)
from tests.moderation.conftest import (
    ADVERT,
    Client_,
    as_buyer,
    as_seller,
    as_staff,
    order_thread,
    shop_says,
)
from tests.webhooks.conftest import Receiver, hook, receiver, run_first_attempts

__all__ = ["as_buyer", "as_seller", "as_staff", "hook", "order_thread", "receiver"]


def received(receiver: Receiver, secret: str) -> list[dict[str, Any]]:
    """The events the receiver got, each checked against its signature."""
    bodies = []
    for got in receiver.requests:
        signed = verify(
            secret,
            got.headers["X-Comptoir-Timestamp"],
            got.body,
            got.headers["X-Comptoir-Signature"],
            now=time.time(),
        )
        assert signed, got.headers
        body = json.loads(got.body)
        assert got.headers["X-Comptoir-Event"] == body["event"]
        bodies.append(body)
    return bodies


def test_the_events_are_known_and_their_listener_comes_after_responsiveness() -> None:
    for event in (MESSAGE_CREATED, CONVERSATION_READ, CONVERSATION_MOVED, TICKET_STATUS_CHANGED):
        assert events.is_known(event)
    assert type(listeners.registered()[-1]) is WebhookEvents
    assert WebhookEvents.order == 40


def test_a_question_and_its_answer_reach_the_marketplace_signed_with_the_references(
    hook: CreatedEndpoint, receiver: Receiver, as_buyer: Client_, as_seller: Client_, listing: Any
) -> None:
    asked = as_buyer.post(
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": "listing-1", "body": "Is it pre-washed?"},
    )
    assert asked.status_code == 201, asked.json()
    cid = asked.json()["conversation_id"]
    answer = shop_says(as_seller, cid, "Yes, twice.")

    assert run_first_attempts() == [True, True, True]
    question, reply, read = received(receiver, hook.secret)
    assert read["event"] == CONVERSATION_READ  # answering read the question
    assert question["event"] == reply["event"] == MESSAGE_CREATED
    assert question["id"] != reply["id"]  # two events
    thread = {
        "conversation_id": cid,
        "kind": "listing_inquiry",
        "shop_id": "shop-1",
        "buyer_id": "buyer-1",
        "order_id": None,
        "listing_id": "listing-1",
    }
    assert question["data"] == {
        **thread,
        "message_id": asked.json()["id"],
        "sender_side": "buyer",
        "created_at": Message.objects.get(pk=asked.json()["id"]).created_at.isoformat(),
        "body": "Is it pre-washed?",
        "attachment_count": 0,
        "is_marketing": False,
        "automatic": False,
        "via_email": False,
    }
    assert reply["data"] == {
        **thread,
        "message_id": answer["id"],
        "sender_side": "shop",
        "created_at": Message.objects.get(pk=answer["id"]).created_at.isoformat(),
        "body": "Yes, twice.",
        "attachment_count": 0,
        "is_marketing": False,
        "automatic": False,
        "via_email": False,
    }


def test_a_held_advert_emits_nothing_until_released(
    hook: CreatedEndpoint,
    receiver: Receiver,
    as_seller: Client_,
    as_staff: Client_,
    order_thread: dict[str, Any],
) -> None:
    cid = order_thread["conversation_id"]
    run_first_attempts()  # the buyer's question
    receiver.requests.clear()

    sent = shop_says(as_seller, cid, ADVERT)
    assert sent["held"] is True
    assert not Delivery.objects.filter(attempts=0).exists()

    flag = as_staff.get("/moderation/flags", outcome="held").json()["items"][0]
    assert as_staff.post(f"/moderation/flags/{flag['id']}/release", {}).status_code == 200
    assert run_first_attempts() == [True]
    [released] = received(receiver, hook.secret)
    assert released["data"]["message_id"] == sent["id"]
    assert released["data"]["body"] == ADVERT
    assert released["data"]["order_id"] == "order-1"
    assert released["data"]["sender_side"] == "shop"


def test_without_a_subscriber_a_message_costs_one_query_for_the_endpoints(
    as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    with CaptureQueriesContext(connection) as queries:
        shop_says(as_seller, cid, "It left on Monday.")
    webhooks = [q["sql"] for q in queries.captured_queries if "webhooks_" in q["sql"]]
    assert len(webhooks) == 1, webhooks
    assert "messaging_attachment" not in " ".join(
        q["sql"] for q in queries.captured_queries if "GROUP BY" in q["sql"]
    )
    assert not Delivery.objects.exists()


def test_a_website_visitors_thread_has_no_buyer_and_never_sends_their_e_mail(
    hook: CreatedEndpoint, receiver: Receiver, shop: Shop
) -> None:
    asked = contact_form_submit(
        shop=shop, name="Ewa", email="ewa@example.pl", subject="", body="Do you ship to Poland?"
    )
    assert run_first_attempts() == [True]
    [event] = received(receiver, hook.secret)
    assert event["data"]["message_id"] == asked.id
    assert event["data"]["kind"] == "contact_form"
    assert event["data"]["buyer_id"] is None
    assert event["data"]["shop_id"] == "shop-1"
    assert b"ewa@example.pl" not in receiver.requests[0].body
    assert b"Ewa" not in receiver.requests[0].body
