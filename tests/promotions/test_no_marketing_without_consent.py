"""A seller cannot reach a buyer without consent with marketing, by any path.

One shop, three past buyers: Ann agreed at checkout, Dov was never asked, Eli agreed and
then unsubscribed through the link in a marketing e-mail. Every way a seller has to put
news or an offer in front of a buyer is tried (the bulk send through the API and the web
form, the single marketing message, a new order thread, a reply, the web reply box, the
service itself); afterwards Dov and Eli have no marketing in their folders, no e-mail about
it, and whatever advertising the seller wrote to them waits, held, for Trust & Safety.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.consent.models import Consent, ConsentChange
from comptoir.consent.services import consent_set
from comptoir.core import clock
from comptoir.core.errors import Conflict
from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Message
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.marketing import marketing_message_send
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.messaging.conftest import Client_, as_seller
from tests.promotions.sends.conftest import buy, run_sends

NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
BASE = "/shops/shop-1"
ADVERT = "Our summer sale starts today: 30% off everything in the shop with code SUMMER30!"

__all__ = ["as_seller"]


@pytest.fixture(autouse=True)
def _frozen_clock() -> Iterator[None]:
    with clock.frozen_at(NOON):
        yield


@pytest.fixture
def buyers(shop: Shop, as_seller: Client_) -> dict[str, User]:
    for n, key in enumerate(["ann", "dov", "eli"]):
        buy(shop, f"o-{key}", key, at=NOON - timedelta(days=30 - n))
    people = {key: User.objects.get(external_id=key) for key in ("ann", "dov", "eli")}
    for key in ("ann", "eli"):
        consent_set(buyer_id=people[key].id, shop_id=shop.id, given=True, source="checkout")
    # Eli reads a marketing e-mail and unsubscribes with its link, logged out.
    as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "eli", "subject": "Hi", "body": "News"}
    )
    run_sends()
    email = OutboxEmail.objects.get(recipient="eli@example.org", reason="marketing")
    link = re.search(r"https?://\S+/unsubscribe/\S+/", email.body)
    assert link is not None
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    assert Client().post(f"/{path}").status_code == 200
    return people


def marketing_seen_by(buyer: User) -> list[str]:
    """What the buyer can read that is marketing or advertising, through their own API."""
    client = Client_(buyer)
    seen = []
    for thread in client.get("/me/conversations", limit=100).json()["items"]:
        messages = client.get(f"/me/conversations/{thread['id']}").json()["messages"]
        for m in messages:
            if thread["kind"] == "marketing" or m["is_marketing"] or "SUMMER30" in m["body"]:
                seen.append(m["body"])
    return seen


def marketing_mails_to(buyer: User) -> list[str]:
    return [
        e.body
        for e in OutboxEmail.objects.filter(recipient=buyer.email)
        if e.reason == "marketing" or "SUMMER30" in e.body
    ]


def test_no_path_reaches_a_buyer_without_consent(
    buyers: dict[str, User], shop: Shop, seller: User, as_seller: Client_
) -> None:
    ann, dov, eli = buyers["ann"], buyers["dov"], buyers["eli"]
    assert Consent.objects.get(buyer=eli, shop=shop).given is False
    assert ConsentChange.objects.filter(buyer=eli, source="unsubscribe").count() == 1
    eli_news_before = marketing_seen_by(eli)
    eli_mails_before = marketing_mails_to(eli)
    assert eli_news_before == ["News"]  # the message she unsubscribed from

    # 1. A bulk send through the API: Ann only; Dov and Eli are left out, counted.
    sent = as_seller.post(
        f"{BASE}/sends", {"audience": "all", "subject": "Summer", "body": ADVERT}
    ).json()
    assert (sent["audience_size"], sent["left_out"]) == (3, 2)
    run_sends()

    # 2. The same through the web form.
    web = Client()
    web.force_login(seller)
    form = {"audience": "all", "subject": "Summer", "body": ADVERT}
    new = reverse("promotions:send_new", args=[shop.id])
    checked = web.post(new, form)  # the seller checks the audience first…
    assert checked.context["preview"].left_out == 2
    key = checked.context["form"]["checked"].value()
    assert web.post(new, {**form, "checked": key, "send": "1"}).status_code == 302  # …then sends
    run_sends()

    # 3. A single marketing message, API and service: refused, nothing written.
    messages_before = Message.objects.count()
    for key in ("dov", "eli"):
        response = as_seller.post(
            f"{BASE}/marketing-messages", {"buyer_id": key, "subject": "Hi", "body": ADVERT}
        )
        assert response.status_code == 409
        assert response.json()["code"] == "no_marketing_consent"
        with pytest.raises(Conflict) as refused:
            marketing_message_send(
                viewer=as_member(seller, shop), buyer_id=buyers[key].id, draft=Draft(ADVERT)
            )
        assert refused.value.code == "no_marketing_consent"
    assert Message.objects.count() == messages_before

    # 4. Advertising in a new order thread, and as a reply in it: held, not delivered.
    held = []
    for key in ("dov", "eli"):
        opened = as_seller.post(f"{BASE}/conversations", {"order_id": f"o-{key}", "body": ADVERT})
        assert opened.status_code == 201, opened.json()
        assert opened.json()["held"] is True
        cid = opened.json()["conversation_id"]
        held.append(opened.json()["id"])
        # The buyer writes about their order; the seller answers with the advert again.
        Client_(buyers[key]).post(
            "/me/conversations",
            {"kind": "help_request", "order_id": f"o-{key}", "reason": "other", "body": "Hi?"},
        )
        thread = Client_(buyers[key]).get("/me/conversations").json()["items"][0]
        assert thread["id"] != cid  # the held thread is not in their folders
        reply = as_seller.post(f"{BASE}/conversations/{thread['id']}/messages", {"body": ADVERT})
        assert reply.json()["held"] is True
        held.append(reply.json()["id"])
        # 5. And through the web reply box.
        page = reverse("messaging:shop_thread", args=[shop.id, thread["id"]])
        web.post(page, {"body": ADVERT})
    assert Message.objects.filter(held=True).count() == 6
    assert set(held) <= set(Message.objects.filter(held=True).values_list("id", flat=True))

    # Ann, who agreed, got both sends; Dov and Eli got nothing new.
    assert len([b for b in marketing_seen_by(ann) if "SUMMER30" in b]) == 2
    assert len(marketing_mails_to(ann)) == 2
    assert marketing_seen_by(dov) == []
    assert marketing_mails_to(dov) == []
    assert marketing_seen_by(eli) == eli_news_before
    assert marketing_mails_to(eli) == eli_mails_before


def test_consent_to_one_shop_does_not_open_another(
    buyers: dict[str, User], shop: Shop, seller: User, as_seller: Client_
) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Atelier Soleil", time_zone="Europe/Paris")
    consent_set(buyer_id=buyers["dov"].id, shop_id=other.id, given=True, source="checkout")
    response = as_seller.post(
        f"{BASE}/marketing-messages", {"buyer_id": "dov", "subject": "Hi", "body": ADVERT}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "no_marketing_consent"


def test_a_withdrawal_wins_over_a_send_already_under_way(
    buyers: dict[str, User], shop: Shop, as_seller: Client_
) -> None:
    started = as_seller.post(
        f"{BASE}/sends", {"audience": "all", "subject": "Summer", "body": ADVERT}
    ).json()
    assert started["left_out"] == 2  # Ann was to get it…
    consent_set(buyer_id=buyers["ann"].id, shop_id=shop.id, given=False, source="account")
    run_sends()  # …but withdrew before her turn
    done: dict[str, Any] = as_seller.get(f"{BASE}/sends/{started['id']}").json()
    assert (done["sent"], done["withdrawn"]) == (0, 1)
    assert [b for b in marketing_seen_by(buyers["ann"]) if "SUMMER30" in b] == []
