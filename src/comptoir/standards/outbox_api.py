"""Trust & Safety read the e-mail outbox through the API and send a given-up e-mail again.

Staff only: anyone else gets the API's 404. The bodies are not shown (they carry the
messages' text; threads are read, audited, in the console).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from comptoir.accounts.access import staff_user
from comptoir.core.api import ERRORS, PageOf, Paging
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import email_retry, message_id, outbox_page, status_of

router = Router(tags=["Outbox"])


class OutboxQuery(Paging):
    status: Literal["dead", "pending", "sent"] = Field(
        "dead", description="dead (given up), pending (waiting or retrying) or sent"
    )


class OutboxEmailOut(Schema):
    id: int
    recipient: str
    subject: str
    reason: str = Field(description="Why it was written, e.g. new_message, marketing.")
    status: str = Field(description="pending, sent or dead (given up)")
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    dead_at: datetime | None
    last_error: str
    message_id: str = Field(description="The same on every attempt of this e-mail.")


def email_data(email: OutboxEmail) -> dict[str, Any]:
    return {
        "id": email.id,
        "recipient": email.recipient,
        "subject": email.subject,
        "reason": email.reason,
        "status": status_of(email),
        "attempts": email.attempts,
        "created_at": email.created_at,
        "next_attempt_at": email.next_attempt_at,
        "sent_at": email.sent_at,
        "dead_at": email.dead_at,
        "last_error": email.last_error,
        "message_id": message_id(email),
    }


@router.get(
    "/outbox",
    response={200: PageOf[OutboxEmailOut], **ERRORS},
    summary="Trust & Safety: outgoing e-mails by status (given up ones first)",
)
def outbox_list(request: HttpRequest, query: Query[OutboxQuery]) -> dict[str, Any]:
    staff_user(request)
    page = outbox_page(status=query.status, cursor=query.cursor, limit=query.limit)
    return {"items": [email_data(e) for e in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/outbox/{email_id}/retry",
    response={200: OutboxEmailOut, **ERRORS},
    summary="Trust & Safety: send a given-up e-mail again (audited)",
)
def outbox_retry(request: HttpRequest, email_id: int) -> dict[str, Any]:
    staff = staff_user(request)
    return email_data(email_retry(email_id=email_id, actor=staff))
