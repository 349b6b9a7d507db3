"""Moderation on the web: Trust & Safety's console (queue, one flag, decisions) and the
page where a buyer or a shop reports a message.

Handlers parse, call one selector or service, render. Staff pages answer 404 to anyone
without the Trust & Safety permission; a report page to anyone whose side does not see
the message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.access import request_user, staff_page_user
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.forms import add_domain_error
from comptoir.moderation import pages, selectors, services
from comptoir.moderation.forms import NoteForm, ReportForm
from comptoir.moderation.models import Flag, Report
from comptoir.moderation.scoring import Category
from comptoir.shops.access import Viewer, as_buyer, member_viewer

PAGE = 50

DECISIONS = {
    "dismiss": services.flag_dismiss,
    "confirm": services.flag_confirm,
    "release": services.held_release,
    "reject": services.held_reject,
}


def _flag_row(flag: Flag) -> dict[str, Any]:
    decisive = pages.decisive(flag.findings, flag.categories)
    return {
        "flag": flag,
        "categories": [pages.category_text(c) for c in flag.categories],
        "pieces": pages.highlight(flag.message.body, decisive),
        "reasons": [
            {"text": pages.rule_text(f["category"], f["rule"]), "phrase": f["phrase"]}
            for f in sorted(decisive, key=lambda f: -f["weight"])
        ],
    }


# --- Trust & Safety -------------------------------------------------------------------------


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    """Open flags (held messages first) and open reports, each paged by keyset."""
    staff_page_user(request)
    category = request.GET.get("category") or ""
    outcome = request.GET.get("outcome") or ""
    reason = request.GET.get("reason") or ""
    filters = QueryDict(mutable=True)
    filters.update({"category": category, "outcome": outcome, "reason": reason})
    context: dict[str, Any] = {
        "category": category,
        "outcome": outcome,
        "reason": reason,
        "filters": filters.urlencode(),
        "categories": [(c.value, pages.category_text(c.value)) for c in Category],
        "outcomes": Flag.Outcome.choices,
        "reasons": Report.Reason.choices,
        "first_page": not (request.GET.get("cursor") or request.GET.get("reports_cursor")),
    }
    try:
        flags = selectors.flag_queue(
            category=category, outcome=outcome, cursor=request.GET.get("cursor"), limit=PAGE
        )
        reports = selectors.report_queue(
            reason=reason, cursor=request.GET.get("reports_cursor"), limit=PAGE
        )
    except DomainError as exc:
        context.update(error=exc.message, rows=[], reports=[])
        return render(request, "moderation/queue.html", context, status=400)
    context.update(
        rows=[_flag_row(f) for f in flags.items],
        next_cursor=flags.next_cursor,
        reports=[
            {"report": r, "form": NoteForm(auto_id=f"id_close{r.id}_%s")} for r in reports.items
        ],
        reports_next_cursor=reports.next_cursor,
    )
    return render(request, "moderation/queue.html", context)


def _flag_page(
    request: HttpRequest, flag: Flag, *, form: NoteForm | None = None, status: int = 200
) -> HttpResponse:
    context = {
        **_flag_row(flag),
        "evidence": pages.evidence(flag.findings, flag.categories),
        "reports": selectors.reports_on(flag.message_id),
        "form": form or NoteForm(),
        "is_open": flag.status == Flag.Status.OPEN,
        "is_held": flag.outcome == Flag.Outcome.HELD,
    }
    return render(request, "moderation/flag.html", context, status=status)


@login_required
def flag(request: HttpRequest, flag_id: int) -> HttpResponse:
    """One flagged message, every finding highlighted and explained; the read is audited."""
    staff = staff_page_user(request)
    try:
        found = selectors.flag_read(staff, flag_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _flag_page(request, found)


@login_required
@require_POST
def flag_decide(request: HttpRequest, flag_id: int, decision: str) -> HttpResponse:
    staff = staff_page_user(request)
    decide = DECISIONS.get(decision)
    if decide is None:
        raise Http404(_("Unknown decision."))
    try:
        found = selectors.get_flag(flag_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _flag_page(request, found, form=form, status=400)
    try:
        decided = decide(actor=staff, flag_id=flag_id, note=form.cleaned_data["note"])
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        add_domain_error(form, exc)
        return _flag_page(request, selectors.get_flag(flag_id), form=form, status=exc.status)
    messages.success(
        request,
        _("Flag #%(id)d: %(status)s.") % {"id": decided.id, "status": decided.get_status_display()},
    )
    return redirect("moderation:queue")


@login_required
@require_POST
def report_close(request: HttpRequest, report_id: int) -> HttpResponse:
    staff = staff_page_user(request)
    form = NoteForm(request.POST, auto_id=f"id_close{report_id}_%s")
    if form.is_valid():
        try:
            services.report_close(actor=staff, report_id=report_id, note=form.cleaned_data["note"])
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The report is closed."))
    else:
        messages.error(request, _("The note is too long."))
    return redirect(reverse("moderation:queue") + "#reports")


# --- Reporting a message ----------------------------------------------------------------------


def _thread_url(viewer: Viewer, conversation_id: int, message_id: int) -> str:
    if viewer.shop is not None:
        url = reverse("messaging:shop_thread", args=[viewer.shop.id, conversation_id])
    else:
        url = reverse("messaging:buyer_thread", args=[conversation_id])
    return f"{url}#m{message_id}"


def _report(request: HttpRequest, viewer: Viewer, message_id: int) -> HttpResponse:
    try:
        message = selectors.visible_message(viewer, message_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    if message.sender_side == viewer.side:
        raise Http404(_("No such message."))
    back = _thread_url(viewer, message.conversation_id, message.id)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.report_create(
                    viewer=viewer,
                    message_id=message.id,
                    reason=form.cleaned_data["reason"],
                    note=form.cleaned_data["note"],
                )
            except NotFound as exc:
                raise Http404(exc.message) from exc
            except DomainError as exc:
                add_domain_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Thank you. Trust & Safety will look at this message."))
                return redirect(back)
    context = {
        "message": message,
        "form": form,
        "back": back,
        "viewer": viewer,
        "reported": selectors.open_report_by(viewer.user, message.id),
    }
    return render(request, "moderation/report.html", context, status=status)


@login_required
def buyer_report(request: HttpRequest, message_id: int) -> HttpResponse:
    return _report(request, as_buyer(request_user(request)), message_id)


@login_required
def shop_report(request: HttpRequest, shop_id: int, message_id: int) -> HttpResponse:
    try:
        viewer = member_viewer(request_user(request), shop_id=shop_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return _report(request, viewer, message_id)
