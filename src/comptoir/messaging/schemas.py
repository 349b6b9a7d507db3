"""What the messaging API reads and writes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from comptoir.core.api import Paging
from comptoir.core.schemas import BodyIn

StartKind = Literal["listing_inquiry", "shop_inquiry", "help_request", "support_ticket"]
ActionName = Literal[
    "read", "unread", "archive", "inbox", "spam", "not_spam", "trash", "restore", "delete_forever"
]
View = Literal["inbox", "unread", "sent", "archive", "spam", "trash"]


class LabelOut(Schema):
    id: int
    name: str


class AttachmentOut(Schema):
    id: int
    name: str
    content_type: str
    size: int
    width: int | None
    height: int | None
    url: str


class MessageOut(Schema):
    id: int
    conversation_id: int
    sender_side: Literal["buyer", "shop"]
    author: str | None = Field(description="Who wrote it; null for a website visitor.")
    body: str
    is_automatic: bool
    no_response_needed: bool = Field(description="The shop marked it as needing no answer.")
    created_at: datetime
    attachments: list[AttachmentOut]
    is_marketing: bool = Field(description="The shop's news or offer (sent with consent).")
    warnings: list[str] = Field(
        description="Moderation warnings for the reader: extortion, off_platform, advertising. "
        "Only the recipient's side (and Trust & Safety) sees them."
    )
    held: bool = Field(
        description="Held for review, not delivered: only the sender's side sees it."
    )
    via_email: bool = Field(
        default=False, description="Written by answering a notification from a mail client."
    )


class ConversationOut(Schema):
    id: int
    kind: str
    subject: str
    shop_id: str = Field(description="The marketplace's id of the shop.")
    shop_name: str
    buyer_name: str | None
    visitor_name: str
    visitor_email: str = Field(description="Only for website contact forms, to the shop.")
    listing_id: str | None
    order_id: str | None
    help_reason: str
    ticket_status: str
    started_by: Literal["buyer", "shop"]
    last_message_at: datetime
    message_count: int
    preview: str
    folder: str | None = Field(description="This side's folder; null for Trust & Safety.")
    unread_count: int
    last_read_at: datetime | None
    awaiting_reply_since: datetime | None = Field(
        description="Since when the other side has waited for an answer from this side."
    )
    labels: list[LabelOut]


class TicketEventOut(Schema):
    status: str
    side: str
    at: datetime


class ThreadOut(Schema):
    conversation: ConversationOut
    messages: list[MessageOut] = Field(description="The latest messages, oldest first.")
    earlier_cursor: str | None = Field(
        description="Pass as `before` for the messages before these; null when none."
    )
    ticket_events: list[TicketEventOut]


class ListFiltersIn(Paging):
    folder: View = "inbox"
    label: int | None = Field(None, description="Only threads with this label (shop side).")
    kind: str | None = Field(None, description="Only threads of this kind, e.g. help_request.")
    unread: bool | None = None
    q: str = Field("", max_length=200, description="Words to find in subjects and messages.")


class ThreadFiltersIn(Schema):
    before: str | None = None
    limit: int = Field(200, ge=1, le=500)


class FolderCountsOut(Schema):
    threads: dict[str, int]
    unread: dict[str, int]
    has_help_requests: bool


class DraftIn(BodyIn):
    body: str = Field("", max_length=20_000)
    attachment_ids: list[int] = Field(default_factory=list, description="From POST /uploads.")
    saved_reply_id: int | None = Field(
        None, description="A saved reply of the shop; its text is used when body is empty."
    )


class StartIn(DraftIn):
    kind: StartKind
    listing_id: str | None = Field(None, description="For listing_inquiry.")
    shop_id: str | None = Field(None, description="For shop_inquiry.")
    order_id: str | None = Field(None, description="For help_request and support_ticket.")
    reason: str | None = Field(None, description="For help_request: not_received, damaged, …")
    subject: str = Field("", max_length=200)


class OrderMessageIn(DraftIn):
    order_id: str
    subject: str = Field("", max_length=200)


class ContactIn(BodyIn):
    name: str = Field(max_length=120)
    email: str = Field(max_length=254)
    subject: str = Field("", max_length=200)
    body: str = Field(max_length=20_000)


class BulkIn(BodyIn):
    ids: list[int] = Field(description="Conversation ids, at most 500.")
    action: ActionName


class BulkOut(Schema):
    ids: list[int]
    counts: FolderCountsOut


class IdsIn(BodyIn):
    ids: list[int] = Field(description="Conversation ids, at most 500.")


class NoResponseIn(BodyIn):
    needed: bool = Field(False, description="true takes the mark off again.")


class LabelsBulkIn(BodyIn):
    ids: list[int] = Field(description="Conversation ids, at most 500.")
    add: list[int] = Field(default_factory=list)
    remove: list[int] = Field(default_factory=list)


class LabelIn(BodyIn):
    name: str


class SavedReplyIn(BodyIn):
    title: str
    body: str


class SavedReplyOut(Schema):
    id: int
    title: str
    body: str
    updated_at: datetime
