"""The messaging API: a buyer's threads under /me, a shop's under /shops/{shop_id}."""

from __future__ import annotations

import json
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.params import Header
from ninja.responses import NinjaJSONEncoder

from comptoir.accounts.access import request_user
from comptoir.accounts.models import User
from comptoir.catalog.selectors import get_listing_to_ask_about
from comptoir.core.api import ERRORS, Error, PageOf, Paging
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.ratelimit import RateLimited, client_ip
from comptoir.messaging import selectors
from comptoir.messaging.contact import contact_form_receive
from comptoir.messaging.models import Attachment, Message
from comptoir.messaging.presenters import (
    attachment_out,
    message_out,
    party_out,
    thread_out,
)
from comptoir.messaging.rules import Action
from comptoir.messaging.schemas import (
    AttachmentOut,
    BulkIn,
    BulkOut,
    ContactIn,
    ConversationOut,
    DraftIn,
    FolderCountsOut,
    IdsIn,
    LabelIn,
    LabelOut,
    LabelsBulkIn,
    ListFiltersIn,
    MessageOut,
    NoResponseIn,
    OrderMessageIn,
    SavedReplyIn,
    SavedReplyOut,
    StartIn,
    ThreadFiltersIn,
    ThreadOut,
)
from comptoir.messaging.services import library, tickets
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.folders import conversations_act
from comptoir.messaging.services.idempotency import fingerprint, send_once
from comptoir.messaging.services.no_response import (
    mark_message_no_response_needed,
    mark_no_response_needed,
)
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import conversation_start, order_conversation_start
from comptoir.messaging.uploads import attachment_upload, too_large
from comptoir.orders.models import Order
from comptoir.shops.access import Viewer, as_buyer, member_viewer
from comptoir.shops.selectors import get_shop_by_external_id, public_shops

router = Router(tags=["messages"])

IDEMPOTENCY = Header(
    None,
    alias="Idempotency-Key",
    description="Send the same key again to retry safely: the first result comes back.",
)


def _shop_viewer(request: HttpRequest, shop_id: str) -> Viewer:
    return member_viewer(request_user(request), external_id=shop_id)


def _draft(payload: DraftIn) -> Draft:
    return Draft(
        body=payload.body,
        attachment_ids=tuple(payload.attachment_ids),
        saved_reply_id=payload.saved_reply_id,
    )


def _sent(
    response: HttpResponse, message: Message, replayed: bool, payload: DraftIn
) -> Status[dict[str, Any]]:
    """The sent message; a fresh send answers from memory, a replay reads it back."""
    if replayed:
        response["Idempotent-Replayed"] = "true"
        message = (
            Message.objects.select_related("author", "conversation__shop")
            .prefetch_related("attachments")
            .get(pk=message.pk)
        )
        return Status(
            200, message_out(message, message.conversation, reader_side=message.sender_side)
        )
    attachments = (
        list(Attachment.objects.filter(message=message).order_by("id"))
        if payload.attachment_ids
        else []
    )
    by_id = {a.id: a for a in attachments}
    ordered = [by_id[i] for i in payload.attachment_ids if i in by_id]
    return Status(
        201, message_out(message, message.conversation, ordered, reader_side=message.sender_side)
    )


def _counts(viewer: Viewer) -> dict[str, Any]:
    counts = selectors.folder_counts(viewer)
    return {
        "threads": counts.threads,
        "unread": counts.unread,
        "has_help_requests": counts.has_help_requests,
    }


def _page_json(items: list[dict[str, Any]], next_cursor: str | None) -> HttpResponse:
    """A list page as JSON, rendered as ninja renders it but not validated again.

    The presenter builds each row in ConversationOut's exact shape (tests/messaging/
    test_list_rows.py pins that the two give the same bytes); running 50 rows of 21 fields
    back through the schema cost more than the rest of the page's Python.
    """
    return HttpResponse(
        json.dumps({"items": items, "next_cursor": next_cursor}, cls=NinjaJSONEncoder),
        content_type="application/json; charset=utf-8",
    )


def _list(viewer: Viewer, filters: ListFiltersIn) -> HttpResponse:
    page = selectors.conversation_list(
        viewer,
        selectors.ListFilters(
            view=filters.folder,
            label_id=filters.label,
            kind=filters.kind,
            unread=filters.unread,
            q=filters.q,
        ),
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return _page_json([party_out(p) for p in page.items], page.next_cursor)


def _thread(viewer: Viewer, conversation_id: int, filters: ThreadFiltersIn) -> dict[str, Any]:
    return thread_out(
        selectors.conversation_thread(
            viewer, conversation_id, before=filters.before, limit=filters.limit
        )
    )


def _bulk(viewer: Viewer, payload: BulkIn) -> dict[str, Any]:
    parties = conversations_act(viewer=viewer, ids=payload.ids, action=Action(payload.action))
    return {"ids": [p.conversation_id for p in parties], "counts": _counts(viewer)}


def _reply(
    request: HttpRequest,
    response: HttpResponse,
    viewer: Viewer,
    conversation_id: int,
    payload: DraftIn,
    key: str | None,
) -> Status[dict[str, Any]]:
    message, replayed = send_once(
        viewer=viewer,
        key=key,
        digest=fingerprint(request.path, payload.dict()),
        send=lambda: message_reply(
            viewer=viewer, conversation_id=conversation_id, draft=_draft(payload)
        ),
    )
    return _sent(response, message, replayed, payload)


SENT = {200: MessageOut, 201: MessageOut, **ERRORS}

# --- Buyer side -------------------------------------------------------------------------


@router.get(
    "/me/conversations", response={200: PageOf[ConversationOut], **ERRORS}, summary="My threads"
)
def my_conversations(request: HttpRequest, filters: Query[ListFiltersIn]) -> HttpResponse:
    return _list(as_buyer(request_user(request)), filters)


@router.get("/me/folders", response={200: FolderCountsOut, **ERRORS}, summary="My folder counts")
def my_folders(request: HttpRequest) -> dict[str, Any]:
    return _counts(as_buyer(request_user(request)))


def _start_targets(user: User, payload: StartIn) -> dict[str, Any]:
    targets: dict[str, Any] = {}
    if payload.listing_id is not None:
        targets["listing"] = get_listing_to_ask_about(user, external_id=payload.listing_id)
    if payload.shop_id is not None:
        shop = public_shops().filter(external_id=payload.shop_id).first()
        if shop is None:
            raise NotFound("shop_not_found", _("No such shop."))
        targets["shop"] = shop
    if payload.order_id is not None:
        order = (
            Order.objects.select_related("shop")
            .filter(external_id=payload.order_id, buyer=user)
            .first()
        )
        if order is None:
            raise NotFound("order_not_found", _("No such order."))
        targets["order"] = order
    return targets


@router.post("/me/conversations", response=SENT, summary="Start a thread as a buyer")
def my_conversation_start(
    request: HttpRequest,
    response: HttpResponse,
    payload: StartIn,
    idempotency_key: str | None = IDEMPOTENCY,
) -> Status[dict[str, Any]]:
    viewer = as_buyer(request_user(request))
    message, replayed = send_once(
        viewer=viewer,
        key=idempotency_key,
        digest=fingerprint(request.path, payload.dict()),
        send=lambda: conversation_start(
            viewer=viewer,
            kind=payload.kind,
            draft=_draft(payload),
            subject=payload.subject,
            help_reason=payload.reason or "",
            **_start_targets(viewer.user, payload),
        ),
    )
    return _sent(response, message, replayed, payload)


@router.get(
    "/me/conversations/{int:conversation_id}",
    response={200: ThreadOut, **ERRORS},
    summary="Read one of my threads",
)
def my_thread(
    request: HttpRequest, conversation_id: int, filters: Query[ThreadFiltersIn]
) -> dict[str, Any]:
    return _thread(as_buyer(request_user(request)), conversation_id, filters)


@router.post(
    "/me/conversations/{int:conversation_id}/messages", response=SENT, summary="Reply as the buyer"
)
def my_reply(
    request: HttpRequest,
    response: HttpResponse,
    conversation_id: int,
    payload: DraftIn,
    idempotency_key: str | None = IDEMPOTENCY,
) -> Status[dict[str, Any]]:
    viewer = as_buyer(request_user(request))
    return _reply(request, response, viewer, conversation_id, payload, idempotency_key)


@router.post(
    "/me/conversations/actions",
    response={200: BulkOut, **ERRORS},
    summary="Move, mark or delete many of my threads",
)
def my_bulk(request: HttpRequest, payload: BulkIn) -> dict[str, Any]:
    return _bulk(as_buyer(request_user(request)), payload)


@router.post(
    "/me/conversations/{int:conversation_id}/reopen",
    response={200: ThreadOut, **ERRORS},
    summary="Reopen a closed support ticket",
)
def my_ticket_reopen(request: HttpRequest, conversation_id: int) -> dict[str, Any]:
    viewer = as_buyer(request_user(request))
    tickets.ticket_reopen(viewer=viewer, conversation_id=conversation_id)
    return _thread(viewer, conversation_id, ThreadFiltersIn(before=None, limit=200))


# --- Shop side --------------------------------------------------------------------------


@router.get(
    "/shops/{shop_id}/conversations",
    response={200: PageOf[ConversationOut], **ERRORS},
    summary="The shop's threads",
)
def shop_conversations(
    request: HttpRequest, shop_id: str, filters: Query[ListFiltersIn]
) -> HttpResponse:
    return _list(_shop_viewer(request, shop_id), filters)


@router.get(
    "/shops/{shop_id}/folders",
    response={200: FolderCountsOut, **ERRORS},
    summary="The shop's folder counts",
)
def shop_folders(request: HttpRequest, shop_id: str) -> dict[str, Any]:
    return _counts(_shop_viewer(request, shop_id))


@router.post(
    "/shops/{shop_id}/conversations", response=SENT, summary="Message the buyer of an order"
)
def shop_conversation_start(
    request: HttpRequest,
    response: HttpResponse,
    shop_id: str,
    payload: OrderMessageIn,
    idempotency_key: str | None = IDEMPOTENCY,
) -> Status[dict[str, Any]]:
    viewer = _shop_viewer(request, shop_id)
    order = Order.objects.filter(shop=viewer.shop, external_id=payload.order_id).first()
    if order is None:
        raise NotFound("order_not_found", _("No such order in this shop."))
    message, replayed = send_once(
        viewer=viewer,
        key=idempotency_key,
        digest=fingerprint(request.path, payload.dict()),
        send=lambda: order_conversation_start(
            viewer=viewer, order=order, draft=_draft(payload), subject=payload.subject
        ),
    )
    return _sent(response, message, replayed, payload)


@router.get(
    "/shops/{shop_id}/conversations/{int:conversation_id}",
    response={200: ThreadOut, **ERRORS},
    summary="Read one of the shop's threads",
)
def shop_thread(
    request: HttpRequest, shop_id: str, conversation_id: int, filters: Query[ThreadFiltersIn]
) -> dict[str, Any]:
    return _thread(_shop_viewer(request, shop_id), conversation_id, filters)


@router.post(
    "/shops/{shop_id}/conversations/{int:conversation_id}/messages",
    response=SENT,
    summary="Reply as the shop",
)
def shop_reply(
    request: HttpRequest,
    response: HttpResponse,
    shop_id: str,
    conversation_id: int,
    payload: DraftIn,
    idempotency_key: str | None = IDEMPOTENCY,
) -> Status[dict[str, Any]]:
    viewer = _shop_viewer(request, shop_id)
    return _reply(request, response, viewer, conversation_id, payload, idempotency_key)


@router.post(
    "/shops/{shop_id}/conversations/actions",
    response={200: BulkOut, **ERRORS},
    summary="Move, mark or delete many of the shop's threads",
)
def shop_bulk(request: HttpRequest, shop_id: str, payload: BulkIn) -> dict[str, Any]:
    return _bulk(_shop_viewer(request, shop_id), payload)


@router.post(
    "/shops/{shop_id}/conversations/labels",
    response={200: BulkOut, **ERRORS},
    summary="Put labels on or take them off many threads",
)
def shop_bulk_labels(request: HttpRequest, shop_id: str, payload: LabelsBulkIn) -> dict[str, Any]:
    viewer = _shop_viewer(request, shop_id)
    parties = library.labels_apply(
        viewer=viewer, ids=payload.ids, add=payload.add, remove=payload.remove
    )
    return {"ids": [p.conversation_id for p in parties], "counts": _counts(viewer)}


@router.post(
    "/shops/{shop_id}/conversations/{int:conversation_id}/close",
    response={200: ThreadOut, **ERRORS},
    summary="Close a support ticket",
)
def shop_ticket_close(request: HttpRequest, shop_id: str, conversation_id: int) -> dict[str, Any]:
    viewer = _shop_viewer(request, shop_id)
    tickets.ticket_close(viewer=viewer, conversation_id=conversation_id)
    return _thread(viewer, conversation_id, ThreadFiltersIn(before=None, limit=200))


@router.post(
    "/shops/{shop_id}/conversations/no-response-needed",
    response={200: BulkOut, **ERRORS},
    summary="Mark the buyers' latest messages in these threads as needing no response",
)
def shop_no_response_needed(request: HttpRequest, shop_id: str, payload: IdsIn) -> Any:
    viewer = _shop_viewer(request, shop_id)
    parties = mark_no_response_needed(viewer=viewer, ids=payload.ids)
    return {"ids": [p.conversation_id for p in parties], "counts": _counts(viewer)}


@router.post(
    "/shops/{shop_id}/conversations/{int:conversation_id}/messages/{int:message_id}"
    "/no-response-needed",
    response={200: MessageOut, **ERRORS},
    summary="Mark one buyer message as needing no response (or, with needed=true, unmark)",
)
def shop_message_no_response_needed(
    request: HttpRequest, shop_id: str, conversation_id: int, message_id: int, payload: NoResponseIn
) -> Any:
    viewer = _shop_viewer(request, shop_id)
    message = mark_message_no_response_needed(
        viewer=viewer, conversation_id=conversation_id, message_id=message_id, needed=payload.needed
    )
    message = (
        Message.objects.select_related("author", "conversation__shop")
        .prefetch_related("attachments")
        .get(pk=message.pk)
    )
    return message_out(message, message.conversation, reader_side=viewer.side)


@router.get(
    "/shops/{shop_id}/inquiries",
    response={200: PageOf[ConversationOut], **ERRORS},
    summary="Open listing and shop inquiries, the longest waiting first",
)
def shop_inquiries(request: HttpRequest, shop_id: str, paging: Query[Paging]) -> Any:
    page = selectors.inquiry_board(
        _shop_viewer(request, shop_id), cursor=paging.cursor, limit=paging.limit
    )
    return _page_json([party_out(p) for p in page.items], page.next_cursor)


# --- Labels and saved replies -----------------------------------------------------------


@router.get("/shops/{shop_id}/labels", response={200: list[LabelOut], **ERRORS})
def label_list(request: HttpRequest, shop_id: str) -> Any:
    viewer = _shop_viewer(request, shop_id)
    return list(viewer.shop.labels.order_by("name")) if viewer.shop else []


@router.post("/shops/{shop_id}/labels", response={201: LabelOut, **ERRORS})
def label_create(request: HttpRequest, shop_id: str, payload: LabelIn) -> Any:
    viewer = _shop_viewer(request, shop_id)
    return Status(201, library.label_create(viewer=viewer, name=payload.name))


@router.patch("/shops/{shop_id}/labels/{int:label_id}", response={200: LabelOut, **ERRORS})
def label_rename(request: HttpRequest, shop_id: str, label_id: int, payload: LabelIn) -> Any:
    viewer = _shop_viewer(request, shop_id)
    return library.label_rename(viewer=viewer, label_id=label_id, name=payload.name)


@router.delete("/shops/{shop_id}/labels/{int:label_id}", response={204: None, **ERRORS})
def label_delete(request: HttpRequest, shop_id: str, label_id: int) -> Any:
    library.label_delete(viewer=_shop_viewer(request, shop_id), label_id=label_id)
    return Status(204, None)


@router.get("/shops/{shop_id}/saved-replies", response={200: list[SavedReplyOut], **ERRORS})
def saved_reply_list(request: HttpRequest, shop_id: str) -> Any:
    viewer = _shop_viewer(request, shop_id)
    return list(viewer.shop.saved_replies.order_by("title")) if viewer.shop else []


@router.post("/shops/{shop_id}/saved-replies", response={201: SavedReplyOut, **ERRORS})
def saved_reply_create(request: HttpRequest, shop_id: str, payload: SavedReplyIn) -> Any:
    viewer = _shop_viewer(request, shop_id)
    saved = library.saved_reply_create(viewer=viewer, title=payload.title, body=payload.body)
    return Status(201, saved)


@router.put(
    "/shops/{shop_id}/saved-replies/{int:saved_reply_id}", response={200: SavedReplyOut, **ERRORS}
)
def saved_reply_update(
    request: HttpRequest, shop_id: str, saved_reply_id: int, payload: SavedReplyIn
) -> Any:
    return library.saved_reply_update(
        viewer=_shop_viewer(request, shop_id),
        saved_reply_id=saved_reply_id,
        title=payload.title,
        body=payload.body,
    )


@router.delete(
    "/shops/{shop_id}/saved-replies/{int:saved_reply_id}", response={204: None, **ERRORS}
)
def saved_reply_delete(request: HttpRequest, shop_id: str, saved_reply_id: int) -> Any:
    library.saved_reply_delete(viewer=_shop_viewer(request, shop_id), saved_reply_id=saved_reply_id)
    return Status(204, None)


# --- Website contact form, files, Trust & Safety ----------------------------------------


@router.post(
    "/shops/{shop_id}/contact",
    auth=None,
    response={201: dict[str, int], **ERRORS, 429: Error},
    summary="The shop's website contact form (no account needed)",
    description="At most 20 messages an hour from one e-mail address and 60 from one IP "
    "address (with the shop's framed form, counted together on every server): beyond, "
    "`429 rate_limited` with `Retry-After`. A name, a valid address and a message are "
    "required; line breaks or control characters in the name, address or subject are "
    "refused (`422 invalid_contact_form`, `fields` says which).",
)
def contact(request: HttpRequest, response: HttpResponse, shop_id: str, payload: ContactIn) -> Any:
    shop = get_shop_by_external_id(shop_id)
    try:
        message = contact_form_receive(
            shop=shop,
            ip=client_ip(request),
            name=payload.name,
            email=payload.email,
            subject=payload.subject,
            body=payload.body,
            token=None,  # no page, no form token; the limits and checks still apply
        )
    except RateLimited as exc:
        response["Retry-After"] = str(exc.retry_after)
        return Status(429, {"code": exc.code, "message": exc.message, "fields": exc.fields})
    assert message is not None  # no honeypot in the API
    return Status(201, {"conversation_id": message.conversation_id})


@router.post(
    "/uploads",
    response={201: AttachmentOut, **ERRORS, 413: Any},
    summary="Upload a file to attach (JPG, GIF, PNG or PDF; at most 100 MB)",
    description="Then send its `id` in `attachment_ids` (at most 3 per message).",
)
def upload(request: HttpRequest, file: UploadedFile | None = File(None)) -> Any:  # noqa: B008
    if getattr(request, "oversize_uploads", None):
        raise too_large()
    if file is None:
        raise DomainError(
            "file_required", _("Choose a file to upload."), fields={"file": "required"}
        )
    return Status(201, attachment_out(attachment_upload(user=request_user(request), upload=file)))


@router.get("/attachments/{int:attachment_id}", response={200: None, **ERRORS}, summary="A file")
def attachment_download(request: HttpRequest, attachment_id: int) -> FileResponse:
    attachment = selectors.get_attachment_for(request_user(request), attachment_id)
    inline = attachment.content_type.startswith("image/")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not inline,
        filename=attachment.name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@router.get(
    "/staff/conversations/{int:conversation_id}",
    response={200: ThreadOut, **ERRORS},
    summary="Trust & Safety: read any thread (audited)",
)
def staff_thread(
    request: HttpRequest, conversation_id: int, filters: Query[ThreadFiltersIn]
) -> dict[str, Any]:
    return thread_out(
        selectors.staff_thread(
            request_user(request), conversation_id, before=filters.before, limit=filters.limit
        )
    )
