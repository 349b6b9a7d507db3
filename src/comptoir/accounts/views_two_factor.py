"""Two-factor pages: set up an authenticator app, enter a code after the password, new
recovery codes, turn it off (not for staff). Each parses, calls one service, renders."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

import django_otp
import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.access import request_user
from comptoir.accounts.safe_next import safe_next
from comptoir.accounts.two_factor import (
    enrolment_confirm,
    enrolment_start,
    has_confirmed_device,
    is_verified,
    recovery_codes_left,
    recovery_codes_regenerate,
    secret_text,
    two_factor_remove,
    two_factor_verify,
)
from comptoir.core.errors import DomainError


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=40, strip=True)


T = TypeVar("T")


@never_cache
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), then prove it with a code from the app."""
    user = request_user(request)
    follow = _next(request)
    if has_confirmed_device(user) and not is_verified(request.user):
        # Only a session that passed its second factor may change the authenticator.
        return _to("accounts:two_factor_verify", follow)
    form, status, confirmed = _submitted_code(
        request, lambda code: enrolment_confirm(user=user, code=code)
    )
    if confirmed is not None:
        _verified(request, confirmed.device)
        messages.success(request, _("Two-factor sign-in is on."))
        return _codes_page(request, confirmed.recovery_codes, follow)
    device = enrolment_start(user=user)
    context = {
        "form": form,
        "next": follow,
        "replacing": has_confirmed_device(user),
        "qr_svg": _qr_svg(device),
        "secret": secret_text(device),
        "otpauth_uri": device.config_url,
    }
    return render(request, "accounts/two_factor_setup.html", context, status=status)


@never_cache
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the app, or a recovery code."""
    user = request_user(request)
    follow = _next(request)
    if is_verified(request.user):
        return HttpResponseRedirect(follow or reverse("web:home"))
    if not has_confirmed_device(user):
        return _to("accounts:two_factor_setup", follow)
    form, status, device = _submitted_code(
        request, lambda code: two_factor_verify(user=user, code=code)
    )
    if device is not None:
        _verified(request, device)
        if isinstance(device, StaticDevice):
            left = len(recovery_codes_left(user))
            messages.warning(
                request,
                ngettext(
                    "You used a recovery code: %(n)d is left. Make new ones on your account page.",
                    "You used a recovery code: %(n)d are left. Make new ones on your account page.",
                    left,
                )
                % {"n": left},
            )
        return HttpResponseRedirect(follow or reverse("web:home"))
    context = {"form": form, "next": follow}
    return render(request, "accounts/two_factor_verify.html", context, status=status)


@never_cache
@login_required
@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Ten new recovery codes, shown once; the older ones stop working."""
    user = request_user(request)
    if not is_verified(request.user):
        return _to("accounts:two_factor_verify" if has_confirmed_device(user) else "web:account")
    try:
        codes = recovery_codes_regenerate(user=user)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("web:account")
    return _codes_page(request, codes, "")


@login_required
@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    """Turn two-factor sign-in off: for people who chose it, never for staff."""
    user = request_user(request)
    if not is_verified(request.user) and has_confirmed_device(user):
        return _to("accounts:two_factor_verify")
    try:
        two_factor_remove(user=user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("web:account")


def _codes_page(request: HttpRequest, codes: list[str], follow: str) -> HttpResponse:
    # Rendered in this response only (its view is never_cache: no-store), never again.
    context = {"codes": codes, "next": follow or reverse("web:account")}
    return render(request, "accounts/two_factor_codes.html", context)


def _verified(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """Mark this session as past its second factor, under a new session key."""
    request.session.cycle_key()
    django_otp.login(request, device)


def _submitted_code(
    request: HttpRequest, check: Callable[[str], T]
) -> tuple[CodeForm, int, T | None]:
    """The code form, its HTTP status, and what `check` made of a sent code (None: no code
    sent, or refused, the reason on the form)."""
    form = CodeForm(request.POST or None)
    if request.method != "POST":
        return form, 200, None
    if not form.is_valid():
        return form, 400, None
    try:
        return form, 200, check(form.cleaned_data["code"])
    except DomainError as exc:
        form.add_error("code", exc.message)
        return form, exc.status, None  # 400 wrong code, 429 too many tries, 409 out of date


def _qr_svg(device: TOTPDevice) -> SafeString:
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=4, dark="#000", light="#fff", svgclass="qr__code", omitsize=False
    )
    return mark_safe(svg)  # noqa: S308 (segno's own markup: path data, no text of ours)


def _next(request: HttpRequest) -> str:
    """Where to go afterwards: a path on this site, or "" (anything else is ignored)."""
    return safe_next(request.POST.get("next") or request.GET.get("next"), default="")


def _to(name: str, follow: str = "") -> HttpResponseRedirect:
    url = reverse(name)
    return HttpResponseRedirect(f"{url}?{urlencode({'next': follow})}" if follow else url)
