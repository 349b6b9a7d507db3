"""Service standards on the web: Trust & Safety's console (queue, shop file, thread reads,
settings, audit log) and the seller's "Service standards" page in the Shop Manager.

Handlers parse, call one selector or service, render. Staff pages answer 404 to anyone
without the Trust & Safety permission; the seller's page to anyone outside the shop.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from comptoir.accounts.access import request_user, staff_page_user
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.selectors import staff_thread
from comptoir.reviews.selectors import get_review_for_staff
from comptoir.reviews.services import review_reply_remove as review_reply_remove_service
from comptoir.shops.access import readable_shop
from comptoir.shops.models import Shop
from comptoir.standards import config, ladder, pages, selectors
from comptoir.standards.export import audit_csv_lines
from comptoir.standards.forms import (
    ActionForm,
    AuditFilterForm,
    ReasonForm,
    SettingsForm,
    add_domain_errors,
)
from comptoir.standards.models import Action, Evaluation, Flag
from comptoir.standards.presenters import counts, figure_rows, standing_data
from comptoir.standards.tasks import STALE_AFTER, evaluation_start

QUEUE_PAGE = 50
AUDIT_PAGE = 100
EVALUATIONS_SHOWN = 5
REFRESH_MS = 2000


def _found(get: Any, *args: Any) -> Any:
    """A selector's object, or the page's 404."""
    try:
        return get(*args)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _any_shop(shop_id: int) -> Shop:
    shop = Shop.objects.filter(id=shop_id).first()
    if shop is None:
        raise Http404(_("No such shop."))
    return shop


# --- the queue and the evaluations ------------------------------------------------------


def _evaluations_context() -> dict[str, Any]:
    found = selectors.evaluations(EVALUATIONS_SHOWN)
    since = clock.now() - STALE_AFTER
    return {
        "evaluations": [
            {"evaluation": e, "progress": pages.progress_text(e.progress)} for e in found
        ],
        # One left running by a worker that died no longer blocks (as evaluation_start).
        "running": any(
            e.state == Evaluation.State.RUNNING and e.started_at >= since for e in found
        ),
        "refresh_ms": REFRESH_MS,
    }


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    staff_page_user(request)
    view = request.GET.get("view") or "review"
    kind = request.GET.get("kind") or ""
    sort = request.GET.get("sort") or "dissatisfaction"
    filters = QueryDict(mutable=True)
    filters.update({"view": view, "kind": kind, "sort": sort})
    context: dict[str, Any] = {
        "view": view,
        "kind": kind,
        "sort": sort,
        "filters": filters.urlencode(),
        "views": pages.VIEW_LABELS.items(),
        "kinds": Flag.Kind.choices,
        "sorts": pages.SORT_LABELS.items(),
        "first_page": not request.GET.get("cursor"),
        **_evaluations_context(),
    }
    status = 200
    try:
        found = selectors.queue(
            view=view,
            kind=kind,
            sort=sort,
            cursor=request.GET.get("cursor") or None,
            limit=QUEUE_PAGE,
        )
    except DomainError as exc:
        context.update(error=exc.message, rows=[], day=None, waiting=None, next_cursor=None)
        status = 400
    else:
        context.update(
            rows=pages.queue_rows(found.rows),
            day=found.day,
            waiting=found.waiting,
            next_cursor=found.next_cursor,
        )
    return render(request, "standards/queue.html", context, status=status)


@login_required
@require_POST
def evaluate(request: HttpRequest) -> HttpResponse:
    staff = staff_page_user(request)
    try:
        evaluation_start(requested_by=staff)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("The evaluation has started. It runs in the background: see its progress.")
        )
    return redirect(reverse("standards:queue") + "#evaluations")


@login_required
def evaluations(request: HttpRequest) -> HttpResponse:
    """The status block alone, fetched every two seconds while an evaluation runs."""
    staff_page_user(request)
    return render(request, "standards/_evaluations.html", _evaluations_context())


# --- a shop's file ------------------------------------------------------------------------


def _shop_file(
    request: HttpRequest,
    shop: Shop,
    *,
    action_form: ActionForm | None = None,
    lift_forms: dict[int, ReasonForm] | None = None,
    dismiss_forms: dict[int, ReasonForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    s = selectors.standing(shop)
    data = standing_data(s, for_staff=True)
    lift_forms = lift_forms or {}
    dismiss_forms = dismiss_forms or {}
    for action in data["actions"]:
        action["lift_form"] = lift_forms.get(action["id"]) or ReasonForm(
            auto_id=f"id_lift{action['id']}_%s"
        )
    flags = pages.flag_rows(s.open_flags)
    for row in flags:
        flag_id = row["flag"].id
        row["form"] = dismiss_forms.get(flag_id) or ReasonForm(auto_id=f"id_dismiss{flag_id}_%s")
    if action_form is None:
        # The ladder's next step is offered, but a revocation is never one click away.
        offered = s.next_step if s.next_step < Action.Step.REVOCATION else Action.Step.WARNING
        action_form = ActionForm(
            initial={
                "step": offered,
                "flag_kind": s.open_flags[0].kind if s.open_flags else "",
            }
        )
    threshold = float(s.thresholds.dissatisfaction_rate)
    context = {
        "shop": shop,
        "standing": s,
        "data": data,
        "figures": figure_rows(s),
        "counts": counts(s),
        "step_text": pages.step_text(s.step),
        "next_step_text": pages.step_text(s.next_step),
        "flags": flags,
        "actions": data["actions"],
        "action_form": action_form,
        "sparkline": pages.sparkline(s.history, threshold),
        "history": pages.history_rows(s.history),
        "behind": selectors.behind(shop),
        "temporary": Action.Step.TEMPORARY.value,
        "window_days": s.thresholds.rate_window_days,
    }
    return render(request, "standards/shop.html", context, status=status)


@login_required
def shop_file(request: HttpRequest, shop_id: int) -> HttpResponse:
    staff_page_user(request)
    return _shop_file(request, _any_shop(shop_id))


@login_required
@require_POST
def action_take(request: HttpRequest, shop_id: int) -> HttpResponse:
    staff = staff_page_user(request)
    shop = _any_shop(shop_id)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _shop_file(request, shop, action_form=form, status=400)
    data = form.cleaned_data
    try:
        action = ladder.action_take(
            actor=staff,
            shop_id=shop.id,
            step=data["step"],
            reason=data["reason"],
            measures=data["measures"],
            flag_kind=data["flag_kind"],
            ends_on=data["ends_on"],
        )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        add_domain_errors(form, exc)
        return _shop_file(request, shop, action_form=form, status=exc.status)
    messages.success(
        request,
        _("%(step)s taken for %(shop)s. The shop is told.")
        % {"step": action.get_step_display(), "shop": shop.name},
    )
    return redirect(reverse("standards:shop", args=[shop.id]) + "#actions")


@login_required
@require_POST
def action_lift(request: HttpRequest, action_id: int) -> HttpResponse:
    staff = staff_page_user(request)
    action = _found(selectors.get_action, action_id)
    form = ReasonForm(request.POST, auto_id=f"id_lift{action.id}_%s")
    if form.is_valid():
        try:
            ladder.action_lift(actor=staff, action_id=action.id, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_errors(form, exc)
            return _shop_file(request, action.shop, lift_forms={action.id: form}, status=exc.status)
        messages.success(
            request,
            _("%(step)s lifted. The shop is told.") % {"step": action.get_step_display()},
        )
        return redirect(reverse("standards:shop", args=[action.shop_id]) + "#actions")
    return _shop_file(request, action.shop, lift_forms={action.id: form}, status=400)


@login_required
@require_POST
def flag_dismiss(request: HttpRequest, flag_id: int) -> HttpResponse:
    staff = staff_page_user(request)
    flag = _found(selectors.get_flag, flag_id)
    shop = _any_shop(flag.shop_id)
    form = ReasonForm(request.POST, auto_id=f"id_dismiss{flag.id}_%s")
    if form.is_valid():
        try:
            ladder.flag_dismiss(actor=staff, flag_id=flag.id, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_errors(form, exc)
            return _shop_file(request, shop, dismiss_forms={flag.id: form}, status=exc.status)
        messages.success(
            request,
            _("The flag “%(kind)s” is dismissed: no action needed.")
            % {"kind": flag.get_kind_display()},
        )
        return redirect("standards:shop", shop.id)
    return _shop_file(request, shop, dismiss_forms={flag.id: form}, status=400)


@login_required
@require_POST
def review_reply_remove(request: HttpRequest, shop_id: int, review_id: int) -> HttpResponse:
    """Remove the shop's abusive reply to a review (audited, sent to the marketplace)."""
    staff = staff_page_user(request)
    shop = _any_shop(shop_id)
    review = _found(
        lambda review_id: get_review_for_staff(staff, shop=shop, review_id=review_id), review_id
    )
    try:
        review_reply_remove_service(
            actor=staff, review=review, reason=request.POST.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The shop's reply is removed; the audit log keeps it."))
    return redirect(reverse("standards:shop", args=[shop.id]) + "#replies")


@login_required
def thread(request: HttpRequest, conversation_id: int) -> HttpResponse:
    """A thread read by Trust & Safety, whole and read-only; the read is audited."""
    staff = staff_page_user(request)
    try:
        found = staff_thread(staff, conversation_id, before=request.GET.get("before") or None)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    context = {"thread": found, "conversation": found.conversation, "shop": found.conversation.shop}
    return render(request, "standards/thread.html", context)


# --- settings and the audit log ------------------------------------------------------------


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    staff = staff_page_user(request)
    current = config.current_settings()
    form = SettingsForm(request.POST or None, instance=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in config.EDITABLE}
            try:
                config.settings_update(actor=staff, values=values)
            except DomainError as exc:
                add_domain_errors(form, exc)
                status = exc.status
            else:
                messages.success(request, _("The settings are saved."))
                return redirect("standards:settings")
        else:
            status = 400
    saved = config.current_settings()  # the form changed `current` while it validated
    return render(request, "standards/settings.html", {"form": form, "saved": saved}, status=status)


def _audit_filter(request: HttpRequest) -> AuditFilterForm:
    return AuditFilterForm(request.GET, verbs=[(v, str(t)) for v, t in pages.VERBS.items()])


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    staff_page_user(request)
    form = _audit_filter(request)
    context: dict[str, Any] = {"form": form, "first_page": not request.GET.get("cursor")}
    if not form.is_valid():
        context.update(error=_("Some filters are not valid."), lines=[], next_cursor=None)
        return render(request, "standards/audit.html", context, status=400)
    shop_id, verb = form.cleaned_data["shop"], form.cleaned_data["verb"]
    filters = QueryDict(mutable=True)
    filters.update({"shop": shop_id or "", "verb": verb})
    try:
        page = selectors.audit_log(
            shop_id=shop_id, verb=verb, cursor=form.cleaned_data["cursor"] or None, limit=AUDIT_PAGE
        )
    except DomainError as exc:
        context.update(error=exc.message, lines=[], next_cursor=None)
        return render(request, "standards/audit.html", context, status=400)
    context.update(
        lines=pages.audit_lines(page.items),
        next_cursor=page.next_cursor,
        filters=filters.urlencode(),
        shop_id=shop_id,
    )
    return render(request, "standards/audit.html", context)


@login_required
def audit_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    staff = staff_page_user(request)
    form = _audit_filter(request)
    if not form.is_valid():
        return HttpResponse(
            _("Some filters are not valid."), status=400, content_type="text/plain; charset=utf-8"
        )
    shop_id = form.cleaned_data["shop"]
    response = StreamingHttpResponse(
        audit_csv_lines(actor=staff, shop_id=shop_id, verb=form.cleaned_data.get("verb") or ""),
        content_type="text/csv; charset=utf-8",
    )
    name = f"comptoir-audit-log-shop-{shop_id}.csv" if shop_id else "comptoir-audit-log.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the seller's page ---------------------------------------------------------------------


@login_required
def seller_page(request: HttpRequest, shop_id: int) -> HttpResponse:
    """Shop Manager → Service standards: the shop's figures against the standards, what
    Trust & Safety did, and what to fix. Staff see it as the shop does."""
    try:
        shop, member = readable_shop(request_user(request), shop_id=shop_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    s = selectors.standing(shop)
    context = {
        "shop": shop,
        "data": pages.seller_standing(s),
        "staff_view": not member,
        "window_days": s.thresholds.rate_window_days,
    }
    return render(request, "standards/seller.html", context)
