"""The seller's Promotions pages: the audience check shows who is left out before the
Send button, the send page shows its progress bar, the check-in settings save; strangers
get 404."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.promotions.models import Campaign, FollowUpSettings
from comptoir.shops.models import Shop
from tests.promotions.sends.conftest import NOON, buy, consent, run_sends


@pytest.fixture
def web(seller: User) -> Client:
    client = Client()
    client.force_login(seller)
    return client


@pytest.fixture
def buyers(shop: Shop) -> Shop:
    for n, key in enumerate(["ann", "bea", "cid", "dov"]):
        buy(shop, f"o-{key}", key, at=NOON - timedelta(days=30 - n))
    consent(shop, "ann")
    consent(shop, "bea")
    return shop


FORM = {"audience": "all", "subject": "Summer news", "body": "New aprons.", "min_orders": "2"}


def test_the_new_send_page_shows_who_is_left_out_before_sending(buyers: Shop, web: Client) -> None:
    url = reverse("promotions:send_new", args=[buyers.id])
    page = web.get(url)
    assert page.status_code == 200
    assert b'name="check"' in page.content
    assert b'name="send"' not in page.content  # no Send button before the check

    checked = web.post(url, {**FORM, "check": "1"})
    assert checked.status_code == 200
    text = checked.content.decode()
    assert (
        "4 past buyers — 2 will receive it — 2 left out: they have not agreed to receive "
        "news and offers." in text
    )
    assert 'name="send"' in text
    assert Campaign.objects.count() == 0  # checking sends nothing
    key = re.search(r'name="checked" value="([^"]*)"', text)
    assert key is not None
    assert key.group(1) == "all||||2"

    # The audience changed after the check: it is checked again, not sent.
    changed = web.post(url, {**FORM, "audience": "loyal", "checked": "all||||2", "send": "1"})
    assert changed.status_code == 200
    assert Campaign.objects.count() == 0
    assert "0 past buyers — 0 will receive it" in changed.content.decode()
    assert 'name="send"' not in changed.content.decode()  # nobody to send to

    sent = web.post(url, {**FORM, "checked": "all||||2", "send": "1"})
    campaign = Campaign.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == reverse("promotions:send", args=[buyers.id, campaign.id])


def test_the_send_page_shows_the_progress_bar(buyers: Shop, web: Client) -> None:
    web.post(
        reverse("promotions:send_new", args=[buyers.id]),
        {**FORM, "checked": "all||||2", "send": "1"},
    )
    campaign = Campaign.objects.get()
    url = reverse("promotions:send", args=[buyers.id, campaign.id])
    sending = web.get(url).content.decode()
    assert '<progress id="send-bar" max="2" value="0">' in sending
    assert "data-refresh=" in sending  # refreshes itself while sending
    run_sends()
    done = web.get(url).content.decode()
    assert '<progress id="send-bar" max="2" value="2">' in done
    assert "data-refresh=" not in done
    left_out = web.get(url, {"status": "left_out"}).content.decode()
    assert "Cid" in left_out
    assert "Dov" in left_out
    assert "Ann" not in left_out


def test_cancel_from_the_page(buyers: Shop, web: Client) -> None:
    web.post(
        reverse("promotions:send_new", args=[buyers.id]),
        {**FORM, "checked": "all||||2", "send": "1"},
    )
    campaign = Campaign.objects.get()
    response = web.post(reverse("promotions:send_cancel", args=[buyers.id, campaign.id]))
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "cancelled"


def test_nobody_who_agreed_is_said_on_the_form(shop: Shop, web: Client) -> None:
    buy(shop, "o1", "ann")
    url = reverse("promotions:send_new", args=[shop.id])
    response = web.post(url, {**FORM, "checked": "all||||2", "send": "1"})
    assert response.status_code == 400
    assert "None of these past buyers agreed" in response.content.decode()
    assert Campaign.objects.count() == 0


def test_home_and_follow_ups_pages(buyers: Shop, web: Client) -> None:
    home = web.get(reverse("promotions:home", args=[buyers.id]))
    assert home.status_code == 200
    assert reverse("promotions:send_new", args=[buyers.id]).encode() in home.content
    assert reverse("promotions:follow_ups", args=[buyers.id]).encode() in home.content

    url = reverse("promotions:follow_ups", args=[buyers.id])
    assert web.get(url).status_code == 200
    bad = web.post(url, {"enabled": "on", "days_after_delivery": "90", "body": "Hi"})
    assert bad.status_code == 400
    ok = web.post(url, {"enabled": "on", "days_after_delivery": "5", "body": "Hi {buyer}"})
    assert ok.status_code == 302
    stored = FollowUpSettings.objects.get(shop=buyers)
    assert (stored.enabled, stored.days_after_delivery, stored.body) == (True, 5, "Hi {buyer}")


def test_the_inbox_sidebar_links_to_promotions(buyers: Shop, web: Client) -> None:
    inbox = web.get(reverse("messaging:shop_inbox", args=[buyers.id]))
    assert reverse("promotions:home", args=[buyers.id]).encode() in inbox.content


def test_strangers_get_404(buyers: Shop, buyer: User) -> None:
    client = Client()
    client.force_login(buyer)
    web_seller = Campaign.objects.create(
        shop=buyers, subject="x", body="y", audience="all", status="draft"
    )
    for name, args in (
        ("promotions:home", [buyers.id]),
        ("promotions:sends", [buyers.id]),
        ("promotions:send_new", [buyers.id]),
        ("promotions:send", [buyers.id, web_seller.id]),
        ("promotions:follow_ups", [buyers.id]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert (
        client.post(reverse("promotions:send_cancel", args=[buyers.id, web_seller.id])).status_code
        == 404
    )
