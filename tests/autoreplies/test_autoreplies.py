"""Auto-replies and vacation mode, end to end through the API and the sending service."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.autoreplies.apply import DAILY_CAP, answer_first_message
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.messaging.listeners import FirstBuyerMessage
from comptoir.messaging.models import Conversation, Message
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_

# Paris: 2026-06-06 is a Saturday, 2026-06-08 a Monday (UTC+2 in June).
SATURDAY_10 = datetime(2026, 6, 6, 8, 0, tzinfo=UTC)
MONDAY_10 = datetime(2026, 6, 8, 8, 0, tzinfo=UTC)
NINE_TO_FIVE = [[9 * 60, 17 * 60]]
WEEKDAYS = {str(d): NINE_TO_FIVE for d in range(5)}


def weekly(client: Client_, week: dict[str, Any], text: str = "Back Monday 9:00!") -> Any:
    return client.call(
        "PUT", "/shops/shop-1/auto-replies/weekly", {"on": True, "text": text, "week": week}
    )


def ask(client: Client_, body: str = "Hello?") -> int:
    response = client.post(
        "/me/conversations", {"kind": "listing_inquiry", "listing_id": "listing-1", "body": body}
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["conversation_id"])


def automatic(cid: int) -> list[str]:
    return list(
        Message.objects.filter(conversation_id=cid, is_automatic=True).values_list(
            "body", flat=True
        )
    )


def test_a_week_of_three_days_is_refused(as_seller: Client_, shop: Shop) -> None:
    refused = weekly(as_seller, {str(d): NINE_TO_FIVE for d in range(3)})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_week")
    assert "at least 4 days" in refused.json()["message"]


def test_seven_and_a_half_hours_are_refused_naming_the_day(as_seller: Client_, shop: Shop) -> None:
    week = dict(WEEKDAYS)
    week["2"] = [[9 * 60, 16 * 60 + 30]]
    refused = weekly(as_seller, week)
    assert refused.status_code == 422
    assert refused.json()["message"].startswith("Wednesday: at least 8 hours")
    assert refused.json()["fields"] == {"week.2": "too_few_hours"}
    week["2"] = [[8 * 60, 12 * 60], [13 * 60, 17 * 60]]  # two ranges, 8 h exactly
    assert weekly(as_seller, week).status_code == 200


def test_overlapping_ranges_are_refused(as_seller: Client_, shop: Shop) -> None:
    week = dict(WEEKDAYS)
    week["4"] = [[8 * 60, 14 * 60], [13 * 60, 18 * 60]]
    refused = weekly(as_seller, week)
    assert refused.json()["fields"] == {"week.4": "overlap"}


def test_the_weekly_reply_answers_the_first_message_outside_the_hours_only(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    assert weekly(as_seller, WEEKDAYS).status_code == 200
    with clock.frozen_at(SATURDAY_10):
        cid = ask(as_buyer)
        assert automatic(cid) == ["Back Monday 9:00!"]
        as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Still there?"})
        assert automatic(cid) == ["Back Monday 9:00!"]  # never twice in a thread
        thread = as_buyer.get(f"/me/conversations/{cid}").json()
    assert [m["is_automatic"] for m in thread["messages"]] == [False, True, False]
    assert thread["messages"][1]["sender_side"] == "shop"
    with clock.frozen_at(MONDAY_10):
        assert automatic(ask(as_buyer)) == []  # within the hours


def test_a_temporary_reply_wins_and_the_weekly_one_returns_after_it(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    weekly(as_seller, WEEKDAYS)
    start = SATURDAY_10 - timedelta(minutes=30)
    set_temp = as_seller.call(
        "PUT",
        "/shops/shop-1/auto-replies/temporary",
        {
            "on": True,
            "text": "At a craft fair today.",
            "starts_at": start.isoformat(),
            "ends_at": (start + timedelta(hours=2)).isoformat(),
        },
    )
    assert set_temp.status_code == 200
    with clock.frozen_at(SATURDAY_10):
        assert automatic(ask(as_buyer)) == ["At a craft fair today."]
        state = as_seller.get("/shops/shop-1/auto-replies").json()
        assert state["due_now"] == "temporary"
        assert state["next_change"].startswith("2026-06-06T09:30")  # when it ends
    with clock.frozen_at(SATURDAY_10 + timedelta(hours=2)):
        assert automatic(ask(as_buyer)) == ["Back Monday 9:00!"]


def test_temporary_replies_last_one_hour_to_five_days(as_seller: Client_, shop: Shop) -> None:
    def temporary(length: timedelta) -> Any:
        return as_seller.call(
            "PUT",
            "/shops/shop-1/auto-replies/temporary",
            {
                "on": True,
                "text": "Away",
                "starts_at": MONDAY_10.isoformat(),
                "ends_at": (MONDAY_10 + length).isoformat(),
            },
        )

    assert temporary(timedelta(days=5)).status_code == 200
    too_long = temporary(timedelta(days=5, minutes=1))
    assert (too_long.status_code, too_long.json()["code"]) == (422, "invalid_period")
    assert "vacation mode" in too_long.json()["message"]
    assert temporary(timedelta(minutes=59)).json()["fields"] == {"too_short": "too_short"}
    assert temporary(timedelta(hours=1)).status_code == 200


def test_vacation_wins_over_both_and_takes_the_listings_out_of_search(
    as_buyer: Client_, as_seller: Client_, listing: Listing, shop: Shop
) -> None:
    weekly(as_seller, WEEKDAYS)
    on = as_seller.call(
        "PUT",
        "/shops/shop-1/vacation",
        {"on": True, "message": "On holiday until the 20th.", "ends_on": "2026-06-20"},
    )
    assert on.status_code == 200
    shop.refresh_from_db()
    assert not shop.in_search
    with clock.frozen_at(SATURDAY_10):
        assert automatic(ask(as_buyer)) == ["On holiday until the 20th."]
    refused = as_seller.call("PUT", "/shops/shop-1/vacation", {"on": True, "message": ""})
    assert (refused.status_code, refused.json()["code"]) == (422, "invalid_vacation")


def test_no_reply_in_spam_to_automatic_messages_or_beyond_the_daily_cap(
    as_buyer: Client_, as_seller: Client_, listing: Listing, shop: Shop
) -> None:
    weekly(as_seller, WEEKDAYS)
    conversation = Conversation(shop=shop, buyer=as_buyer.user, kind="shop_inquiry")
    for spam, robot in ((True, False), (False, True)):
        event = FirstBuyerMessage(
            conversation=conversation, at=SATURDAY_10, in_spam=spam, automatic=robot
        )
        assert answer_first_message(event) is None
    with clock.frozen_at(SATURDAY_10):
        answered = [bool(automatic(ask(as_buyer, f"Q{i}"))) for i in range(DAILY_CAP + 2)]
    assert answered == [True] * DAILY_CAP + [False, False]


def test_an_auto_reply_costs_one_more_message_insert(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    """The reply itself is one INSERT; responsiveness then writes the day's figures (the
    auto-reply answered the first message): one upsert."""
    weekly(as_seller, WEEKDAYS)
    ask(as_buyer)  # the first call of the day records the token's use
    inserts: dict[bool, list[str]] = {}
    for when, is_due in ((MONDAY_10, False), (SATURDAY_10, True)):
        with clock.frozen_at(when), CaptureQueriesContext(connection) as queries:
            as_buyer.post(
                "/me/conversations",
                {"kind": "shop_inquiry", "shop_id": "shop-1", "body": "Hi"},
            )
        inserts[is_due] = [
            q["sql"].split()[2].strip('"')
            for q in queries
            if q["sql"].lstrip().upper().startswith("INSERT")
        ]
    extra = list(inserts[True])
    for table in inserts[False]:
        extra.remove(table)
    assert sorted(extra) == ["messaging_message", "responsiveness_day"]


def test_only_members_see_or_change_the_auto_replies(as_buyer: Client_, shop: Shop) -> None:
    assert as_buyer.get("/shops/shop-1/auto-replies").status_code == 404
    assert weekly(as_buyer, WEEKDAYS).status_code == 404


def test_times_without_a_zone_are_the_shops(as_seller: Client_, shop: Shop) -> None:
    saved = as_seller.call(
        "PUT",
        "/shops/shop-1/auto-replies/temporary",
        {
            "on": True,
            "text": "Away",
            "starts_at": "2026-06-08T10:00",
            "ends_at": "2026-06-08T12:00",
        },
    )
    assert saved.status_code == 200
    assert saved.json()["temporary"]["starts_at"].startswith("2026-06-08T08:00")  # Paris, UTC+2


def test_the_auto_reply_page_saves_a_week_and_explains_broken_rules(
    seller: Any, shop: Shop
) -> None:
    from django.test import Client

    client = Client()
    client.force_login(seller)
    url = f"/shop/{shop.id}/messages/auto-reply/"
    assert client.get(url).status_code == 200
    form = {"save_weekly": "1", "weekly_on": "on", "weekly_text": "Back soon"}
    for day in range(3):
        form |= {f"day{day}": "on", f"from{day}_1": "09:00", f"to{day}_1": "17:00"}
    refused = client.post(url, form)
    assert refused.status_code == 400
    assert "Choose at least 4 days a week." in refused.content.decode()
    copy = client.post(url, {**form, "day3": "on", "copy": "0"})
    assert copy.content.decode().count('value="17:00"') == 4  # copied to every chosen day
    form |= {"day3": "on", "from3_1": "09:00", "to3_1": "17:00"}
    assert client.post(url, form).status_code == 302
    vacation = client.post(
        f"/shop/{shop.id}/settings/vacation/", {"on": "on", "message": "Closed in August."}
    )
    assert vacation.status_code == 302
    shop.refresh_from_db()
    assert shop.vacation_mode


def test_the_shops_own_messages_get_no_auto_reply_but_the_buyers_first_answer_does(
    as_buyer: Client_, as_seller: Client_, order: Any
) -> None:
    weekly(as_seller, WEEKDAYS)
    with clock.frozen_at(SATURDAY_10):
        started = as_seller.post(
            "/shops/shop-1/conversations", {"order_id": "order-1", "body": "Which colour?"}
        )
        cid = started.json()["conversation_id"]
        as_seller.post(f"/shops/shop-1/conversations/{cid}/messages", {"body": "Blue or red?"})
        assert automatic(cid) == []
        as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Blue, please."})
        assert automatic(cid) == ["Back Monday 9:00!"]


def test_buyers_see_the_vacation_on_the_shop_and_listing_pages(
    as_seller: Client_, listing: Listing, shop: Shop, client: Any
) -> None:
    as_seller.call("PUT", "/shops/shop-1/vacation", {"on": True, "message": "Back in September."})
    for url in (f"/shops/{shop.slug}/", f"/listings/{listing.id}/"):
        page = client.get(url).content.decode()
        assert "This shop is on vacation." in page
        assert "Back in September." in page
