"""The outbox sends nothing to an address mail servers said they cannot deliver to, and an
e-mail with an HTML part reaches the server as plain text and HTML alternatives."""

from __future__ import annotations

import email
from typing import Any

from django.db import transaction

from comptoir.core import clock
from comptoir.core.models import BouncedAddress, OutboxEmail
from comptoir.core.outbox import deliver_email, message_of, queue_email, status_of
from tests.mail.smtp import smtp_sink


def queue(recipient: str, html: str = "") -> OutboxEmail:
    with transaction.atomic():
        return queue_email(
            recipient=recipient,
            subject="New message",
            body="A new message.",
            html=html,
            link="http://testserver/messages/1/",
            reason="new_message",
        )


def test_a_bounced_address_is_given_up_without_a_try_and_the_rest_go_out(
    db: None, smtp_port: int
) -> None:
    now = clock.now()
    BouncedAddress.objects.create(
        email="gone@example.org", first_bounced_at=now, last_bounced_at=now, last_reason="5.1.1"
    )
    bounced = queue("Gone@Example.org")  # addresses compare in lower case
    fine = queue("ana@example.org")
    with smtp_sink(smtp_port) as sink:
        deliver_email.call(bounced.id)
    assert [r.to for r in sink.received] == [["ana@example.org"]]
    assert sink.rcpts == 1  # the server never heard of the bounced address
    bounced.refresh_from_db()
    fine.refresh_from_db()
    assert (status_of(bounced), bounced.last_error, bounced.sent_at) == (
        "dead",
        "address bounced",
        None,
    )
    assert status_of(fine) == "sent"


def test_the_html_part_goes_out_beside_the_plain_text_with_the_link_once(
    db: None, smtp_port: int, settings: Any
) -> None:
    queued = queue("ana@example.org", html="<p>A <b>new</b> message.</p>")
    assert "http://testserver/messages/1/" in message_of(queued).body
    with smtp_sink(smtp_port) as sink:
        sink_messages: list[email.message.Message] = []
        original = sink.handle_DATA

        async def keep(server: Any, session: Any, envelope: Any) -> str:
            sink_messages.append(email.message_from_bytes(envelope.content))
            return await original(server, session, envelope)

        sink.handle_DATA = keep  # type: ignore[method-assign]
        deliver_email.call(queued.id)
    [received] = sink_messages
    assert received.get_content_type() == "multipart/alternative"
    plain, html = received.get_payload()  # type: ignore[misc]
    assert plain.get_content_type() == "text/plain"
    assert plain.get_payload(decode=True).decode().count("http://testserver/messages/1/") == 1
    assert html.get_content_type() == "text/html"
    assert html.get_payload(decode=True).decode() == "<p>A <b>new</b> message.</p>"


def test_a_link_the_body_already_holds_is_not_added_again(db: None) -> None:
    queued = queue("ana@example.org")
    queued.body = "Read it here: http://testserver/messages/1/\n"
    assert message_of(queued).body.count("http://testserver/messages/1/") == 1
