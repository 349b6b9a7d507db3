"""Response time, response rate and the top-seller criteria through the API.

A shop's members read their own figures; Trust & Safety staff read any shop's.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Field, Query, Router, Schema
from pydantic import BaseModel

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.api import ERRORS
from comptoir.responsiveness import selectors
from comptoir.responsiveness.export import csv_lines, csv_name
from comptoir.responsiveness.presenters import (
    band_text,
    dashboard_data,
    first_message_data,
)
from comptoir.responsiveness.rules import utc_day
from comptoir.shops.models import Shop

router = Router(tags=["responsiveness"])


class CheckOut(BaseModel):  # nested: plain pydantic validates ten times faster
    criterion: str = Field(description="response_rate, on_time_shipping, rating, orders, shop_age")
    label: str
    met: bool
    value: float | None = Field(description="ratio (0–1), average rating, orders or days")
    figure: str
    needed: int | None = Field(description="how many more to meet it (0 when met)")
    needed_text: str


class PeriodOut(BaseModel):  # nested: plain pydantic validates ten times faster
    start: date
    end: date = Field(description="the day after the period's last day")
    so_far: bool = Field(description="the current period, counted up to now")
    answered: int
    counted: int
    pending: int = Field(description="first messages still within their 24 hours")
    response_rate: float | None
    response_rate_text: str
    response_time_seconds: float | None
    response_time_text: str
    spans: int
    orders: int
    due_orders: int
    on_time: int
    ratings: int
    average_rating: float | None
    checks: list[CheckOut]
    top_seller: bool


class DayOut(BaseModel):  # nested: plain pydantic validates ten times faster
    day: date
    answered: int
    counted: int
    response_rate: float | None
    spans: int
    median_seconds: float | None


class DashboardOut(Schema):
    shop_id: str
    as_of: datetime
    response_time_seconds: float | None = Field(description="mean over the last 90 days")
    response_time_text: str
    response_time_spans: int
    band: str | None = Field(
        description="within_an_hour, within_a_few_hours, within_24_hours, within_a_few_days, "
        "or null below 5 answered messages"
    )
    band_text: str
    current: PeriodOut
    previous: PeriodOut
    daily: list[DayOut]


class FirstMessageOut(Schema):
    conversation_id: int
    subject: str
    buyer: str
    received_at: datetime
    answer_by: datetime
    answered_at: datetime | None
    answered_by: str
    automatic: bool
    within_24_hours: bool
    counted: bool
    status: str = Field(description="answered, late, unanswered, pending, left_out")
    status_text: str
    left_out_because: list[str] = Field(description="spam, no_response_needed")
    left_out_text: str


class FirstMessagePage(Schema):
    period_start: date
    period_end: date
    items: list[FirstMessageOut]
    next_cursor: str | None


class PeriodQuery(Schema):
    period: Literal["current", "previous"] = "current"
    start: date | None = Field(None, description="with `end`: any period of up to 366 days")
    end: date | None = Field(None, description="the day after the last day")


class BreakdownQuery(PeriodQuery):
    limit: int = Field(50, ge=1, le=200)
    cursor: str | None = None


class BandOut(Schema):
    shop_id: str
    band: str | None
    band_text: str


def _shop(request: HttpRequest, shop_id: str) -> Shop:
    user = request.user
    assert isinstance(user, User)
    return selectors.shop_for(user, external_id=shop_id)


def _period(query: PeriodQuery) -> selectors.Period:
    return selectors.period_asked(query.period, query.start, query.end, utc_day(clock.now()))


@router.get(
    "/shops/{shop_id}/responsiveness",
    response={200: DashboardOut, **ERRORS},
    summary="Response time and rate, top-seller criteria, the last 90 days",
)
def dashboard(request: HttpRequest, shop_id: str) -> dict[str, Any]:
    return dashboard_data(selectors.dashboard(_shop(request, shop_id), clock.now()))


@router.get(
    "/shops/{shop_id}/responsiveness/first-messages",
    response={200: FirstMessagePage, **ERRORS},
    summary="Every first message of a period: answered when, by whom, or left out and why",
)
def first_messages(
    request: HttpRequest, shop_id: str, query: Query[BreakdownQuery]
) -> dict[str, Any]:
    shop = _shop(request, shop_id)
    period = _period(query)
    page = selectors.breakdown_page(shop, period, query.cursor, query.limit)
    now = clock.now()
    return {
        "period_start": period.start,
        "period_end": period.end,
        "items": [first_message_data(f, now) for f in page.items],
        "next_cursor": page.next_cursor,
    }


@router.get(
    "/shops/{shop_id}/responsiveness/first-messages.csv",
    response={200: None, **ERRORS},
    summary="The same list as CSV, streamed",
)
def first_messages_csv(
    request: HttpRequest, shop_id: str, query: Query[PeriodQuery]
) -> StreamingHttpResponse:
    shop = _shop(request, shop_id)
    period = _period(query)
    user = request.user
    zone = getattr(user, "time_zone", "") or shop.time_zone
    response = StreamingHttpResponse(
        csv_lines(shop, period, clock.now(), zone), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{csv_name(shop, period)}"'
    return response


@router.get(
    "/responsiveness/bands",
    response={200: list[BandOut], **ERRORS},
    summary="“Usually responds within …” for many shops at once (for listing pages)",
)
def bands(
    request: HttpRequest,
    shop: list[str] = Query(..., description="marketplace shop ids, up to 200"),  # noqa: B008
) -> list[dict[str, Any]]:
    ids = dict(Shop.objects.filter(external_id__in=shop[:200]).values_list("id", "external_id"))
    found = selectors.bands(ids, utc_day(clock.now()))
    return [
        {
            "shop_id": external,
            "band": str(found[pk]) if pk in found else None,
            "band_text": band_text(found.get(pk)),
        }
        for pk, external in sorted(ids.items(), key=lambda item: item[1])
    ]
