"""API: incoming mail posted by an inbound-mail service, as the raw RFC 822 message."""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from comptoir.core.api import Error
from comptoir.core.errors import DomainError, NotFound
from comptoir.inbound.receive import MAX_MAIL_BYTES, receive_mail

router = Router(tags=["inbound mail"])


class BadSecret(DomainError):
    status = 401


class MailTooLarge(DomainError):
    status = 413


class OutcomeOut(Schema):
    outcome: str  # posted | bounce_recorded | ignored_auto | refused:<code>
    status: str
    code: str
    message_id: int | None
    note_sent: bool


def _check_secret(request: HttpRequest) -> None:
    secret = settings.INBOUND_MAIL_SECRET
    if not secret:
        raise NotFound()  # the endpoint is off: as if it were not there
    given = request.headers.get("Authorization", "")
    scheme, _space, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        token.strip().encode(), secret.encode()
    ):
        raise BadSecret(
            "bad_inbound_secret",
            _("Send the inbound mail secret as 'Authorization: Bearer …'."),
        )


def _raw_mail(request: HttpRequest) -> bytes:
    length = int(request.headers.get("Content-Length") or 0)
    if length > MAX_MAIL_BYTES:
        raise _too_large()
    raw = request.read(MAX_MAIL_BYTES + 1)
    if len(raw) > MAX_MAIL_BYTES:
        raise _too_large()
    if not raw.strip():
        raise DomainError("not_a_mail", _("Send the raw e-mail (RFC 822) as the request body."))
    return raw


def _too_large() -> MailTooLarge:
    return MailTooLarge(
        "message_too_large",
        _("An e-mail may be at most %(mb)d MB.") % {"mb": MAX_MAIL_BYTES // (1024 * 1024)},
    )


@router.post(
    "/inbound/mail",
    auth=None,
    response={202: OutcomeOut, 401: Error, 404: Error, 413: Error, 422: Error},
    summary="An incoming e-mail, as an inbound-mail service posts it",
    description=(
        "The body is the raw e-mail (`Content-Type: message/rfc822`), sent with "
        "`Authorization: Bearer <INBOUND_MAIL_SECRET>`. Answers 202 with what became of it: "
        "`posted`, `bounce_recorded`, `ignored_auto` (an automatic reply, a list, a bounce) "
        "or `refused:<code>` (the sender got one note, at most one an hour). 404 when no "
        "secret is configured, 401 `bad_inbound_secret` for a wrong one, 413 "
        "`message_too_large` past 25 MB. See docs/reply-by-email.md."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            # message/rfc822 is what services send; any other type is read the same way.
            "content": {
                "message/rfc822": {"schema": {"type": "string", "format": "binary"}},
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
def inbound_mail(request: HttpRequest) -> Any:
    _check_secret(request)
    outcome = receive_mail(_raw_mail(request))
    return Status(
        202,
        {
            "outcome": str(outcome),
            "status": outcome.status,
            "code": outcome.code,
            "message_id": outcome.message_id,
            "note_sent": outcome.note_sent,
        },
    )
