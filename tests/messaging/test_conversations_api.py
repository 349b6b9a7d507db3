"""Starting threads and answering them, from both sides, through the API."""

from __future__ import annotations

from typing import Any

from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Conversation, Message, TicketEvent
from comptoir.orders.models import Order
from tests.messaging.conftest import Client_, assert_counters_exact, deliver_all


def test_a_question_about_a_listing_reaches_the_shop_inbox_unread_and_by_e_mail(
    as_buyer: Client_, as_seller: Client_, inquiry: dict[str, Any]
) -> None:
    assert inquiry["sender_side"] == "buyer"
    assert inquiry["body"] == "Is it pre-washed?"
    inbox = as_seller.get("/shops/shop-1/conversations").json()["items"]
    assert [t["subject"] for t in inbox] == ["Linen apron"]
    thread = inbox[0]
    assert (thread["kind"], thread["listing_id"], thread["unread_count"]) == (
        "listing_inquiry",
        "listing-1",
        1,
    )
    assert thread["preview"] == "Is it pre-washed?"
    counts = as_seller.get("/shops/shop-1/folders").json()
    assert (counts["threads"]["inbox"], counts["unread"]["inbox"]) == (1, 1)
    # The buyer's own copy: in their inbox, read, nothing awaited from them.
    mine = as_buyer.get("/me/conversations").json()["items"][0]
    assert (mine["unread_count"], mine["awaiting_reply_since"]) == (0, None)

    sent = deliver_all()
    assert [m.to for m in sent] == [["seller@example.org"]]
    assert "New question: Linen apron" in sent[0].subject
    assert f"/shop/{inquiry_shop_pk()}/messages/{thread['id']}/" in sent[0].body
    assert_counters_exact()


def inquiry_shop_pk() -> int:
    return Conversation.objects.get().shop_id


def test_the_seller_answers_and_the_buyer_sees_it_unread(
    as_buyer: Client_, as_seller: Client_, inquiry: dict[str, Any]
) -> None:
    cid = inquiry["conversation_id"]
    deliver_all()
    reply = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages", {"body": "Yes, washed twice."}
    )
    assert reply.status_code == 201
    assert reply.json()["sender_side"] == "shop"
    buyer_view = as_buyer.get(f"/me/conversations/{cid}").json()
    assert [m["body"] for m in buyer_view["messages"]] == [
        "Is it pre-washed?",
        "Yes, washed twice.",
    ]
    assert buyer_view["conversation"]["unread_count"] == 1
    shop_view = as_seller.get(f"/shops/shop-1/conversations/{cid}").json()["conversation"]
    assert (shop_view["unread_count"], shop_view["awaiting_reply_since"]) == (0, None)
    assert [m.to for m in deliver_all()] == [["b@example.org"]]
    assert_counters_exact()


def test_the_inquiry_board_lists_unanswered_inquiries_oldest_first(
    as_buyer: Client_, as_seller: Client_, inquiry: dict[str, Any]
) -> None:
    second = as_buyer.post(
        "/me/conversations", {"kind": "shop_inquiry", "shop_id": "shop-1", "body": "Gift wrap?"}
    ).json()
    board = as_seller.get("/shops/shop-1/inquiries").json()["items"]
    assert [t["id"] for t in board] == [inquiry["conversation_id"], second["conversation_id"]]
    as_seller.post(
        f"/shops/shop-1/conversations/{inquiry['conversation_id']}/messages", {"body": "Yes."}
    )
    board = as_seller.get("/shops/shop-1/inquiries").json()["items"]
    assert [t["id"] for t in board] == [second["conversation_id"]]
    # The buyer writes again: the inquiry is back on the board.
    as_buyer.post(
        f"/me/conversations/{inquiry['conversation_id']}/messages", {"body": "And the size?"}
    )
    board = as_seller.get("/shops/shop-1/inquiries").json()["items"]
    assert {t["id"] for t in board} == {inquiry["conversation_id"], second["conversation_id"]}


def test_a_help_request_carries_the_reason_and_opens_the_help_requests_view(
    as_buyer: Client_, as_seller: Client_, order: Order
) -> None:
    assert as_seller.get("/shops/shop-1/folders").json()["has_help_requests"] is False
    bad = as_buyer.post(
        "/me/conversations",
        {"kind": "help_request", "order_id": "order-1", "reason": "bored", "body": "Hi"},
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_reason")
    assert Conversation.objects.count() == 0

    made = as_buyer.post(
        "/me/conversations",
        {"kind": "help_request", "order_id": "order-1", "reason": "damaged", "body": "Torn."},
    )
    assert made.status_code == 201
    assert as_seller.get("/shops/shop-1/folders").json()["has_help_requests"] is True
    help_view = as_seller.get("/shops/shop-1/conversations", kind="help_request").json()
    thread = help_view["items"][0]
    assert (thread["help_reason"], thread["order_id"]) == ("damaged", "order-1")
    assert thread["subject"] == "Order order-1: My item arrived damaged"
    order.refresh_from_db()
    assert order.buyer_first_message_at is not None
    assert "New help request" in deliver_all()[0].subject


def test_a_buyer_cannot_open_a_help_request_on_someone_elses_order(
    as_other_buyer: Client_, order: Order
) -> None:
    response = as_other_buyer.post(
        "/me/conversations",
        {"kind": "help_request", "order_id": "order-1", "reason": "other", "body": "Hi"},
    )
    assert (response.status_code, response.json()["code"]) == (404, "order_not_found")


def test_support_tickets_close_and_reopen_with_their_history(
    as_buyer: Client_, as_seller: Client_, order: Order
) -> None:
    cid = as_buyer.post(
        "/me/conversations",
        {"kind": "support_ticket", "order_id": "order-1", "body": "Where is my parcel?"},
    ).json()["conversation_id"]
    again = as_buyer.post(
        "/me/conversations",
        {"kind": "support_ticket", "order_id": "order-1", "body": "Hello?"},
    )
    assert (again.status_code, again.json()["code"]) == (409, "ticket_already_open")
    assert again.json()["fields"] == {"conversation_id": str(cid)}

    closed = as_seller.post(f"/shops/shop-1/conversations/{cid}/close")
    assert closed.json()["conversation"]["ticket_status"] == "closed"
    twice = as_seller.post(f"/shops/shop-1/conversations/{cid}/close")
    assert (twice.status_code, twice.json()["code"]) == (409, "ticket_already_closed")

    reopened = as_buyer.post(f"/me/conversations/{cid}/reopen")
    assert reopened.json()["conversation"]["ticket_status"] == "open"
    as_seller.post(f"/shops/shop-1/conversations/{cid}/close")
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "It never came."})
    thread = as_buyer.get(f"/me/conversations/{cid}").json()
    assert thread["conversation"]["ticket_status"] == "open"
    assert [(e["status"], e["side"]) for e in thread["ticket_events"]] == [
        ("open", "buyer"),
        ("closed", "shop"),
        ("open", "buyer"),
        ("closed", "shop"),
        ("open", "buyer"),
    ]
    # Only the shop closes, only the buyer reopens.
    wrong = as_buyer.post(f"/shops/shop-1/conversations/{cid}/close")
    assert wrong.status_code == 404
    assert TicketEvent.objects.count() == 5


def test_the_seller_messages_the_buyer_of_an_order(
    as_buyer: Client_, as_seller: Client_, order: Order
) -> None:
    sent = as_seller.post(
        "/shops/shop-1/conversations",
        {"order_id": "order-1", "body": "Which colour for the embroidery?"},
    )
    assert sent.status_code == 201
    thread = as_buyer.get("/me/conversations").json()["items"][0]
    assert (thread["kind"], thread["subject"], thread["unread_count"]) == (
        "order_message",
        "About your order order-1",
        1,
    )
    unknown = as_seller.post("/shops/shop-1/conversations", {"order_id": "nope", "body": "Hi"})
    assert (unknown.status_code, unknown.json()["code"]) == (404, "order_not_found")


def test_a_website_visitor_writes_without_an_account_and_gets_the_answer_by_e_mail(
    as_seller: Client_, shop: Any, client: Any
) -> None:
    response = client.post(
        "/api/v1/shops/shop-1/contact",
        {"name": "Ewa", "email": "ewa@example.pl", "body": "Do you ship to Gdańsk?"},
        content_type="application/json",
    )
    assert response.status_code == 201
    cid = response.json()["conversation_id"]
    thread = as_seller.get(f"/shops/shop-1/conversations/{cid}").json()["conversation"]
    assert (thread["kind"], thread["visitor_email"], thread["buyer_name"]) == (
        "contact_form",
        "ewa@example.pl",
        None,
    )
    deliver_all()
    as_seller.post(f"/shops/shop-1/conversations/{cid}/messages", {"body": "Yes, in 3 days."})
    mails = deliver_all()
    assert [m.to for m in mails] == [["ewa@example.pl"]]
    assert "Yes, in 3 days." in mails[0].body
    bad = client.post(
        "/api/v1/shops/shop-1/contact",
        {"name": "", "email": "x@example.org", "body": ""},
        content_type="application/json",
    )
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_contact_form")
    assert set(bad.json()["fields"]) == {"name", "body"}


def test_replying_in_another_shops_or_buyers_thread_is_not_found_and_writes_nothing(
    as_other_buyer: Client_, inquiry: dict[str, Any], staff: Any
) -> None:
    cid = inquiry["conversation_id"]
    before = (Message.objects.count(), OutboxEmail.objects.count())
    reply = as_other_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Hi!"})
    assert (reply.status_code, reply.json()["code"]) == (404, "conversation_not_found")
    read = as_other_buyer.get(f"/me/conversations/{cid}")
    assert read.status_code == 404
    as_shop = as_other_buyer.post(f"/shops/shop-1/conversations/{cid}/messages", {"body": "x"})
    assert (as_shop.status_code, as_shop.json()["code"]) == (404, "shop_not_found")
    assert (Message.objects.count(), OutboxEmail.objects.count()) == before


def test_an_empty_or_oversized_message_is_refused(
    as_buyer: Client_, inquiry: dict[str, Any]
) -> None:
    cid = inquiry["conversation_id"]
    empty = as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "   "})
    assert (empty.status_code, empty.json()["code"]) == (422, "empty_message")
    huge = as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "x" * 20_001})
    assert huge.status_code == 422
    assert Message.objects.count() == 1


def test_a_subject_nobody_typed_reads_in_each_readers_language(
    as_buyer: Client_, as_seller: Client_, order: Order, seller: Any
) -> None:
    cid = as_buyer.post(
        "/me/conversations",
        {"kind": "help_request", "order_id": "order-1", "reason": "wrong_item", "body": "Oops"},
    ).json()["conversation_id"]
    english = as_seller.get(f"/shops/shop-1/conversations/{cid}").json()["conversation"]
    assert english["subject"] == "Order order-1: I received the wrong item"
    polish = as_seller.client.get(
        f"/api/v1/shops/shop-1/conversations/{cid}",
        HTTP_ACCEPT_LANGUAGE="pl",
        **as_seller.auth,
    ).json()["conversation"]
    assert polish["subject"] == "Zamówienie order-1: Otrzymałem(-am) niewłaściwy produkt"
    seller.language = "fr"
    seller.save()
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Any news?"})
    email = OutboxEmail.objects.order_by("-id").first()
    assert email is not None
    assert email.subject == (
        "Re: Nouvelle demande d'aide : Commande order-1 : J'ai reçu le mauvais article"
    )
