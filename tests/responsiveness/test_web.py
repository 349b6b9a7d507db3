"""The Responsiveness pages (dashboard, breakdown, CSV) and the buyer-facing sentence.

Data is built through the real API (buyers ask, the seller replies) at frozen times.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.catalog.services import listing_upsert
from comptoir.core import clock
from comptoir.responsiveness import views
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import shop_member_add, shop_upsert
from tests.accounts.helpers import staff_client
from tests.messaging.conftest import Client_
from tests.responsiveness.test_figures import ask, reply

H = timedelta(hours=1)
M = timedelta(minutes=1)
T0 = datetime(2026, 6, 10, 9, 0, tzinfo=UTC)  # current period: April–June 2026


def web(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def get(client: Client, url: str, at: datetime, **query: Any) -> Any:
    with clock.frozen_at(at):
        return client.get(url, query)


def dashboard_url(shop: Shop) -> str:
    return f"/shop/{shop.id}/stats/responsiveness/"


def breakdown_url(shop: Shop) -> str:
    return f"/shop/{shop.id}/stats/responsiveness/first-messages/"


def answered(buyer: Client_, seller: Client_, n: int, after: timedelta = 30 * M) -> list[int]:
    """`n` questions from T0 on, an hour apart, each answered `after` it came."""
    ids = []
    for i in range(n):
        cid = ask(buyer, T0 + i * H)
        reply(seller, cid, T0 + i * H + after)
        ids.append(cid)
    return ids


def section(page: str, heading_id: str) -> str:
    match = re.search(
        rf'<section class="panel" aria-labelledby="{heading_id}">.*?</section>', page, re.S
    )
    assert match, heading_id
    return match.group(0)


@pytest.fixture
def seller_(as_seller: Client_, listing: Listing) -> Client_:
    return as_seller


def test_the_seller_sees_their_figures(
    as_buyer: Client_, seller_: Client_, seller: User, shop: Shop
) -> None:
    answered(as_buyer, seller_, 2)
    ask(as_buyer, T0 + 3 * H)  # still within its 24 hours at T0 + 4 h

    response = get(web(seller), dashboard_url(shop), T0 + 4 * H)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Figures as of June 10, 2026, 1 p.m. (UTC)." in page
    current = section(page, "period-current")
    assert '<span class="stat__value">100.0 %</span>' in current
    assert "2 of 2 first messages answered within 24 hours" in current
    assert '<span class="stat__value">1</span>' in current  # pending
    assert '<span class="stat__value">30 min</span>' in current  # response time of the period
    assert "April 1, 2026 – June 30, 2026" in current
    assert "Will be evaluated on July 1, 2026." in current
    assert "Response rate of at least 95 %" in current
    assert "Not a top seller yet" in current  # no orders, no first sale
    assert "5 more orders" in current
    assert "?period=current" in current
    previous = section(page, "period-previous")
    assert "March 1, 2026 – May 31, 2026" in previous
    assert "Evaluated on June 1, 2026." in previous
    assert "?period=previous" in previous
    # Two answers in 90 days: too few for buyers to see anything.
    assert "Buyers see no response time for your shop yet" in page
    assert "(2 so far)" in page
    # The chart: one hover title per day, with the day's figures.
    assert '<svg class="chart" viewBox="0 0 720 260" role="img"' in page
    assert page.count('<rect class="chart__hit"') == 90
    assert (
        "<title>June 10, 2026: 2 of 2 first messages answered within 24 hours (100.0 %); "
        "median response time 30 min (2 replies)</title>"
    ) in page
    assert "<title>June 9, 2026: no first message counted; no reply</title>" in page
    assert "Threads moved to the trash still count." in page


def test_buyers_see_the_band_once_five_answers_are_quick(
    as_buyer: Client_, seller_: Client_, seller: User, shop: Shop, listing: Listing
) -> None:
    answered(as_buyer, seller_, 4, after=10 * M)
    at = T0 + 6 * H
    anonymous = Client()
    assert "Usually responds" not in get(anonymous, f"/listings/{listing.id}/", at).content.decode()
    assert "Usually responds" not in get(anonymous, "/shops/atelier-lune/", at).content.decode()

    cid = ask(as_buyer, T0 + 5 * H)
    reply(seller_, cid, T0 + 5 * H + 20 * M)

    listing_page = get(anonymous, f"/listings/{listing.id}/", at).content.decode()
    assert '<p class="responds">Usually responds within an hour</p>' in listing_page
    shop_page = get(anonymous, "/shops/atelier-lune/", at).content.decode()
    assert '<p class="responds">Usually responds within an hour</p>' in shop_page
    board = get(web(seller), dashboard_url(shop), at).content.decode()
    assert '<p class="responds responds--big">Usually responds within an hour</p>' in board


def test_the_shop_page_costs_the_same_queries_for_1_or_10_listings(
    as_buyer: Client_, seller_: Client_, shop: Shop
) -> None:
    answered(as_buyer, seller_, 5)
    client = Client()
    at = T0 + 6 * H
    get(client, "/shops/atelier-lune/", at)
    with CaptureQueriesContext(connection) as one:
        page = get(client, "/shops/atelier-lune/", at).content.decode()
    assert page.count('class="card card--listing"') == 1
    for i in range(9):
        listing_upsert(shop=shop, external_id=f"l-{i}", title=f"Apron {i}", price=Decimal("10.00"))
    with CaptureQueriesContext(connection) as ten:
        page = get(client, "/shops/atelier-lune/", at).content.decode()
    assert page.count('class="card card--listing"') == 10
    assert page.count("Usually responds within an hour") == 1
    assert len(ten) == len(one)


def test_another_shops_seller_gets_404_and_a_visitor_is_sent_to_log_in(
    shop: Shop, seller: User
) -> None:
    other_shop, _ = shop_upsert(external_id="shop-2", name="Other", time_zone="UTC")
    other = User.objects.create_user(username="other-seller")
    shop_member_add(shop=other_shop, user=other, role=ShopMember.Role.OWNER)
    for url in (dashboard_url(shop), breakdown_url(shop), breakdown_url(shop)[:-1] + ".csv"):
        assert web(other).get(url).status_code == 404
        login = Client().get(url)
        assert login.status_code == 302
        assert login["Location"].startswith("/login/?next=")
    assert web(seller).get(dashboard_url(other_shop)).status_code == 404
    assert web(seller).get(f"/shop/{other_shop.id + 100}/stats/responsiveness/").status_code == 404


def test_staff_see_any_shop_from_their_home(
    as_buyer: Client_, seller_: Client_, staff: User, shop: Shop
) -> None:
    answered(as_buyer, seller_, 1)
    client = staff_client(staff)
    home = get(client, "/", T0 + 2 * H).content.decode()
    assert f'href="/shop/{shop.id}/stats/responsiveness/"' in home

    board = get(client, dashboard_url(shop), T0 + 2 * H)
    assert board.status_code == 200
    assert '<span class="stat__value">100.0 %</span>' in board.content.decode()
    rows = get(client, breakdown_url(shop), T0 + 2 * H).content.decode()
    assert "Linen apron" in rows
    assert "/messages/" not in rows.split('<main id="main"')[1]  # no inbox to open for staff


def test_the_seller_finds_the_page_in_the_shop_navigation(
    seller: User, shop: Shop, listing: Listing
) -> None:
    link = f'href="/shop/{shop.id}/stats/responsiveness/"'
    assert link in web(seller).get("/").content.decode()
    assert link in web(seller).get(f"/shop/{shop.id}/messages/").content.decode()


def test_the_breakdown_lists_the_first_messages_and_pages_with_a_cursor(
    as_buyer: Client_,
    seller_: Client_,
    seller: User,
    shop: Shop,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views, "PAGE", 2)
    first, second = answered(as_buyer, seller_, 2)
    third = ask(as_buyer, T0 + 2 * H)  # never answered: unanswered once its 24 hours pass
    seller.time_zone = "Europe/Paris"
    seller.save()
    client = web(seller)
    at = T0 + 30 * H

    page = get(client, breakdown_url(shop), at, period="current").content.decode()

    assert page.count("<tr class=") == 2
    assert f'href="/shop/{shop.id}/messages/{first}/"' in page
    assert f'href="/shop/{shop.id}/messages/{second}/"' in page
    assert "Answered within 24 hours" in page
    assert "seller" in page
    assert "Times are in Europe/Paris." in page
    assert 'datetime="2026-06-10T11:00:00+02:00"' in page  # 09:00 UTC, in Paris
    assert "first-messages.csv?period=current" in page
    cursor = re.search(r'href="\?period=current&amp;cursor=([^"]+)" rel="next"', page)
    assert cursor, page

    rest = get(client, breakdown_url(shop), at, period="current", cursor=cursor.group(1))
    rest_page = rest.content.decode()
    assert rest_page.count("<tr class=") == 1
    assert f'href="/shop/{shop.id}/messages/{third}/"' in rest_page
    assert "Not answered within 24 hours" in rest_page
    assert 'rel="next"' not in rest_page

    previous = get(client, breakdown_url(shop), at, period="previous").content.decode()
    assert "No first message in this period." in previous
    chosen = get(client, breakdown_url(shop), at, start="2026-06-10", end="2026-06-11")
    assert chosen.content.decode().count("<tr class=") == 2


def test_a_bad_period_or_cursor_is_told(seller: User, shop: Shop) -> None:
    client = web(seller)
    for query in ({"start": "2026-06-10", "end": "2026-06-01"}, {"start": "June"}, {"cursor": "!"}):
        response = get(client, breakdown_url(shop), T0, **query)
        assert response.status_code == 400
        assert 'class="error" role="alert"' in response.content.decode()
    assert get(client, breakdown_url(shop)[:-1] + ".csv", T0, start="x").status_code == 400


def test_the_breakdown_costs_the_same_queries_for_1_or_4_messages(
    as_buyer: Client_, seller_: Client_, seller: User, shop: Shop
) -> None:
    answered(as_buyer, seller_, 1)
    client = web(seller)
    at = T0 + 6 * H
    get(client, breakdown_url(shop), at)
    with CaptureQueriesContext(connection) as one:
        get(client, breakdown_url(shop), at)
    for i in range(3):
        cid = ask(as_buyer, T0 + (2 + i) * H)
        reply(seller_, cid, T0 + (2 + i) * H + M)
    with CaptureQueriesContext(connection) as four:
        page = get(client, breakdown_url(shop), at).content.decode()
    assert page.count("<tr class=") == 4
    assert len(four) == len(one)


def test_the_csv_downloads_one_line_per_first_message(
    as_buyer: Client_, seller_: Client_, seller: User, shop: Shop
) -> None:
    answered(as_buyer, seller_, 2)
    ask(as_buyer, T0 + 3 * H)

    response = get(web(seller), breakdown_url(shop)[:-1] + ".csv", T0 + 4 * H, period="current")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="atelier-lune-first-messages-2026-04-01-2026-06-30.csv"'
    )
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert lines[0][:4] == ["conversation", "subject", "buyer", "received at (UTC)"]
    assert len(lines) == 1 + 3
    assert lines[1][3] == "2026-06-10 09:00:00"
    assert [line[9] for line in lines[1:]] == [
        "Answered within 24 hours",
        "Answered within 24 hours",
        "Waiting (less than 24 hours)",
    ]


def test_coordinates_stay_numbers_in_french(
    as_buyer: Client_, seller_: Client_, seller: User, shop: Shop
) -> None:
    answered(as_buyer, seller_, 3)
    seller.language = "fr"
    seller.save()
    # The middleware leaves the user's language active in the thread: restore it after.
    with translation.override(translation.get_language()):
        page = get(web(seller), dashboard_url(shop), T0 + 4 * H).content.decode()
    assert '<html lang="fr">' in page
    assert re.search(r'\b(x|y|cx|cy|width|height|x1|y1)="-?\d+,\d', page) is None
    assert re.search(r'<rect class="chart__bar" x="\d+\.\d+"', page)
