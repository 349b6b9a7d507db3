"""Every message is screened before it is written: the recipient is warned, staff get a
flag with the evidence, and a shop's advertising to a buyer without consent is held."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Message
from comptoir.messaging.services.contact_form import contact_form_submit
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.marketing import marketing_message_send
from comptoir.moderation.models import Flag
from comptoir.moderation.screening import decide
from comptoir.orders.models import Order
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from tests.moderation.conftest import (
    ADVERT,
    EXTORTION,
    OFF_PLATFORM,
    Client_,
    buyer_says,
    buyer_sees,
    consents,
    mails_to,
    shop_says,
    shop_sees,
)

# --- The decision, pure -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("categories", "side", "marketing", "consent", "warnings", "hold"),
    [
        ([], "shop", False, False, (), False),
        (["extortion"], "buyer", False, False, ("extortion",), False),
        (["off_platform"], "shop", False, False, ("off_platform",), False),
        (["advertising"], "shop", False, False, ("advertising",), True),
        (["advertising", "off_platform"], "shop", False, False,
         ("off_platform", "advertising"), True),
        # Consent (or a consent-checked marketing send) makes advertising no problem.
        (["advertising"], "shop", False, True, (), False),
        (["advertising"], "shop", True, True, (), False),
        (["advertising", "extortion"], "shop", True, True, ("extortion",), False),
        # A buyer never has a message held.
        (["advertising"], "buyer", False, False, ("advertising",), False),
    ],
)  # fmt: skip
def test_the_decision_from_a_verdict(
    categories: list[str],
    side: str,
    marketing: bool,
    consent: bool,
    warnings: tuple[str, ...],
    hold: bool,
) -> None:
    decision = decide(categories, sender_side=side, marketing=marketing, consent=consent)
    assert decision.warnings == warnings
    assert decision.hold is hold


# --- Through the API --------------------------------------------------------------------------


def test_a_buyers_extortion_reaches_the_seller_with_a_warning_and_a_flag(
    as_buyer: Client_, as_seller: Client_, as_staff: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    sent = buyer_says(as_buyer, cid, EXTORTION)
    assert sent["warnings"] == []  # the sender is not told which words set it off
    assert sent["held"] is False

    seen = shop_sees(as_seller, cid)[sent["id"]]
    assert seen["warnings"] == ["extortion"]
    assert seen["body"] == EXTORTION

    queue = as_staff.get("/moderation/flags").json()["items"]
    assert [f["message_id"] for f in queue] == [sent["id"]]
    flag = queue[0]
    assert flag["outcome"] == "warned"
    assert flag["categories"] == ["extortion"]
    assert flag["sender_side"] == "buyer"
    finding = next(f for f in flag["findings"] if f["category"] == "extortion")
    assert finding["rule"] == "review_threat"
    assert finding["phrase"] in EXTORTION
    assert EXTORTION[finding["start"] : finding["end"]] == finding["phrase"]


def test_a_sellers_request_to_pay_outside_warns_the_buyer(
    as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    sent = shop_says(as_seller, cid, OFF_PLATFORM)
    assert buyer_sees(as_buyer, cid)[sent["id"]]["warnings"] == ["off_platform"]
    flag = Flag.objects.get(message_id=sent["id"])
    assert flag.outcome == Flag.Outcome.WARNED
    assert {f["rule"] for f in flag.findings} >= {"western_union"}


def test_advertising_without_consent_is_held_until_staff_release_it(
    as_buyer: Client_,
    as_seller: Client_,
    as_staff: Client_,
    buyer: User,
    order_thread: dict[str, Any],
) -> None:
    cid = order_thread["conversation_id"]
    mails_before = mails_to(buyer.email)
    sent = shop_says(as_seller, cid, ADVERT)

    assert sent["held"] is True
    assert sent["id"] not in buyer_sees(as_buyer, cid)
    assert mails_to(buyer.email) == mails_before  # no e-mail either
    assert shop_sees(as_seller, cid)[sent["id"]]["held"] is True
    listed = as_buyer.get("/me/conversations").json()["items"]
    assert next(c for c in listed if c["id"] == cid)["preview"] != ADVERT

    flag = as_staff.get("/moderation/flags", outcome="held").json()["items"][0]
    assert flag["message_id"] == sent["id"]
    assert any(f["phrase"] == "new collection" for f in flag["findings"])
    response = as_staff.post(f"/moderation/flags/{flag['id']}/release", {"note": "Fine."})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "released"

    delivered = buyer_sees(as_buyer, cid)[sent["id"]]
    assert delivered["held"] is False
    assert delivered["warnings"] == []  # staff found it fine: no advertising warning
    assert mails_to(buyer.email) == mails_before + 1


def test_a_rejected_held_message_is_never_delivered(
    as_buyer: Client_,
    as_seller: Client_,
    as_staff: Client_,
    buyer: User,
    order_thread: dict[str, Any],
) -> None:
    cid = order_thread["conversation_id"]
    mails_before = mails_to(buyer.email)
    sent = shop_says(as_seller, cid, ADVERT)
    flag = Flag.objects.get(message_id=sent["id"])
    response = as_staff.post(f"/moderation/flags/{flag.id}/reject", {"note": "Advertising."})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "rejected"

    again = as_staff.post(f"/moderation/flags/{flag.id}/release", {})
    assert again.status_code == 409
    assert again.json()["code"] == "flag_closed"
    assert sent["id"] not in buyer_sees(as_buyer, cid)
    assert mails_to(buyer.email) == mails_before
    assert shop_sees(as_seller, cid)[sent["id"]]["held"] is True


def test_the_same_advertising_to_a_buyer_who_consents_is_delivered_unflagged(
    as_buyer: Client_,
    as_seller: Client_,
    buyer: User,
    shop: Shop,
    order_thread: dict[str, Any],
) -> None:
    consents(buyer, shop)
    cid = order_thread["conversation_id"]
    sent = shop_says(as_seller, cid, ADVERT)
    assert sent["held"] is False
    assert buyer_sees(as_buyer, cid)[sent["id"]]["warnings"] == []
    assert not Flag.objects.exists()


def test_consent_does_not_count_while_staff_suspended_the_shops_promotions(
    as_buyer: Client_,
    as_seller: Client_,
    buyer: User,
    shop: Shop,
    order_thread: dict[str, Any],
) -> None:
    consents(buyer, shop)
    Shop.objects.filter(pk=shop.pk).update(staff_no_promotions=True)
    sent = shop_says(as_seller, order_thread["conversation_id"], ADVERT)
    assert sent["held"] is True


def test_asking_for_a_review_alone_is_fine(
    as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    sent = shop_says(as_seller, cid, "Could you leave a review?")
    assert buyer_sees(as_buyer, cid)[sent["id"]]["warnings"] == []
    assert not Flag.objects.exists()
    assert not Message.objects.filter(held=True).exists()


def test_a_new_order_thread_opened_with_advertising_stays_out_of_the_buyers_folders(
    as_buyer: Client_, as_seller: Client_, as_staff: Client_, order: Order
) -> None:
    response = as_seller.post(
        "/shops/shop-1/conversations", {"order_id": "order-1", "body": ADVERT}
    )
    assert response.status_code == 201, response.json()
    sent = response.json()
    cid = sent["conversation_id"]
    assert sent["held"] is True
    assert as_buyer.get("/me/conversations").json()["items"] == []
    assert as_buyer.get(f"/me/conversations/{cid}").status_code == 404
    assert as_buyer.get("/me/folders").json()["threads"]["inbox"] == 0

    flag = Flag.objects.get(message_id=sent["id"])
    assert as_staff.post(f"/moderation/flags/{flag.id}/release", {}).status_code == 200
    listed = as_buyer.get("/me/conversations").json()["items"]
    assert [c["id"] for c in listed] == [cid]
    assert sent["id"] in buyer_sees(as_buyer, cid)


def test_a_held_answer_to_a_website_visitor_reaches_them_by_e_mail_once_released(
    as_seller: Client_, as_staff: Client_, shop: Shop
) -> None:
    asked = contact_form_submit(
        shop=shop, name="Ewa", email="ewa@example.pl", subject="", body="Do you ship to Poland?"
    )
    sent = shop_says(as_seller, asked.conversation_id, ADVERT)
    assert sent["held"] is True
    assert mails_to("ewa@example.pl") == 0

    flag = Flag.objects.get(message_id=sent["id"])
    assert as_staff.post(f"/moderation/flags/{flag.id}/release", {}).status_code == 200
    [mail] = OutboxEmail.objects.filter(recipient="ewa@example.pl")
    assert ADVERT in mail.body  # the visitor has no account: the e-mail is the answer


def test_a_marketing_send_to_a_consenting_buyer_is_not_held(
    seller: User, buyer: User, shop: Shop, order: Order
) -> None:
    consents(buyer, shop)
    message = marketing_message_send(
        viewer=as_member(seller, shop), buyer_id=buyer.id, draft=Draft(body=ADVERT)
    )
    assert message.is_marketing
    assert not message.held
    assert message.warnings == []
    assert not Flag.objects.exists()


# --- What screening costs ---------------------------------------------------------------------


def _queries_on(captured: CaptureQueriesContext, table: str) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if table in q["sql"]]


def test_screening_costs_at_most_one_query_per_message(
    as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    with CaptureQueriesContext(connection) as from_buyer:
        buyer_says(as_buyer, cid, "Any news about the parcel?")
    assert _queries_on(from_buyer, "consent_consent") == []
    assert _queries_on(from_buyer, "moderation_") == []

    with CaptureQueriesContext(connection) as from_shop:
        shop_says(as_seller, cid, "It left on Monday, tracking to follow.")
    assert len(_queries_on(from_shop, "consent_consent")) == 1
    assert _queries_on(from_shop, "moderation_") == []

    with CaptureQueriesContext(connection) as flagged:
        shop_says(as_seller, cid, OFF_PLATFORM)
    assert len(_queries_on(flagged, "consent_consent")) == 1
    assert len(_queries_on(flagged, "moderation_flag")) == 1  # the flag's INSERT
