"""E-mails about new messages, written in the recipient's language, queued in the transaction."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.entry import entry_link
from comptoir.accounts.models import User
from comptoir.consent.links import unsubscribe_url
from comptoir.core.outbox import queue_email
from comptoir.messaging.models import Conversation, Message, Side
from comptoir.messaging.subjects import display_subject


def thread_path(conversation: Conversation, side: str) -> str:
    """Where the recipient reads the thread in the web app."""
    if side == Side.SHOP:
        return f"/shop/{conversation.shop_id}/messages/{conversation.id}/"
    return f"/messages/{conversation.id}/"


def _subject(conversation: Conversation, first: bool) -> str:
    kind = conversation.Kind(conversation.kind)
    if first and kind is Conversation.Kind.HELP_REQUEST:
        return _("New help request: %(subject)s") % {"subject": display_subject(conversation)}
    if first and kind is Conversation.Kind.SUPPORT_TICKET:
        return _("New support ticket: %(subject)s") % {"subject": display_subject(conversation)}
    if first and kind in (Conversation.Kind.LISTING_INQUIRY, Conversation.Kind.SHOP_INQUIRY):
        return _("New question: %(subject)s") % {"subject": display_subject(conversation)}
    return _("New message: %(subject)s") % {"subject": display_subject(conversation)}


def _body(conversation: Conversation, message: Message, sender: str) -> str:
    excerpt = message.body if len(message.body) <= 500 else message.body[:500] + "…"
    return _("%(sender)s wrote:\n\n%(excerpt)s\n\nRead and answer in Comptoir:") % {
        "sender": sender,
        "excerpt": excerpt,
    }


def _sender_name(conversation: Conversation, message: Message) -> str:
    if message.sender_side == Side.SHOP:
        return conversation.shop.name
    if conversation.buyer is not None:
        return str(conversation.buyer)
    return conversation.visitor_name or conversation.visitor_email


def notify_new_message(conversation: Conversation, message: Message, *, first: bool) -> int:
    """Queue an e-mail to every person on the receiving side. Returns how many were queued."""
    sender = _sender_name(conversation, message)
    recipients: list[tuple[str, str, str]] = []  # (e-mail, language, link)
    if message.sender_side == Side.BUYER:
        members = User.objects.filter(shop_memberships__shop_id=conversation.shop_id).exclude(
            email=""
        )
        path = thread_path(conversation, Side.SHOP)
        recipients = [(m.email, m.language, entry_link(path, recipient=m)) for m in members]
    elif conversation.buyer is not None:
        if conversation.buyer.email:
            buyer = conversation.buyer
            link = entry_link(thread_path(conversation, Side.BUYER), recipient=buyer)
            recipients = [(buyer.email, buyer.language, link)]
    elif conversation.visitor_email:
        recipients = [(conversation.visitor_email, "", "")]
    headers: dict[str, str] = {}
    unsubscribe = ""
    if message.is_marketing and conversation.buyer_id is not None:
        unsubscribe = unsubscribe_url(
            buyer_id=conversation.buyer_id, shop_id=conversation.shop_id, reference=str(message.id)
        )
        # RFC 8058: mail clients show an "Unsubscribe" button that POSTs to the link.
        headers = {
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    for email, language, link in recipients:
        with translation.override(language or settings.LANGUAGE_CODE):
            body = _body(conversation, message, sender)
            if unsubscribe:
                body = (
                    _(
                        "You get news and offers from %(shop)s because you agreed to. "
                        "Unsubscribe in one click: %(link)s"
                    )
                    % {"shop": conversation.shop.name, "link": unsubscribe}
                    + "\n\n"
                    + body
                )
            if not link:  # a website visitor has no account: the answer is the e-mail
                body = _("%(shop)s answered your message:\n\n%(text)s") % {
                    "shop": conversation.shop.name,
                    "text": message.body,
                }
            queue_email(
                recipient=email,
                subject=_subject(conversation, first),
                body=body,
                link=link,
                reason="marketing" if unsubscribe else "new_message",
                headers=headers,
            )
    return len(recipients)
