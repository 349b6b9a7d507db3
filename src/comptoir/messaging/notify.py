"""E-mails about new messages, written in the recipient's language, queued in the transaction.

Each e-mail carries the message itself (its whole text, plain and HTML, from the templates
in messaging/email/), what the thread is about, the files as links, and the link into the
thread; a website visitor, who has no account, gets the shop's answer with no link to the
app. Per recipient: a Reply-To that brings an e-mailed answer back to this thread as this
person (reply_addresses), In-Reply-To and References naming the thread so a mail client
shows one conversation, and for an account holder a one-click "stop these e-mails"
(List-Unsubscribe, RFC 8058). Marketing messages carry the consent unsubscribe instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.entry import entry_link
from comptoir.accounts.models import User
from comptoir.accounts.notification_links import notifications_off_url
from comptoir.accounts.oidc import is_configured, signs_in_through_marketplace
from comptoir.consent.links import unsubscribe_url
from comptoir.core.outbox import queue_email, site_link, thread_id
from comptoir.core.prepared import Prepared
from comptoir.messaging.models import Attachment, Conversation, Message, Side
from comptoir.messaging.presenters import API_PREFIX
from comptoir.messaging.reply_addresses import reply_address
from comptoir.messaging.subjects import display_subject

TEMPLATES = "messaging/email/new_message"


def thread_path(conversation: Conversation, side: str) -> str:
    """Where the recipient reads the thread in the web app."""
    if side == Side.SHOP:
        return f"/shop/{conversation.shop_id}/messages/{conversation.id}/"
    return f"/messages/{conversation.id}/"


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    side: str  # the side of the thread the recipient reads
    user: User | None  # None: the thread's website visitor


def thread_subject(conversation: Conversation) -> str:
    """The e-mail subject of a thread, the same for all its e-mails to one reader (mail
    clients that group by subject need it; later e-mails add "Re: ")."""
    kind = conversation.Kind(conversation.kind)
    subject = display_subject(conversation)
    if kind is Conversation.Kind.HELP_REQUEST:
        return _("New help request: %(subject)s") % {"subject": subject}
    if kind is Conversation.Kind.SUPPORT_TICKET:
        return _("New support ticket: %(subject)s") % {"subject": subject}
    if kind in (Conversation.Kind.LISTING_INQUIRY, Conversation.Kind.SHOP_INQUIRY):
        return _("New question: %(subject)s") % {"subject": subject}
    return _("New message: %(subject)s") % {"subject": subject}


def _visitor_subject(conversation: Conversation) -> str:
    """What a website visitor's thread is called for them: what they typed, or whom they
    wrote to (the shop's name for it, "Message from <them>", is the shop's view)."""
    return conversation.subject or _("Your message to %(shop)s") % {"shop": conversation.shop.name}


def _subject(conversation: Conversation, recipient: Recipient, first: bool) -> str:
    # "Re: " is the prefix every mail client reads, in every language (RFC 5322 §3.6.5).
    if recipient.user is None:  # the visitor wrote first: the shop's e-mails answer them
        return "Re: " + _visitor_subject(conversation)
    return thread_subject(conversation) if first else "Re: " + thread_subject(conversation)


def _sender_name(conversation: Conversation, message: Message) -> str:
    if message.sender_side == Side.SHOP:
        return conversation.shop.name
    if conversation.buyer is not None:
        return str(conversation.buyer)
    return conversation.visitor_name or conversation.visitor_email


# Every buyer's message asks it: compiled once (core.prepared).
_MEMBERS = Prepared(
    lambda shop_id: (
        User.objects.filter(shop_memberships__shop_id=shop_id, email_notifications=True)
        .exclude(email="")
        .distinct()
        .order_by("id")
    ),
    -7_000_041,
)


def _recipients(conversation: Conversation, message: Message) -> list[Recipient]:
    """The people on the receiving side who get e-mails (not those who turned them off)."""
    if message.sender_side == Side.BUYER:
        members = _MEMBERS.run(conversation.shop_id)
        return [Recipient(m.email, m.language, Side.SHOP, m) for m in members]
    buyer = conversation.buyer
    if buyer is not None:
        if buyer.email and buyer.email_notifications:
            return [Recipient(buyer.email, buyer.language, Side.BUYER, buyer)]
        return []
    if conversation.visitor_email:
        return [Recipient(conversation.visitor_email, "", Side.BUYER, None)]
    return []


def _file_link(attachment: Attachment, user: User) -> str:
    """A link that opens the file for `user`, signing them in first when needed (the file
    is served by the API, which answers 401 rather than showing a sign-in page)."""
    path = f"{API_PREFIX}/attachments/{attachment.id}"
    if is_configured() and signs_in_through_marketplace(user):
        return entry_link(path, recipient=user)
    return site_link(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': path})}")


def _headers(
    conversation: Conversation, recipient: Recipient, *, unsubscribe: str
) -> dict[str, str]:
    headers = {
        "In-Reply-To": thread_id(conversation.id),
        "References": thread_id(conversation.id),
        # RFC 3834: vacation responders do not answer it (their answer would reach the
        # thread through Reply-To); a person's reply does not carry it.
        "Auto-Submitted": "auto-generated",
    }
    reply_to = reply_address(
        conversation_id=conversation.id,
        side=recipient.side,
        user_id=recipient.user.id if recipient.user is not None else None,
    )
    if reply_to:
        headers["Reply-To"] = reply_to
    if unsubscribe:
        # RFC 8058: mail clients show an "Unsubscribe" button that POSTs to the link.
        headers["List-Unsubscribe"] = f"<{unsubscribe}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return headers


def notify_new_message(
    conversation: Conversation, message: Message, *, first: bool, files: bool = True
) -> int:
    """Queue an e-mail to every person on the receiving side. Returns how many were queued.

    `files`: False when the caller knows the message has no attachments (no query)."""
    recipients = _recipients(conversation, message)
    if not recipients:
        return 0
    sender = _sender_name(conversation, message)
    attachments = list(message.attachments.order_by("id")) if files else []
    marketing = ""
    if message.is_marketing and conversation.buyer_id is not None:
        marketing = unsubscribe_url(
            buyer_id=conversation.buyer_id, shop_id=conversation.shop_id, reference=str(message.id)
        )
    for recipient in recipients:
        user = recipient.user
        link = ""
        stop = ""
        if user is not None:
            link = entry_link(thread_path(conversation, recipient.side), recipient=user)
            stop = "" if marketing else notifications_off_url(user_id=user.id)
        unsubscribe = marketing or stop
        headers = _headers(conversation, recipient, unsubscribe=unsubscribe)
        with translation.override(recipient.language or settings.LANGUAGE_CODE):
            about = display_subject(conversation) if user else _visitor_subject(conversation)
            context: dict[str, Any] = {
                "shop": conversation.shop.name,
                "sender": sender,
                "text": message.body,
                "thread_subject": about,
                "order": conversation.order.external_id if conversation.order else "",
                "listing": conversation.listing.title if conversation.listing else "",
                "files": [
                    {
                        "name": a.name,
                        "size": a.size,
                        "url": _file_link(a, user) if user is not None else "",
                    }
                    for a in attachments
                ],
                "link": link,
                "visitor": user is None,
                "marketing_unsubscribe": marketing,
                "notifications_off": stop,
                "reply_by_email": "Reply-To" in headers,
            }
            queue_email(
                recipient=recipient.email,
                subject=_subject(conversation, recipient, first),
                body=render_to_string(f"{TEMPLATES}.txt", context).strip() + "\n",
                html=render_to_string(f"{TEMPLATES}.html", context),
                link=link,
                reason="marketing" if marketing else "new_message",
                headers=headers,
            )
    return len(recipients)
