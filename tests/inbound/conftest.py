"""Inbound mail tests: a reply domain, a secret, threads to answer, and the real listener."""

from __future__ import annotations

import json
import smtplib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from comptoir.inbound.listener import listener
from comptoir.messaging.models import Conversation
from comptoir.messaging.reply_addresses import reply_address
from comptoir.shops.models import Shop
from tests.mail.smtp import free_port
from tests.messaging.conftest import (  # noqa: F401 - fixtures shared with messaging
    Client_,
    as_buyer,
    as_seller,
    inquiry,
)

FIXTURES = Path(__file__).parent / "fixtures"
DOMAIN = "reply.comptoir.test"
SECRET = "inbound-secret-for-tests"
PLACEHOLDER = b"reply+TOKEN@reply.comptoir.test"
VISITOR = "lea@example.net"


@pytest.fixture(autouse=True)
def reply_by_email(settings: Any) -> None:
    settings.MAIL_REPLY_DOMAIN = DOMAIN
    settings.INBOUND_MAIL_SECRET = SECRET


def fixture_mail(name: str, address: str) -> bytes:
    """A fixture's raw bytes, answering `address` (the fixtures hold a placeholder)."""
    return (FIXTURES / f"{name}.eml").read_bytes().replace(PLACEHOLDER, address.encode())


def expected_text(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").rstrip("\n")


def address_of(conversation_id: int, side: str, user_id: int | None) -> str:
    return reply_address(conversation_id=conversation_id, side=side, user_id=user_id)


def mail(
    body: str,
    *,
    to: str,
    sender: str = "Anna Martin <b@example.org>",
    subject: str = "Re: New message",
    headers: dict[str, str] | None = None,
) -> bytes:
    """A plain reply, as simple mail clients send it."""
    extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
    text = body.replace("\n", "\r\n")
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\n"
        f"Message-ID: <t{abs(hash((body, to, subject)))}@example.org>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n{extra}\r\n{text}\r\n"
    ).encode()


def post_http(raw: bytes, *, secret: str | None = SECRET) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"} if secret is not None else {}
    return Client().post("/api/v1/inbound/mail", data=raw, content_type="message/rfc822", **headers)


@pytest.fixture
def smtp_in(transactional_db: None) -> Iterator[int]:
    """The real listener on a free port of 127.0.0.1; yields the port."""
    port = free_port()
    controller = listener("127.0.0.1", port, domain=DOMAIN)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def send_smtp(port: int, raw: bytes, *, to: str, mail_from: str = "b@example.org") -> Any:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        return smtp.sendmail(mail_from, [to], raw)


@pytest.fixture
def answered(inquiry: dict[str, Any], as_seller: Client_) -> Conversation:  # noqa: F811
    """The buyer's question, answered by the shop: the buyer now answers by e-mail."""
    cid = inquiry["conversation_id"]
    response = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages", {"body": "It is pre-washed."}
    )
    assert response.status_code == 201, response.json()
    return Conversation.objects.get(id=cid)


@pytest.fixture
def visitor_thread(shop: Shop, as_seller: Client_) -> Conversation:  # noqa: F811
    """A visitor's contact-form message, answered by the shop."""
    response = Client().post(
        f"/api/v1/shops/{shop.external_id}/contact",
        json.dumps(
            {"name": "Léa Dubois", "email": VISITOR, "subject": "Horaires", "body": "Horaires ?"}
        ),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 201, response.json()
    cid = response.json()["conversation_id"]
    answer = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages", {"body": "De 9 h à 18 h."}
    )
    assert answer.status_code == 201, answer.json()
    return Conversation.objects.get(id=cid)
