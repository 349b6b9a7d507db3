"""The order pages: the buyer's (`/orders/<id>/`) and the shop's (Shop Manager), with the
writes they offer. Thin handlers: access and reads in `order_pages`, writes in services."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.access import request_user
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.forms import add_domain_error
from comptoir.messaging.forms import NoteForm
from comptoir.messaging.models import Message
from comptoir.messaging.order_threads import order_ask_buyer, order_message_send
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.idempotency import fingerprint, send_once
from comptoir.orders.models import Order
from comptoir.orders.selectors import awaiting_buyer_orders, get_buyer_order, get_shop_order
from comptoir.orders.services import order_await_buyer_stop, order_note_add
from comptoir.reviews.selectors import get_shop_review
from comptoir.reviews.services import review_reply
from comptoir.shops.access import Viewer, as_buyer, member_viewer
from comptoir.web.forms import AwaitBuyerForm, OrderMessageForm, ReviewReplyForm
from comptoir.web.order_pages import OrderPage, buyer_order_page, shop_order_page


def _shop_viewer(request: HttpRequest, shop_id: int) -> Viewer:
    try:
        return member_viewer(request_user(request), shop_id=shop_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


# --- The buyer's order page ---------------------------------------------------------------


def _buyer_page(request: HttpRequest, order_id: int, **forms: object) -> HttpResponse:
    try:
        page = buyer_order_page(request_user(request), order_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "page": page,
        "order": page.order,
        "answer_form": forms.get("answer_form") or OrderMessageForm(),
        "send_key": uuid.uuid4().hex,
    }
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "web/order.html", context, status=status)


@login_required
def buyer_order(request: HttpRequest, order_id: int) -> HttpResponse:
    return _buyer_page(request, order_id)


@login_required
@require_POST
def buyer_order_answer(request: HttpRequest, order_id: int) -> HttpResponse:
    """The buyer writes to the shop about the order (a note's answer): the order's thread."""
    user = request_user(request)
    try:
        order = get_buyer_order(user, order_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = OrderMessageForm(request.POST)
    if form.is_valid():
        viewer = as_buyer(user)
        try:
            message = _send(request, viewer, form, order)
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("Your message is sent to the shop."))
            thread = reverse("messaging:buyer_thread", args=[message.conversation_id])
            return redirect(f"{thread}#m{message.id}")
    return _buyer_page(request, order_id, answer_form=form)


def _send(request: HttpRequest, viewer: Viewer, form: OrderMessageForm, order: Order) -> Message:
    """Send once per form (its key): a double click or a reload posts one message."""
    body = form.cleaned_data["body"]
    message, _replayed = send_once(
        viewer=viewer,
        key=request.POST.get("send_key") or None,
        digest=fingerprint(request.path, body),
        send=lambda: order_message_send(viewer=viewer, order=order, draft=Draft(body=body)),
    )
    return message


# --- The shop's order page ----------------------------------------------------------------


def _shop_page(
    request: HttpRequest, viewer: Viewer, order_id: int, **forms: object
) -> HttpResponse:
    try:
        page: OrderPage = shop_order_page(viewer, order_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "page": page,
        "order": page.order,
        "shop": viewer.shop,
        "viewer": viewer,
        "message_form": forms.get("message_form") or OrderMessageForm(),
        "note_form": forms.get("note_form") or NoteForm(),
        "await_form": forms.get("await_form")
        or AwaitBuyerForm(initial={"missing": page.order.awaiting_buyer or None}),
        "reply_form": forms.get("reply_form")
        or ReviewReplyForm(initial={"text": page.review.shown_reply if page.review else ""}),
        "now": clock.now(),
        "send_key": uuid.uuid4().hex,
    }
    status = 400 if any(getattr(f, "errors", None) for f in forms.values()) else 200
    return render(request, "web/shop_order.html", context, status=status)


@login_required
def shop_order(request: HttpRequest, shop_id: int, order_id: int) -> HttpResponse:
    return _shop_page(request, _shop_viewer(request, shop_id), order_id)


def _shop_order(viewer: Viewer, order_id: int) -> Order:
    try:
        return get_shop_order(viewer, order_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
@require_POST
def shop_order_message(request: HttpRequest, shop_id: int, order_id: int) -> HttpResponse:
    """Message the buyer: continue the order's thread, or start it."""
    viewer = _shop_viewer(request, shop_id)
    order = _shop_order(viewer, order_id)
    form = OrderMessageForm(request.POST)
    if form.is_valid():
        try:
            message = _send(request, viewer, form, order)
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("Your message is sent to the buyer."))
            thread = reverse("messaging:shop_thread", args=[shop_id, message.conversation_id])
            return redirect(f"{thread}#m{message.id}")
    return _shop_page(request, viewer, order_id, message_form=form)


@login_required
@require_POST
def shop_order_note(request: HttpRequest, shop_id: int, order_id: int) -> HttpResponse:
    viewer = _shop_viewer(request, shop_id)
    order = _shop_order(viewer, order_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            order_note_add(order=order, author=viewer.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error("body", exc.message)
        else:
            messages.success(request, _("Note added."))
            return redirect(reverse("web:shop_order", args=[shop_id, order_id]) + "#notes")
    return _shop_page(request, viewer, order_id, note_form=form)


@login_required
@require_POST
def shop_order_waiting(request: HttpRequest, shop_id: int, order_id: int) -> HttpResponse:
    """Mark the order as waiting on the buyer (and ask them), or stop waiting."""
    viewer = _shop_viewer(request, shop_id)
    order = _shop_order(viewer, order_id)
    back = reverse("web:shop_order", args=[shop_id, order_id])
    if request.POST.get("stop"):
        order_await_buyer_stop(order=order)
        messages.success(request, _("The order no longer waits on the buyer."))
        return redirect(back)
    form = AwaitBuyerForm(request.POST)
    if form.is_valid():
        try:
            order_ask_buyer(viewer=viewer, order=order, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, _("The order waits on the buyer: they were asked in the order's thread.")
            )
            return redirect(back)
    return _shop_page(request, viewer, order_id, await_form=form)


@login_required
def shop_waiting(request: HttpRequest, shop_id: int) -> HttpResponse:
    """The shop's orders waiting on a buyer's answer, by ship-by date."""
    viewer = _shop_viewer(request, shop_id)
    context = {
        "shop": viewer.shop,
        "orders": awaiting_buyer_orders(viewer),
        "today": timezone.localdate(clock.now()),
    }
    return render(request, "web/shop_waiting.html", context)


@login_required
@require_POST
def shop_order_review_reply(
    request: HttpRequest, shop_id: int, order_id: int, review_id: int
) -> HttpResponse:
    """The shop answers the order's review in public, or edits its answer."""
    viewer = _shop_viewer(request, shop_id)
    order = _shop_order(viewer, order_id)
    try:
        review = get_shop_review(viewer, review_id=review_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if review.order_id != order.id:
        raise Http404
    form = ReviewReplyForm(request.POST)
    if form.is_valid():
        first = review.seller_replied_at is None
        try:
            review_reply(viewer=viewer, review=review, text=form.cleaned_data["text"])
        except DomainError as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(
                request, _("Your reply is published.") if first else _("Your reply is updated.")
            )
            return redirect(reverse("web:shop_order", args=[shop_id, order_id]) + "#review")
    return _shop_page(request, viewer, order_id, reply_form=form)
