"""Responsiveness figures built through the real services and read through the API.

Every expected value is worked out by hand, in the comments, from the definitions in
docs/responsiveness.md.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.messaging.models import Party
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.responsiveness import history
from comptoir.responsiveness.models import Day, FirstMessage, Span
from comptoir.responsiveness.recording import fill_medians, settle_all
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_

H = timedelta(hours=1)
T0 = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)  # a Wednesday


def ask(client: Client_, at: datetime, body: str = "Is it pre-washed?") -> int:
    with clock.frozen_at(at):
        response = client.post(
            "/me/conversations",
            {"kind": "listing_inquiry", "listing_id": "listing-1", "body": body},
        )
    assert response.status_code == 201, response.json()
    return int(response.json()["conversation_id"])


def buyer_writes(client: Client_, cid: int, at: datetime, body: str = "And also?") -> int:
    with clock.frozen_at(at):
        response = client.post(f"/me/conversations/{cid}/messages", {"body": body})
    assert response.status_code == 201, response.json()
    return int(response.json()["id"])


def reply(client: Client_, cid: int, at: datetime, body: str = "Yes, it is.") -> None:
    with clock.frozen_at(at):
        response = client.post(f"/shops/shop-1/conversations/{cid}/messages", {"body": body})
    assert response.status_code == 201, response.json()


def act(client: Client_, ids: list[int], action: str, at: datetime) -> None:
    with clock.frozen_at(at):
        response = client.post(
            "/shops/shop-1/conversations/actions", {"ids": ids, "action": action}
        )
    assert response.status_code == 200, response.json()


def board(client: Client_, at: datetime) -> dict[str, Any]:
    with clock.frozen_at(at):
        response = client.get("/shops/shop-1/responsiveness")
    assert response.status_code == 200, response.json()
    return dict(response.json())


def rows(client: Client_, at: datetime, **query: Any) -> list[dict[str, Any]]:
    with clock.frozen_at(at):
        response = client.get("/shops/shop-1/responsiveness/first-messages", **query)
    assert response.status_code == 200, response.json()
    return list(response.json()["items"])


def no_differences(at: datetime) -> None:
    report = history.rebuild(at, fix=False)
    assert report.difference_count == 0, report.differences


@pytest.fixture
def seller_(as_seller: Client_, listing: Listing) -> Client_:
    return as_seller


def test_a_reply_closes_the_span_and_answers_the_first_message(
    as_buyer: Client_, seller_: Client_
) -> None:
    cid = ask(as_buyer, T0)
    buyer_writes(as_buyer, cid, T0 + H)  # joins the open span
    reply(seller_, cid, T0 + 3 * H)
    buyer_writes(as_buyer, cid, T0 + 5 * H)  # opens a second span
    reply(seller_, cid, T0 + 5 * H + timedelta(minutes=30))
    figures = board(seller_, T0 + 6 * H)
    # Spans: 3 h and 30 min -> mean 1 h 45 min = 6,300 s; 2 spans, too few for a band.
    assert figures["response_time_seconds"] == 6300
    assert figures["response_time_spans"] == 2
    assert figures["band"] is None
    current = figures["current"]
    assert (current["answered"], current["counted"], current["pending"]) == (1, 1, 0)
    assert current["response_rate_text"] == "100.0 %"
    [first] = rows(seller_, T0 + 6 * H)
    assert first["status"] == "answered"
    assert first["answered_by"] == "seller"
    assert first["automatic"] is False
    no_differences(T0 + 6 * H)


def test_24_hours_exactly_is_answered_a_second_more_is_late(
    as_buyer: Client_, seller_: Client_
) -> None:
    on_time, late = ask(as_buyer, T0), ask(as_buyer, T0)
    reply(seller_, on_time, T0 + 24 * H)
    reply(seller_, late, T0 + 24 * H + timedelta(seconds=1))
    current = board(seller_, T0 + 30 * H)["current"]
    assert (current["answered"], current["counted"]) == (1, 2)
    assert current["response_rate_text"] == "50.0 %"
    statuses = {r["conversation_id"]: r["status"] for r in rows(seller_, T0 + 30 * H)}
    assert statuses == {on_time: "answered", late: "late"}
    no_differences(T0 + 30 * H)


def test_an_unanswered_first_message_counts_once_its_24_hours_pass(
    as_buyer: Client_, seller_: Client_
) -> None:
    answered = ask(as_buyer, T0)
    reply(seller_, answered, T0 + H)
    ask(as_buyer, T0 + 2 * H)
    before = board(seller_, T0 + 26 * H)["current"]  # 24 h after the second: not yet
    assert (before["answered"], before["counted"], before["pending"]) == (1, 1, 1)
    # One second later it counts as missed, even before the periodic job settles it…
    after = board(seller_, T0 + 26 * H + timedelta(seconds=1))["current"]
    assert (after["answered"], after["counted"], after["pending"]) == (1, 2, 0)
    assert after["response_rate_text"] == "50.0 %"
    # …and the same once it has.
    assert settle_all(T0 + 27 * H) == 1
    assert board(seller_, T0 + 27 * H)["current"]["counted"] == 2
    assert Day.objects.get(day=T0.date()).missed == 1
    no_differences(T0 + 27 * H)


def test_an_auto_reply_answers_the_first_message(
    as_buyer: Client_, seller_: Client_, shop: Shop
) -> None:
    week = {str(d): [[9 * 60, 18 * 60]] for d in range(5)}
    response = seller_.call(
        "PUT",
        "/shops/shop-1/auto-replies/weekly",
        {"on": True, "text": "Back Monday!", "week": week},
    )
    assert response.status_code == 200, response.json()
    saturday = datetime(2026, 6, 13, 10, 0, tzinfo=UTC)
    cid = ask(as_buyer, saturday)
    [first] = rows(seller_, saturday + H)
    assert (first["status"], first["automatic"], first["answered_by"]) == (
        "answered",
        True,
        "Auto-reply",
    )
    span = Span.objects.get(conversation_id=cid)
    assert span.closed_at == span.opened_at + timedelta(microseconds=1)
    # The seller's own reply on Monday then answers nothing new: no span is open.
    reply(seller_, cid, saturday + 48 * H)
    assert Span.objects.filter(conversation_id=cid).count() == 1
    no_differences(saturday + 50 * H)


def test_spam_and_no_response_needed_are_left_out_trash_is_not(
    as_buyer: Client_, seller_: Client_
) -> None:
    spam, thanks, trashed, kept = (ask(as_buyer, T0) for _ in range(4))
    act(seller_, [spam], "spam", T0 + H)
    with clock.frozen_at(T0 + H):
        marked = seller_.post("/shops/shop-1/conversations/no-response-needed", {"ids": [thanks]})
    assert marked.status_code == 200
    act(seller_, [trashed], "trash", T0 + H)
    reply(seller_, kept, T0 + 2 * H)
    # Counted: trashed (unanswered) and kept (answered) -> 1 / 2 once 24 h passed.
    current = board(seller_, T0 + 25 * H)["current"]
    assert (current["answered"], current["counted"]) == (1, 2)
    reasons = {r["conversation_id"]: r["left_out_because"] for r in rows(seller_, T0 + 25 * H)}
    assert reasons == {spam: ["spam"], thanks: ["no_response_needed"], trashed: [], kept: []}
    # Spam thrown in the trash stays left out; restored, it counts again.
    act(seller_, [spam], "trash", T0 + 26 * H)
    assert board(seller_, T0 + 26 * H)["current"]["counted"] == 2
    act(seller_, [spam], "restore", T0 + 27 * H)
    assert board(seller_, T0 + 27 * H)["current"]["counted"] == 3
    no_differences(T0 + 27 * H)


def test_spam_deleted_forever_comes_back_unmarked_when_the_buyer_writes_again(
    as_buyer: Client_, seller_: Client_
) -> None:
    cid = ask(as_buyer, T0)
    for action in ("spam", "trash", "delete_forever"):
        act(seller_, [cid], action, T0 + H)
    buyer_writes(as_buyer, cid, T0 + 2 * H, "Is anyone there? The parcel never came.")
    shop_copy = Party.objects.get(conversation_id=cid, side="shop")
    # Back in the inbox, it is no longer spam (rules.still_spam): it counts again.
    assert (shop_copy.folder, shop_copy.marked_spam_at) == ("inbox", None)
    [first] = rows(seller_, T0 + 2 * H)
    assert first["left_out_because"] == []
    reply(seller_, cid, T0 + 3 * H)
    figures = board(seller_, T0 + 4 * H)
    # One span, from the first question (T0) to the answer: 3 h.
    assert (figures["response_time_spans"], figures["response_time_seconds"]) == (1, 3 * 3600)
    assert (figures["current"]["answered"], figures["current"]["counted"]) == (1, 1)
    no_differences(T0 + 4 * H)


def test_unmarking_one_message_brings_its_span_back(as_buyer: Client_, seller_: Client_) -> None:
    cid = ask(as_buyer, T0)
    reply(seller_, cid, T0 + H)
    mid = buyer_writes(as_buyer, cid, T0 + 2 * H, "Thanks!")
    path = f"/shops/shop-1/conversations/{cid}/messages/{mid}/no-response-needed"
    with clock.frozen_at(T0 + 2 * H):
        assert seller_.post(path, {}).status_code == 200
    reply(seller_, cid, T0 + 6 * H)  # closes the marked span: left out
    assert board(seller_, T0 + 7 * H)["response_time_spans"] == 1
    with clock.frozen_at(T0 + 7 * H):
        assert seller_.post(path, {"needed": True}).status_code == 200
    figures = board(seller_, T0 + 7 * H)
    # Spans 1 h and 4 h -> mean 2 h 30 min.
    assert (figures["response_time_spans"], figures["response_time_seconds"]) == (2, 9000)
    no_differences(T0 + 7 * H)


def test_five_quick_answers_show_a_band_to_buyers(as_buyer: Client_, seller_: Client_) -> None:
    minutes = [10, 20, 30, 50, 70]  # mean 36 min
    for i, m in enumerate(minutes):
        cid = ask(as_buyer, T0 + i * H)
        reply(seller_, cid, T0 + i * H + timedelta(minutes=m))
    figures = board(seller_, T0 + 6 * H)
    assert figures["response_time_seconds"] == 36 * 60
    assert figures["band"] == "within_an_hour"
    assert figures["band_text"] == "Usually responds within an hour"
    with clock.frozen_at(T0 + 6 * H):
        bands = seller_.get("/responsiveness/bands", shop=["shop-1"]).json()
    assert bands == [
        {
            "shop_id": "shop-1",
            "band": "within_an_hour",
            "band_text": "Usually responds within an hour",
        }
    ]
    # Daily chart: 5 spans closed on T0's day, median 30 min.
    [today] = [d for d in figures["daily"] if d["day"] == T0.date().isoformat()]
    assert (today["spans"], today["median_seconds"], today["response_rate"]) == (5, 1800, 1.0)
    # 90 days later the spans have left the window.
    later = board(seller_, T0 + timedelta(days=90))
    assert (later["response_time_spans"], later["band"]) == (0, None)
    assert board(seller_, T0 + timedelta(days=89))["response_time_spans"] == 5


def test_the_period_boundary_and_the_utc_day(as_buyer: Client_, seller_: Client_) -> None:
    # Received on 31 May 23:30 UTC, answered 1 June 00:30 UTC.
    may = datetime(2026, 5, 31, 23, 30, tzinfo=UTC)
    cid = ask(as_buyer, may)
    reply(seller_, cid, may + H)
    # On 1 August the evaluated period is May–July: it counts; so far (June–August) not.
    august = board(seller_, datetime(2026, 8, 1, 12, 0, tzinfo=UTC))
    assert (august["previous"]["start"], august["previous"]["end"]) == ("2026-05-01", "2026-08-01")
    assert august["previous"]["counted"] == 1
    assert (august["current"]["start"], august["current"]["counted"]) == ("2026-06-01", 0)
    # On 1 September the evaluated period is June–August: the first message (received in
    # May) is out, but its span closed in June and still makes the period's response time.
    september = board(seller_, datetime(2026, 9, 1, 0, 0, tzinfo=UTC))
    assert (september["previous"]["counted"], september["previous"]["spans"]) == (0, 1)
    assert september["previous"]["response_time_seconds"] == 3600
    assert Day.objects.get(day=date(2026, 5, 31)).answered == 1
    assert Day.objects.get(day=date(2026, 6, 1)).spans == 1


def test_a_span_across_the_clock_change_is_its_real_length(
    as_buyer: Client_, seller_: Client_, shop: Shop
) -> None:
    # Paris springs forward at 01:00 UTC on 29 March 2026 (02:00 -> 03:00 local).
    before = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 in Paris
    cid = ask(as_buyer, before)
    reply(seller_, cid, before + 2 * H)  # 04:30 in Paris: 3 h on the wall, 2 h really
    assert board(seller_, before + 3 * H)["response_time_seconds"] == 7200


def _order(shop: Shop, n: int, ordered: datetime, **extra: Any) -> None:
    order_upsert(
        shop=shop,
        data=OrderInput(
            external_id=f"order-{n}",
            buyer=BuyerInput(external_id="buyer-1", email="b@example.org"),
            status=extra.pop("status", "shipped"),
            ordered_at=ordered,
            ship_by=extra.pop("ship_by", ordered.date() + timedelta(days=2)),
            items=[ItemInput(title="Apron", unit_price=Decimal("35.00"))],
            tracking_carrier="La Poste" if extra.get("tracking_number") else "",
            **extra,
        ),
    )


def test_top_seller_criteria_and_what_they_still_need(
    as_buyer: Client_, seller_: Client_, shop: Shop
) -> None:
    # The shop's first sale: 1 March; judged so far on 15 June (period April–June).
    _order(shop, 0, datetime(2026, 3, 1, 10, tzinfo=UTC), tracking_number="T0",
           shipped_at=datetime(2026, 3, 2, 10, tzinfo=UTC))  # fmt: skip
    day = datetime(2026, 6, 1, 10, tzinfo=UTC)
    for n in range(1, 5):  # four orders in June, all shipped on time with tracking
        _order(shop, n, day, tracking_number=f"T{n}", shipped_at=day + H)
    # Shipped at 22:30 UTC on its ship-by date = 00:30 the next day in Paris (summer): late.
    _order(shop, 5, day, ship_by=date(2026, 6, 3), tracking_number="T5",
           shipped_at=datetime(2026, 6, 3, 22, 30, tzinfo=UTC))  # fmt: skip
    for n, stars in ((1, 5), (2, 5), (3, 4)):
        review_upsert(
            shop=shop, external_id=f"r{n}", order_external_id=f"order-{n}", stars=stars,
            reviewed_at=day + 10 * H,
        )  # fmt: skip
    cid = ask(as_buyer, day)
    reply(seller_, cid, day + H)
    checks = {
        c["criterion"]: c
        for c in board(seller_, datetime(2026, 6, 15, 12, tzinfo=UTC))["current"]["checks"]
    }
    # Response rate 1/1; shipping 4/5 = 80 %: (4 + k) / (5 + k) >= 95 % -> k = 15.
    assert (checks["response_rate"]["met"], checks["response_rate"]["figure"]) == (True, "100.0 %")
    assert checks["on_time_shipping"]["figure"] == "80.0 %"
    assert (checks["on_time_shipping"]["met"], checks["on_time_shipping"]["needed"]) == (False, 15)
    assert checks["on_time_shipping"]["needed_text"] == (
        "15 more orders shipped on time with tracking"
    )
    # Rating (5 + 5 + 4) / 3 = 4.67: (14 + 5k) / (3 + k) >= 4.8 -> 0.2 k >= 0.4 -> k = 2.
    assert (checks["rating"]["met"], checks["rating"]["needed"]) == (False, 2)
    assert checks["rating"]["figure"] == "4.67"
    # Orders placed in April–June: 5 (order 0 is in March). Age on 15 June: 106 days.
    assert (checks["orders"]["met"], checks["orders"]["value"]) == (True, 5)
    assert (checks["shop_age"]["met"], checks["shop_age"]["value"]) == (True, 106)
    no_differences(datetime(2026, 6, 15, 12, tzinfo=UTC))


def test_the_dashboard_reads_the_same_few_queries_whatever_the_history(
    as_buyer: Client_, seller_: Client_
) -> None:
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            board(seller_, T0 + timedelta(days=3))
        return len(captured)

    ask(as_buyer, T0)
    board(seller_, T0 + timedelta(days=3))  # the first call of a day records the token's use
    small = queries()
    for i in range(20):
        cid = ask(as_buyer, T0 + i * H)
        reply(seller_, cid, T0 + i * H + timedelta(minutes=5))
        ask(as_buyer, T0 + timedelta(days=1, hours=i))
    # Replies leave a busy day's median to the periodic job; until it runs, the page
    # computes it from the day's spans (one more query, whatever the number of days).
    assert queries() == small + 1
    assert fill_medians() == 2  # the replies' two days
    assert queries() == small


def test_replies_add_to_their_day_and_the_median_follows_within_the_minute(
    as_buyer: Client_, seller_: Client_
) -> None:
    """Each reply adds its span to the day in one statement; the median (which cannot be
    added to) is computed by the dashboard meanwhile and stored by the periodic job."""
    lengths = [10, 30, 20, 50]  # minutes
    for i, minutes in enumerate(lengths):
        cid = ask(as_buyer, T0 + i * H)
        reply(seller_, cid, T0 + i * H + timedelta(minutes=minutes))
    row = Day.objects.get(day=T0.date())
    assert (row.spans, row.span_total_us) == (4, sum(lengths) * 60_000_000)
    assert (row.answered, row.missed) == (4, 0)
    assert row.span_median_us is None  # more than one span: left to the job
    daily = board(seller_, T0 + timedelta(days=1))["daily"]
    [today] = [d for d in daily if d["day"] == T0.date().isoformat()]
    assert (today["spans"], today["median_seconds"]) == (4, 1500)
    assert fill_medians() == 1
    row.refresh_from_db()
    assert row.span_median_us == 25 * 60_000_000  # (20 + 30) / 2 minutes
    assert fill_medians() == 0
    report = history.rebuild(T0 + timedelta(days=1), fix=False)
    assert report.shops_differing == 0


def test_a_tampered_day_is_reported_and_repaired(as_buyer: Client_, seller_: Client_) -> None:
    cid = ask(as_buyer, T0)
    reply(seller_, cid, T0 + H)
    Day.objects.filter(day=T0.date()).update(answered=7)
    report = history.rebuild(T0 + 2 * H, fix=False)
    assert report.difference_count == 1
    [diff] = report.differences
    assert (diff.what, diff.key) == ("day", str(T0.date()))
    assert Day.objects.get(day=T0.date()).answered == 7  # a check changes nothing
    fixed = history.rebuild(T0 + 2 * H, fix=True)
    assert fixed.shops_differing == 1
    assert Day.objects.get(day=T0.date()).answered == 1
    no_differences(T0 + 2 * H)
    assert FirstMessage.objects.get(conversation_id=cid).outcome == "answered"


def test_only_members_and_staff_read_a_shops_figures(
    as_buyer: Client_, as_staff: Client_, seller_: Client_
) -> None:
    assert as_buyer.get("/shops/shop-1/responsiveness").status_code == 404
    assert as_buyer.get("/shops/shop-1/responsiveness/first-messages").status_code == 404
    assert as_staff.get("/shops/shop-1/responsiveness").status_code == 200
    refused = seller_.get(
        "/shops/shop-1/responsiveness/first-messages", start="2026-01-01", end="2027-06-01"
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_period")


def test_the_csv_lists_every_first_message(as_buyer: Client_, seller_: Client_) -> None:
    for i in range(3):
        cid = ask(as_buyer, T0 + i * H)
        if i:
            reply(seller_, cid, T0 + i * H + H)
    with clock.frozen_at(T0 + 30 * H):
        response = seller_.get("/shops/shop-1/responsiveness/first-messages.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 4
    assert lines[0].startswith("conversation,subject,buyer,received at (")
    assert "Not answered within 24 hours" in lines[1]
    assert lines[2].count("Answered within 24 hours") == 1


def test_the_csv_streams_in_the_readers_language(as_buyer: Client_, seller_: Client_) -> None:
    cid = ask(as_buyer, T0)
    reply(seller_, cid, T0 + H)
    with clock.frozen_at(T0 + 2 * H):
        response = seller_.client.get(
            "/api/v1/shops/shop-1/responsiveness/first-messages.csv",
            HTTP_ACCEPT_LANGUAGE="fr",
            **seller_.auth,
        )
    # The rows are written after the view returned: still in French.
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert "reçu le (" in lines[0]
    assert "Répondu sous 24 heures" in lines[1]
