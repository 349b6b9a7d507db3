"""The seller's coupon and sale pages in the Shop Manager.

Only the shop's members reach them (anyone else: 404). Handlers parse, call one service
or selector, render; every change is a POST followed by a redirect.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from comptoir.accounts.access import request_user
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.promotions import coupons as coupon_services
from comptoir.promotions import discounts, offers_selectors
from comptoir.promotions import sales as sale_services
from comptoir.promotions.forms_offers import CouponForm, SaleForm, add_domain_errors
from comptoir.promotions.models import Coupon, Sale
from comptoir.shops.access import member_viewer
from comptoir.shops.models import Shop

PAGE = 50


def _shop(request: HttpRequest, shop_id: int) -> Shop:
    """The shop for one of its members; 404 for anyone else."""
    try:
        shop = member_viewer(request_user(request), shop_id=shop_id).shop
    except NotFound as exc:
        raise Http404(exc.message) from exc
    assert shop is not None
    return shop


def state_text(state: str) -> str:
    return {
        discounts.SCHEDULED: pgettext("offer state", "Scheduled"),
        discounts.ACTIVE: pgettext("offer state", "Active"),
        discounts.ENDED: pgettext("offer state", "Ended"),
        discounts.COUPON_USED_UP: pgettext("offer state", "Used up"),
        discounts.TURNED_OFF: pgettext("offer state", "Turned off"),
    }[state]


STATE_BADGE = {
    discounts.SCHEDULED: "badge--paused",
    discounts.ACTIVE: "badge--active",
    discounts.ENDED: "badge--closed",
    discounts.COUPON_USED_UP: "badge--closed",
    discounts.TURNED_OFF: "badge--closed",
}


def offer_text(kind: str, amount: Decimal, currency: str) -> str:
    """ "15 % off" or "5.00 EUR off", in the viewer's number format."""
    if kind == discounts.PERCENT:
        whole = amount == amount.to_integral_value()
        shown = number_format(int(amount)) if whole else number_format(amount, 2)
        return _("%(amount)s %% off") % {"amount": shown}
    return _("%(amount)s %(currency)s off") % {
        "amount": number_format(amount, 2),
        "currency": currency,
    }


def _coupon_row(coupon: Coupon, shop: Shop) -> dict[str, Any]:
    state = offers_selectors.coupon_state(coupon)
    return {
        "coupon": coupon,
        "state": state,
        "state_text": state_text(state),
        "badge": STATE_BADGE[state],
        "offer": offer_text(coupon.discount_kind, coupon.amount, shop.currency),
        "uses_left": discounts.uses_left(uses=coupon.uses, usage_limit=coupon.usage_limit),
    }


# --- coupons -------------------------------------------------------------------------------------


@login_required
def coupons(request: HttpRequest, shop_id: int) -> HttpResponse:
    """The shop's codes (uses against the limit, state) and the form for a new one."""
    shop = _shop(request, shop_id)
    form = CouponForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            coupon = coupon_services.coupon_create(
                shop=shop,
                actor=request_user(request),
                data=coupon_services.CouponInput(**form.cleaned_data),
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The code %(code)s is ready.") % {"code": coupon.code})
            return redirect("promotions:coupon", shop_id=shop.id, coupon_id=coupon.id)
    try:
        page = offers_selectors.coupons_page(
            shop, cursor=request.GET.get("cursor") or None, limit=PAGE
        )
    except DomainError as exc:  # a cursor someone edited
        raise Http404(exc.message) from exc
    context = {
        "shop": shop,
        "rows": [_coupon_row(c, shop) for c in page.items],
        "next_cursor": page.next_cursor,
        "form": form,
        "suspended": not shop.may_send_promotions,
    }
    return render(
        request, "promotions/offers/coupons.html", context, status=400 if form.errors else 200
    )


@login_required
def coupon(request: HttpRequest, shop_id: int, coupon_id: int) -> HttpResponse:
    """One code: its settings, the orders that used it, and the switch to turn it off."""
    shop = _shop(request, shop_id)
    try:
        found = offers_selectors.get_coupon(shop, coupon_id)
        page = offers_selectors.redemptions_page(
            found, cursor=request.GET.get("cursor") or None, limit=PAGE
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:  # a cursor someone edited
        raise Http404(exc.message) from exc
    context = {
        "shop": shop,
        "row": _coupon_row(found, shop),
        "coupon": found,
        "redemptions": page.items,
        "next_cursor": page.next_cursor,
        "suspended": not shop.may_send_promotions,
    }
    return render(request, "promotions/offers/coupon.html", context)


@login_required
@require_POST
def coupon_disable(request: HttpRequest, shop_id: int, coupon_id: int) -> HttpResponse:
    shop = _shop(request, shop_id)
    try:
        found = coupon_services.coupon_disable(shop=shop, coupon_id=coupon_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("The code %(code)s is turned off.") % {"code": found.code})
    return redirect("promotions:coupon", shop_id=shop.id, coupon_id=found.id)


# --- sales ---------------------------------------------------------------------------------------


def _sale_row(sale: Sale, shop: Shop) -> dict[str, Any]:
    state = offers_selectors.sale_state(sale)
    return {
        "sale": sale,
        "state": state,
        "state_text": state_text(state),
        "badge": STATE_BADGE[state],
        "offer": offer_text(sale.discount_kind, sale.amount, shop.currency),
        "listings": [] if sale.all_listings else sorted(item.title for item in sale.listings.all()),
    }


@login_required
def sales(request: HttpRequest, shop_id: int) -> HttpResponse:
    """The shop's sales (end one early) and the form for a new one."""
    shop = _shop(request, shop_id)
    listings = Listing.objects.filter(shop=shop, private_for__isnull=True).order_by("title")
    form = SaleForm(request.POST or None, listings=listings)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sale = sale_services.sale_create(
                shop=shop,
                actor=request_user(request),
                data=sale_services.SaleInput(
                    name=data["name"],
                    discount_kind=data["discount_kind"],
                    amount=data["amount"],
                    starts_at=data["starts_at"],
                    ends_at=data["ends_at"],
                    all_listings=data["all_listings"],
                    listing_ids=[item.external_id for item in data["listings"]],
                ),
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("The sale “%(name)s” is saved.") % {"name": sale.name})
            return redirect("promotions:sales", shop_id=shop.id)
    try:
        page = offers_selectors.sales_page(
            shop, cursor=request.GET.get("cursor") or None, limit=PAGE
        )
    except DomainError as exc:
        raise Http404(exc.message) from exc
    context = {
        "shop": shop,
        "rows": [_sale_row(s, shop) for s in page.items],
        "next_cursor": page.next_cursor,
        "form": form,
        "suspended": not shop.may_send_promotions,
        "now": clock.now(),
    }
    return render(
        request, "promotions/offers/sales.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def sale_end(request: HttpRequest, shop_id: int, sale_id: int) -> HttpResponse:
    shop = _shop(request, shop_id)
    try:
        sale = sale_services.sale_end(shop=shop, sale_id=sale_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The sale “%(name)s” has ended.") % {"name": sale.name})
    return redirect("promotions:sales", shop_id=shop.id)
