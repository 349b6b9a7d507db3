"""Sends to past buyers through the API: only buyers who agreed get a marketing thread,
the others are recorded as left out; a withdrawal before one's turn wins; the daily cap
holds the rest for the next day; cancel; suspension; strangers get 404."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.core import clock
from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Conversation, Message
from comptoir.promotions.models import Campaign, Coupon, Recipient
from comptoir.promotions.sends import resume_sends
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_
from tests.promotions.sends.conftest import NOON, buy, consent, queued_sends, run_sends

BASE = "/shops/shop-1"
# token, shop membership, the send, one page of recipients with their buyers
RECIPIENTS_QUERIES = 4


def send(seller: Client_, **extra: Any) -> Any:
    body = {"audience": "all", "subject": "Summer news", "body": "New linen aprons are in."}
    return seller.post(f"{BASE}/sends", {**body, **extra})


def marketing_threads(key: str) -> list[dict[str, Any]]:
    from comptoir.accounts.models import User

    response = Client_(User.objects.get(external_id=key)).get("/me/conversations")
    assert response.status_code == 200
    return [c for c in response.json()["items"] if c["kind"] == "marketing"]


def test_audience_preview_through_the_api(buyers: Shop, as_seller: Client_) -> None:
    response = as_seller.get(f"{BASE}/audience", audience="all")
    assert response.status_code == 200
    assert response.json() == {"audience_size": 5, "consenting": 3, "left_out": 2}
    bad = as_seller.get(f"{BASE}/audience", audience="listing", listing_id="nope")
    assert bad.status_code == 422
    assert bad.json()["code"] == "invalid_audience"


def test_a_full_send_reaches_only_buyers_who_agreed(buyers: Shop, as_seller: Client_) -> None:
    response = send(as_seller)
    assert response.status_code == 201, response.json()
    started = response.json()
    assert started["status"] == "sending"
    assert (started["audience_size"], started["left_out"], started["sent"]) == (5, 2, 0)
    assert queued_sends() == 1

    assert run_sends() == ["sent"]

    done = as_seller.get(f"{BASE}/sends/{started['id']}").json()
    assert done["status"] == "sent"
    assert (done["sent"], done["left_out"], done["to_send"], done["percent"]) == (3, 2, 0, 100)
    for key in ("ann", "bea", "cid"):
        threads = marketing_threads(key)
        assert len(threads) == 1
        assert threads[0]["subject"] == "Summer news"
        assert threads[0]["shop_name"] == "Atelier Lune"
    for key in ("dov", "eli"):
        assert marketing_threads(key) == []
    assert Message.objects.filter(is_marketing=True).count() == 3

    emails = OutboxEmail.objects.filter(reason="marketing")
    assert sorted(e.recipient for e in emails) == [
        "ann@example.org",
        "bea@example.org",
        "cid@example.org",
    ]
    for email in emails:
        assert email.headers["List-Unsubscribe"].startswith("<http")
        assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    left_out = as_seller.get(f"{BASE}/sends/{started['id']}/recipients", status="left_out")
    assert sorted(r["buyer_name"] for r in left_out.json()["items"]) == ["Dov", "Eli"]
    assert all(r["conversation_id"] is None for r in left_out.json()["items"])
    sent = as_seller.get(f"{BASE}/sends/{started['id']}/recipients", status="sent").json()
    assert sorted(r["buyer_name"] for r in sent["items"]) == ["Ann", "Bea", "Cid"]
    assert all(r["conversation_id"] for r in sent["items"])

    assert run_sends() == []  # nothing left queued; running it again sends nobody twice
    from comptoir.promotions.tasks import send_campaign

    assert send_campaign.call(started["id"]) == "stopped"
    assert Message.objects.filter(is_marketing=True).count() == 3


def test_the_coupon_line_is_added_under_the_message(buyers: Shop, as_seller: Client_) -> None:
    coupon = Coupon.objects.create(
        shop=buyers,
        code="SPRING10",
        discount_kind="percent",
        amount=Decimal("10.00"),
        starts_at=NOON - timedelta(days=1),
        ends_at=datetime(2026, 6, 30, 22, 0, tzinfo=UTC),  # 1 July, 00:00 in Paris
    )
    response = send(as_seller, coupon_id=coupon.id)
    assert response.status_code == 201, response.json()
    assert response.json()["coupon_code"] == "SPRING10"
    from comptoir.accounts.models import User

    User.objects.filter(external_id="cid").update(language="fr")
    run_sends()
    french = Message.objects.get(is_marketing=True, conversation__buyer__external_id="cid")
    assert french.body.endswith("30 juin 2026")  # in the buyer's language
    french.delete()
    bodies = set(Message.objects.filter(is_marketing=True).values_list("body", flat=True))
    assert bodies == {
        "New linen aprons are in.\n\nYour code: SPRING10 — 10 % off, until June 30, 2026"
    }


def test_a_coupon_that_does_not_work_is_refused(buyers: Shop, as_seller: Client_) -> None:
    coupon = Coupon.objects.create(
        shop=buyers, code="OLD", discount_kind="amount", amount=Decimal("5"),
        starts_at=NOON - timedelta(days=9), ends_at=NOON - timedelta(days=1),
    )  # fmt: skip
    response = send(as_seller, coupon_id=coupon.id)
    assert response.status_code == 422
    assert response.json()["fields"] == {"coupon_id": "not_usable"}
    assert Campaign.objects.count() == 0


def test_a_buyer_who_withdraws_before_their_turn_gets_nothing(
    buyers: Shop, as_seller: Client_
) -> None:
    started = send(as_seller).json()
    consent(buyers, "bea", given=False)  # from the unsubscribe link, say, while it is queued
    run_sends()
    done = as_seller.get(f"{BASE}/sends/{started['id']}").json()
    assert (done["sent"], done["withdrawn"], done["left_out"], done["status"]) == (2, 1, 2, "sent")
    assert marketing_threads("bea") == []
    assert len(marketing_threads("ann")) == 1
    withdrawn = as_seller.get(f"{BASE}/sends/{started['id']}/recipients", status="withdrawn")
    assert [r["buyer_name"] for r in withdrawn.json()["items"]] == ["Bea"]


def test_draft_then_start(buyers: Shop, as_seller: Client_) -> None:
    draft = send(as_seller, draft=True).json()
    assert draft["status"] == "draft"
    assert queued_sends() == 0
    assert Recipient.objects.count() == 0
    started = as_seller.post(f"{BASE}/sends/{draft['id']}/start")
    assert started.status_code == 200
    assert started.json()["status"] == "sending"
    again = as_seller.post(f"{BASE}/sends/{draft['id']}/start")
    assert again.status_code == 409
    assert again.json()["code"] == "send_already_started"


def test_the_daily_cap_holds_the_rest_for_the_next_day(
    shop: Shop, as_seller: Client_, settings: Any
) -> None:
    settings.COMPTOIR_MARKETING_DAILY_CAP = 3
    for n in range(5):
        buy(shop, f"o{n}", f"b{n}")
        consent(shop, f"b{n}")
    started = send(as_seller).json()
    assert run_sends() == ["waiting"]
    waiting = as_seller.get(f"{BASE}/sends/{started['id']}").json()
    assert (waiting["status"], waiting["sent"], waiting["to_send"]) == ("waiting", 3, 2)

    assert resume_sends() == 0  # still the same day in Paris: nothing more today
    # A single message is refused too: the shop's allowance is used.
    single = as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "b4", "subject": "Hi", "body": "News"}
    )
    assert single.status_code == 409
    assert single.json()["code"] == "daily_cap_reached"

    # 00:30 on 16 June in Paris is still 15 June in UTC: the shop's day has turned.
    with clock.frozen_at(datetime(2026, 6, 15, 22, 30, tzinfo=UTC)):
        assert resume_sends() == 1
        assert resume_sends() == 0  # taken up once
        assert run_sends() == ["sent"]
    done = as_seller.get(f"{BASE}/sends/{started['id']}").json()
    assert (done["status"], done["sent"], done["to_send"]) == ("sent", 5, 0)
    assert Message.objects.filter(is_marketing=True).count() == 5


def test_a_send_stopped_by_a_crash_is_taken_up_again(buyers: Shop, as_seller: Client_) -> None:
    started = send(as_seller).json()
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()  # the worker died with the task
    assert resume_sends() == 0  # it may still be running: give it time
    with clock.frozen_at(NOON + timedelta(minutes=11)):
        assert resume_sends() == 1
        assert run_sends() == ["sent"]
    assert as_seller.get(f"{BASE}/sends/{started['id']}").json()["sent"] == 3


def test_cancel_stops_the_send(buyers: Shop, as_seller: Client_) -> None:
    started = send(as_seller).json()
    cancelled = as_seller.post(f"{BASE}/sends/{started['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert run_sends() == ["stopped"]
    assert Message.objects.filter(is_marketing=True).count() == 0
    again = as_seller.post(f"{BASE}/sends/{started['id']}/cancel")
    assert again.status_code == 409
    assert again.json()["code"] == "send_finished"


def test_suspended_promotions_refuse_and_write_nothing(buyers: Shop, as_seller: Client_) -> None:
    Shop.objects.filter(pk=buyers.pk).update(staff_no_promotions=True)
    response = send(as_seller)
    assert response.status_code == 409
    assert response.json()["code"] == "promotions_suspended"
    single = as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "ann", "subject": "Hi", "body": "News"}
    )
    assert single.status_code == 409
    assert single.json()["code"] == "promotions_suspended"
    assert Campaign.objects.count() == 0
    assert Recipient.objects.count() == 0
    assert queued_sends() == 0
    assert Conversation.objects.count() == 0


def test_a_suspension_during_a_send_stops_it(buyers: Shop, as_seller: Client_) -> None:
    started = send(as_seller).json()
    Shop.objects.filter(pk=buyers.pk).update(staff_no_promotions=True)
    assert run_sends() == ["stopped"]
    done = as_seller.get(f"{BASE}/sends/{started['id']}").json()
    assert (done["status"], done["sent"]) == ("cancelled", 0)


def test_nobody_who_agreed_means_nothing_to_send(shop: Shop, as_seller: Client_) -> None:
    buy(shop, "o1", "ann")
    response = send(as_seller)
    assert response.status_code == 422
    assert response.json()["code"] == "no_consenting_buyers"
    assert Campaign.objects.count() == 0


def test_subject_and_message_are_required(buyers: Shop, as_seller: Client_) -> None:
    response = send(as_seller, subject=" ", body="x" * 5001)
    assert response.status_code == 422
    assert response.json()["fields"] == {"subject": "required", "body": "too_long"}


def test_strangers_get_404(buyers: Shop, as_buyer: Client_, as_seller: Client_) -> None:
    started = send(as_seller).json()
    for path in (
        f"{BASE}/audience",
        f"{BASE}/sends",
        f"{BASE}/sends/{started['id']}",
        f"{BASE}/sends/{started['id']}/recipients",
        f"{BASE}/follow-ups",
        f"{BASE}/follow-ups/settings",
    ):
        assert as_buyer.get(path).status_code == 404, path
    for path in (f"{BASE}/sends/{started['id']}/cancel", f"{BASE}/marketing-messages"):
        assert as_buyer.post(
            path, {"buyer_id": "ann", "subject": "x", "body": "y"}
        ).status_code in (404,), path
    assert send(as_buyer).status_code == 404
    assert Campaign.objects.count() == 1


def test_one_message_to_one_buyer_who_agreed(buyers: Shop, as_seller: Client_) -> None:
    ok = as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "ann", "subject": "For you", "body": "A gift"}
    )
    assert ok.status_code == 201, ok.json()
    assert [t["subject"] for t in marketing_threads("ann")] == ["For you"]
    refused = as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "dov", "subject": "For you", "body": "A gift"}
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "no_marketing_consent"
    unknown = as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "nobody", "subject": "x", "body": "y"}
    )
    assert unknown.status_code == 404
    assert marketing_threads("dov") == []
    # Recorded as a send of one, counted in the day's allowance.
    listed = as_seller.get(f"{BASE}/sends").json()["items"]
    assert [(s["audience"], s["sent"]) for s in listed] == [("single", 1)]


def test_recipients_list_query_count_is_pinned(shop: Shop, as_seller: Client_) -> None:
    for n in range(12):
        buy(shop, f"o{n}", f"b{n}")
        if n % 2:
            consent(shop, f"b{n}")
    started = send(as_seller).json()
    run_sends()
    path = f"/api/v1{BASE}/sends/{started['id']}/recipients"

    def count(limit: int) -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = as_seller.client.get(path, {"limit": limit}, **as_seller.auth)
        assert response.status_code == 200
        assert len(response.json()["items"]) == limit
        return len(ctx.captured_queries)

    assert count(2) == count(12) == RECIPIENTS_QUERIES
    first = as_seller.get(f"{BASE}/sends/{started['id']}/recipients", limit=5).json()
    rest = as_seller.get(
        f"{BASE}/sends/{started['id']}/recipients", limit=50, cursor=first["next_cursor"]
    ).json()
    assert len(first["items"]) + len(rest["items"]) == 12
    assert rest["next_cursor"] is None
    with CaptureQueriesContext(connection) as ctx:
        as_seller.client.get(f"/api/v1{BASE}/sends", **as_seller.auth)
    listed = len(ctx.captured_queries)
    send(as_seller)
    with CaptureQueriesContext(connection) as ctx:
        as_seller.client.get(f"/api/v1{BASE}/sends", **as_seller.auth)
    assert len(ctx.captured_queries) == listed == RECIPIENTS_QUERIES - 1  # token, shop, page
