"""What a person typed, checked once for every way of writing: `compose(viewer, draft)`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.models import Attachment, SavedReply
from comptoir.shops.access import Viewer

MAX_BODY = 20_000
MAX_SUBJECT = 200
MAX_ATTACHMENTS = 3


@dataclass(frozen=True)
class Draft:
    """What a person typed: text, uploaded attachments, maybe a saved reply inserted."""

    body: str = ""
    attachment_ids: Sequence[int] = ()
    saved_reply_id: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """A message ready to be written: who writes it (None: a website visitor) and what."""

    sender_side: str
    author: User | None
    body: str
    attachments: Sequence[Attachment] = ()
    saved: SavedReply | None = None
    marketing: bool = False  # the shop's news or offer, to a buyer who consents
    via_email: bool = False  # answered from a mail client (inbound mail)


def compose(viewer: Viewer, draft: Draft, *, marketing: bool = False) -> Outgoing:
    """The viewer's message from their draft: saved reply, text, attachments (locked)."""
    saved = _saved_reply(viewer, draft.saved_reply_id)
    return Outgoing(
        sender_side=viewer.side,
        author=viewer.user,
        body=_text(draft, saved),
        attachments=_attachments(viewer, draft.attachment_ids),
        saved=saved,
        marketing=marketing,
    )


def subject_of(subject: str, default: str) -> str:
    """What was typed, tidied; else `default` (empty: named when shown, see subjects.py)."""
    subject = " ".join(subject.split()) or default
    return subject[:MAX_SUBJECT]


def _saved_reply(viewer: Viewer, saved_reply_id: int | None) -> SavedReply | None:
    if saved_reply_id is None:
        return None
    if viewer.shop is None:
        raise NotFound("saved_reply_not_found", _("No such saved reply."))
    saved = SavedReply.objects.filter(shop=viewer.shop, id=saved_reply_id).first()
    if saved is None:
        raise NotFound("saved_reply_not_found", _("No such saved reply."))
    return saved


def _text(draft: Draft, saved: SavedReply | None) -> str:
    body = draft.body.strip()
    if not body and saved is not None:
        body = saved.body.strip()  # the saved reply inserted as it is
    return checked_text(body, with_files=bool(draft.attachment_ids))


def checked_text(body: str, *, with_files: bool) -> str:
    """A message's text, stripped: `empty_message` unless it has text or files,
    `message_too_long` past MAX_BODY."""
    body = body.strip()
    if not body and not with_files:
        raise DomainError(
            "empty_message", _("Write a message or attach a file."), fields={"body": "required"}
        )
    if len(body) > MAX_BODY:
        raise DomainError(
            "message_too_long",
            _("A message holds at most %(n)d characters.") % {"n": MAX_BODY},
            fields={"body": "too_long"},
        )
    return body


def _attachments(viewer: Viewer, ids: Sequence[int]) -> list[Attachment]:
    if not ids:
        return []
    if len(ids) > MAX_ATTACHMENTS:
        raise DomainError(
            "too_many_attachments",
            _("A message holds at most %(n)d files.") % {"n": MAX_ATTACHMENTS},
            fields={"attachment_ids": "too_many"},
        )
    if len(set(ids)) != len(ids):
        raise DomainError(
            "duplicate_attachment",
            _("The same file is attached twice."),
            fields={"attachment_ids": "duplicate"},
        )
    found = list(
        Attachment.objects.select_for_update()
        .filter(id__in=ids, uploader=viewer.user, message__isnull=True)
        .order_by("id")
    )
    if len(found) != len(ids):
        raise NotFound(
            "attachment_not_found", _("An attached file is not there (or already sent).")
        )
    by_id = {a.id: a for a in found}
    return [by_id[i] for i in ids]
