"""Conversations between a buyer and a shop, each side's copy of them, and what they hold."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptoir.catalog.models import Listing
from comptoir.core.models import TimeStampedModel
from comptoir.orders.models import Order
from comptoir.shops.models import Shop


class Side(models.TextChoices):
    BUYER = "buyer", _("Buyer")
    SHOP = "shop", _("Shop")


class Folder(models.TextChoices):
    INBOX = "inbox", _("Inbox")
    ARCHIVE = "archive", _("Archive")
    SPAM = "spam", _("Spam")
    TRASH = "trash", _("Trash")
    # Deleted forever by this side: hidden everywhere; a later message starts it afresh.
    DELETED = "deleted", _("Deleted")


class Conversation(TimeStampedModel):
    """A thread between one buyer (or a website visitor) and one shop."""

    class Kind(models.TextChoices):
        LISTING_INQUIRY = "listing_inquiry", _("Question about an item")
        SHOP_INQUIRY = "shop_inquiry", _("Question to the shop")
        HELP_REQUEST = "help_request", _("Help request")
        SUPPORT_TICKET = "support_ticket", _("Support ticket")
        ORDER_MESSAGE = "order_message", _("Message about an order")
        CONTACT_FORM = "contact_form", _("Website contact form")
        # A shop's news or offer sent to a past buyer who consents (promotions).
        MARKETING = "marketing", _("News and offers from the shop")

    class HelpReason(models.TextChoices):
        NOT_RECEIVED = "not_received", _("I have not received my order")
        DAMAGED = "damaged", _("My item arrived damaged")
        NOT_AS_DESCRIBED = "not_as_described", _("My item is not as described")
        WRONG_ITEM = "wrong_item", _("I received the wrong item")
        CHANGE_OR_CANCEL = "change_or_cancel", _("I want to change or cancel my order")
        PERSONALISATION = "personalisation", _("About the personalisation")
        OTHER = "other", _("Something else")

    class TicketStatus(models.TextChoices):
        OPEN = "open", pgettext_lazy("ticket status", "Open")
        CLOSED = "closed", pgettext_lazy("ticket status", "Closed")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="conversations")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="conversations",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Empty when nobody typed one: the thread is then named when shown (subjects.py).
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    listing = models.ForeignKey(
        Listing, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    help_reason = models.CharField(
        _("reason"), max_length=20, choices=HelpReason.choices, blank=True
    )
    ticket_status = models.CharField(
        _("ticket status"), max_length=10, choices=TicketStatus.choices, blank=True
    )
    visitor_name = models.CharField(_("visitor's name"), max_length=120, blank=True)
    visitor_email = models.EmailField(_("visitor's e-mail"), blank=True)
    started_by = models.CharField(_("started by"), max_length=5, choices=Side.choices)
    # Denormalised so that lists never touch the messages table.
    last_message_at = models.DateTimeField(_("last message"))
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    preview = models.CharField(_("preview"), max_length=160, blank=True)
    # When the shop's automatic reply (auto-reply or vacation message) was sent: one per thread.
    auto_replied_at = models.DateTimeField(_("auto-replied"), null=True, blank=True)

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        indexes = [
            models.Index(fields=["order"], name="conv_order"),
            models.Index(
                fields=["buyer", "auto_replied_at"],
                name="conv_buyer_auto_replied",
                condition=Q(auto_replied_at__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="contact_form", buyer__isnull=True)
                | (~Q(kind="contact_form") & Q(buyer__isnull=False)),
                name="conv_buyer_unless_visitor",
            ),
            models.CheckConstraint(
                condition=Q(kind="help_request", help_reason__gt="")
                | (~Q(kind="help_request") & Q(help_reason="")),
                name="conv_reason_on_help_requests",
            ),
            models.CheckConstraint(
                condition=Q(kind="support_ticket", ticket_status__in=["open", "closed"])
                | (~Q(kind="support_ticket") & Q(ticket_status="")),
                name="conv_status_on_tickets",
            ),
        ]

    def __str__(self) -> str:
        return self.subject or f"{self.get_kind_display()} #{self.pk}"


class Label(TimeStampedModel):
    """A shop's own way to sort its threads."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        constraints = [
            models.UniqueConstraint("shop", Lower("name"), name="label_unique_name_per_shop"),
        ]

    def __str__(self) -> str:
        return self.name


class Party(models.Model):
    """One side's copy of a conversation: its folder, unread count, read marker, labels.

    The shop side is shared by the shop's members; the buyer side belongs to the buyer.
    Each inbox list is one range scan over (owner, folder, last_message_at, id).
    """

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="parties")
    side = models.CharField(_("side"), max_length=5, choices=Side.choices)
    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Conversation.Kind.choices)
    folder = models.CharField(_("folder"), max_length=8, choices=Folder.choices)
    unread_count = models.PositiveIntegerField(_("unread"), default=0)
    last_read_at = models.DateTimeField(_("last read"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("last message"))
    has_sent = models.BooleanField(_("sent from this side"), default=False)
    # Messages up to this id were deleted forever by this side.
    cleared_through = models.BigIntegerField(default=0)
    # Since when the other side has been waiting for this side's answer (inquiry board).
    awaiting_reply_since = models.DateTimeField(null=True, blank=True)
    # When this side marked the thread as spam; kept while it sits in trash afterwards, so
    # throwing spam away does not make it count again (responsiveness reads the shop's).
    marked_spam_at = models.DateTimeField(null=True, blank=True)
    labels = models.ManyToManyField(Label, blank=True, related_name="parties")

    class Meta:
        verbose_name = _("conversation side")
        verbose_name_plural = _("conversation sides")
        indexes = [
            models.Index(
                fields=["shop", "folder", "-last_message_at", "-id"], name="party_shop_folder"
            ),
            models.Index(
                fields=["buyer", "folder", "-last_message_at", "-id"], name="party_buyer_folder"
            ),
            models.Index(
                fields=["shop", "-last_message_at", "-id"],
                name="party_shop_sent",
                condition=Q(has_sent=True),
            ),
            models.Index(
                fields=["shop", "-last_message_at", "-id"],
                name="party_shop_unread",
                condition=Q(unread_count__gt=0, folder="inbox"),
            ),
            models.Index(
                fields=["shop", "kind", "-last_message_at", "-id"], name="party_shop_kind"
            ),
            models.Index(
                fields=["shop", "awaiting_reply_since"],
                name="party_shop_awaiting",
                condition=Q(awaiting_reply_since__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["conversation", "side"], name="party_one_per_side"),
            models.CheckConstraint(
                condition=Q(side="shop", shop__isnull=False, buyer__isnull=True)
                | Q(side="buyer", buyer__isnull=False, shop__isnull=True),
                name="party_owner_matches_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}/{self.side}"


class FolderCount(models.Model):
    """Threads and unread threads per folder of one owner, kept in the write transaction."""

    shop = models.ForeignKey(
        Shop, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    folder = models.CharField(max_length=8, choices=Folder.choices)
    threads = models.IntegerField(default=0)
    unread_threads = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "folder"],
                name="foldercount_shop",
                condition=Q(shop__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["buyer", "folder"],
                name="foldercount_buyer",
                condition=Q(buyer__isnull=False),
            ),
            models.CheckConstraint(
                condition=Q(shop__isnull=False, buyer__isnull=True)
                | Q(shop__isnull=True, buyer__isnull=False),
                name="foldercount_one_owner",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.folder}: {self.threads} ({self.unread_threads} unread)"


class SavedReply(TimeStampedModel):
    """A shop's reusable answer ("réponse standard"), for replies and auto-replies."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="saved_replies")
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"))

    class Meta:
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        constraints = [
            models.UniqueConstraint("shop", Lower("title"), name="savedreply_unique_title"),
        ]

    def __str__(self) -> str:
        return self.title


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender_side = models.CharField(_("from"), max_length=5, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    body = models.TextField(_("text"))
    is_automatic = models.BooleanField(_("automatic"), default=False)
    # A buyer's message the seller marked as needing no answer (left out of responsiveness).
    no_response_needed = models.BooleanField(_("no response needed"), default=False)
    saved_reply = models.ForeignKey(
        SavedReply, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"))
    # A shop's news or offer (only ever sent to a buyer who consents).
    is_marketing = models.BooleanField(_("marketing"), default=False)
    # What moderation warns the recipient about (category codes, see messaging.listeners).
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    # Kept from the recipient until Trust & Safety releases it (advertising without consent).
    held = models.BooleanField(_("held for review"), default=False)
    # Written by answering a notification from a mail client (inbound mail).
    via_email = models.BooleanField(_("sent by e-mail"), default=False)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["conversation", "id"], name="message_in_thread"),
            models.Index(fields=["id"], name="message_held", condition=Q(held=True)),
        ]

    def __str__(self) -> str:
        return self.body[:60]


class Attachment(models.Model):
    """A checked file. Uploaded first (message empty), then attached when a message is sent."""

    class Kind(models.TextChoices):
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"
        GIF = "image/gif", "GIF"
        PDF = "application/pdf", "PDF"

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/", max_length=255)
    name = models.CharField(_("name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    size = models.BigIntegerField(_("size"))
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        indexes = [
            models.Index(
                fields=["uploader", "created_at"],
                name="attachment_pending",
                condition=Q(message__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return self.name


class TicketEvent(models.Model):
    """A support ticket's status history."""

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="ticket_events"
    )
    status = models.CharField(max_length=10, choices=Conversation.TicketStatus.choices)
    side = models.CharField(max_length=5, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.status} @ {self.at:%Y-%m-%d %H:%M}"


class SendRecord(models.Model):
    """The first answer to a POST sent with an `Idempotency-Key`, to replay on a retry."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="sendrecord_unique_key"),
        ]

    def __str__(self) -> str:
        return self.key
