"""Shop Manager → Your website: which of the shop's sites may show its contact form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from comptoir.accounts.access import request_user
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.contact import PER_ADDRESS, PER_IP, embed_snippet
from comptoir.shops.access import member_viewer
from comptoir.shops.services import MAX_EMBED_ORIGINS, embed_origins_set


@login_required
def website(request: HttpRequest, shop_id: int) -> HttpResponse:
    """The origins the owner and staff list (one a line), and the snippet to paste."""
    try:
        shop = member_viewer(request_user(request), shop_id=shop_id).shop
    except NotFound as exc:
        raise Http404(exc.message) from exc
    assert shop is not None
    lines = list(shop.embed_origins)
    error, bad = "", []
    if request.method == "POST":
        lines = request.POST.get("origins", "").splitlines()
        try:
            embed_origins_set(shop=shop, origins=lines)
            messages.success(request, _("Your website settings are saved."))
            return redirect("messaging:website", shop.id)
        except DomainError as exc:
            error = exc.message
            bad = [
                lines[int(key.rsplit(".", 1)[1])].strip()
                for key in exc.fields
                if key.startswith("embed_origins.")
            ]
    url = request.build_absolute_uri(reverse("messaging:contact", args=[shop.slug]))
    context = {
        "shop": shop,
        "origins": "\n".join(line.strip() for line in lines),
        "error": error,
        "bad": bad,
        "form_url": url,
        "snippet": embed_snippet(url=url, shop=shop),
        "max_origins": MAX_EMBED_ORIGINS,
        "per_address": PER_ADDRESS.limit,
        "per_ip": PER_IP.limit,
    }
    return render(request, "messaging/website.html", context, status=400 if error else 200)
