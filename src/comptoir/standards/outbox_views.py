"""The e-mail outbox in Trust & Safety's console: e-mails given up, waiting, sent.

A given-up e-mail (a dead letter: refused for good, or every attempt failed) can be sent
again from here; the audit log keeps who did.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.access import staff_page_user
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.outbox import STATUSES, email_retry, outbox_page, waiting_counts

PAGE = 50


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    staff_page_user(request)
    status = request.GET.get("status", "dead")
    if status not in STATUSES:
        status = "dead"
    cursor = request.GET.get("cursor") or None
    context = {
        "status": status,
        "first_page": cursor is None,
        "counts": waiting_counts(),
    }
    try:
        page = outbox_page(status=status, cursor=cursor, limit=PAGE)
    except DomainError as exc:
        context.update(error=exc.message, emails=[], next_cursor=None)
        return render(request, "standards/outbox.html", context, status=400)
    context.update(emails=page.items, next_cursor=page.next_cursor)
    return render(request, "standards/outbox.html", context)


@login_required
@require_POST
def outbox_retry(request: HttpRequest, email_id: int) -> HttpResponse:
    staff = staff_page_user(request)
    try:
        email = email_retry(email_id=email_id, actor=staff)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The e-mail to %(recipient)s will be sent again.") % {"recipient": email.recipient},
        )
    return redirect("standards:outbox")
