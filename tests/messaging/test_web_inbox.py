"""The web inbox with plain forms and links (what works with JavaScript off)."""

from __future__ import annotations

import re
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.messaging.models import Conversation, Label, Message, Party, SavedReply
from comptoir.orders.models import Order, OrderNote
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_
from tests.messaging.test_filetypes import PDF
from tests.messaging.test_folders_api import ask


def web(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_buyer_asks_from_the_listing_page_and_the_seller_answers_with_a_file(
    buyer: User, seller: User, listing: Listing, shop: Shop, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    page = web(buyer).get(f"/listings/{listing.id}/")
    assert b"Ask a question" in page.content
    asked = web(buyer).post(
        "/messages/new/",
        {
            "kind": "listing_inquiry",
            "listing": listing.id,
            "body": "Is it lined?",
            "send_key": "k1",
        },
    )
    conversation = Conversation.objects.get()
    assert asked["Location"] == f"/messages/{conversation.id}/"

    inbox = web(seller).get(f"/shop/{shop.id}/messages/")
    assert inbox.status_code == 200
    assert b"Is it lined?" in inbox.content
    thread_url = f"/shop/{shop.id}/messages/{conversation.id}/"
    seen = web(seller).get(thread_url)
    assert b"Linen apron" in seen.content  # the listing beside the thread
    assert Party.objects.get(side="shop").unread_count == 0  # opening reads it

    sent = web(seller).post(
        thread_url,
        {
            "body": "Yes, with cotton.",
            "send_key": "reply-1",
            "attachments": [SimpleUploadedFile("care.pdf", PDF)],
        },
    )
    assert sent.status_code == 302
    again = web(seller).post(thread_url, {"body": "Yes, with cotton.", "send_key": "reply-1"})
    assert again.status_code == 302  # a double submit sends once
    reply = Message.objects.get(sender_side="shop")
    assert [a.name for a in reply.attachments.all()] == ["care.pdf"]
    buyer_view = web(buyer).get(f"/messages/{conversation.id}/")
    assert b"Yes, with cotton." in buyer_view.content
    assert b"care.pdf" in buyer_view.content


def test_a_bad_file_is_refused_on_the_form_and_nothing_is_sent(
    buyer: User, seller: User, listing: Listing, shop: Shop, as_buyer: Client_
) -> None:
    cid = ask(as_buyer)
    response = web(seller).post(
        f"/shop/{shop.id}/messages/{cid}/",
        {"body": "See attached", "attachments": [SimpleUploadedFile("x.png", b"MZ\x90\x00")]},
    )
    assert response.status_code == 400
    assert b"Only JPG, GIF, PNG and PDF files can be attached." in response.content
    assert Message.objects.count() == 1


def test_the_inbox_page_costs_the_same_queries_for_1_thread_and_for_30(
    buyer: User, seller: User, listing: Listing, shop: Shop, as_buyer: Client_
) -> None:
    ask(as_buyer)
    client = web(seller)
    url = f"/shop/{shop.id}/messages/"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for i in range(29):
        ask(as_buyer, f"Question {i}")
    with CaptureQueriesContext(connection) as thirty:
        page = client.get(url)
    assert page.content.count(b"data-thread=") == 30
    assert len(thirty) == len(one)


def test_bulk_label_and_archive_from_the_list(
    buyer: User, seller: User, listing: Listing, shop: Shop, as_buyer: Client_
) -> None:
    ids = [ask(as_buyer, f"Q{i}") for i in range(3)]
    label = Label.objects.create(shop=shop, name="Gift")
    client = web(seller)
    url = f"/shop/{shop.id}/messages/bulk/"
    client.post(url, {"ids": ids, "label": label.id, "label_mode": "add"})
    assert Party.labels.through.objects.filter(label=label).count() == 3
    done = client.post(url, {"ids": ids, "action": "archive"}, follow=True)
    assert b"Archived: 3." in done.content
    assert set(Party.objects.filter(side="shop").values_list("folder", flat=True)) == {"archive"}


def test_help_request_support_ticket_and_notes_from_the_pages(
    buyer: User, seller: User, order: Order, shop: Shop
) -> None:
    home = web(buyer).get("/")
    assert f'href="/orders/{order.id}/"'.encode() in home.content
    page = web(buyer).get(f"/orders/{order.id}/")
    assert b"Ask the shop about this order" in page.content
    assert b"?kind=help_request&amp;order=" in page.content
    bad = web(buyer).post(
        "/messages/new/",
        {"kind": "help_request", "order": order.id, "body": "Broken", "reason": ""},
    )
    assert bad.status_code == 400
    assert b"Pick the reason for your help request." in bad.content
    web(buyer).post(
        "/messages/new/",
        {"kind": "help_request", "order": order.id, "body": "Broken", "reason": "damaged"},
    )
    help_view = web(seller).get(f"/shop/{shop.id}/messages/?kind=help_request")
    assert b"Broken" in help_view.content
    assert b"Help requests" in help_view.content

    web(buyer).post("/messages/new/", {"kind": "support_ticket", "order": order.id, "body": "?"})
    ticket = Conversation.objects.get(kind="support_ticket")
    client = web(seller)
    client.post(f"/shop/{shop.id}/messages/{ticket.id}/action/", {"action": "close"})
    ticket.refresh_from_db()
    assert ticket.ticket_status == "closed"
    web(buyer).post(f"/messages/{ticket.id}/action/", {"action": "reopen"})
    ticket.refresh_from_db()
    assert ticket.ticket_status == "open"
    client.post(
        f"/shop/{shop.id}/messages/{ticket.id}/notes/",
        {"visibility": "customer", "body": "Shipped today."},
    )
    assert OrderNote.objects.get().visibility == "customer"
    assert b"Shipped today." in web(buyer).get(f"/messages/{ticket.id}/").content


def test_labels_and_saved_replies_pages(seller: User, shop: Shop) -> None:
    client = web(seller)
    client.post(f"/shop/{shop.id}/messages/labels/", {"name": "Urgent"})
    clash = client.post(f"/shop/{shop.id}/messages/labels/", {"name": "urgent"})
    assert clash.status_code == 400
    assert b"already has a label" in clash.content
    client.post(
        f"/shop/{shop.id}/messages/saved-replies/", {"title": "Thanks", "body": "Thank you!"}
    )
    saved = SavedReply.objects.get()
    page = client.get(f"/shop/{shop.id}/messages/saved-replies/?edit={saved.id}")
    assert b"Thank you!" in page.content
    assert [lb.name for lb in Label.objects.all()] == ["Urgent"]


def test_other_people_get_a_404(buyer: User, other_buyer: User, seller: User, shop: Shop) -> None:
    assert web(buyer).get(f"/shop/{shop.id}/messages/").status_code == 404
    assert web(other_buyer).get("/messages/999/").status_code == 404


def test_the_contact_form_can_be_embedded_in_the_shops_website(client: Client, shop: Shop) -> None:
    page = client.get(f"/shops/{shop.slug}/contact/")
    assert page.status_code == 200
    assert "X-Frame-Options" not in page
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode())
    assert token, "the form carries its own signed token"
    sent = client.post(
        f"/shops/{shop.slug}/contact/",
        {
            "name": "Ewa",
            "email": "ewa@example.pl",
            "body": "Do you ship to Gdańsk?",
            "token": token.group(1),
        },
        follow=True,
    )
    assert b"Your message is sent" in sent.content
    assert Conversation.objects.get().kind == "contact_form"


def test_a_note_on_someone_elses_thread_is_not_found(
    seller: User, shop: Shop, listing: Listing
) -> None:
    response = web(seller).post(
        f"/shop/{shop.id}/messages/424242/notes/", {"visibility": "private", "body": "x"}
    )
    assert response.status_code == 404
    assert OrderNote.objects.count() == 0
