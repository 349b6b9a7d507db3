"""Starting threads and sending messages: one transaction each, counters and e-mails included."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.consent.selectors import has_consent
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.messaging.access import Viewer, conversation_not_found
from comptoir.messaging.hooks import (
    CLEAN,
    FirstBuyerMessage,
    OutgoingMessage,
    Screening,
    automatic_answer,
    message_screened,
    messages_posted,
    screen_message,
)
from comptoir.messaging.live import announce
from comptoir.messaging.models import (
    Attachment,
    Conversation,
    Folder,
    Message,
    Party,
    SavedReply,
    SendRecord,
    Side,
    TicketEvent,
)
from comptoir.messaging.notify import notify_new_message
from comptoir.messaging.rules import SideState, notifies, on_message_received
from comptoir.messaging.state import Counters, count_new, move, side_state
from comptoir.orders.models import Order
from comptoir.orders.services import order_buyer_messaged
from comptoir.shops.models import Shop, ShopMember

MAX_BODY = 20_000
MAX_SUBJECT = 200
MAX_ATTACHMENTS = 3
PREVIEW = 160


@dataclass(frozen=True)
class Draft:
    """What a person typed: text, uploaded attachments, maybe a saved reply inserted."""

    body: str = ""
    attachment_ids: Sequence[int] = ()
    saved_reply_id: int | None = None


# --- Checks -----------------------------------------------------------------------------


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
    if not body and not draft.attachment_ids:
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


def _subject(subject: str, default: str) -> str:
    """What was typed, tidied; else `default` (empty: named when shown, see subjects.py)."""
    subject = " ".join(subject.split()) or default
    return subject[:MAX_SUBJECT]


# --- Writing ----------------------------------------------------------------------------


def _post(
    conversation: Conversation,
    *,
    sender: Party | None,
    recipient: Party | None,
    sender_side: str,
    author: User | None,
    body: str,
    attachments: Sequence[Attachment] = (),
    saved: SavedReply | None = None,
    automatic: bool = False,
    counters: Counters | None = None,
    screening: Screening = CLEAN,
    marketing: bool = False,
) -> Message:
    """Add a message to a thread whose parties the caller holds locked.

    A buyer's first message in a thread may get the shop's automatic reply (auto-reply or
    vacation message, see messaging.hooks), written in the same transaction: one more
    INSERT, the other rows are updated once for both messages.

    A message `screening` holds is written but not delivered: only its sender's side sees
    it until Trust & Safety releases it (`held_message_release`).
    """
    now = clock.now()
    counters = counters or Counters()  # a new thread's counts join its first message's
    if screening.hold:
        return _hold(
            conversation,
            sender=sender,
            sender_side=sender_side,
            author=author,
            body=body,
            attachments=attachments,
            saved=saved,
            counters=counters,
            screening=screening,
            marketing=marketing,
        )
    shop_party = sender if sender_side == Side.SHOP else recipient
    shop_had_written = shop_party is not None and shop_party.has_sent
    first = conversation.message_count == 0
    auto_text = None
    if (
        sender_side == Side.BUYER
        and (sender is None or not sender.has_sent)
        and conversation.auto_replied_at is None
    ):
        auto_text = automatic_answer(
            FirstBuyerMessage(
                conversation=conversation,
                at=now,
                in_spam=recipient is not None and recipient.folder == Folder.SPAM,
                automatic=automatic,
            )
        )
    message = Message.objects.create(
        conversation=conversation,
        sender_side=sender_side,
        author=author,
        body=body,
        is_automatic=automatic,
        saved_reply=saved,
        created_at=now,
        is_marketing=marketing,
        warnings=list(screening.warnings),
    )
    if not screening.clean:
        message_screened.send(
            sender=Message, message=message, conversation=conversation, screening=screening
        )
    auto = None
    last_at = now
    if auto_text:
        last_at = now + timedelta(microseconds=1)  # right after the buyer's message
        auto = Message.objects.create(
            conversation=conversation,
            sender_side=Side.SHOP,
            body=auto_text,
            is_automatic=True,
            created_at=last_at,
        )
    if attachments:
        Attachment.objects.filter(id__in=[a.id for a in attachments]).update(message=message)
    shown = auto_text or body
    preview = " ".join(shown.split())[:PREVIEW] or ", ".join(a.name for a in attachments)
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=last_at,
        message_count=F("message_count") + (2 if auto else 1),
        preview=preview[:PREVIEW],
        **({"auto_replied_at": now} if auto else {}),
    )
    conversation.last_message_at, conversation.preview = last_at, preview[:PREVIEW]
    conversation.message_count += 2 if auto else 1
    if auto:
        conversation.auto_replied_at = now
    if sender is not None:
        move(
            sender,
            SideState(folder=sender.folder, unread=1 if auto else 0),
            counters,
            has_sent=True,
            last_read_at=now,
            last_message_at=last_at,
            awaiting_reply_since=None,
        )
    if recipient is not None:
        after = on_message_received(side_state(recipient))
        move(
            recipient,
            after,
            counters,
            last_message_at=last_at,
            awaiting_reply_since=recipient.awaiting_reply_since or now,
        )
        if notifies(after):
            notify_new_message(conversation, message, first=first)
    elif sender_side == Side.SHOP and conversation.visitor_email:
        notify_new_message(conversation, message, first=first)
    if auto is not None and sender is None and conversation.visitor_email:
        notify_new_message(conversation, auto, first=False)  # a visitor reads it by e-mail
    counters.apply()
    messages_posted.send(
        sender=Conversation,
        conversation=conversation,
        messages=[message] if auto is None else [message, auto],
        shop_marked_spam=shop_party is not None and shop_party.marked_spam_at is not None,
        shop_had_written=shop_had_written,
    )
    announce([p for p in (sender, recipient) if p is not None], event="message")
    if sender_side == Side.BUYER and conversation.order_id is not None:
        order_buyer_messaged(order=Order(pk=conversation.order_id), at=now)
    return message


def _hold(
    conversation: Conversation,
    *,
    sender: Party | None,
    sender_side: str,
    author: User | None,
    body: str,
    attachments: Sequence[Attachment],
    saved: SavedReply | None,
    counters: Counters,
    screening: Screening,
    marketing: bool,
) -> Message:
    """Write a held message: the sender sees it (marked held); the thread does not move."""
    message = Message.objects.create(
        conversation=conversation,
        sender_side=sender_side,
        author=author,
        body=body,
        saved_reply=saved,
        created_at=clock.now(),
        is_marketing=marketing,
        warnings=list(screening.warnings),
        held=True,
    )
    if attachments:
        Attachment.objects.filter(id__in=[a.id for a in attachments]).update(message=message)
    if sender is not None:
        move(sender, side_state(sender), counters, has_sent=True)
    counters.apply()
    message_screened.send(
        sender=Message, message=message, conversation=conversation, screening=screening
    )
    if sender is not None:
        announce([sender], event="message")
    return message


def _screen(
    conversation: Conversation, sender_side: str, body: str, *, marketing: bool = False
) -> Screening:
    """Ask the screeners (moderation) about a person's message before it is written."""
    return screen_message(
        OutgoingMessage(
            conversation=conversation, sender_side=sender_side, body=body, marketing=marketing
        )
    )


@transaction.atomic
def held_message_release(*, message_id: int) -> Message:
    """Deliver a held message now, as if just sent (Trust & Safety found it fine)."""
    message = Message.objects.select_for_update().filter(id=message_id, held=True).first()
    if message is None:
        raise NotFound("message_not_held", _("No such held message."))
    both = {
        p.side: p
        for p in Party.objects.select_for_update(of=("self",))
        .select_related("conversation__shop", "conversation__buyer")
        .filter(conversation_id=message.conversation_id)
        .order_by("id")
    }
    conversation = Conversation.objects.select_related("shop", "buyer").get(
        pk=message.conversation_id
    )
    sender = both.get(message.sender_side)
    recipient = both.get(Side.BUYER if message.sender_side == Side.SHOP else Side.SHOP)
    now = clock.now()
    first = conversation.message_count == 0
    message.held, message.created_at = False, now
    Message.objects.filter(pk=message.pk).update(held=False, created_at=now)
    preview = " ".join(message.body.split())[:PREVIEW]
    Conversation.objects.filter(pk=conversation.pk).update(
        last_message_at=now, message_count=F("message_count") + 1, preview=preview
    )
    conversation.last_message_at, conversation.preview = now, preview
    conversation.message_count += 1
    counters = Counters()
    if sender is not None:
        move(sender, side_state(sender), counters, last_message_at=now)
    if recipient is not None:
        after = on_message_received(side_state(recipient))
        move(
            recipient,
            after,
            counters,
            last_message_at=now,
            awaiting_reply_since=recipient.awaiting_reply_since or now,
        )
        if notifies(after):
            notify_new_message(conversation, message, first=first)
    counters.apply()
    shop_party = sender if message.sender_side == Side.SHOP else recipient
    messages_posted.send(
        sender=Conversation,
        conversation=conversation,
        messages=[message],
        shop_marked_spam=shop_party is not None and shop_party.marked_spam_at is not None,
        shop_had_written=shop_party is not None and shop_party.has_sent,
    )
    announce([p for p in (sender, recipient) if p is not None], event="message")
    return message


def _open(
    *,
    shop: Shop,
    buyer_id: int | None,
    kind: str,
    subject: str,
    started_by: str,
    listing: Listing | None = None,
    order: Order | None = None,
    help_reason: str = "",
    visitor_name: str = "",
    visitor_email: str = "",
    hidden_from_buyer: bool = False,
) -> tuple[Conversation, Party | None, Party, Counters]:
    """Create a thread and its parties (empty; the first message follows and applies the
    counters, so each owner's counter row is written once).

    A thread whose first message is held starts out of the buyer's folders (deleted, like
    a thread they never saw); releasing the message brings it to their inbox.
    """
    now = clock.now()
    conversation = Conversation.objects.create(
        shop=shop,
        buyer_id=buyer_id,
        kind=kind,
        subject=subject,
        listing=listing,
        order=order,
        help_reason=help_reason,
        ticket_status=(
            Conversation.TicketStatus.OPEN if kind == Conversation.Kind.SUPPORT_TICKET else ""
        ),
        visitor_name=visitor_name,
        visitor_email=visitor_email,
        started_by=started_by,
        last_message_at=now,
    )
    shop_party = Party.objects.create(
        conversation=conversation,
        side=Side.SHOP,
        shop=shop,
        kind=kind,
        folder=Folder.INBOX,
        last_message_at=now,
    )
    counters = Counters()
    count_new(shop_party, counters)
    buyer_party = None
    if buyer_id is not None:
        buyer_party = Party.objects.create(
            conversation=conversation,
            side=Side.BUYER,
            buyer_id=buyer_id,
            kind=kind,
            folder=Folder.DELETED if hidden_from_buyer else Folder.INBOX,
            last_message_at=now,
        )
        count_new(buyer_party, counters)
    return conversation, buyer_party, shop_party, counters


def _owns(viewer: Viewer, party: Party) -> bool:
    if viewer.shop is not None:
        return party.shop_id == viewer.shop.id
    return party.buyer_id == viewer.user.id


def _not_own_shop(viewer: Viewer, shop: Shop) -> None:
    if ShopMember.objects.filter(shop=shop, user_id=viewer.user.id).exists():
        raise DomainError("own_shop", _("You cannot write to a shop you work in as a buyer."))


@transaction.atomic
def conversation_start(
    *,
    viewer: Viewer,
    kind: str,
    draft: Draft,
    subject: str = "",
    shop: Shop | None = None,
    listing: Listing | None = None,
    order: Order | None = None,
    help_reason: str = "",
) -> Message:
    """A buyer starts a thread: about a listing, to a shop, or about one of their orders.

    The caller has checked that the buyer may see the listing, the shop or the order.
    """
    if viewer.shop is not None:
        raise DomainError("wrong_side", _("Sellers start threads from an order."))
    Kind = Conversation.Kind
    if viewer.user.buying_revoked and kind in (Kind.LISTING_INQUIRY, Kind.SHOP_INQUIRY):
        raise Conflict(
            "buying_revoked",
            _("Your buying privileges were revoked: you can still get help with past orders."),
        )
    if kind == Kind.LISTING_INQUIRY:
        if listing is None:
            raise DomainError("listing_required", _("Say which listing you are asking about."))
        shop, default = listing.shop, listing.title
    elif kind == Kind.SHOP_INQUIRY:
        if shop is None:
            raise DomainError("shop_required", _("Say which shop you are writing to."))
        default = ""
    elif kind in (Kind.HELP_REQUEST, Kind.SUPPORT_TICKET):
        if order is None or order.buyer_id != viewer.user.id:
            raise DomainError("order_required", _("Say which of your orders this is about."))
        shop = order.shop
        if kind == Kind.HELP_REQUEST:
            if help_reason not in Conversation.HelpReason.values:
                raise DomainError(
                    "invalid_reason",
                    _("Pick the reason for your help request."),
                    fields={"reason": "invalid_choice"},
                )
            default = ""
        else:
            open_ticket = Conversation.objects.filter(
                order=order, kind=kind, ticket_status=Conversation.TicketStatus.OPEN
            ).first()
            if open_ticket is not None:
                raise Conflict(
                    "ticket_already_open",
                    _("A support ticket is already open for this order: reply there."),
                    fields={"conversation_id": str(open_ticket.id)},
                )
            default = ""
    else:
        raise DomainError("invalid_kind", _("Unknown kind of conversation."))
    assert shop is not None
    _not_own_shop(viewer, shop)
    saved = _saved_reply(viewer, draft.saved_reply_id)
    body = _text(draft, saved)
    attachments = _attachments(viewer, draft.attachment_ids)
    about = order if kind in (Kind.HELP_REQUEST, Kind.SUPPORT_TICKET) else None
    screening = _screen(
        Conversation(shop=shop, buyer_id=viewer.user.id, kind=kind, order=about), Side.BUYER, body
    )
    conversation, buyer_party, shop_party, counters = _open(
        shop=shop,
        buyer_id=viewer.user.id,
        kind=kind,
        subject=_subject(subject, default),
        started_by=Side.BUYER,
        listing=listing if kind == Kind.LISTING_INQUIRY else None,
        order=order if kind in (Kind.HELP_REQUEST, Kind.SUPPORT_TICKET) else None,
        help_reason=help_reason if kind == Kind.HELP_REQUEST else "",
    )
    if kind == Kind.SUPPORT_TICKET:
        _ticket_event(conversation, Conversation.TicketStatus.OPEN, viewer)
    return _post(
        conversation,
        sender=buyer_party,
        recipient=shop_party,
        sender_side=Side.BUYER,
        author=viewer.user,
        body=body,
        attachments=attachments,
        counters=counters,
        screening=screening,
    )


@transaction.atomic
def order_conversation_start(
    *, viewer: Viewer, order: Order, draft: Draft, subject: str = ""
) -> Message:
    """A seller writes to the buyer of one of the shop's orders."""
    if viewer.shop is None or order.shop_id != viewer.shop.id:
        raise NotFound("order_not_found", _("No such order in this shop."))
    saved = _saved_reply(viewer, draft.saved_reply_id)
    body = _text(draft, saved)
    attachments = _attachments(viewer, draft.attachment_ids)
    kind = Conversation.Kind.ORDER_MESSAGE
    screening = _screen(
        Conversation(shop=viewer.shop, buyer_id=order.buyer_id, kind=kind, order=order),
        Side.SHOP,
        body,
    )
    conversation, buyer_party, shop_party, counters = _open(
        shop=viewer.shop,
        buyer_id=order.buyer_id,
        kind=kind,
        subject=_subject(subject, ""),
        started_by=Side.SHOP,
        order=order,
        hidden_from_buyer=screening.hold,
    )
    return _post(
        conversation,
        sender=shop_party,
        recipient=buyer_party,
        sender_side=Side.SHOP,
        author=viewer.user,
        body=body,
        attachments=attachments,
        saved=saved,
        counters=counters,
        screening=screening,
    )


@transaction.atomic
def marketing_message_send(
    *, viewer: Viewer, buyer_id: int, draft: Draft, subject: str = "", reference: str = ""
) -> Message:
    """A shop's news or offer to one past buyer: only if they consent, at this moment.

    The one way marketing enters a buyer's folders (promotions sends through here). The
    consent row is locked, so a withdrawal committing now waits, then wins for the next.
    """
    shop = viewer.shop
    if shop is None:
        raise DomainError("wrong_side", _("Only a shop sends news and offers."))
    if not shop.may_send_promotions:
        raise Conflict(
            "promotions_suspended",
            _("Trust & Safety suspended this shop's promotions: no news or offers for now."),
        )
    if not Order.objects.filter(shop=shop, buyer_id=buyer_id).exists():
        raise NotFound("buyer_not_found", _("No such past buyer of this shop."))
    if not has_consent(buyer_id=buyer_id, shop_id=shop.id, lock=True):
        raise Conflict(
            "no_marketing_consent",
            _("This buyer has not agreed to receive news and offers from your shop."),
        )
    saved = _saved_reply(viewer, draft.saved_reply_id)
    body = _text(draft, saved)
    attachments = _attachments(viewer, draft.attachment_ids)
    kind = Conversation.Kind.MARKETING
    screening = _screen(
        Conversation(shop=shop, buyer_id=buyer_id, kind=kind), Side.SHOP, body, marketing=True
    )
    conversation, buyer_party, shop_party, counters = _open(
        shop=shop,
        buyer_id=buyer_id,
        kind=kind,
        subject=_subject(subject, shop.name),
        started_by=Side.SHOP,
        hidden_from_buyer=screening.hold,
    )
    return _post(
        conversation,
        sender=shop_party,
        recipient=buyer_party,
        sender_side=Side.SHOP,
        author=viewer.user,
        body=body,
        attachments=attachments,
        saved=saved,
        counters=counters,
        screening=screening,
        marketing=True,
    )


@transaction.atomic
def contact_form_submit(*, shop: Shop, name: str, email: str, subject: str, body: str) -> Message:
    """A visitor of the shop's own website writes (no account; answers go by e-mail).

    Refused, with a code per field: a missing name, address or message (`required`), too
    long (`too_long`), an address that is not one (`invalid_email`), and any line break or
    other control character in the name, address or subject (`control_characters`: they
    would smuggle headers such as Bcc into the e-mails that quote them).
    """
    fields: dict[str, str] = {}
    one_line = {"name": (name, 120), "email": (email, 254), "subject": (subject, MAX_SUBJECT)}
    for field, (value, longest) in one_line.items():
        if any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in value.strip()):
            fields[field] = "control_characters"
        elif len(value.strip()) > longest:
            fields[field] = "too_long"
    for field, value in (("name", name), ("email", email), ("body", body)):
        if not value.strip():
            fields[field] = "required"
    if "email" not in fields:
        try:
            validate_email(email.strip())
        except ValidationError:
            fields["email"] = "invalid_email"
    if len(body) > MAX_BODY:
        fields["body"] = "too_long"
    if fields:
        raise DomainError("invalid_contact_form", _("Some fields are not valid."), fields=fields)
    conversation, _buyer, shop_party, counters = _open(
        shop=shop,
        buyer_id=None,
        kind=Conversation.Kind.CONTACT_FORM,
        subject=_subject(subject, ""),
        started_by=Side.BUYER,
        visitor_name=name.strip()[:120],
        visitor_email=email.strip(),
    )
    return _post(
        conversation,
        sender=None,
        recipient=shop_party,
        sender_side=Side.BUYER,
        author=None,
        body=body.strip(),
        counters=counters,
        screening=_screen(conversation, Side.BUYER, body),
    )


def _ticket_event(conversation: Conversation, status: str, viewer: Viewer) -> None:
    TicketEvent.objects.create(
        conversation=conversation,
        status=status,
        side=viewer.side,
        author_id=viewer.user.id,
        at=clock.now(),
    )


@transaction.atomic
def message_reply(*, viewer: Viewer, conversation_id: int, draft: Draft) -> Message:
    """Answer in a thread the viewer's side can see. A buyer's reply reopens a closed ticket."""
    # Lock both sides in id order (a buyer and a seller answering at once never deadlock),
    # with the thread and its shop, then check that the viewer's side sees it.
    both = {
        p.side: p
        for p in Party.objects.select_for_update(of=("self",))
        .select_related("conversation__shop", "conversation__buyer")
        .filter(conversation_id=conversation_id)
        .order_by("id")
    }
    mine = both.get(viewer.side)
    if mine is None or mine.folder == Folder.DELETED or not _owns(viewer, mine):
        raise conversation_not_found()
    theirs = both.get(Side.BUYER if viewer.side == Side.SHOP else Side.SHOP)
    conversation = mine.conversation
    saved = _saved_reply(viewer, draft.saved_reply_id)
    body = _text(draft, saved)
    attachments = _attachments(viewer, draft.attachment_ids)
    if viewer.side == Side.BUYER and conversation.ticket_status == Conversation.TicketStatus.CLOSED:
        conversation.ticket_status = Conversation.TicketStatus.OPEN
        Conversation.objects.filter(pk=conversation.pk).update(
            ticket_status=Conversation.TicketStatus.OPEN
        )
        _ticket_event(conversation, Conversation.TicketStatus.OPEN, viewer)
    return _post(
        conversation,
        sender=mine,
        recipient=theirs,
        sender_side=viewer.side,
        author=viewer.user,
        body=body,
        attachments=attachments,
        saved=saved,
        screening=_screen(conversation, viewer.side, body),
    )


# --- Idempotency ------------------------------------------------------------------------


def fingerprint(*parts: Any) -> str:
    """A stable digest of what a request asked for (to spot a key reused for another call)."""
    raw = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()


def send_once(
    *, viewer: Viewer, key: str | None, digest: str, send: Callable[[], Message]
) -> tuple[Message, bool]:
    """Run `send` once per Idempotency-Key: a retry returns the first message, replayed=True."""
    if not key:
        return send(), False
    if len(key) > 100:
        raise DomainError(
            "invalid_idempotency_key", _("An Idempotency-Key has at most 100 characters.")
        )

    def replay() -> tuple[Message, bool] | None:
        record = SendRecord.objects.filter(user=viewer.user, key=key).first()
        if record is None:
            return None
        if record.fingerprint != digest:
            raise Conflict(
                "idempotency_key_reused",
                _("This Idempotency-Key was already used for a different request."),
            )
        return Message.objects.get(pk=record.message_id), True

    done = replay()
    if done is not None:
        return done
    try:
        with transaction.atomic():
            message = send()
            SendRecord.objects.create(
                user=viewer.user, key=key, fingerprint=digest, message=message
            )
    except IntegrityError:
        done = replay()  # a concurrent retry won the race: answer with its message
        if done is None:
            raise
        return done
    return message, False
