"""Consent on the web: the buyer's "News and offers" page, and the unsubscribe link.

The unsubscribe page works without logging in, for whoever holds the link: the signed
token decides whose consent and which shop, never the session. Its POST is exempt from
CSRF on purpose:

- RFC 8058 one-click unsubscribe: the mail client (Gmail, Apple Mail…) POSTs
  `List-Unsubscribe=One-Click` to the link from its own servers, with no cookie and no
  CSRF token. A CSRF check would refuse every one of them.
- CSRF protects a logged-in session from being used by another site. This POST uses no
  session: it acts only on what the signed token names (a forged request needs the token,
  and whoever has the token may unsubscribe anyway), and it can only withdraw. The worst
  a forged request can do is what the link's owner asked for by receiving it.
- It is idempotent: a second POST records nothing.

The GET only asks (link scanners and previews fetch links: they must not unsubscribe
anyone). Subscribing again is not offered on the anonymous page: consent must be the
buyer's own act, shown to be theirs, and a forwarded e-mail or a scanner that submits
forms could otherwise give it in their name. The confirmation links to the preferences
page instead, behind login.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from comptoir.accounts.access import request_user
from comptoir.consent import overview
from comptoir.consent.forms import ConsentForm
from comptoir.consent.links import read_unsubscribe_token
from comptoir.consent.models import Source
from comptoir.consent.services import consent_set
from comptoir.core.errors import NotFound


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """Account → News and offers: one switch per shop the buyer could hear from."""
    choices = overview.buyer_choices(buyer_id=request_user(request).id)
    rows = [
        {
            "choice": c,
            "form": ConsentForm(initial={"given": c.given}, auto_id=f"id_shop{c.shop.id}_%s"),
        }
        for c in choices
    ]
    return render(request, "consent/preferences.html", {"rows": rows})


@login_required
@require_POST
def consent_change(request: HttpRequest, shop_id: int) -> HttpResponse:
    user = request_user(request)
    try:
        shop = overview.buyer_shop(buyer_id=user.id, shop_id=shop_id)
    except NotFound as exc:
        return render(request, "consent/not_found.html", {"message": exc.message}, status=404)
    form = ConsentForm(request.POST)
    form.is_valid()  # a lone optional checkbox is always valid: absent is "no"
    given = bool(form.cleaned_data.get("given"))
    consent_set(buyer_id=user.id, shop_id=shop.id, given=given, source=Source.ACCOUNT)
    if given:
        text = _("You will get news and offers from %(shop)s.")
    else:
        text = _("You will no longer get news and offers from %(shop)s.")
    messages.success(request, text % {"shop": shop.name})
    return redirect(reverse("consent:preferences") + f"#shop-{shop.id}")


def _link_not_valid(request: HttpRequest) -> HttpResponse:
    message = _("This unsubscribe link is not valid.")
    response = render(
        request, "consent/not_found.html", {"message": message, "link": True}, status=404
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@csrf_exempt  # RFC 8058 one-click: see the module's docstring.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks; POST (the page's button, or the mail client's one click) withdraws."""
    found = read_unsubscribe_token(token)
    if found is None:
        return _link_not_valid(request)
    try:
        shop = overview.unsubscribe_shop(found)
    except NotFound:
        return _link_not_valid(request)
    done = request.method == "POST"
    if done:
        consent_set(
            buyer_id=found.buyer_id,
            shop_id=shop.id,
            given=False,
            source=Source.UNSUBSCRIBE,
            reference=found.reference,
        )
    response = render(request, "consent/unsubscribe.html", {"shop": shop, "done": done})
    response["X-Robots-Tag"] = "noindex"
    return response
