"""The demo's consent, offers, news to past buyers, check-ins and moderation, as the demo
seller, buyer and staff find them on a fresh `comptoir serve`."""

from __future__ import annotations

import pytest

from comptoir.accounts.models import User
from comptoir.consent.models import Consent, ConsentChange
from comptoir.demo.marketplace import load_demo
from comptoir.messaging.models import Message
from comptoir.messaging.selectors import ListFilters, conversation_list, conversation_thread
from comptoir.moderation.models import Flag, Report
from comptoir.orders.models import Order
from comptoir.promotions.models import Campaign, Coupon, FollowUp, Recipient, Sale
from comptoir.shops.access import as_buyer
from comptoir.shops.models import Shop

pytestmark = pytest.mark.django_db


def test_the_demo_shows_consent_offers_sends_and_check_ins() -> None:
    load_demo()
    paris = Shop.objects.get(external_id="demo-shop-paris")
    camille = User.objects.get(username="buyer")

    # Consent was given at checkout, at the first order, for some buyers only.
    pairs = set(Order.objects.values_list("buyer_id", "shop_id"))
    given = Consent.objects.filter(given=True)
    assert 0 < given.count() < len(pairs)
    assert set(ConsentChange.objects.values_list("source", flat=True)) == {"checkout"}
    assert given.filter(buyer=camille, shop=paris).exists()

    merci = Coupon.objects.get(shop=paris, code="MERCI10")
    assert merci.uses == merci.redemptions.count() >= 3  # one per buyer, as the code says
    assert Sale.objects.filter(shop=paris, ends_at__gt=merci.created_at).count() == 1

    # The news reached exactly the past buyers who agreed; the others are left out.
    campaign = Campaign.objects.get(shop=paris)
    assert campaign.status == "sent"
    consenting = given.filter(shop=paris).count()
    assert campaign.sent == consenting
    assert campaign.left_out == campaign.audience_size - consenting > 0
    assert Recipient.objects.filter(campaign=campaign, status="left_out").count() > 0

    # Camille reads it with the code, in her marketing thread.
    mine = conversation_list(as_buyer(camille), ListFilters(), cursor=None, limit=50).items
    news = next(p for p in mine if p.kind == "marketing")
    thread = conversation_thread(as_buyer(camille), news.conversation_id)
    assert "MERCI10" in thread.messages[0].body
    assert thread.messages[0].is_marketing

    assert FollowUp.objects.filter(shop=paris, status="sent").exists()


def test_the_demo_shows_what_moderation_caught_and_nothing_else() -> None:
    load_demo()
    every = list(Flag.objects.select_related("message").order_by("id"))
    # The three planted messages and the demo's spam (followers paid in gift cards);
    # no ordinary demo message is flagged by mistake.
    assert sorted(tuple(f.categories) for f in every) == [
        ("advertising",),
        ("extortion",),
        ("off_platform",),
        ("off_platform",),
    ]
    spam = next(f for f in every if "gift cards" in f.message.body)
    assert spam.message.conversation.kind == "shop_inquiry"
    flags = {tuple(f.categories): f for f in every if f is not spam}
    assert flags[("advertising",)].outcome == "held"
    assert flags[("advertising",)].message.held
    assert flags[("extortion",)].outcome == "warned"
    kasia = User.objects.get(external_id="demo-buyer-kasia")
    held = flags[("advertising",)].message
    assert not Message.objects.filter(
        conversation__parties__buyer=kasia, conversation__parties__folder="inbox", id=held.id
    ).exists()
    report = Report.objects.get()
    assert report.message_id == flags[("off_platform",)].message_id
    assert report.status == "open"
