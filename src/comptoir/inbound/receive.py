"""`receive_mail`: one incoming mail, from the SMTP listener or the HTTP endpoint, to its end.

In order: a delivery status notification records the addresses that failed; a program's
mail (RFC 3834) is dropped; the reply address names the thread and the person; the limits
per address and per thread are counted; the files are checked as web uploads are; the
text is posted as that person (messaging.services.by_email). A refusal is answered by one
note to the sender (notes.py), never by a bounce.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core import ratelimit
from comptoir.core.errors import DomainError
from comptoir.core.ratelimit import Limit
from comptoir.inbound import bounces, guards, notes
from comptoir.inbound.parsing import Mail, MailFile, read_mail
from comptoir.messaging.models import Attachment
from comptoir.messaging.reply_addresses import BadReplyAddress, ReplyTarget, read_reply_address
from comptoir.messaging.services.by_email import email_reply
from comptoir.messaging.services.drafts import MAX_ATTACHMENTS
from comptoir.messaging.uploads import attachment_upload

log = logging.getLogger(__name__)

HOUR = 3600
MAX_MAIL_BYTES = 25 * 1024 * 1024  # a whole mail, files included (SMTP SIZE, HTTP body)
PER_ADDRESS = Limit("inbound.address", 30, HOUR)
PER_THREAD = Limit("inbound.thread", 60, HOUR)

POSTED = "posted"
BOUNCE_RECORDED = "bounce_recorded"
IGNORED_AUTO = "ignored_auto"
REFUSED = "refused"


@dataclass(frozen=True)
class Outcome:
    """What became of a mail: posted, bounce_recorded, ignored_auto, or refused:<code>."""

    status: str
    code: str = ""
    message_id: int | None = None  # the posted message
    note_sent: bool = False  # a refusal note was queued to the sender
    bounced: tuple[str, ...] = ()  # the addresses a bounce recorded

    def __str__(self) -> str:
        return f"{self.status}:{self.code}" if self.code else self.status


def receive_mail(
    raw: bytes, *, envelope_from: str = "", envelope_to: Sequence[str] = ()
) -> Outcome:
    """Take one mail. `envelope_from` is the SMTP sender ("<>" for the null sender, ""
    when unknown, as over HTTP); `envelope_to` the SMTP recipients."""
    if len(raw) > MAX_MAIL_BYTES:
        return Outcome(REFUSED, "message_too_large")
    mail = read_mail(raw, envelope_from=envelope_from, envelope_to=envelope_to)
    report = mail.message.get_content_type(), str(mail.message.get_param("report-type") or "")
    if guards.is_delivery_report(*report):
        return _bounce(mail)
    null_sender = guards.is_null_sender(envelope_from) or (
        mail.headers.get("return-path", "").strip() == "<>"
    )
    if null_sender or guards.is_daemon(mail.sender):
        return Outcome(IGNORED_AUTO, "bounce")  # a bounce we cannot read: never answered
    reason = guards.automatic_reason(mail.headers)
    if reason is not None:
        return Outcome(IGNORED_AUTO, reason)
    if not ratelimit.hit(PER_ADDRESS, mail.sender or "unknown"):
        return _refuse(mail, "rate_limited")
    target = _target(mail)
    if isinstance(target, str):
        return _refuse(mail, target)
    if not ratelimit.hit(PER_THREAD, str(target.conversation_id)):
        return _refuse(mail, "rate_limited", target)
    return _post(mail, target)


def _target(mail: Mail) -> ReplyTarget | str:
    """The first reply address among the recipients, or why there is none."""
    problem = "no_reply_address"
    for address in mail.recipients:
        try:
            return read_reply_address(address)
        except BadReplyAddress as bad:
            if bad.reason != "unknown" or problem == "no_reply_address":
                problem = bad.reason if bad.reason != "unknown" else problem
    return problem


def _post(mail: Mail, target: ReplyTarget) -> Outcome:
    user = None
    if target.user_id is not None:
        user = User.objects.filter(id=target.user_id, is_active=True).first()
    if mail.files and user is None:
        # A visitor has no account to hold files; a closed account writes nothing.
        code = "attachments_not_accepted" if target.user_id is None else "conversation_not_found"
        return _refuse(mail, code, target)
    files: list[Attachment] = []
    try:
        if mail.files and user is not None:
            files = _upload(user, mail.files)
        message = email_reply(
            conversation_id=target.conversation_id,
            side=target.side,
            user_id=target.user_id,
            body=mail.text,
            attachments=files,
        )
    except DomainError as refused:
        _discard(files)
        return _refuse(mail, refused.code, target, user)
    bounces.bounce_clear(mail.sender)
    log.info("Mail from %s posted as message %s", mail.sender, message.pk)
    return Outcome(POSTED, message_id=message.pk)


def _upload(user: User, files: Sequence[MailFile]) -> list[Attachment]:
    """Each file through the web's upload checks (type sniffed from the bytes, size, count);
    all or none."""
    if len(files) > MAX_ATTACHMENTS:
        raise DomainError(
            "too_many_attachments",
            _("A message holds at most %(n)d files.") % {"n": MAX_ATTACHMENTS},
        )
    kept: list[Attachment] = []
    try:
        for file in files:
            upload = SimpleUploadedFile(file.name or "file", file.data, file.content_type)
            kept.append(attachment_upload(user=user, upload=upload))
    except DomainError:
        _discard(kept)
        raise
    return kept


def _discard(files: Sequence[Attachment]) -> None:
    for attachment in files:
        if attachment.pk:
            attachment.file.delete(save=False)
            attachment.delete()


def _refuse(
    mail: Mail, code: str, target: ReplyTarget | None = None, user: User | None = None
) -> Outcome:
    language = user.language if user is not None else ""
    if target is not None and target.user_id is not None and user is None:
        found = User.objects.filter(id=target.user_id).only("language").first()
        language = found.language if found is not None else ""
    subject = " ".join(str(mail.message.get("subject", "")).split())[:200]
    sent = notes.refusal_note(address=mail.sender, code=code, subject=subject, language=language)
    log.info("Mail from %s refused: %s (note sent: %s)", mail.sender, code, sent)
    return Outcome(REFUSED, code, note_sent=sent)


def _bounce(mail: Mail) -> Outcome:
    """Record the addresses a delivery status notification says failed; never answered."""
    blocks: list[dict[str, str]] = []
    returned_id = ""
    for part in mail.message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in part.get_payload():
                if isinstance(block, Message):
                    blocks.append({k.lower(): str(v) for k, v in block.items()})
        elif kind in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            returned_id = returned_id or _returned_message_id(part)
    failures = bounces.were_written_to(guards.failed_recipients(blocks), returned_id)
    if not failures:
        return Outcome(IGNORED_AUTO, "bounce")
    with transaction.atomic():
        for failure in failures:
            bounces.bounce_record(failure)
    log.info("Bounce recorded for %s", ", ".join(f.email for f in failures))
    return Outcome(BOUNCE_RECORDED, bounced=tuple(f.email for f in failures))


def _returned_message_id(part: Message) -> str:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        original = inner[0] if isinstance(inner, list) and inner else None
        return str(original.get("message-id", "")) if isinstance(original, Message) else ""
    payload = part.get_payload(decode=True)
    text = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload)
    return str(HeaderParser().parsestr(text).get("message-id", ""))
