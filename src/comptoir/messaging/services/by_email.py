"""Answering from a mail client: a reply to a notification, posted as the person it was for.

Inbound mail (comptoir.inbound) reads who may write where from the reply address and calls
`email_reply`; the message then takes the one path every message takes (compose, screen,
post, deliver), so moderation, the shop's automatic reply, responsiveness, live updates and
e-mails behave as for a reply written on the web. The rules are `message_reply`'s, with
one more: a thread the person put in their trash (or deleted) is closed to them by e-mail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.access import conversation_not_found
from comptoir.messaging.models import Attachment, Conversation, Folder, Message, Party, Side
from comptoir.messaging.services.delivery import Thread, lock_thread
from comptoir.messaging.services.drafts import Draft, Outgoing, checked_text, compose
from comptoir.messaging.services.posting import post, screen
from comptoir.messaging.services.tickets import status_set
from comptoir.shops.access import Viewer, as_buyer, member_viewer

Status = Conversation.TicketStatus


def thread_closed() -> DomainError:
    return DomainError(
        "thread_closed",
        _("This conversation is closed to replies by e-mail: open it in Comptoir to write."),
    )


def attachments_not_accepted() -> DomainError:
    return DomainError(
        "attachments_not_accepted",
        _("Files cannot be sent in this conversation: write your message without them."),
    )


@transaction.atomic
def email_reply(
    *,
    conversation_id: int,
    side: str,
    user_id: int | None,
    body: str,
    attachments: Sequence[Attachment] = (),
) -> Message:
    """Post `body` (and `attachments`, uploaded by that person and not yet sent) in the thread,
    as the shop member or buyer `user_id`, or as the thread's website visitor (None).

    Refused with `conversation_not_found` (no such thread, not theirs, no longer a member
    of the shop, account closed), `thread_closed` (in their trash or deleted), or
    `compose`'s codes (`empty_message`, `message_too_long`, `too_many_attachments`…).
    """
    thread = lock_thread(conversation_id)
    if thread is None:
        raise conversation_not_found()
    if user_id is None:
        outgoing = _as_visitor(thread, side, body, attachments)
    else:
        viewer = _viewer(thread, side, user_id)
        mine = thread.side(side)
        if mine is None or not _owns(viewer, mine):
            raise conversation_not_found()
        if mine.folder in (Folder.TRASH, Folder.DELETED):
            raise thread_closed()
        outgoing = compose(viewer, Draft(body=body, attachment_ids=[a.id for a in attachments]))
        conversation = thread.conversation
        if side == Side.BUYER and conversation.ticket_status == Status.CLOSED:
            status_set(conversation, Status.OPEN, side=side, author_id=user_id)
    outgoing = replace(outgoing, via_email=True)
    return post(thread, outgoing, screening=screen(thread.conversation, outgoing))


def _viewer(thread: Thread, side: str, user_id: int) -> Viewer:
    user = User.objects.filter(id=user_id).first()
    if user is None or not user.is_active:
        raise conversation_not_found()
    if side == Side.SHOP:
        try:
            return member_viewer(user, shop_id=thread.conversation.shop_id)
        except NotFound:
            raise conversation_not_found() from None
    return as_buyer(user)


def _owns(viewer: Viewer, party: Party) -> bool:
    if viewer.shop is not None:
        return party.shop_id == viewer.shop.id
    return party.buyer_id == viewer.user.id


def _as_visitor(
    thread: Thread, side: str, body: str, attachments: Sequence[Attachment]
) -> Outgoing:
    """A website visitor answers as the buyer side, without an account (no author)."""
    conversation = thread.conversation
    if (
        side != Side.BUYER
        or thread.buyer is not None
        or conversation.kind != Conversation.Kind.CONTACT_FORM
        or not conversation.visitor_email
    ):
        raise conversation_not_found()
    if attachments:
        raise attachments_not_accepted()
    text = checked_text(body, with_files=False)
    return Outgoing(sender_side=Side.BUYER, author=None, body=text, via_email=True)
