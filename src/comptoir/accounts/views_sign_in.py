"""Sign-in pages: password, e-mail links, marketplace-signed links, password reset/change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from comptoir.accounts import email_links, oidc
from comptoir.accounts.forms import EmailLinkForm, OutboxPasswordResetForm
from comptoir.accounts.safe_next import safe_next
from comptoir.accounts.signed_links import LinkRefused, use_signed_link
from comptoir.core import ratelimit

SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"
RESET_PER_IP = ratelimit.Limit("password_reset.ip", limit=20, per=3600)
RESET_PER_ADDRESS = ratelimit.Limit("password_reset.address", limit=5, per=3600)


def _sign_in_context(request: HttpRequest, next_path: str) -> dict[str, Any]:
    return {
        "oidc_enabled": oidc.is_configured(),
        "oidc_provider": oidc.provider_name() if oidc.is_configured() else "",
        "oidc_url": oidc.start_path(next_path) if oidc.is_configured() else "",
        "email_form": EmailLinkForm(initial={"next": next_path}),
    }


class SignInView(auth_views.LoginView):
    """The sign-in page: the marketplace's sign-in, a password, or a link by e-mail."""

    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        next_path = safe_next(self.request.POST.get("next") or self.request.GET.get("next"), "")
        context.update(_sign_in_context(self.request, next_path))
        return context


@require_POST
def email_link_request(request: HttpRequest) -> HttpResponse:
    form = EmailLinkForm(request.POST)
    next_path = safe_next(request.POST.get("next"))
    if not form.is_valid():
        context = {"form": None, **_sign_in_context(request, next_path), "email_form": form}
        return render(request, "accounts/sign_in.html", context, status=400)
    try:
        email_links.sign_in_link_request(
            email=form.cleaned_data["email"], ip=ratelimit.client_ip(request), next_path=next_path
        )
    except ratelimit.RateLimited as refused:
        form.add_error(None, refused.message)
        context = {"form": None, **_sign_in_context(request, next_path), "email_form": form}
        return render(request, "accounts/sign_in.html", context, status=429)
    request.session["sign_in_link_sent_to"] = form.cleaned_data["email"]
    return redirect("accounts:email_link_sent")


def email_link_sent(request: HttpRequest) -> HttpResponse:
    address = request.session.get("sign_in_link_sent_to", "")
    return render(request, "accounts/email_link_sent.html", {"address": address})


@never_cache
@require_http_methods(["GET", "POST"])
def email_link_open(request: HttpRequest, secret: str) -> HttpResponse:
    """GET shows who the link signs in (mail scanners that follow links spend nothing);
    the button POSTs, which spends the link and signs in."""
    if request.method == "GET":
        pending = email_links.sign_in_link_peek(secret)
        if pending is None:
            return render(request, "accounts/email_link_invalid.html", status=410)
        return render(request, "accounts/email_link_open.html", {"pending": pending})
    pending = email_links.sign_in_link_use(secret)
    if pending is None:
        return render(request, "accounts/email_link_invalid.html", status=410)
    login(request, pending.user, backend=SESSION_BACKEND)
    return redirect(safe_next(pending.link.next_path))


REFUSALS = {
    "link_invalid": 400,
    "link_expired": 400,
    "link_wrong_audience": 400,
    "link_lifetime_too_long": 400,
    "link_unsafe_target": 400,
    "link_used": 400,
    "unknown_user": 403,
    "staff_not_by_link": 403,
}


@never_cache
def signed_link(request: HttpRequest) -> HttpResponse:
    """A link the marketplace signed: sign the person in and open the page it names."""
    try:
        link = use_signed_link(request.GET.get("token", ""))
    except LinkRefused as refused:
        context = {"code": refused.code}
        return render(
            request, "accounts/signed_link_refused.html", context, status=REFUSALS[refused.code]
        )
    login(request, link.user, backend=SESSION_BACKEND)
    return redirect(link.next_path)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a new password; the same answer whether or not the address is known."""

    form_class = OutboxPasswordResetForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        email = request.POST.get("email", "")
        if not ratelimit.hit(RESET_PER_IP, ratelimit.client_ip(request)):
            messages.error(request, _("Too many requests from here. Try again in an hour."))
            return redirect("accounts:password_reset")
        if email and not ratelimit.hit(RESET_PER_ADDRESS, email):
            return redirect(self.success_url)  # same answer: nothing more is sent
        return super().post(request, *args, **kwargs)


def password_urls() -> dict[str, Any]:
    """The reset and change views with Comptoir's templates (for urls_sign_in)."""
    return {
        "reset": PasswordResetView.as_view(),
        "reset_done": auth_views.PasswordResetDoneView.as_view(
            template_name="accounts/password_reset_done.html"
        ),
        "reset_confirm": auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        "reset_complete": auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        "change": auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts:password_change_done"),
        ),
        "change_done": auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
    }
