"""Real mail-client replies (Gmail, Outlook, Apple Mail, Thunderbird; English, French, Polish)
reach the thread through a real SMTP session into the listener, and through the HTTP
endpoint: the new text only, posted as the person, as a web reply would be."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.messaging.models import Attachment, Conversation, Message, Party, Side
from tests.inbound.conftest import (
    FIXTURES,
    VISITOR,
    address_of,
    expected_text,
    fixture_mail,
    post_http,
    send_smtp,
)

pytestmark = pytest.mark.django_db(transaction=True)

NAMES = sorted(p.stem for p in FIXTURES.glob("*.eml"))
FILES = {
    "gmail_attachment_png_en": ("stain.png", "image/png"),
    "apple_mail_pdf_fr": ("facture-transport.pdf", "application/pdf"),
}


def test_there_are_at_least_twenty_fixtures_each_with_its_expected_text() -> None:
    assert len(NAMES) >= 20
    assert all((FIXTURES / f"{n}.txt").exists() for n in NAMES)


def _thread_for(name: str, request: pytest.FixtureRequest) -> tuple[Conversation, str, Any]:
    """The thread the fixture answers, the address it answers, and who writes."""
    if name.startswith("visitor_"):
        thread = request.getfixturevalue("visitor_thread")
        return thread, address_of(thread.id, Side.BUYER, None), None
    thread = request.getfixturevalue("answered")
    if name.startswith("shop_"):
        seller: User = request.getfixturevalue("seller")
        # The shop waits for the buyer again: the buyer writes once more on the web.
        buyer_client = request.getfixturevalue("as_buyer")
        buyer_client.post(f"/me/conversations/{thread.id}/messages", {"body": "And the size?"})
        return thread, address_of(thread.id, Side.SHOP, seller.id), seller
    buyer: User = request.getfixturevalue("buyer")
    return thread, address_of(thread.id, Side.BUYER, buyer.id), buyer


def _check_posted(name: str, thread: Conversation, author: Any) -> None:
    message = Message.objects.filter(conversation=thread).order_by("-id").first()
    assert message is not None
    assert message.body == expected_text(name)
    assert message.via_email
    assert message.author_id == (author.id if author is not None else None)
    side = Side.SHOP if name.startswith("shop_") else Side.BUYER
    assert message.sender_side == side
    other = Party.objects.get(
        conversation=thread, side=Side.BUYER if side == Side.SHOP else Side.SHOP
    )
    mine = (
        Party.objects.get(conversation=thread, side=side)
        if author is not None or side == Side.SHOP
        else None
    )
    assert other.unread_count >= 1
    if side == Side.BUYER:
        assert other.awaiting_reply_since is not None  # the shop owes an answer
    else:
        assert mine is not None
        assert mine.awaiting_reply_since is None  # answered
    if name in FILES:
        files = list(Attachment.objects.filter(message=message))
        assert [(a.name, a.content_type) for a in files] == [FILES[name]]
    else:
        assert not Attachment.objects.filter(message=message).exists()
    thread.refresh_from_db()
    assert thread.preview.startswith(" ".join(expected_text(name).split())[:40])


@pytest.mark.parametrize("name", NAMES)
def test_a_reply_through_a_real_smtp_session_posts_its_new_text(
    name: str, request: pytest.FixtureRequest, smtp_in: int
) -> None:
    thread, address, author = _thread_for(name, request)
    before = Message.objects.filter(conversation=thread).count()
    sender = VISITOR if author is None else "b@example.org"
    refused = send_smtp(smtp_in, fixture_mail(name, address), to=address, mail_from=sender)
    assert refused == {}
    assert Message.objects.filter(conversation=thread).count() == before + 1
    _check_posted(name, thread, author)


@pytest.mark.parametrize("name", NAMES)
def test_a_reply_through_the_http_endpoint_posts_its_new_text(
    name: str, request: pytest.FixtureRequest
) -> None:
    thread, address, author = _thread_for(name, request)
    response = post_http(fixture_mail(name, address))
    assert response.status_code == 202, response.json()
    body = response.json()
    assert body["outcome"] == "posted"
    assert body["message_id"] == Message.objects.filter(conversation=thread).latest("id").id
    _check_posted(name, thread, author)


def test_the_visitors_reply_continues_the_contact_form_thread(
    visitor_thread: Conversation, smtp_in: int
) -> None:
    address = address_of(visitor_thread.id, Side.BUYER, None)
    send_smtp(smtp_in, fixture_mail("visitor_gmail_fr", address), to=address, mail_from=VISITOR)
    thread = Conversation.objects.get(id=visitor_thread.id)
    assert thread.kind == Conversation.Kind.CONTACT_FORM
    assert Conversation.objects.count() == 1  # no new thread
    bodies = list(
        Message.objects.filter(conversation=thread).order_by("id").values_list("body", "author")
    )
    assert bodies == [
        ("Horaires ?", None),
        ("De 9 h à 18 h.", thread.shop.memberships.get().user_id),
        ("Merci ! Et le dimanche, êtes-vous ouverts ?", None),
    ]
