"""The order pages: the buyer's `/orders/<id>/` and the shop's in the Shop Manager, what each
shows, the writes they offer (notes, messages, answers, waiting on the buyer), and who may
open them."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.accounts.services import integration_account_create
from comptoir.cases.services import case_upsert
from comptoir.core import clock
from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Conversation, Message
from comptoir.orders.models import Order, OrderNote
from comptoir.orders.services import (
    BuyerInput,
    ItemInput,
    OrderInput,
    order_await_buyer,
    order_buyer_messaged,
    order_note_add,
    order_upsert,
)
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from comptoir.webhooks.models import Delivery, Endpoint
from comptoir.webhooks.services import endpoint_create

NOW = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # before the fixture order's ship-by date


@pytest.fixture(autouse=True)
def _now() -> object:
    with clock.frozen_at(NOW):
        yield


def _html(response: object) -> str:
    assert response.status_code == 200, response.status_code  # type: ignore[attr-defined]
    return response.content.decode()  # type: ignore[attr-defined]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The buyer's page -----------------------------------------------------------------------


def test_the_buyer_opens_an_order_from_home(client: Client, buyer: User, order: Order) -> None:
    client.force_login(buyer)
    home = _html(client.get("/"))
    assert f'href="/orders/{order.pk}/"' in home

    page = _text(_html(client.get(f"/orders/{order.pk}/")))

    assert "Order order-1" in page
    assert "1 × Linen apron" in page
    assert "Paid" in page
    assert "Ship by" in page
    assert "Estimated delivery" in page
    assert "Tracking Not yet" in page
    # The shop's shipping and returns policies, with its own words.
    assert "Write to us first." in page
    # The two ways to get help, each with when to use it.
    assert "Ask the shop about this order" in page
    assert "Open a support ticket" in page
    assert "a ticket stays open until the shop closes it" in page
    # No message yet: no case, and why.
    assert "A case cannot be opened yet." in page
    assert "First ask the shop about this order" in page
    assert "No conversation about this order yet." in page


def test_another_buyer_the_shop_and_strangers_get_404(
    client: Client, buyer: User, seller: User, order: Order
) -> None:
    other = User.objects.create_user(username="other", password="x", external_id="buyer-2")
    for person in (other, seller):
        client.force_login(person)
        assert client.get(f"/orders/{order.pk}/").status_code == 404
        assert client.post(f"/orders/{order.pk}/answer/", {"body": "hi"}).status_code == 404
    client.logout()
    assert client.get(f"/orders/{order.pk}/").status_code == 302  # to sign in
    assert Message.objects.count() == 0


def test_a_customer_note_links_to_the_order_page_and_the_buyer_answers_it(
    client: Client, buyer: User, seller: User, order: Order
) -> None:
    order_note_add(order=order, author=seller, visibility="customer", body="Which colour?")
    order_note_add(order=order, author=seller, visibility="private", body="Slow payer")
    email = OutboxEmail.objects.get(reason="order_note")
    assert email.link.endswith(f"/orders/{order.pk}/")

    client.force_login(buyer)
    page = _text(_html(client.get(email.link.split("127.0.0.1:8000")[-1])))
    assert "Notes from the shop" in page
    assert "Which colour?" in page
    assert "Slow payer" not in page

    response = client.post(f"/orders/{order.pk}/answer/", {"body": "Indigo, please."})

    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/messages/{message.conversation_id}/#m{message.id}"
    conversation = message.conversation
    assert conversation.order_id == order.pk
    assert conversation.kind == Conversation.Kind.ORDER_MESSAGE
    assert conversation.started_by == "buyer"
    # The first message about the order starts the case clock.
    order.refresh_from_db()
    assert order.buyer_first_message_at == NOW

    # A second answer continues the same thread, and the page lists it.
    client.post(f"/orders/{order.pk}/answer/", {"body": "And gift wrap."})
    assert Conversation.objects.count() == 1
    assert Message.objects.count() == 2
    page = _text(_html(client.get(f"/orders/{order.pk}/")))
    assert "About your order order-1" in page
    assert "The shop has 48 hours to answer" in page


def test_an_empty_answer_is_refused_with_the_form_again(
    client: Client, buyer: User, order: Order
) -> None:
    client.force_login(buyer)
    response = client.post(f"/orders/{order.pk}/answer/", {"body": ""})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Message.objects.count() == 0


def test_the_same_answer_form_sent_twice_posts_once(
    client: Client, buyer: User, order: Order
) -> None:
    client.force_login(buyer)
    for _ in range(2):
        client.post(f"/orders/{order.pk}/answer/", {"body": "Hello", "send_key": "k-1"})
    assert Message.objects.count() == 1


def test_an_open_ticket_is_offered_instead_of_a_new_one(
    client: Client, buyer: User, order: Order
) -> None:
    client.force_login(buyer)
    client.post(
        "/messages/new/", {"kind": "support_ticket", "order": order.pk, "body": "Refund please"}
    )
    ticket = Conversation.objects.get()
    page = _html(client.get(f"/orders/{order.pk}/"))
    assert f'href="/messages/{ticket.pk}/"' in page
    assert "Go to your open ticket" in page


def test_the_page_says_when_a_case_can_be_opened(
    client: Client, buyer: User, shop: Shop, order: Order
) -> None:
    client.force_login(buyer)
    client.post(f"/orders/{order.pk}/answer/", {"body": "Where is it?"})
    with clock.frozen_at(datetime(2026, 3, 12, 9, 0, tzinfo=UTC)):
        page = _text(_html(client.get(f"/orders/{order.pk}/")))
        assert "You can open a case now." in page
        case_upsert(shop=shop, external_id="c-1", order_external_id="order-1", type="non_delivery")
        page = _text(_html(client.get(f"/orders/{order.pk}/")))
    assert "Not received · Open" in page
    assert "A case is already open." in page


def test_the_buyer_page_reads_in_a_fixed_number_of_queries(
    client: Client, buyer: User, seller: User, order: Order
) -> None:
    client.force_login(buyer)
    client.post(f"/orders/{order.pk}/answer/", {"body": "One"})
    with CaptureQueriesContext(connection) as few:
        _html(client.get(f"/orders/{order.pk}/"))
    for i in range(5):
        order_note_add(order=order, author=seller, visibility="customer", body=f"Note {i}")
        client.post(
            "/messages/new/",
            {"kind": "help_request", "order": order.pk, "reason": "other", "body": f"Q{i}"},
        )
    with CaptureQueriesContext(connection) as many:
        page = _html(client.get(f"/orders/{order.pk}/"))
    assert page.count("Note ") >= 5
    assert len(many) == len(few)


def test_order_numbers_on_the_buyer_thread_link_to_the_order(
    client: Client, buyer: User, order: Order
) -> None:
    client.force_login(buyer)
    start = _html(client.get(f"/messages/new/?kind=help_request&order={order.pk}"))
    assert f'<a href="/orders/{order.pk}/">Order order-1</a>' in start
    client.post(f"/orders/{order.pk}/answer/", {"body": "Hello"})
    conversation = Conversation.objects.get()
    page = _html(client.get(f"/messages/{conversation.pk}/"))
    assert f'href="/orders/{order.pk}/"' in page


# --- The shop's page ------------------------------------------------------------------------


def test_the_seller_opens_an_order_from_orders_to_ship(
    client: Client, seller: User, shop: Shop, order: Order
) -> None:
    order_note_add(order=order, author=seller, visibility="private", body="Gift box")
    client.force_login(seller)
    home = _html(client.get("/"))
    url = f"/shop/{shop.pk}/orders/{order.pk}/"
    assert f'href="{url}"' in home

    page = _text(_html(client.get(url)))

    assert "Order order-1" in page
    assert "Linen apron" in page
    assert "b@example.org" in page
    assert "Gift box" in page
    assert "Private" in page
    assert "Message the buyer" in page
    assert "No review yet." in page
    assert "News and offers Not agreed" in page


def test_only_the_shops_members_open_its_order_page(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order, staff: User
) -> None:
    other_shop = Shop.objects.create(
        external_id="shop-2", name="Other", slug="other", time_zone="UTC"
    )
    url = f"/shop/{shop.pk}/orders/{order.pk}/"
    client.force_login(buyer)
    assert client.get(url).status_code == 404
    assert client.post(url + "message/", {"body": "x"}).status_code == 404
    assert client.post(url + "notes/", {"visibility": "private", "body": "x"}).status_code == 404
    assert client.post(url + "waiting/", {"missing": "phone"}).status_code == 404
    # A member of another shop, naming their own shop with this order: 404 too.
    from comptoir.shops.services import shop_member_add

    shop_member_add(shop=other_shop, user=buyer, role="owner")
    assert client.get(f"/shop/{other_shop.pk}/orders/{order.pk}/").status_code == 404
    assert Message.objects.count() == 0
    assert OrderNote.objects.count() == 0
    order.refresh_from_db()
    assert not order.is_awaiting_buyer


def test_the_seller_messages_the_buyer_from_the_order(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(seller)
    url = f"/shop/{shop.pk}/orders/{order.pk}/"

    response = client.post(url + "message/", {"body": "Your apron is being sewn."})

    message = Message.objects.get()
    conversation = message.conversation
    assert response["Location"] == (f"/shop/{shop.pk}/messages/{conversation.pk}/#m{message.id}")
    assert conversation.kind == Conversation.Kind.ORDER_MESSAGE
    assert conversation.started_by == "shop"
    assert conversation.order_id == order.pk
    # The next message continues that thread; the buyer sees it on their order page.
    client.post(url + "message/", {"body": "It ships tomorrow."})
    assert Conversation.objects.count() == 1
    client.force_login(buyer)
    page = _html(client.get(f"/orders/{order.pk}/"))
    assert f'href="/messages/{conversation.pk}/"' in page


def test_the_seller_adds_private_and_customer_notes_on_the_order_page(
    client: Client, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(seller)
    url = f"/shop/{shop.pk}/orders/{order.pk}/"
    client.post(url + "notes/", {"visibility": "private", "body": "Check stock"})
    client.post(url + "notes/", {"visibility": "customer", "body": "Thanks for your order!"})
    assert list(order.notes.values_list("visibility", flat=True).order_by("id")) == [
        "private",
        "customer",
    ]
    page = _text(_html(client.get(url)))
    assert "Check stock" in page
    assert "Thanks for your order!" in page
    assert OutboxEmail.objects.filter(reason="order_note").count() == 1
    assert client.post(url + "notes/", {"visibility": "private", "body": ""}).status_code == 400


def test_the_seller_page_shows_the_case_and_the_review(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(buyer)
    client.post(f"/orders/{order.pk}/answer/", {"body": "Where is it?"})
    with clock.frozen_at(datetime(2026, 3, 12, 9, 0, tzinfo=UTC)):
        case_upsert(
            shop=shop,
            external_id="c-1",
            order_external_id="order-1",
            type="non_delivery",
            description="Nothing came",
        )
    review_upsert(shop=shop, external_id="r-1", order_external_id="order-1", stars=2, text="Slow")
    client.force_login(seller)
    page = _text(_html(client.get(f"/shop/{shop.pk}/orders/{order.pk}/")))
    assert "Not received · Open" in page
    assert "Nothing came" in page
    assert "Slow" in page


def test_the_shop_page_reads_in_a_fixed_number_of_queries(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(seller)
    url = f"/shop/{shop.pk}/orders/{order.pk}/"
    client.post(url + "message/", {"body": "One"})
    with CaptureQueriesContext(connection) as few:
        _html(client.get(url))
    for i in range(5):
        client.post(url + "notes/", {"visibility": "private", "body": f"N{i}"})
    client.force_login(buyer)
    for i in range(3):
        client.post(
            "/messages/new/",
            {"kind": "help_request", "order": order.pk, "reason": "other", "body": f"Q{i}"},
        )
    client.force_login(seller)
    with CaptureQueriesContext(connection) as many:
        _html(client.get(url))
    assert len(many) == len(few)


def _paid_order(shop: Shop, external_id: str, ship_by: date) -> Order:
    order, _ = order_upsert(
        shop=shop,
        data=OrderInput(
            external_id=external_id,
            buyer=BuyerInput(external_id="buyer-1", email="b@example.org"),
            status="paid",
            ordered_at=NOW - timedelta(days=1),
            ship_by=ship_by,
            items=[ItemInput(title="Mug", unit_price=Decimal("12.00"))],
        ),
    )
    return order


# --- Waiting on the buyer -------------------------------------------------------------------


@pytest.fixture
def hook(db: None) -> Endpoint:
    marketplace = integration_account_create(username="marketplace")
    return endpoint_create(
        user=marketplace,
        url="https://93.184.216.34/comptoir",
        event_names=["order.awaiting_buyer_changed"],
    ).endpoint


def _events() -> list[dict[str, object]]:
    return [
        d.payload
        for d in Delivery.objects.filter(event="order.awaiting_buyer_changed").order_by("id")
    ]


def test_the_seller_waits_on_the_buyer_who_answers_and_the_order_leaves_the_list(
    client: Client, buyer: User, seller: User, shop: Shop, order: Order, hook: Endpoint
) -> None:
    buyer.language = "fr"
    buyer.save()
    later = _paid_order(shop, "order-2", ship_by=date(2026, 3, 20))
    client.force_login(seller)
    url = f"/shop/{shop.pk}/orders/{order.pk}/"

    response = client.post(
        url + "waiting/", {"missing": "personalisation", "detail": "Which initials?"}
    )
    client.post(f"/shop/{shop.pk}/orders/{later.pk}/waiting/", {"missing": "phone"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.awaiting_buyer == "personalisation"
    assert order.awaiting_buyer_since == NOW
    # The buyer is asked in the order's thread, in their language.
    question = Message.objects.filter(conversation__order=order).get()
    assert question.sender_side == "shop"
    assert "personnalisation" in question.body
    assert "Which initials?" in question.body
    # The seller's home counts them, linking to the list.
    home = _html(client.get("/"))
    assert (
        f'<a class="stat stat--link" href="/shop/{shop.pk}/orders/waiting/">'
        '<span class="stat__value">2</span><span class="stat__label">Waiting on the buyer'
    ) in home
    # The list: by ship-by date, with the deadline and what to do after it.
    waiting = _text(_html(client.get(f"/shop/{shop.pk}/orders/waiting/")))
    assert waiting.index("order-1") < waiting.index("order-2")
    assert "Waiting for: Personalisation — Which initials?" in waiting
    assert "Phone number for the carrier" in waiting
    assert "Deadline:" in waiting
    assert "ship as is" not in waiting  # no deadline has passed yet
    with clock.frozen_at(datetime(2026, 3, 6, 9, 0, tzinfo=UTC)):
        late = _text(_html(client.get(f"/shop/{shop.pk}/orders/waiting/")))
    assert "Deadline passed" in late
    assert "ship as is, or cancel through the marketplace" in late
    # The buyer sees it on their order page and answers in the thread.
    client.force_login(buyer)
    page = _text(_html(client.get(f"/orders/{order.pk}/")))
    assert "La boutique attend votre réponse" in page
    client.post(f"/orders/{order.pk}/answer/", {"body": "J. D."})
    assert Conversation.objects.filter(order=order).count() == 1
    order.refresh_from_db()
    assert not order.is_awaiting_buyer
    client.force_login(seller)
    waiting = _text(_html(client.get(f"/shop/{shop.pk}/orders/waiting/")))
    assert "order-1" not in waiting
    assert "order-2" in waiting
    # The marketplace heard each change.
    events = _events()
    assert [(e["order_id"], e["reason"]) for e in events] == [
        ("order-1", "shop_asked"),
        ("order-2", "shop_asked"),
        ("order-1", "buyer_answered"),
    ]
    assert events[0]["awaiting_buyer"] == {
        "missing": "personalisation",
        "detail": "Which initials?",
        "since": NOW.isoformat(),
        "ship_by": "2026-03-05",
    }
    assert events[2]["awaiting_buyer"] is None
    assert events[2]["shop_id"] == "shop-1"
    assert events[2]["buyer_id"] == "buyer-1"


def test_something_else_needs_the_question_and_a_shipped_order_cannot_wait(
    client: Client, seller: User, shop: Shop, order: Order, hook: Endpoint
) -> None:
    client.force_login(seller)
    url = f"/shop/{shop.pk}/orders/{order.pk}/waiting/"
    response = client.post(url, {"missing": "other", "detail": ""})
    assert response.status_code == 400
    assert "Say what you need from the buyer." in response.content.decode()
    order_upsert(
        shop=shop,
        data=OrderInput(
            external_id="order-1",
            buyer=BuyerInput(external_id="buyer-1", email="b@example.org"),
            status="shipped",
            ordered_at=order.ordered_at,
            shipped_at=NOW,
            ship_by=order.ship_by,
            items=[ItemInput(title="Linen apron", unit_price=Decimal("35.00"))],
        ),
    )
    response = client.post(url, {"missing": "address"})
    assert response.status_code == 400
    assert (
        "Only an order that has not shipped yet can wait on the buyer." in response.content.decode()
    )
    order.refresh_from_db()
    assert not order.is_awaiting_buyer
    assert Message.objects.count() == 0
    assert _events() == []


def test_shipping_or_stopping_ends_the_wait(
    client: Client, seller: User, shop: Shop, order: Order, hook: Endpoint
) -> None:
    other = _paid_order(shop, "order-2", ship_by=date(2026, 3, 20))
    client.force_login(seller)
    for o in (order, other):
        client.post(f"/shop/{shop.pk}/orders/{o.pk}/waiting/", {"missing": "address"})
    client.post(f"/shop/{shop.pk}/orders/{other.pk}/waiting/", {"stop": "1"})
    order_upsert(
        shop=shop,
        data=OrderInput(
            external_id="order-1",
            buyer=BuyerInput(external_id="buyer-1", email="b@example.org"),
            status="shipped",
            ordered_at=order.ordered_at,
            shipped_at=NOW,
            ship_by=order.ship_by,
            items=[ItemInput(title="Linen apron", unit_price=Decimal("35.00"))],
        ),
    )
    assert not Order.objects.filter(awaiting_buyer_since__isnull=False).exists()
    assert [(e["order_id"], e["reason"]) for e in _events()][2:] == [
        ("order-2", "shop_stopped"),
        ("order-1", "order_shipped"),
    ]


def test_a_seller_message_does_not_clear_the_wait(
    client: Client, seller: User, shop: Shop, order: Order
) -> None:
    client.force_login(seller)
    url = f"/shop/{shop.pk}/orders/{order.pk}/"
    client.post(url + "waiting/", {"missing": "phone"})
    client.post(url + "message/", {"body": "Any news?"})
    order.refresh_from_db()
    assert order.is_awaiting_buyer
    assert Message.objects.filter(conversation__order=order).count() == 2


def test_an_everyday_buyer_message_costs_the_order_one_statement(
    shop: Shop, order: Order, hook: Endpoint
) -> None:
    """messaging calls order_buyer_messaged on every buyer message in an order's thread:
    unless it is the first or ends a wait, one UPDATE that matches nothing."""
    order_buyer_messaged(order=Order(pk=order.pk), at=NOW)  # the first message
    with CaptureQueriesContext(connection) as everyday:
        order_buyer_messaged(order=Order(pk=order.pk), at=NOW + timedelta(hours=1))
    assert len(everyday) == 1
    order_await_buyer(order=order, missing="phone")
    answer_at = NOW + timedelta(hours=2)
    order_buyer_messaged(order=Order(pk=order.pk), at=answer_at)
    order.refresh_from_db()
    assert not order.is_awaiting_buyer
    assert order.awaiting_buyer_answered_at == answer_at
    assert order.buyer_first_message_at == NOW
    assert [e["reason"] for e in _events()] == ["shop_asked", "buyer_answered"]
