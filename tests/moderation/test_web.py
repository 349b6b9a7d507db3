"""The pages: warnings and held marks in the thread, report pages, the marketing strip and
badge, and Trust & Safety's console (404 for others, audited decisions, pinned queries)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.core.models import AuditEntry
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.marketing import marketing_message_send
from comptoir.moderation.models import Flag, Report
from comptoir.orders.models import Order
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from tests.accounts.helpers import staff_client
from tests.moderation.conftest import (
    ADVERT,
    EXTORTION,
    OFF_PLATFORM,
    Client_,
    buyer_says,
    consents,
    shop_says,
)


def _login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client: Client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    return response.content.decode()


def test_the_seller_sees_a_warning_box_and_a_report_button(
    as_buyer: Client_, seller: User, shop: Shop, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    sent = buyer_says(as_buyer, cid, EXTORTION)
    html = _page(_login(seller), reverse("messaging:shop_thread", args=[shop.id, cid]))
    assert "tie a review to a reward or a threat" in html
    assert reverse("moderation:shop_report", args=[shop.id, sent["id"]]) in html


def test_the_buyer_sees_the_warning_and_the_sender_does_not(
    as_seller: Client_, buyer: User, seller: User, shop: Shop, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    shop_says(as_seller, cid, OFF_PLATFORM)
    html = _page(_login(buyer), reverse("messaging:buyer_thread", args=[cid]))
    assert "Payments outside are not protected" in html
    seller_html = _page(_login(seller), reverse("messaging:shop_thread", args=[shop.id, cid]))
    assert "Payments outside are not protected" not in seller_html
    # No report link on one's own messages.
    assert reverse("moderation:buyer_report", args=[order_thread["id"]]) not in html


def test_a_held_message_is_marked_for_its_sender_and_absent_for_the_buyer(
    as_seller: Client_, buyer: User, seller: User, shop: Shop, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    shop_says(as_seller, cid, ADVERT)
    seller_html = _page(_login(seller), reverse("messaging:shop_thread", args=[shop.id, cid]))
    assert "Held for review — not delivered" in seller_html
    assert "has not agreed to receive news and offers from your shop" in seller_html
    buyer_html = _page(_login(buyer), reverse("messaging:buyer_thread", args=[cid]))
    assert "new collection" not in buyer_html
    assert "Held for review" not in buyer_html


def test_a_buyer_reports_a_message_from_the_page(
    as_seller: Client_, buyer: User, other_buyer: User, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    sent = shop_says(as_seller, cid, "Hello from the shop.")
    url = reverse("moderation:buyer_report", args=[sent["id"]])
    client = _login(buyer)
    thread_html = _page(client, reverse("messaging:buyer_thread", args=[cid]))
    assert url in thread_html
    assert "Hello from the shop." in _page(client, url)
    response = client.post(url, {"reason": "scam", "note": "Looks fishy."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#m{sent['id']}")
    assert Report.objects.get().reason == "scam"
    # Back on the report page: it says so instead of offering the form again.
    reported_page = _page(client, url)
    assert "You already reported this message on" in reported_page
    assert "(Scam or phishing)" in reported_page
    assert "Send the report" not in reported_page
    again = client.post(url, {"reason": "scam"})
    assert again.status_code == 409
    assert "already reported" in again.content.decode()
    _page(_login(other_buyer), url, status=404)
    assert client.post(url, {"reason": "bogus"}).status_code == 400


def test_marketing_threads_carry_a_badge_and_a_way_to_stop_them(
    seller: User, buyer: User, shop: Shop, order: Order
) -> None:
    consents(buyer, shop)
    message = marketing_message_send(
        viewer=as_member(seller, shop), buyer_id=buyer.id, draft=Draft(body=ADVERT)
    )
    client = _login(buyer)
    inbox = _page(client, reverse("messaging:buyer_inbox"))
    assert "News & offers" in inbox
    html = _page(client, reverse("messaging:buyer_thread", args=[message.conversation_id]))
    assert "you get these because you agreed" in html
    assert "Atelier Lune" in html


# --- Trust & Safety's console ------------------------------------------------------------------


@pytest.fixture
def flags(as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]) -> dict[str, Flag]:
    cid = order_thread["conversation_id"]
    extortion = buyer_says(as_buyer, cid, EXTORTION)["id"]
    advert = shop_says(as_seller, cid, ADVERT)["id"]
    return {
        "extortion": Flag.objects.get(message_id=extortion),
        "advert": Flag.objects.get(message_id=advert),
    }


def test_the_console_is_404_for_everyone_but_trust_and_safety(
    buyer: User, seller: User, flags: dict[str, Flag]
) -> None:
    flag = flags["advert"]
    for user in (buyer, seller):
        client = _login(user)
        _page(client, reverse("moderation:queue"), status=404)
        _page(client, reverse("moderation:flag", args=[flag.id]), status=404)
        url = reverse("moderation:flag_decide", args=[flag.id, "release"])
        assert client.post(url, {"note": ""}).status_code == 404
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_the_queue_shows_held_first_with_the_phrase_highlighted(
    staff: User, flags: dict[str, Flag]
) -> None:
    html = _page(staff_client(staff), reverse("moderation:queue"))
    assert html.index(f'data-flag="{flags["advert"].id}"') < html.index(
        f'data-flag="{flags["extortion"].id}"'
    )
    assert "<mark" in html
    assert ">new collection</mark>" in html
    assert "Advertising without consent" in html
    assert "Atelier Lune" in html


def test_the_flag_page_explains_each_finding_in_words_and_links_the_thread(
    staff: User, flags: dict[str, Flag]
) -> None:
    flag = flags["extortion"]
    html = _page(staff_client(staff), reverse("moderation:flag", args=[flag.id]))
    assert "Threatens a bad review, or ties a rating to a demand" in html
    assert reverse("standards:thread", args=[flag.conversation_id]) in html
    assert "Dismiss" in html
    assert "Confirm" in html
    assert AuditEntry.objects.filter(verb="moderation.flag_read", actor=staff).count() == 1


def test_releasing_from_the_console_delivers_and_is_audited(
    staff: User, buyer: User, flags: dict[str, Flag]
) -> None:
    flag = flags["advert"]
    client = staff_client(staff)
    response = client.post(
        reverse("moderation:flag_decide", args=[flag.id, "release"]), {"note": "Was asked for."}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RELEASED
    assert flag.reviewed_by == staff
    line = AuditEntry.objects.get(verb="moderation.released")
    assert line.details["note"] == "Was asked for."
    html = _page(_login(buyer), reverse("messaging:buyer_thread", args=[flag.conversation_id]))
    assert "new collection" in html
    # A second decision is refused on the page.
    again = client.post(reverse("moderation:flag_decide", args=[flag.id, "reject"]), {})
    assert again.status_code == 409


def test_staff_close_a_report_from_the_queue(
    as_seller: Client_, staff: User, flags: dict[str, Flag]
) -> None:
    message_id = flags["extortion"].message_id
    response = as_seller.post(
        f"/shops/shop-1/messages/{message_id}/reports", {"reason": "extortion"}
    )
    assert response.status_code == 201
    report = Report.objects.get()
    client = staff_client(staff)
    html = _page(client, reverse("moderation:queue"))
    assert f'data-report="{report.id}"' in html
    assert "Review pressure or extortion" in html
    closed = client.post(reverse("moderation:report_close", args=[report.id]), {"note": "Seen."})
    assert closed.status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.CLOSED
    assert report.handled_by == staff
    assert AuditEntry.objects.filter(verb="moderation.report_closed").count() == 1
    assert "No open report." in _page(client, reverse("moderation:queue"))


def test_the_queue_page_costs_the_same_queries_for_one_flag_or_many(
    as_buyer: Client_, as_seller: Client_, staff: User, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    client = staff_client(staff)
    sent = shop_says(as_seller, cid, "Hello from the shop.")
    as_buyer.post(f"/me/messages/{sent['id']}/reports", {"reason": "other"})
    buyer_says(as_buyer, cid, EXTORTION)
    client.get(reverse("moderation:queue"))
    with CaptureQueriesContext(connection) as one:
        _page(client, reverse("moderation:queue"))
    for _ in range(5):
        buyer_says(as_buyer, cid, EXTORTION)
        shop_says(as_seller, cid, ADVERT)
    with CaptureQueriesContext(connection) as many:
        html = _page(client, reverse("moderation:queue"))
    assert html.count("data-flag=") == 11
    assert len(many) == len(one)
    # session, user, the second factor's device, the permission check (one query since
    # is_trust_and_safety is prepared), one page of flags, one of reports
    assert len(one) == 6
