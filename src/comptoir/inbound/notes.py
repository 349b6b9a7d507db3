"""The note a person gets when their e-mail could not be posted, instead of a bounce.

At most one an hour to an address (counted in the database, across processes), never to
a program (an automatic reply, a list, a bounce: the caller checks the headers) and never
to our own addresses, so two mail systems cannot keep each other busy. Written in English
and, when we know it, in the person's language too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.core import ratelimit
from comptoir.core.outbox import queue_email
from comptoir.core.ratelimit import Limit
from comptoir.inbound.guards import is_daemon

HOUR = 3600
NOTE_PER_ADDRESS = Limit("inbound.note", 1, HOUR)

_ATTACHMENT = lambda: _(  # noqa: E731
    "A file could not be taken: only JPG, GIF, PNG and PDF files of at most 100 MB, "
    "3 to a message, can be sent."
)
_REASONS: dict[str, Callable[[], str]] = {
    "unknown": lambda: _("This address does not take messages."),
    "forged": lambda: _("This address does not take messages."),
    "expired": lambda: _(
        "This reply address has expired. Open the conversation in Comptoir to answer, or "
        "answer a newer e-mail about it."
    ),
    "no_reply_address": lambda: _("This address does not take messages."),
    "conversation_not_found": lambda: _(
        "This conversation is no longer open to you. Open Comptoir to see your conversations."
    ),
    "thread_closed": lambda: _(
        "This conversation is closed to replies by e-mail (it is in your trash). Open it in "
        "Comptoir to write."
    ),
    "rate_limited": lambda: _(
        "Too many e-mails came from this address or into this conversation. Try again in an hour."
    ),
    "empty_message": lambda: _("We found no text in your e-mail above the quoted message."),
    "message_too_long": lambda: _("A message holds at most 20,000 characters."),
    "attachments_not_accepted": lambda: _(
        "Files cannot be sent in this conversation: write your message without them."
    ),
    "unsupported_file_type": _ATTACHMENT,
    "damaged_image": lambda: _("An attached image is damaged and cannot be read."),
    "image_too_large": lambda: _("Images may be at most 10,000 × 10,000 pixels."),
    "file_too_large": _ATTACHMENT,
    "too_many_attachments": _ATTACHMENT,
    "duplicate_attachment": _ATTACHMENT,
    "too_many_uploads": lambda: _(
        "You have too many files waiting to be sent: send or remove them in Comptoir first."
    ),
}


def reason_text(code: str) -> str:
    """Why the e-mail was not posted, in the active language."""
    found = _REASONS.get(code)
    return found() if found is not None else _("Your e-mail could not be posted.")


def _note(code: str, subject: str) -> tuple[str, str]:
    title = _("Your e-mail was not posted")
    body = _(
        "Your e-mail “%(subject)s” was not posted in the conversation.\n\n%(reason)s\n\n"
        "This is an automatic note: answering it does nothing."
    ) % {"subject": subject or _("(no subject)"), "reason": reason_text(code)}
    return title, body


def may_note(address: str) -> bool:
    """Whether a note may go to this address at all: not the mail system, not ourselves."""
    if not address or "@" not in address or is_daemon(address):
        return False
    domain = address.rpartition("@")[2].lower()
    ours = {
        (settings.MAIL_REPLY_DOMAIN or "").lower(),
        settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >").lower(),
    }
    return domain not in ours


def refusal_note(*, address: str, code: str, subject: str, language: str = "") -> bool:
    """Queue the note to `address` unless one went there in the past hour. True if queued."""
    if not may_note(address) or not ratelimit.hit(NOTE_PER_ADDRESS, address):
        return False
    with translation.override("en"):
        title, body = _note(code, subject)
    if language and language != "en" and translation.check_for_language(language):
        with translation.override(language):
            local_title, local_body = _note(code, subject)
        if local_body != body:
            title = f"{local_title} / {title}" if local_title != title else title
            body = f"{local_body}\n\n-----\n\n{body}"
    with transaction.atomic():
        queue_email(
            recipient=address,
            subject=title,
            body=body,
            link="",
            reason="inbound_refused",
            # RFC 3834: an automatic answer, so that the other side's robots do not answer it.
            headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
        )
    return True
