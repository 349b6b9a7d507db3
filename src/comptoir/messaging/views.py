"""The web inbox: thin handlers over the messaging selectors and services.

Every page works with plain forms and links; the ES module adds live updates and keys.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comptoir.accounts.access import request_user
from comptoir.accounts.models import User
from comptoir.accounts.safe_next import safe_next
from comptoir.catalog.selectors import get_listing_to_ask_about
from comptoir.core.converters import id_from
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.ratelimit import RateLimited, client_ip
from comptoir.messaging import selectors
from comptoir.messaging.access import get_party
from comptoir.messaging.buyer_history import buyer_history
from comptoir.messaging.contact import (
    HONEYPOT,
    contact_form_receive,
    form_token,
    frame_ancestors,
)
from comptoir.messaging.forms import (
    BulkForm,
    ContactForm,
    LabelForm,
    NoteForm,
    ReplyForm,
    SavedReplyForm,
    StartForm,
)
from comptoir.messaging.models import Conversation, Label, SavedReply
from comptoir.messaging.rules import Action
from comptoir.messaging.services import library, tickets
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.folders import conversations_act
from comptoir.messaging.services.idempotency import fingerprint, send_once
from comptoir.messaging.services.no_response import mark_no_response_needed
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import conversation_start
from comptoir.messaging.uploads import attachment_upload, too_large
from comptoir.messaging.web_context import thread_context
from comptoir.orders.models import Order
from comptoir.orders.services import order_note_add
from comptoir.shops.access import Viewer, as_buyer, member_viewer
from comptoir.shops.models import Shop
from comptoir.shops.selectors import get_public_shop

PAGE = 30


def _shop_viewer(request: HttpRequest, shop_id: int) -> Viewer:
    try:
        return member_viewer(request_user(request), shop_id=shop_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _inbox_url(viewer: Viewer) -> str:
    if viewer.shop is not None:
        return reverse("messaging:shop_inbox", args=[viewer.shop.id])
    return reverse("messaging:buyer_inbox")


def _thread_url(viewer: Viewer, conversation_id: int) -> str:
    if viewer.shop is not None:
        return reverse("messaging:shop_thread", args=[viewer.shop.id, conversation_id])
    return reverse("messaging:buyer_thread", args=[conversation_id])


def _filters(request: HttpRequest) -> selectors.ListFilters:
    label = request.GET.get("label", "")
    unread = request.GET.get("unread")
    return selectors.ListFilters(
        view=request.GET.get("folder") or "inbox",
        label_id=int(label) if label.isdigit() else None,
        kind=request.GET.get("kind") or None,
        unread=True if unread == "1" else None,
        q=request.GET.get("q", "")[:200],
        ticket_status=request.GET.get("status") or None,
    )


def _inbox(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    filters = _filters(request)
    try:
        page = selectors.conversation_list(
            viewer, filters, cursor=request.GET.get("cursor"), limit=PAGE
        )
    except DomainError as exc:
        raise Http404(exc.message) from exc
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {
        "viewer": viewer,
        "shop": viewer.shop,
        "page": page,
        "filters": filters,
        "query": query.urlencode(),
        "counts": selectors.folder_counts(viewer),
        "labels": list(viewer.shop.labels.order_by("name")) if viewer.shop else [],
        "actions": _bulk_actions(filters.view, shop=viewer.shop is not None),
        "views": selectors.VIEWS,
    }
    template = "messaging/inbox.html"
    if request.GET.get("fragment") == "rows":
        template = "messaging/_rows.html"
    return render(request, template, context)


def _bulk_actions(view: str, *, shop: bool) -> list[tuple[str, str]]:
    names = {
        "read": _("Mark read"),
        "unread": _("Mark unread"),
        "archive": pgettext("action", "Archive"),
        "inbox": _("Move to inbox"),
        "spam": pgettext("action", "Spam"),
        "not_spam": _("Not spam"),
        "trash": pgettext("action", "Trash"),
        "restore": _("Restore"),
        "delete_forever": _("Delete forever"),
    }
    by_view = {
        "spam": ["not_spam", "trash", "read", "unread"],
        "trash": ["restore", "delete_forever", "read", "unread"],
        "archive": ["inbox", "spam", "trash", "read", "unread"],
    }
    chosen = by_view.get(view, ["archive", "spam", "trash", "read", "unread"])
    actions = [(a, names[a]) for a in chosen]
    if shop:
        actions.append(("no_response_needed", _("No response needed")))
    return actions


@login_required
def shop_inbox(request: HttpRequest, shop_id: int) -> HttpResponse:
    return _inbox(request, _shop_viewer(request, shop_id))


@login_required
def buyer_inbox(request: HttpRequest) -> HttpResponse:
    return _inbox(request, as_buyer(request_user(request)))


def _thread(request: HttpRequest, viewer: Viewer, conversation_id: int) -> HttpResponse:
    form = ReplyForm()
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        sent = _send_reply(request, viewer, conversation_id, form)
        if sent is not None:
            return redirect(f"{_thread_url(viewer, conversation_id)}#m{sent}")
    try:
        party = get_party(viewer, conversation_id)
        if party.unread_count and request.method == "GET":
            conversations_act(viewer=viewer, ids=[conversation_id], action=Action.READ)
        context = thread_context(viewer, conversation_id, before=request.GET.get("before"))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    conversation = context["conversation"]
    # The buyer's history with the shop; not for the live update's fragment (messages only).
    if (
        viewer.shop is not None
        and conversation.buyer_id is not None
        and request.GET.get("fragment") != "messages"
    ):
        context["buyer_history"] = buyer_history(
            viewer, conversation.buyer_id, exclude_thread=conversation.id
        )
    context.update(
        form=form,
        note_form=NoteForm(),
        send_key=uuid.uuid4().hex,
        inbox_url=_inbox_url(viewer),
        thread_url=_thread_url(viewer, conversation_id),
        counts=selectors.folder_counts(viewer),
        views=selectors.VIEWS,
        labels=list(viewer.shop.labels.order_by("name")) if viewer.shop else [],
    )
    if request.GET.get("fragment") == "messages":
        return render(request, "messaging/_messages.html", context)
    status = 400 if form.errors else 200
    return render(request, "messaging/thread.html", context, status=status)


def _send_reply(
    request: HttpRequest, viewer: Viewer, conversation_id: int, form: ReplyForm
) -> int | None:
    """Upload the files, send the reply once (the form's key), or put errors on the form."""
    if getattr(request, "oversize_uploads", None):
        form.add_error("attachments", too_large().message)
        return None
    if not form.is_valid():
        return None
    try:
        ids = [
            attachment_upload(user=viewer.user, upload=f).id
            for f in form.cleaned_data["attachments"]
        ]
        draft = Draft(
            body=form.cleaned_data["body"],
            attachment_ids=tuple(ids),
            saved_reply_id=form.cleaned_data["saved_reply"],
        )
        message, _replayed = send_once(
            viewer=viewer,
            key=request.POST.get("send_key") or None,
            digest=fingerprint(request.path, draft.body, draft.saved_reply_id),
            send=lambda: message_reply(viewer=viewer, conversation_id=conversation_id, draft=draft),
        )
    except NotFound as exc:
        if exc.code == "conversation_not_found":
            raise Http404(exc.message) from exc
        form.add_error(None, exc.message)
        return None
    except DomainError as exc:
        field = "attachments" if "file" in exc.fields or "attachment_ids" in exc.fields else None
        form.add_error(field if field in form.fields else None, exc.message)
        return None
    return message.id


@login_required
def shop_thread(request: HttpRequest, shop_id: int, conversation_id: int) -> HttpResponse:
    return _thread(request, _shop_viewer(request, shop_id), conversation_id)


@login_required
def buyer_thread(request: HttpRequest, conversation_id: int) -> HttpResponse:
    return _thread(request, as_buyer(request_user(request)), conversation_id)


def _act(request: HttpRequest, viewer: Viewer, conversation_id: int) -> HttpResponse:
    """One button on a thread: a folder action, a label, closing or reopening a ticket."""
    name = request.POST.get("action", "")
    back = safe_next(request.POST.get("next"), default=_thread_url(viewer, conversation_id))
    try:
        if name == "close":
            tickets.ticket_close(viewer=viewer, conversation_id=conversation_id)
            messages.success(request, _("The ticket is closed."))
        elif name == "reopen":
            tickets.ticket_reopen(viewer=viewer, conversation_id=conversation_id)
            messages.success(request, _("The ticket is open again."))
        elif name == "labels":
            chosen = {int(v) for v in request.POST.getlist("labels") if v.isdigit()}
            shop_labels = set(Label.objects.filter(shop=viewer.shop).values_list("id", flat=True))
            library.labels_apply(
                viewer=viewer,
                ids=[conversation_id],
                add=sorted(chosen & shop_labels),
                remove=sorted(shop_labels - chosen),
            )
            messages.success(request, _("Labels saved."))
        elif name == "no_response_needed":
            mark_no_response_needed(viewer=viewer, ids=[conversation_id])
            messages.success(request, _("Marked as needing no response."))
        elif name in Action._value2member_map_:
            conversations_act(viewer=viewer, ids=[conversation_id], action=Action(name))
            messages.success(request, _done(Action(name), 1))
            if name in ("archive", "spam", "trash", "delete_forever"):
                back = safe_next(request.POST.get("next"), default=_inbox_url(viewer))
        else:
            raise DomainError("invalid_action", _("Unknown action."))
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(back)


def _done(action: Action, n: int) -> str:
    text = {
        Action.READ: _("Marked read: %(n)d."),
        Action.UNREAD: _("Marked unread: %(n)d."),
        Action.ARCHIVE: _("Archived: %(n)d."),
        Action.INBOX: _("Moved to the inbox: %(n)d."),
        Action.SPAM: _("Moved to spam: %(n)d."),
        Action.NOT_SPAM: _("Back in the inbox: %(n)d."),
        Action.TRASH: _("Moved to the trash: %(n)d."),
        Action.RESTORE: _("Restored: %(n)d."),
        Action.DELETE_FOREVER: _("Deleted forever: %(n)d."),
    }[action]
    return text % {"n": n}


@login_required
@require_POST
def shop_thread_action(request: HttpRequest, shop_id: int, conversation_id: int) -> HttpResponse:
    return _act(request, _shop_viewer(request, shop_id), conversation_id)


@login_required
@require_POST
def buyer_thread_action(request: HttpRequest, conversation_id: int) -> HttpResponse:
    return _act(request, as_buyer(request_user(request)), conversation_id)


def _bulk(request: HttpRequest, viewer: Viewer) -> HttpResponse:
    form = BulkForm(request.POST)
    back = safe_next(request.POST.get("next"), default=_inbox_url(viewer))
    if not form.is_valid():
        messages.error(request, _("Pick at least one conversation."))
        return redirect(back)
    ids = form.cleaned_data["ids"]
    try:
        if form.cleaned_data.get("label"):
            mode = form.cleaned_data.get("label_mode") or "add"
            label = [form.cleaned_data["label"]]
            library.labels_apply(
                viewer=viewer,
                ids=ids,
                add=label if mode == "add" else [],
                remove=label if mode == "remove" else [],
            )
            messages.success(request, _("Labels saved."))
        elif form.cleaned_data.get("action") == "no_response_needed":
            mark_no_response_needed(viewer=viewer, ids=ids)
            messages.success(request, _("Marked as needing no response."))
        elif form.cleaned_data.get("action"):
            action = Action(form.cleaned_data["action"])
            conversations_act(viewer=viewer, ids=ids, action=action)
            messages.success(request, _done(action, len(ids)))
        else:
            raise DomainError("invalid_action", _("Pick an action."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(back)


@login_required
@require_POST
def shop_bulk(request: HttpRequest, shop_id: int) -> HttpResponse:
    return _bulk(request, _shop_viewer(request, shop_id))


@login_required
@require_POST
def buyer_bulk(request: HttpRequest) -> HttpResponse:
    return _bulk(request, as_buyer(request_user(request)))


@login_required
def inquiries(request: HttpRequest, shop_id: int) -> HttpResponse:
    viewer = _shop_viewer(request, shop_id)
    try:
        page = selectors.inquiry_board(viewer, cursor=request.GET.get("cursor"), limit=PAGE)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    context = {**_side_panel(viewer), "page": page, "board": True}
    return render(request, "messaging/board.html", context)


# --- Starting a thread (buyer) ------------------------------------------------------------


@login_required
def start(request: HttpRequest) -> HttpResponse:
    """Ask about a listing, contact a shop, or ask for help / support with an order."""
    user = request_user(request)
    params = request.POST if request.method == "POST" else request.GET
    kind = params.get("kind", "")
    target: dict[str, Any] = {}
    try:
        if kind == Conversation.Kind.LISTING_INQUIRY:
            listing_id = id_from(params.get("listing"))
            target["listing"] = get_listing_to_ask_about(user, listing_id=listing_id)
            about = target["listing"].title
        elif kind == Conversation.Kind.SHOP_INQUIRY:
            target["shop"] = get_public_shop(params.get("shop", ""))
            about = target["shop"].name
        elif kind in (Conversation.Kind.HELP_REQUEST, Conversation.Kind.SUPPORT_TICKET):
            order = (
                Order.objects.select_related("shop")
                .filter(id=id_from(params.get("order")), buyer=user)
                .first()
            )
            if order is None:
                raise Http404
            target["order"] = order
            about = str(order)
        else:
            raise Http404
    except (NotFound, ValueError) as exc:
        raise Http404 from exc
    form = StartForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        sent = _start(request, user, kind, target, form)
        if sent is not None:
            return redirect(reverse("messaging:buyer_thread", args=[sent]))
    context = {"form": form, "kind": kind, "about": about, "target": target, "params": params}
    context["kind_label"] = Conversation.Kind(kind).label
    context["send_key"] = uuid.uuid4().hex
    return render(request, "messaging/start.html", context, status=400 if form.errors else 200)


def _start(
    request: HttpRequest, user: User, kind: str, target: dict[str, Any], form: StartForm
) -> int | None:
    if getattr(request, "oversize_uploads", None):
        form.add_error("attachments", too_large().message)
        return None
    if not form.is_valid():
        return None
    viewer = as_buyer(user)
    try:
        ids = [attachment_upload(user=user, upload=f).id for f in form.cleaned_data["attachments"]]
        draft = Draft(body=form.cleaned_data["body"], attachment_ids=tuple(ids))
        message, _replayed = send_once(
            viewer=viewer,
            key=request.POST.get("send_key") or None,
            digest=fingerprint(request.path, kind, draft.body),
            send=lambda: conversation_start(
                viewer=viewer,
                kind=kind,
                draft=draft,
                subject=form.cleaned_data["subject"],
                help_reason=form.cleaned_data["reason"] or "",
                **target,
            ),
        )
    except DomainError as exc:
        if exc.code == "ticket_already_open":
            messages.info(request, exc.message)
            return int(exc.fields["conversation_id"])
        field = "reason" if exc.code == "invalid_reason" else None
        if "file" in exc.fields or "attachment_ids" in exc.fields:
            field = "attachments"
        form.add_error(field, exc.message)
        return None
    return message.conversation_id


@csrf_exempt  # framed on the shop's own site, no CSRF cookie arrives: a form token instead
@xframe_options_exempt  # framing is ruled by the CSP below: the shop's listed origins only
@require_http_methods(["GET", "HEAD", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    """The shop's contact form, to embed in the shop's own website (an iframe)."""
    try:
        shop = get_public_shop(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = ContactForm(request.POST if request.method == "POST" else None)
    status, retry_after = 200, 0
    if form.is_bound and not form.is_valid():
        status = 400  # what no browser sends (a NUL character): the field says so
    elif form.is_bound:
        data = form.cleaned_data
        try:
            contact_form_receive(
                shop=shop,
                ip=client_ip(request),
                name=data["name"],
                email=data["email"],
                subject=data["subject"],
                body=data["body"],
                token=data["token"],
                honeypot=data[HONEYPOT],
            )
            # The honeypot's catch gets the same answer. Then a GET: reloading sends nothing.
            return _framed(redirect(reverse("messaging:contact", args=[slug]) + "?sent=1"), shop)
        except RateLimited as exc:
            form.refused(exc.message, {})
            status, retry_after = 429, exc.retry_after
        except DomainError as exc:
            form.refused(exc.message, exc.fields)
            status = 400
    context = {
        "shop": shop,
        "form": form,
        "sent": request.GET.get("sent") == "1" and not form.is_bound,
        "token": form_token(shop=shop),
        "honeypot": form[HONEYPOT],
    }
    response = _framed(render(request, "messaging/contact.html", context, status=status), shop)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def _framed(response: HttpResponse, shop: Shop) -> HttpResponse:
    response["Content-Security-Policy"] = frame_ancestors(shop)
    response["Cache-Control"] = "no-store"  # each page carries its own form token
    return response


# --- Order notes, labels, saved replies ---------------------------------------------------


@login_required
@require_POST
def note_add(request: HttpRequest, shop_id: int, conversation_id: int) -> HttpResponse:
    viewer = _shop_viewer(request, shop_id)
    try:
        party = get_party(viewer, conversation_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    order = party.conversation.order
    if order is None:
        raise Http404
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            order_note_add(order=order, author=viewer.user, **form.cleaned_data)
            messages.success(request, _("Note added."))
        except DomainError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, _("Write the note first."))
    return redirect(_thread_url(viewer, conversation_id) + "#notes")


def _side_panel(viewer: Viewer) -> dict[str, Any]:
    """What the folder panel beside a shop's pages needs."""
    return {
        "viewer": viewer,
        "shop": viewer.shop,
        "labels": list(Label.objects.filter(shop=viewer.shop).order_by("name")),
        "counts": selectors.folder_counts(viewer),
        "views": selectors.VIEWS,
        "filters": selectors.ListFilters(view=""),
    }


@login_required
def labels_page(request: HttpRequest, shop_id: int) -> HttpResponse:
    viewer = _shop_viewer(request, shop_id)
    form = LabelForm(request.POST or None)
    if request.method == "POST":
        label_id = request.POST.get("label_id", "")
        try:
            if request.POST.get("delete") and label_id.isdigit():
                library.label_delete(viewer=viewer, label_id=int(label_id))
                messages.success(request, _("Label deleted."))
                return redirect("messaging:labels", shop_id)
            if form.is_valid():
                if label_id.isdigit():
                    library.label_rename(
                        viewer=viewer, label_id=int(label_id), name=form.cleaned_data["name"]
                    )
                    messages.success(request, _("Label renamed."))
                else:
                    library.label_create(viewer=viewer, name=form.cleaned_data["name"])
                    messages.success(request, _("Label created."))
                return redirect("messaging:labels", shop_id)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            form.add_error("name", exc.message)
    context = {**_side_panel(viewer), "form": form}
    return render(request, "messaging/labels.html", context, status=400 if form.errors else 200)


@login_required
def saved_replies_page(request: HttpRequest, shop_id: int) -> HttpResponse:
    viewer = _shop_viewer(request, shop_id)
    form = SavedReplyForm(request.POST or None)
    editing = None
    edit_id = request.GET.get("edit", "")
    if edit_id.isdigit():
        editing = SavedReply.objects.filter(shop=viewer.shop, id=int(edit_id)).first()
        if editing is not None and request.method == "GET":
            form = SavedReplyForm(initial={"title": editing.title, "body": editing.body})
    if request.method == "POST":
        saved_id = request.POST.get("saved_reply_id", "")
        try:
            if request.POST.get("delete") and saved_id.isdigit():
                library.saved_reply_delete(viewer=viewer, saved_reply_id=int(saved_id))
                messages.success(request, _("Saved reply deleted."))
                return redirect("messaging:saved_replies", shop_id)
            if form.is_valid():
                if saved_id.isdigit():
                    library.saved_reply_update(
                        viewer=viewer, saved_reply_id=int(saved_id), **form.cleaned_data
                    )
                else:
                    library.saved_reply_create(viewer=viewer, **form.cleaned_data)
                messages.success(request, _("Saved reply saved."))
                return redirect("messaging:saved_replies", shop_id)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            for name, problem in exc.fields.items():
                form.add_error(name if name in form.fields else None, problem)
            if not exc.fields:
                form.add_error(None, exc.message)
    context = {
        **_side_panel(viewer),
        "form": form,
        "editing": editing,
        "saved_replies": list(SavedReply.objects.filter(shop=viewer.shop).order_by("title")),
    }
    return render(
        request, "messaging/saved_replies.html", context, status=400 if form.errors else 200
    )
