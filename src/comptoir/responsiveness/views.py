"""Shop Manager → Stats → Responsiveness: the dashboard, the first-message breakdown, its CSV.

A shop's members see their shop; Trust & Safety staff see any shop (shops.access.readable_shop).
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from comptoir.accounts.access import request_user
from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.timezones import is_time_zone
from comptoir.responsiveness import rules, selectors
from comptoir.responsiveness.chart import daily_chart
from comptoir.responsiveness.export import csv_lines, csv_name
from comptoir.responsiveness.presenters import (
    dashboard_data,
    day_titles,
    first_message_data,
)
from comptoir.shops.access import readable_shop
from comptoir.shops.models import Shop

PAGE = 50


def _shop(request: HttpRequest, shop_id: int) -> tuple[Shop, bool]:
    """The shop, and whether the reader is Trust & Safety looking at a shop they do not
    work in (then there is no inbox to link to)."""
    try:
        shop, member = readable_shop(request_user(request), shop_id=shop_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return shop, not member


def _zone(user: User, shop: Shop) -> str:
    """The reader's time zone, else the shop's."""
    return user.time_zone if user.time_zone and is_time_zone(user.time_zone) else shop.time_zone


def _period(request: HttpRequest) -> selectors.Period:
    """`period=current|previous`, or `start` and `end` (the day after the last) like the API."""
    start, end = request.GET.get("start", ""), request.GET.get("end", "")
    try:
        first = date.fromisoformat(start) if start else None
        after = date.fromisoformat(end) if end else None
    except ValueError as exc:
        raise DomainError("invalid_period", _("Write the dates as YYYY-MM-DD.")) from exc
    which = request.GET.get("period", "current")
    return selectors.period_asked(which, first, after, rules.utc_day(clock.now()))


def _period_query(request: HttpRequest) -> str:
    """The period part of the query string, for the next page and the CSV links."""
    query = request.GET.copy()
    for name in list(query):
        if name not in ("period", "start", "end"):
            query.pop(name)
    return query.urlencode()


def _which(request: HttpRequest) -> str:
    if request.GET.get("start") or request.GET.get("end"):
        return "custom"
    return "previous" if request.GET.get("period") == "previous" else "current"


CHART_CACHE_SECONDS = 3600  # a new translation shows within the hour


def _days_html(points: list[selectors.DayPoint]) -> str:
    """The chart of the 90 days and their figures as text, drawn once per language and per
    change of the figures (a third of the page's time when drawn on every view)."""
    language = get_language()
    digest = hashlib.sha256(repr((language, points)).encode()).hexdigest()[:32]
    key = f"responsiveness:days:{digest}"
    html: str | None = cache.get(key)
    if html is None:
        chart = daily_chart(points, day_titles(points))
        html = render_to_string("responsiveness/_days.html", {"chart": chart})
        cache.set(key, html, CHART_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 - rendered by our own template


@login_required
def dashboard(request: HttpRequest, shop_id: int) -> HttpResponse:
    shop, staff_view = _shop(request, shop_id)
    user = request_user(request)
    board = selectors.dashboard(shop, clock.now())
    context: dict[str, Any] = {
        "shop": shop,
        "zone": _zone(user, shop),
        "staff_view": staff_view,
        "data": dashboard_data(board, daily=False),
        "chart_html": _days_html(board.daily),
        "min_spans": rules.MIN_SPANS,
    }
    return render(request, "responsiveness/dashboard.html", context)


@login_required
def breakdown(request: HttpRequest, shop_id: int) -> HttpResponse:
    shop, staff_view = _shop(request, shop_id)
    user = request_user(request)
    context: dict[str, Any] = {
        "shop": shop,
        "zone": _zone(user, shop),
        "staff_view": staff_view,
        "query": _period_query(request),
    }
    try:
        period = _period(request)
        page = selectors.breakdown_page(shop, period, request.GET.get("cursor") or None, PAGE)
    except DomainError as exc:
        context["error"] = exc.message
        return render(request, "responsiveness/breakdown.html", context, status=400)
    now = clock.now()
    context.update(
        period=period,
        rows=[first_message_data(first, now) for first in page.items],
        next_cursor=page.next_cursor,
        first_page=not request.GET.get("cursor"),
        which=_which(request),
    )
    return render(request, "responsiveness/breakdown.html", context)


@login_required
def breakdown_csv(request: HttpRequest, shop_id: int) -> HttpResponse | StreamingHttpResponse:
    shop, _staff = _shop(request, shop_id)
    try:
        period = _period(request)
    except DomainError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    zone = _zone(request_user(request), shop)
    response = StreamingHttpResponse(
        csv_lines(shop, period, clock.now(), zone), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{csv_name(shop, period)}"'
    return response
