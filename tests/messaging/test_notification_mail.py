"""New-message e-mails carry the message: its text (plain and HTML), what the thread is
about, its files, the link into the thread, a Reply-To back to the thread, and headers
that keep a thread's e-mails together in the reader's mail client."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.mail import EmailMessage
from django.test import Client, override_settings

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core.outbox import thread_id
from comptoir.messaging.models import Side
from comptoir.messaging.reply_addresses import read_reply_address
from comptoir.messaging.services.contact_form import contact_form_submit
from comptoir.orders.models import Order
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import shop_member_add
from tests.messaging.conftest import Client_, deliver_all
from tests.messaging.test_filetypes import PDF

TEXT = 'It arrived torn <script>alert("x")</script> & wet.\nSecond line.\n\nThird, after a gap.'


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MAIL_REPLY_DOMAIN = "reply.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path / "media"


def member(shop: Shop, name: str, language: str = "") -> User:
    user = User.objects.create_user(
        username=name, email=f"{name}@example.org", password=f"{name}-pass-123", language=language
    )
    shop_member_add(shop=shop, user=user, role=ShopMember.Role.STAFF)
    return user


def html_of(sent: EmailMessage) -> str:
    [(html, kind)] = getattr(sent, "alternatives", [])
    assert kind == "text/html"
    return str(html)


def to(sent: list[EmailMessage], address: str) -> list[EmailMessage]:
    return [m for m in sent if m.to == [address]]


def help_request(as_buyer: Client_, body: str = "It is broken") -> int:
    response = as_buyer.post(
        "/me/conversations",
        {"kind": "help_request", "order_id": "order-1", "reason": "damaged", "body": body},
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["conversation_id"])


def listing_question(as_buyer: Client_, body: str = "Is it pre-washed?") -> int:
    response = as_buyer.post(
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": "listing-1", "body": body},
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["conversation_id"])


def test_a_buyers_message_reaches_every_shop_member_with_all_it_says(
    as_buyer: Client_, as_seller: Client_, shop: Shop, order: Order
) -> None:
    # given a shop with two members, and a help request about an order
    helper = member(shop, "marta")
    cid = help_request(as_buyer)
    deliver_all()

    # when the buyer writes again, with a file
    pdf = as_buyer.upload("receipt.pdf", PDF).json()["id"]
    posted = as_buyer.post(
        f"/me/conversations/{cid}/messages", {"body": TEXT, "attachment_ids": [pdf]}
    )
    assert posted.status_code == 201, posted.json()
    sent = deliver_all()

    # then each member gets one e-mail with the whole message and what it is about
    assert sorted(m.to[0] for m in sent) == ["marta@example.org", "seller@example.org"]
    for person in (as_seller.user, helper):
        [mail] = to(sent, person.email)
        assert mail.subject == "Re: New help request: Order order-1: My item arrived damaged"
        assert "buyer wrote:" in mail.body
        assert TEXT in mail.body  # whole, as typed: plain text is not escaped
        assert "Subject: Order order-1: My item arrived damaged" in mail.body
        assert "Order: order-1" in mail.body
        assert f"/shop/{shop.id}/messages/{cid}/" in mail.body
        assert mail.body.count(f"/shop/{shop.id}/messages/{cid}/") == 1  # the link once
        assert "receipt.pdf" in mail.body

        html = html_of(mail)
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; wet.<br>Second line." in (
            html
        )
        assert "<img" not in html  # nothing fetched from elsewhere
        assert f'href="http://127.0.0.1:8000/shop/{shop.id}/messages/{cid}/"' in html

        # an answer by e-mail comes back to this thread, as this member
        target = read_reply_address(mail.extra_headers["Reply-To"])
        assert (target.conversation_id, target.side, target.user_id) == (cid, Side.SHOP, person.id)
        assert mail.extra_headers["Reply-To"].endswith("@reply.example.org")


def test_the_file_link_opens_the_file_for_its_recipient_after_sign_in(
    as_buyer: Client_, as_seller: Client_, shop: Shop, order: Order
) -> None:
    cid = help_request(as_buyer)
    pdf = as_buyer.upload("receipt.pdf", PDF).json()["id"]
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "See", "attachment_ids": [pdf]})
    [mail] = to(deliver_all(), "seller@example.org")[-1:]
    found = re.search(r"receipt\.pdf \([^)]*\): (\S+)", mail.body)
    assert found is not None, mail.body
    link = urlsplit(found.group(1))
    assert f'href="{found.group(1).replace("&", "&amp;")}"' in html_of(mail)

    # not signed in: the sign-in page, which returns to the file
    browser = Client()
    page = browser.get(link.path, {"next": f"/api/v1/attachments/{pdf}"})
    assert page.status_code == 200
    browser.post(
        f"{link.path}?{link.query}",
        {"username": "seller", "password": "seller-pass-123"},
    )
    got = browser.get(f"/api/v1/attachments/{pdf}")
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == PDF
    # already signed in: the link goes straight to the file
    again = browser.get(f"{link.path}?{link.query}")
    assert (again.status_code, again["Location"]) == (302, f"/api/v1/attachments/{pdf}")


def test_a_listing_question_names_the_listing(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    listing_question(as_buyer, "Is it pre-washed?")
    [mail] = deliver_all()
    assert mail.subject == "New question: Linen apron"
    assert "Listing: Linen apron" in mail.body
    assert "Is it pre-washed?" in mail.body
    assert "Linen apron" in html_of(mail)


def test_a_threads_e_mails_hang_together_and_other_threads_apart(
    as_buyer: Client_, as_seller: Client_, shop: Shop, order: Order
) -> None:
    first_thread = listing_question(as_buyer, "One")
    as_buyer.post(f"/me/conversations/{first_thread}/messages", {"body": "Two"})
    other_thread = help_request(as_buyer, "Three")
    one, two, three = deliver_all()

    for mail in (one, two, three):
        assert mail.extra_headers["In-Reply-To"] == mail.extra_headers["References"]
        assert mail.extra_headers["Auto-Submitted"] == "auto-generated"  # no vacation replies
    assert one.extra_headers["References"] == two.extra_headers["References"]
    assert one.extra_headers["References"] == thread_id(first_thread)
    assert three.extra_headers["References"] == thread_id(other_thread)
    assert three.extra_headers["References"] != one.extra_headers["References"]
    # each e-mail keeps its own Message-ID; the subject stays the thread's
    assert len({m.extra_headers["Message-ID"] for m in (one, two, three)}) == 3
    assert two.subject == "Re: " + one.subject


def test_the_thread_id_is_stable_signed_and_names_the_thread(settings: Any) -> None:
    settings.DEFAULT_FROM_EMAIL = "Comptoir <notify@comptoir.example>"
    assert thread_id(7) == thread_id(7)
    assert re.fullmatch(r"<thread-7\.[0-9a-f]{16}@comptoir\.example>", thread_id(7))
    assert thread_id(7) != thread_id(8)
    ours = thread_id(7)
    settings.SECRET_KEY = "another-secret-key-for-another-site-0123456789"
    assert thread_id(7) != ours  # only who holds the site's secret can name a thread


def test_french_and_polish_members_read_it_in_their_language(
    as_buyer: Client_, as_seller: Client_, shop: Shop, listing: Listing
) -> None:
    member(shop, "zoe", language="fr")
    member(shop, "ola", language="pl")
    listing_question(as_buyer, "Is it pre-washed?")
    sent = deliver_all()

    [french] = to(sent, "zoe@example.org")
    assert french.subject == "Nouvelle question : Linen apron"
    assert "Objet: Linen apron" in french.body
    assert "Annonce: Linen apron" in french.body
    assert '<html lang="fr">' in html_of(french)
    assert "Annonce" in html_of(french)

    [polish] = to(sent, "ola@example.org")
    assert polish.subject == "Nowe pytanie: Linen apron"
    assert "Temat: Linen apron" in polish.body
    assert "Oferta: Linen apron" in polish.body
    assert '<html lang="pl">' in html_of(polish)

    [english] = to(sent, "seller@example.org")
    assert english.subject == "New question: Linen apron"


def test_a_website_visitor_gets_the_shops_answer_in_full_and_no_link_to_the_app(
    as_seller: Client_, shop: Shop
) -> None:
    asked = contact_form_submit(
        shop=shop, name="Ewa", email="ewa@example.pl", subject="Shipping", body="To Gdańsk?"
    )
    deliver_all()
    answer = "Yes <b>we do</b>.\nIn 3 days."
    pdf = as_seller.upload("rates.pdf", PDF).json()["id"]
    posted = as_seller.post(
        f"/shops/shop-1/conversations/{asked.conversation_id}/messages",
        {"body": answer, "attachment_ids": [pdf]},
    )
    assert posted.status_code == 201, posted.json()
    [mail] = deliver_all()

    assert mail.to == ["ewa@example.pl"]
    assert mail.subject == "Re: Shipping"  # what the visitor typed, answered
    assert "Atelier Lune answered your message:" in mail.body
    assert answer in mail.body
    assert "rates.pdf" in mail.body
    for part in (mail.body, html_of(mail)):
        assert "127.0.0.1:8000" not in part  # no link into an app they have no account for
    assert "Yes &lt;b&gt;we do&lt;/b&gt;.<br>In 3 days." in html_of(mail)
    assert "List-Unsubscribe" not in mail.extra_headers
    target = read_reply_address(mail.extra_headers["Reply-To"])
    assert (target.conversation_id, target.side, target.user_id) == (
        asked.conversation_id,
        Side.BUYER,
        None,
    )
    assert "replying to this e-mail" in mail.body


def test_without_a_reply_domain_there_is_no_reply_to(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    with override_settings(MAIL_REPLY_DOMAIN=""):
        listing_question(as_buyer)
    [mail] = deliver_all()
    assert "Reply-To" not in mail.extra_headers
    assert "replying to this e-mail" not in mail.body
    assert mail.extra_headers["References"]  # threading does not depend on it
