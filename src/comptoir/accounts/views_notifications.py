"""New-message e-mails: the one-click "stop" link, and the switch on the account page.

The link's page works without signing in, for whoever holds the link: the signed token
decides whose e-mails, never the session. Its POST is exempt from CSRF on purpose, as the
marketing unsubscribe (consent/views.py): RFC 8058 one-click means the mail client POSTs
`List-Unsubscribe=One-Click` from its own servers, with no cookie and no CSRF token; the
POST uses no session, acts only on what the signed token names, can only turn e-mails off,
and is idempotent. The GET only asks (link scanners and previews fetch links).
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
from comptoir.accounts.notification_links import (
    email_notifications_set,
    notifications_off_person,
)


@csrf_exempt  # RFC 8058 one-click: see the module's docstring.
@require_http_methods(["GET", "HEAD", "POST"])
def notifications_off(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks; POST (the page's button, or the mail client's one click) turns off."""
    user = notifications_off_person(token)
    if user is None:
        response = render(request, "accounts/notifications_off.html", {"valid": False}, status=404)
    else:
        done = request.method == "POST"
        if done:
            email_notifications_set(user_id=user.id, on=False)
        response = render(request, "accounts/notifications_off.html", {"valid": True, "done": done})
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def notifications_switch(request: HttpRequest) -> HttpResponse:
    """Account → E-mails about new messages: on or off (a lone checkbox; absent is off)."""
    on = request.POST.get("email_notifications") in ("on", "1", "true")
    email_notifications_set(user_id=request_user(request).id, on=on)
    if on:
        messages.success(request, _("You will get an e-mail when a new message arrives."))
    else:
        messages.success(request, _("You will no longer get e-mails about new messages."))
    return redirect(reverse("web:account") + "#notifications")
