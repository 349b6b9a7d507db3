"""The local mailbox in Trust & Safety's console: the e-mails Comptoir kept instead of sending.

With no EMAIL_URL every e-mail is a file in the mailbox (core.mailbox); the demo's
e-mails always are. Staff list them newest first and open one: its headers, its text,
and its HTML shown in a sandboxed frame (never as part of this page): the frame loads
`mail_html`, served with a policy of its own that runs nothing, loads nothing from
elsewhere and may only be framed by Comptoir.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from comptoir.accounts.access import staff_page_user
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.mailbox import Mail, mailbox_in_use, mailbox_page, read_mail

PAGE = 50


@login_required
def mailbox(request: HttpRequest) -> HttpResponse:
    staff_page_user(request)
    cursor = request.GET.get("cursor") or None
    context: dict[str, Any] = {"in_use": mailbox_in_use(), "first_page": cursor is None}
    try:
        page = mailbox_page(cursor=cursor, limit=PAGE)
    except DomainError as exc:
        context.update(error=exc.message, mails=[], next_cursor=None, total=0)
        return render(request, "standards/mailbox.html", context, status=400)
    context.update(mails=page.items, next_cursor=page.next_cursor, total=page.total)
    return render(request, "standards/mailbox.html", context)


@login_required
def mail(request: HttpRequest, mail_id: str) -> HttpResponse:
    staff_page_user(request)
    found = _kept(mail_id)
    return render(request, "standards/mail.html", {"mail": found, "in_use": mailbox_in_use()})


def _kept(mail_id: str) -> Mail:
    try:
        return read_mail(mail_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


# The e-mail's HTML runs nothing and loads nothing but its own inline styles and data:
# images; `sandbox` gives it an opaque origin even if it is opened outside the frame.
MAIL_HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox"
)


@require_safe
@login_required
@xframe_options_sameorigin
def mail_html(request: HttpRequest, mail_id: str) -> HttpResponse:
    """The HTML alternative of one kept e-mail, for the mail page's sandboxed frame."""
    staff_page_user(request)
    found = _kept(mail_id)
    if not found.html:
        raise Http404
    response = HttpResponse(found.html, content_type="text/html; charset=utf-8")
    response["Content-Security-Policy"] = MAIL_HTML_POLICY  # django-csp keeps a set header
    response["Referrer-Policy"] = "no-referrer"
    return response
