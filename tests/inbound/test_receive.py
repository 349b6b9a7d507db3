"""What happens to mail that must not be posted: programs' mail, bounces, bad addresses,
closed threads, refused files, too much mail; one note to the sender at most an hour."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.models import BouncedAddress, OutboxEmail
from comptoir.core.outbox import message_id
from comptoir.core.ratelimit import Limit
from comptoir.inbound import listener as listener_module
from comptoir.inbound import receive
from comptoir.inbound.listener import listener
from comptoir.inbound.receive import receive_mail
from comptoir.messaging.models import Attachment, Conversation, Message, Party, Side
from comptoir.shops.models import Shop
from tests.inbound.conftest import (
    DOMAIN,
    VISITOR,
    Client_,
    address_of,
    fixture_mail,
    mail,
    post_http,
    send_smtp,
)
from tests.mail.smtp import free_port

pytestmark = pytest.mark.django_db(transaction=True)


def notes() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(reason="inbound_refused").order_by("id"))


def buyer_address(thread: Conversation, buyer: User) -> str:
    return address_of(thread.id, Side.BUYER, buyer.id)


def messages_in(thread: Conversation) -> int:
    return Message.objects.filter(conversation=thread).count()


# --- Programs' mail: never posted, never answered -------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Auto-Submitted": "auto-replied"},
        {"Precedence": "bulk"},
        {"Precedence": "list"},
        {"X-Autoreply": "yes"},
        {"X-Auto-Response-Suppress": "All"},
        {"List-Id": "<announce.example.org>"},
    ],
)
def test_an_automatic_reply_is_neither_posted_nor_answered(
    answered: Conversation, buyer: User, headers: dict[str, str]
) -> None:
    before = messages_in(answered)
    raw = mail(
        "I am out of the office until Monday.", to=buyer_address(answered, buyer), headers=headers
    )
    outcome = receive_mail(raw, envelope_from="b@example.org")
    assert outcome.status == "ignored_auto"
    assert messages_in(answered) == before
    assert notes() == []


def test_a_mail_from_the_null_sender_is_never_answered(answered: Conversation, buyer: User) -> None:
    raw = mail(
        "Undeliverable", to=buyer_address(answered, buyer), sender="MAILER-DAEMON@mx.example.org"
    )
    assert str(receive_mail(raw, envelope_from="<>")) == "ignored_auto:bounce"
    assert notes() == []


def _dsn(*, to: str, failed: str, returned_id: str) -> bytes:
    return f"""From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: {to}
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="B0UND"

--B0UND
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org.
I'm sorry to have to inform you that your message could not be delivered.

--B0UND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: Mon,  2 Mar 2026 10:00:05 +0100 (CET)

Final-Recipient: rfc822; {failed}
Original-Recipient: rfc822;{failed}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.org
Diagnostic-Code: smtp; 550 5.1.1 <{failed}>: Recipient address rejected: User unknown

--B0UND
Content-Type: text/rfc822-headers

From: Comptoir <comptoir@{DOMAIN}>
To: {failed}
Subject: New message: Linen apron
Message-ID: {returned_id}

--B0UND--
""".replace("\n", "\r\n").encode()


def test_a_bounce_marks_the_address_the_seller_sees_it_and_a_later_mail_clears_it(
    answered: Conversation, buyer: User, seller: User, shop: Shop, smtp_in: int
) -> None:
    notification = OutboxEmail.objects.filter(recipient="b@example.org").latest("id")
    raw = _dsn(
        to=f"comptoir@{DOMAIN}", failed="B@example.org", returned_id=message_id(notification)
    )
    send_smtp(smtp_in, raw, to=f"comptoir@{DOMAIN}", mail_from="")
    bounced = BouncedAddress.objects.get()
    assert bounced.email == "b@example.org"
    assert bounced.bounces == 1
    assert "User unknown" in bounced.last_reason
    assert notes() == []
    # Again: counted on the same row.
    assert str(receive_mail(raw, envelope_from="<>")) == "bounce_recorded"
    assert BouncedAddress.objects.get().bounces == 2

    page = Client()
    page.force_login(seller)
    thread_page = page.get(f"/shop/{shop.id}/messages/{answered.id}/").content.decode()
    assert "E-mails to this buyer bounce" in thread_page

    address = buyer_address(answered, buyer)
    send_smtp(smtp_in, mail("I am here.", to=address), to=address)
    assert not BouncedAddress.objects.exists()
    assert (
        "E-mails to this buyer bounce"
        not in page.get(f"/shop/{shop.id}/messages/{answered.id}/").content.decode()
    )


def test_a_forged_bounce_for_an_address_we_never_wrote_to_records_nothing(
    answered: Conversation,
) -> None:
    raw = _dsn(
        to=f"comptoir@{DOMAIN}",
        failed="stranger@example.org",
        returned_id=f"<outbox-1.0123456789abcdef@{DOMAIN}>",
    )
    assert str(receive_mail(raw, envelope_from="<>")) == "ignored_auto:bounce"
    assert not BouncedAddress.objects.exists()


# --- Bad addresses, closed threads: one note an hour, nothing posted -----------------------


def test_a_forged_address_gets_one_note_an_hour(answered: Conversation, buyer: User) -> None:
    real = buyer_address(answered, buyer)
    forged = real.replace(f"-b{buyer.id}-", f"-b{buyer.id + 1}-")
    before = messages_in(answered)
    first = receive_mail(mail("Let me in", to=forged), envelope_from="b@example.org")
    second = receive_mail(mail("Let me in again", to=forged), envelope_from="b@example.org")
    assert str(first) == "refused:forged"
    assert first.note_sent
    assert str(second) == "refused:forged"
    assert not second.note_sent
    assert messages_in(answered) == before
    [note] = notes()
    assert note.recipient == "b@example.org"
    assert "was not posted" in note.body
    assert note.headers["Auto-Submitted"] == "auto-replied"
    with clock.frozen_at(clock.now() + timedelta(hours=1, minutes=1)):
        assert receive_mail(mail("Later", to=forged)).note_sent
    assert len(notes()) == 2


def test_an_expired_address_is_refused_with_a_note(
    answered: Conversation, buyer: User, settings: Any
) -> None:
    address = buyer_address(answered, buyer)
    with clock.frozen_at(clock.now() + timedelta(days=settings.MAIL_REPLY_MAX_AGE_DAYS + 1)):
        outcome = receive_mail(mail("Still there?", to=address))
    assert str(outcome) == "refused:expired"
    assert "expired" in notes()[0].body


def test_the_smtp_listener_accepts_refusals_with_250_and_answers_by_a_note(
    answered: Conversation, smtp_in: int
) -> None:
    with smtplib.SMTP("127.0.0.1", smtp_in, timeout=30) as smtp:
        smtp.ehlo()
        smtp.mail("b@example.org")
        assert smtp.rcpt(f"reply+1-b1-1-aaaaaaaaaaaaaaaa@{DOMAIN}")[0] == 250
        code, answer = smtp.data(mail("Hello", to=f"reply+1-b1-1-aaaaaaaaaaaaaaaa@{DOMAIN}"))
    assert code == 250
    assert b"refused:forged" in answer
    assert len(notes()) == 1


def test_the_listener_refuses_other_domains_at_rcpt_and_oversize_mail(
    transactional_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(listener_module, "MAX_MAIL_BYTES", 2000)
    port = free_port()
    controller = listener("127.0.0.1", port, domain=DOMAIN)
    controller.start()
    try:
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
            smtp.ehlo()
            smtp.mail("someone@example.org")
            assert smtp.rcpt("victim@example.com")[0] == 550
            assert smtp.rcpt(f"reply+x@{DOMAIN}")[0] == 250
            code, _ = smtp.data(
                mail("words " * 1000, to=f"reply+x@{DOMAIN}").replace(b" words", b"\r\nwords")
            )
        assert code == 552
    finally:
        controller.stop()
    assert not Message.objects.exists()


def test_a_thread_in_the_buyers_trash_is_closed_to_them(
    answered: Conversation, buyer: User, as_buyer: Client_
) -> None:
    Party.objects.filter(conversation=answered, side=Side.BUYER).update(folder="trash")
    before = messages_in(answered)
    outcome = receive_mail(mail("Hello?", to=buyer_address(answered, buyer)))
    assert str(outcome) == "refused:thread_closed"
    assert outcome.note_sent
    assert messages_in(answered) == before
    assert "closed to replies by e-mail" in notes()[0].body


def test_a_former_member_of_the_shop_cannot_answer_for_it(
    answered: Conversation, seller: User
) -> None:
    address = address_of(answered.id, Side.SHOP, seller.id)
    seller.shop_memberships.all().delete()
    outcome = receive_mail(mail("Still here", to=address, sender="seller@example.org"))
    assert str(outcome) == "refused:conversation_not_found"


def test_a_buyers_reply_by_email_reopens_a_closed_ticket(
    order_thread_closed: Conversation, buyer: User
) -> None:
    outcome = receive_mail(mail("It broke again.", to=buyer_address(order_thread_closed, buyer)))
    assert outcome.status == "posted"
    order_thread_closed.refresh_from_db()
    assert order_thread_closed.ticket_status == "open"


@pytest.fixture
def order_thread_closed(as_buyer: Client_, as_seller: Client_, order: Any) -> Conversation:
    started = as_buyer.post(
        "/me/conversations",
        {"kind": "support_ticket", "order_id": "order-1", "body": "It broke."},
    )
    assert started.status_code == 201, started.json()
    cid = started.json()["conversation_id"]
    closed = as_seller.post(f"/shops/shop-1/conversations/{cid}/close", {})
    assert closed.status_code in (200, 204), closed.content
    return Conversation.objects.get(id=cid)


# --- Files ------------------------------------------------------------------------------


def _with_file(address: str, name: str, kind: str, data: bytes) -> bytes:
    import base64

    encoded = base64.b64encode(data).decode()
    return (
        f"From: Anna Martin <b@example.org>\r\nTo: {address}\r\nSubject: Re: photo\r\n"
        "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n"
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere is the file.\r\n"
        f"--XX\r\nContent-Type: {kind}; name={name}\r\n"
        f"Content-Disposition: attachment; filename={name}\r\n"
        f"Content-Transfer-Encoding: base64\r\n\r\n{encoded}\r\n--XX--\r\n"
    ).encode()


def test_a_file_of_a_refused_type_refuses_the_mail_and_keeps_nothing(
    answered: Conversation, buyer: User
) -> None:
    before = messages_in(answered)
    raw = _with_file(
        buyer_address(answered, buyer),
        "order.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04" + b"\x00" * 200,
    )
    outcome = receive_mail(raw)
    assert str(outcome) == "refused:unsupported_file_type"
    assert outcome.note_sent
    assert messages_in(answered) == before
    assert not Attachment.objects.exists()
    assert "JPG, GIF, PNG and PDF" in notes()[0].body


def test_a_visitor_cannot_send_files_by_email(visitor_thread: Conversation) -> None:
    raw = _with_file(
        address_of(visitor_thread.id, Side.BUYER, None),
        "doc.pdf",
        "application/pdf",
        b"%PDF-1.4\n%%EOF\n",
    ).replace(b"b@example.org", VISITOR.encode())
    outcome = receive_mail(raw)
    assert str(outcome) == "refused:attachments_not_accepted"
    assert notes()[0].recipient == VISITOR
    assert not Attachment.objects.exists()


# --- Limits -----------------------------------------------------------------------------


def test_too_many_mails_from_one_address_are_refused_with_one_note(
    answered: Conversation, buyer: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receive, "PER_ADDRESS", Limit("inbound.address", 3, 3600))
    address = buyer_address(answered, buyer)
    outcomes = [str(receive_mail(mail(f"Message {n}", to=address))) for n in range(5)]
    assert outcomes == ["posted"] * 3 + ["refused:rate_limited"] * 2
    assert len(notes()) == 1


def test_too_many_mails_into_one_thread_are_refused(
    answered: Conversation, buyer: User, seller: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(receive, "PER_THREAD", Limit("inbound.thread", 2, 3600))
    buyer_side = buyer_address(answered, buyer)
    shop_side = address_of(answered.id, Side.SHOP, seller.id)
    assert str(receive_mail(mail("One", to=buyer_side))) == "posted"
    assert str(receive_mail(mail("Two", to=shop_side, sender="claire@example.org"))) == "posted"
    assert str(receive_mail(mail("Three", to=buyer_side))) == "refused:rate_limited"


def test_the_auto_reply_cap_covers_website_visitors(shop: Shop, seller: User) -> None:
    Shop.objects.filter(id=shop.id).update(vacation_mode=True, vacation_message="Closed in August.")
    for n in range(7):
        response = Client().post(
            f"/api/v1/shops/{shop.external_id}/contact",
            {
                "name": "Léa",
                "email": "Lea@Example.net" if n % 2 else VISITOR,
                "subject": f"Q{n}",
                "body": "Open?",
            },
            content_type="application/json",
            REMOTE_ADDR=f"203.0.113.{n + 1}",
        )
        assert response.status_code == 201, response.json()
    replied = Conversation.objects.filter(auto_replied_at__isnull=False).count()
    assert replied == 5  # autoreplies.apply.DAILY_CAP, for one address whatever its case
    assert Message.objects.filter(is_automatic=True).count() == 5


# --- The HTTP endpoint's door -----------------------------------------------------------


def test_the_endpoint_is_absent_without_a_secret_and_refuses_a_wrong_one(
    answered: Conversation, buyer: User, settings: Any
) -> None:
    raw = fixture_mail("gmail_en", buyer_address(answered, buyer))
    wrong = post_http(raw, secret="not-the-secret")
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "bad_inbound_secret"
    assert post_http(raw, secret=None).status_code == 401
    settings.INBOUND_MAIL_SECRET = ""
    absent = post_http(raw)
    assert absent.status_code == 404
    assert absent.json()["code"] == "not_found"
    assert Message.objects.filter(via_email=True).count() == 0


def test_the_endpoint_answers_a_refusal_with_202_and_its_code(answered: Conversation) -> None:
    response = post_http(mail("Hi", to=f"reply+nothing@{DOMAIN}"))
    assert response.status_code == 202
    assert response.json() == {
        "outcome": "refused:no_reply_address",
        "status": "refused",
        "code": "no_reply_address",
        "message_id": None,
        "note_sent": True,
    }
