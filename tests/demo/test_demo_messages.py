"""The demo's messages: what the seller and the buyer find when they log in."""

from __future__ import annotations

import pytest

from comptoir.accounts.models import User
from comptoir.demo.marketplace import load_demo
from comptoir.messaging.models import Conversation
from comptoir.messaging.selectors import (
    ListFilters,
    conversation_list,
    folder_counts,
    inquiry_board,
)
from comptoir.orders.models import OrderNote
from comptoir.orders.selectors import awaiting_buyer_orders
from comptoir.shops.access import as_buyer, as_member
from comptoir.shops.models import Shop
from tests.messaging.conftest import assert_counters_exact

pytestmark = pytest.mark.django_db


def test_the_demo_seller_finds_every_kind_of_thread() -> None:
    load_demo()
    claire = User.objects.get(username="seller")
    paris = Shop.objects.get(external_id="demo-shop-paris")
    shop = as_member(claire, paris)
    inbox = conversation_list(shop, ListFilters(), cursor=None, limit=50).items
    kinds = {p.kind for p in inbox}
    assert kinds >= {
        "listing_inquiry",
        "help_request",
        "support_ticket",
        "order_message",
        "contact_form",
    }
    counts = folder_counts(shop)
    assert counts.has_help_requests
    assert counts.unread["inbox"] >= 3
    # One curated spam thread and one in the hundred days of history; the history's
    # answered questions are archived.
    assert counts.threads["spam"] == 2
    assert counts.threads["archive"] > 100
    board = inquiry_board(shop, cursor=None, limit=10).items
    # Oldest waiting first; archiving does not answer, spam leaves the board.
    assert [str(p.conversation.buyer).split()[0] for p in board] == [
        "Sophie",
        "Marta",
        "Emma",
        "Camille",
    ]
    assert any(lb.name == "Casse" for p in inbox for lb in p.labels.all())
    assert paris.saved_replies.count() == 3
    ticket = Conversation.objects.get(shop=paris, kind="support_ticket")
    assert ticket.ticket_status == "closed"
    assert OrderNote.objects.filter(order__shop=paris).count() == 2
    # Orders waiting on a buyer's answer, soonest ship-by date first; Camille's among them.
    waiting = awaiting_buyer_orders(shop)
    assert [o.buyer.external_id for o in waiting] == ["demo-buyer-julien", "demo-buyer-camille"]
    assert all(o.conversations.filter(kind="order_message").exists() for o in waiting)
    assert_counters_exact()


def test_the_demo_buyer_finds_her_side_of_the_threads() -> None:
    load_demo()
    camille = User.objects.get(username="buyer")
    mine = conversation_list(as_buyer(camille), ListFilters(), cursor=None, limit=50).items
    assert sorted(p.kind for p in mine) == [
        "listing_inquiry",
        "marketing",  # the Paris shop's news: she agreed at checkout
        "order_message",  # a Kolkata seller asking her to pay outside (warned, reported)
        "order_message",  # the Paris shop waits on her answer: the entry code
        "support_ticket",
    ]
    assert folder_counts(as_buyer(camille)).threads["inbox"] == 5


def test_the_demo_visitor_answered_the_shop_by_email() -> None:
    """The contact-form thread continues by e-mail: the visitor's reply went through the
    inbound path, her quote of the shop's answer and her signature cut."""
    load_demo()
    thread = Conversation.objects.get(kind="contact_form", visitor_email="helene.martin@example.fr")
    messages = list(thread.messages.order_by("created_at", "id"))
    assert [(m.sender_side, m.via_email) for m in messages] == [
        ("buyer", False),  # the contact form
        ("shop", False),  # the shop's answer
        ("buyer", True),  # her answer from her mail client
    ]
    assert messages[-1].body == (
        "Oui, avec plaisir ! Une place pour samedi prochain, s'il vous plaît.\n"
        "Je paierai sur place."
    )
    assert messages[-1].author is None
    assert_counters_exact()


def test_the_demo_shows_the_order_pages_and_the_waiting_list() -> None:
    """Camille finds the Paris shop's note and question on her latest order; Claire finds
    the orders waiting on an answer, and the buyer beside a thread."""
    from django.test import Client

    load_demo()
    camille = User.objects.get(username="buyer")
    paris = Shop.objects.get(external_id="demo-shop-paris")
    order = paris.orders.filter(buyer=camille).order_by("-ordered_at").first()
    assert order is not None
    buyer = Client()
    buyer.force_login(camille)
    page = buyer.get(f"/orders/{order.pk}/").content.decode()
    assert "Vos pièces sont au séchage" in page  # the note to the customer
    assert "pour le livreur" in page  # the shop's question
    seller = Client()
    seller.force_login(User.objects.get(username="seller"))
    waiting = seller.get(f"/shop/{paris.pk}/orders/waiting/").content.decode()
    assert waiting.count("list__item waiting") == 2
    thread = order.conversations.get(kind="order_message")
    beside = seller.get(f"/shop/{paris.pk}/messages/{thread.pk}/").content.decode()
    assert "data-buyer-history" in beside
