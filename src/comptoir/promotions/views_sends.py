"""The seller's Promotions pages: the overview, sends to past buyers (new send with its
audience check, progress and recipients) and the check-in after delivery.

Only the shop's members reach them (anyone else: 404). Handlers parse, call one service
or selector, render; every change is a POST followed by a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.models import User
from comptoir.core.errors import DomainError, NotFound
from comptoir.promotions import followups, sends, sends_selectors
from comptoir.promotions.audiences import audience_check, audience_preview
from comptoir.promotions.forms_sends import FollowUpForm, SendForm, add_domain_errors, spec_key
from comptoir.promotions.models import Campaign, Recipient
from comptoir.shops.access import Viewer, member_viewer
from comptoir.shops.models import Shop

PAGE = 50
REFRESH_MS = 2000


def _viewer(request: HttpRequest, shop_id: int) -> Viewer:
    """A member's viewer of the shop; 404 for anyone else."""
    user = request.user
    assert isinstance(user, User)
    try:
        return member_viewer(user, shop_id=shop_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _shop(viewer: Viewer) -> Shop:
    assert viewer.shop is not None
    return viewer.shop


def _rows(campaigns: list[Campaign]) -> list[dict[str, Any]]:
    rows = []
    for c in campaigns:
        done, total, percent = sends.progress(c)
        rows.append({"send": c, "done": done, "total": total, "percent": percent})
    return rows


@login_required
def home(request: HttpRequest, shop_id: int) -> HttpResponse:
    """Promotions: codes, sales, sends to past buyers and the check-in, in one place."""
    shop = _shop(_viewer(request, shop_id))
    recent = sends_selectors.sends_page(shop, cursor=None, limit=5).items
    context = {
        "shop": shop,
        "here": "home",
        "rows": _rows(recent),
        "follow_up": followups.follow_up_settings(shop),
        "allowance_left": sends.allowance_left(shop),
        "daily_cap": sends.daily_cap(),
        "suspended": not shop.may_send_promotions,
    }
    return render(request, "promotions/home.html", context)


@login_required
def sends_list(request: HttpRequest, shop_id: int) -> HttpResponse:
    shop = _shop(_viewer(request, shop_id))
    try:
        page = sends_selectors.sends_page(shop, cursor=request.GET.get("cursor"), limit=PAGE)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    context = {
        "shop": shop,
        "here": "sends",
        "rows": _rows(page.items),
        "next_cursor": page.next_cursor,
        "suspended": not shop.may_send_promotions,
    }
    return render(request, "promotions/sends/list.html", context)


@login_required
def send_new(request: HttpRequest, shop_id: int) -> HttpResponse:
    """New send: the seller checks the audience (who gets it, who is left out) first; the
    Send button appears only with those figures, for the audience they describe."""
    viewer = _viewer(request, shop_id)
    shop = _shop(viewer)
    preview = None
    status = 200
    if request.method == "POST":
        form = SendForm(request.POST, shop=shop)
        if form.is_valid():
            key = spec_key(form.spec())
            try:
                if "send" in request.POST and form.cleaned_data.get("checked") == key:
                    campaign = sends.send_new(viewer=viewer, data=form.send_input())
                    messages.success(request, _("Sending has started."))
                    return redirect("promotions:send", shop.id, campaign.id)
                spec = audience_check(shop=shop, spec=form.spec())
                preview = audience_preview(shop=shop, spec=spec)
                data = request.POST.copy()
                data["checked"] = key  # what the figures shown describe
                form = SendForm(data, shop=shop)
            except DomainError as exc:
                add_domain_errors(form, exc)
                preview = None
        if not form.is_valid():
            status = 400
    else:
        form = SendForm(shop=shop)
    context = {
        "shop": shop,
        "here": "sends",
        "form": form,
        "preview": preview,
        "allowance_left": sends.allowance_left(shop),
        "daily_cap": sends.daily_cap(),
        "suspended": not shop.may_send_promotions,
    }
    return render(request, "promotions/sends/new.html", context, status=status)


@login_required
def send_detail(request: HttpRequest, shop_id: int, send_id: int) -> HttpResponse:
    """One send: its progress bar (refreshing while it sends) and its recipients, paged."""
    shop = _shop(_viewer(request, shop_id))
    try:
        campaign = sends_selectors.get_send(shop, send_id)
        wanted = request.GET.get("status", "")
        page = sends_selectors.recipients_page(
            campaign, status=wanted, cursor=request.GET.get("cursor"), limit=PAGE
        )
    except DomainError as exc:
        raise Http404(exc.message) from exc
    done, total, percent = sends.progress(campaign)
    context = {
        "shop": shop,
        "here": "sends",
        "send": campaign,
        "done": done,
        "total": total,
        "percent": percent,
        "sending": campaign.status == Campaign.Status.SENDING,
        "refresh_ms": REFRESH_MS,
        "recipients": page.items,
        "next_cursor": page.next_cursor,
        "wanted": wanted,
        "statuses": Recipient.Status.choices,
        "suspended": not shop.may_send_promotions,
    }
    return render(request, "promotions/sends/detail.html", context)


def _send_action(
    request: HttpRequest, shop_id: int, send_id: int, action: Callable[..., object], done: str
) -> HttpResponse:
    """Start or cancel a send, then back to its page with what happened."""
    viewer = _viewer(request, shop_id)
    try:
        action(viewer=viewer, campaign_id=send_id)
        messages.success(request, done)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("promotions:send", shop_id, send_id)


@login_required
@require_POST
def send_cancel(request: HttpRequest, shop_id: int, send_id: int) -> HttpResponse:
    done = _("The send is cancelled: nobody else will get it.")
    return _send_action(request, shop_id, send_id, sends.send_cancel, done)


@login_required
@require_POST
def send_start(request: HttpRequest, shop_id: int, send_id: int) -> HttpResponse:
    return _send_action(request, shop_id, send_id, sends.send_start, _("Sending has started."))


@login_required
def follow_ups(request: HttpRequest, shop_id: int) -> HttpResponse:
    """The check-in after delivery: its settings and the recent check-ins."""
    shop = _shop(_viewer(request, shop_id))
    stored = followups.follow_up_settings(shop)
    status = 200
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                followups.follow_up_settings_set(shop=shop, data=form.follow_up_input())
                messages.success(request, _("Check-in settings saved."))
                return redirect("promotions:follow_ups", shop.id)
            except DomainError as exc:
                add_domain_errors(form, exc)
        status = 400
    else:
        form = FollowUpForm(
            initial={
                "enabled": stored.enabled,
                "days_after_delivery": stored.days_after_delivery,
                "body": stored.body,
            }
        )
    try:
        page = followups.follow_ups_page(shop, cursor=request.GET.get("cursor"), limit=PAGE)
    except DomainError as exc:
        raise Http404(exc.message) from exc
    context = {
        "shop": shop,
        "here": "follow_ups",
        "form": form,
        "stored": stored,
        "look_back_days": followups.LOOK_BACK_DAYS,
        "items": page.items,
        "next_cursor": page.next_cursor,
    }
    return render(request, "promotions/sends/follow_ups.html", context, status=status)
