"""Web pages: thin handlers that call selectors and services, then render."""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.models import ApiToken, User
from comptoir.accounts.services import api_token_create, api_token_revoke, profile_update
from comptoir.catalog.delivery import estimate_delivery
from comptoir.catalog.selectors import get_listing_for, listings_buyers_may_ask_about
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.responsiveness import selectors as responsiveness
from comptoir.responsiveness.presenters import band_text
from comptoir.shops.models import Shop
from comptoir.shops.selectors import described_policies, get_public_shop
from comptoir.web import selectors
from comptoir.web.forms import PreferencesForm, TokenForm


def _viewer(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None


def _responds(shop: Shop) -> str:
    """The shop's "Usually responds within …" sentence ("" below 5 answers): one query."""
    today = clock.now().astimezone(UTC).date()
    return band_text(responsiveness.bands([shop.id], today).get(shop.id))


def home(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    if user is None:
        return render(request, "web/landing.html")
    today = timezone.localdate(clock.now())
    status = request.GET.get("status") or None
    if status not in (None, *Shop.Status.values):
        status = None
    context = {
        "orders": selectors.buyer_orders(user),
        "overviews": selectors.seller_overview(user, today),
        "today": today,
        "status_choices": Shop.Status.choices,
        "status": status,
    }
    if user.is_trust_and_safety:
        try:
            context["shop_table"] = selectors.staff_shop_table(
                status=status, cursor=request.GET.get("cursor")
            )
        except DomainError:
            context["shop_table"] = selectors.staff_shop_table(status=status, cursor=None)
    return render(request, "web/home.html", context)


def shop_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        shop = get_public_shop(slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    context = {
        "shop": shop,
        "listings": selectors.shop_page_listings(shop, _viewer(request)),
        "policies": described_policies(shop),
        "responds": _responds(shop),
    }
    return render(request, "web/shop.html", context)


def listing_page(request: HttpRequest, listing_id: int) -> HttpResponse:
    viewer = _viewer(request)
    try:
        listing = get_listing_for(viewer, listing_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    processing, transit = listing.processing_days(), listing.delivery_days()
    estimate = None
    if processing is not None and transit is not None:
        estimate = estimate_delivery(
            ordered_at=clock.now(),
            time_zone=listing.shop.time_zone,
            processing=processing,
            transit=transit,
        )
    returns = [p for p in described_policies(listing.shop) if p["section"] == "returns"]
    context = {
        "listing": listing,
        "shop": listing.shop,
        "processing": processing,
        "transit": transit,
        "estimate": estimate,
        "returns": returns[0] if returns else None,
        "made_for_viewer": viewer is not None and listing.private_for_id == viewer.id,
        # Staff read other buyers' custom listings; only their buyer may ask about one.
        "may_ask": viewer is None
        or listings_buyers_may_ask_about(viewer).filter(pk=listing.pk).exists(),
        "responds": _responds(listing.shop),
    }
    return render(request, "web/listing.html", context)


def _account_context(user: User, **extra: object) -> dict[str, object]:
    return {
        "tokens": ApiToken.objects.filter(user=user).order_by("-created_at", "-id"),
        "token_form": TokenForm(),
        **extra,
    }


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    assert user is not None
    initial = {
        "display_name": user.display_name,
        "language": user.language,
        "time_zone": user.time_zone,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            profile_update(user=user, **form.cleaned_data)
        except DomainError as exc:
            for name, problem in exc.fields.items():
                form.add_error(name if name in form.fields else None, problem)
        else:
            messages.success(request, _("Your preferences are saved."))
            response = redirect("web:account")
            if user.language:  # the saved language wins over an older switch
                response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
            return response
    return render(request, "web/account.html", _account_context(user, form=form))


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user = _viewer(request)
    assert user is not None
    token_form = TokenForm(request.POST)
    if not token_form.is_valid():
        context = _account_context(user, form=PreferencesForm(initial={}), token_form=token_form)
        return render(request, "web/account.html", context, status=400)
    issued = api_token_create(user=user, name=token_form.cleaned_data["name"])
    # The secret is rendered in this response only: it is never stored, never shown again.
    response = render(request, "web/token_created.html", {"issued": issued})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    user = _viewer(request)
    assert user is not None
    try:
        token = api_token_revoke(user=user, token_id=token_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("web:account")
