"""Retried sends create nothing new; Trust & Safety reads are audited."""

from __future__ import annotations

from typing import Any

from comptoir.catalog.models import Listing
from comptoir.core.models import AuditEntry, OutboxEmail
from comptoir.messaging.models import Conversation, Message
from tests.messaging.conftest import Client_
from tests.messaging.test_folders_api import ask


def test_a_retried_reply_with_the_same_key_returns_the_first_message(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    path = f"/shops/shop-1/conversations/{cid}/messages"
    first = as_seller.post(path, {"body": "On its way."}, idempotency_key="reply-7f3a")
    assert first.status_code == 201
    before = (Message.objects.count(), OutboxEmail.objects.count())
    retry = as_seller.post(path, {"body": "On its way."}, idempotency_key="reply-7f3a")
    assert retry.status_code == 200
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.json() == first.json()
    assert (Message.objects.count(), OutboxEmail.objects.count()) == before

    other = as_seller.post(path, {"body": "Something else"}, idempotency_key="reply-7f3a")
    assert (other.status_code, other.json()["code"]) == (409, "idempotency_key_reused")
    assert Message.objects.count() == before[0]


def test_a_retried_start_creates_one_thread(as_buyer: Client_, listing: Listing) -> None:
    body = {"kind": "listing_inquiry", "listing_id": "listing-1", "body": "Hi"}
    first = as_buyer.post("/me/conversations", body, idempotency_key="start-1")
    second = as_buyer.post("/me/conversations", body, idempotency_key="start-1")
    assert (first.status_code, second.status_code) == (201, 200)
    assert Conversation.objects.count() == 1


def test_keys_belong_to_one_person(
    as_buyer: Client_, as_other_buyer: Client_, listing: Listing
) -> None:
    body = {"kind": "listing_inquiry", "listing_id": "listing-1", "body": "Hi"}
    as_buyer.post("/me/conversations", body, idempotency_key="k")
    theirs = as_other_buyer.post("/me/conversations", body, idempotency_key="k")
    assert theirs.status_code == 201
    assert Conversation.objects.count() == 2


def test_trust_and_safety_reads_any_thread_and_each_read_is_audited(
    as_staff: Client_, as_buyer: Client_, inquiry: dict[str, Any]
) -> None:
    cid = inquiry["conversation_id"]
    read = as_staff.get(f"/staff/conversations/{cid}")
    assert read.status_code == 200
    assert [m["body"] for m in read.json()["messages"]] == ["Is it pre-washed?"]
    as_staff.get(f"/staff/conversations/{cid}")
    reads = AuditEntry.objects.filter(
        verb="thread.read", subject_type="conversation", subject_id=cid, actor=as_staff.user
    )
    assert reads.count() == 2
    assert {entry.shop_id for entry in reads} == {Conversation.objects.get(id=cid).shop_id}
    not_staff = as_buyer.get(f"/staff/conversations/{cid}")
    assert (not_staff.status_code, not_staff.json()["code"]) == (404, "conversation_not_found")
    assert AuditEntry.objects.count() == 2


def test_anonymous_callers_are_turned_away(client: Any, inquiry: dict[str, Any]) -> None:
    response = client.get("/api/v1/me/conversations")
    assert (response.status_code, response.json()["code"]) == (401, "unauthenticated")
