"""The buyer's "News and offers" page and the one-click unsubscribe link."""

from __future__ import annotations

import re

from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.consent.links import unsubscribe_path
from comptoir.consent.models import Consent, ConsentChange
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from tests.api.conftest import Api
from tests.consent.conftest import NOW, ORDERED, checkout


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def history(buyer: User, shop: Shop) -> list[tuple[bool, str, str]]:
    return [
        (c.given, c.source, c.reference)
        for c in ConsentChange.objects.filter(buyer=buyer, shop=shop).order_by("at", "id")
    ]


# --- the account page ----------------------------------------------------------------------


def test_the_account_page_links_to_news_and_offers(buyer: User) -> None:
    page = logged_in(buyer).get(reverse("web:account"))
    assert reverse("consent:preferences") in page.content.decode()


def test_the_buyer_switches_news_and_offers_off_and_on(api: Api, shop: Shop, buyer: User) -> None:
    checkout(api, "o-1", marketing_consent=True)
    client = logged_in(buyer)

    page = client.get(reverse("consent:preferences")).content.decode()
    assert "Atelier Lune" in page
    assert "Send me news and offers" in page
    assert "checked" in page
    assert "At checkout" in page

    off = client.post(reverse("consent:set", args=[shop.id]), {})  # the box left unticked
    assert off.status_code == 302
    assert off["Location"] == reverse("consent:preferences") + f"#shop-{shop.id}"
    consent = Consent.objects.get(buyer=buyer, shop=shop)
    assert (consent.given, consent.source, consent.changed_at) == (False, "account", NOW)

    page = client.get(off["Location"]).content.decode()
    assert "You will no longer get news and offers from Atelier Lune." in page
    assert "From the buyer&#x27;s account" in page or "From the buyer's account" in page

    client.post(reverse("consent:set", args=[shop.id]), {"given": "on"})
    client.post(reverse("consent:set", args=[shop.id]), {"given": "on"})  # again: nothing new
    assert history(buyer, shop) == [
        (True, "checkout", "o-1"),
        (False, "account", ""),
        (True, "account", ""),
    ]


def test_a_shop_the_buyer_never_bought_from_is_not_theirs_to_set(
    api: Api, shop: Shop, buyer: User
) -> None:
    stranger, _ = shop_upsert(external_id="shop-2", name="Elsewhere", time_zone="UTC")
    checkout(api, "o-1", marketing_consent=True)
    client = logged_in(buyer)

    assert "Elsewhere" not in client.get(reverse("consent:preferences")).content.decode()
    response = client.post(reverse("consent:set", args=[stranger.id]), {"given": "on"})
    assert response.status_code == 404
    assert client.post(reverse("consent:set", args=[9999]), {"given": "on"}).status_code == 404
    assert not Consent.objects.filter(shop=stranger).exists()


def test_the_preferences_need_a_login_and_a_post(shop: Shop, buyer: User) -> None:
    page = Client().get(reverse("consent:preferences"))
    assert page.status_code == 302
    assert reverse("web:login") in page["Location"]
    set_url = reverse("consent:set", args=[shop.id])
    assert Client().post(set_url, {"given": "on"}).status_code == 302
    assert logged_in(buyer).get(set_url).status_code == 405
    assert not Consent.objects.exists()


def test_the_preferences_page_costs_the_same_for_many_shops(api: Api, buyer: User) -> None:
    client = logged_in(buyer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("consent:preferences")).status_code == 200
        return len(ctx.captured_queries)

    shop_upsert(external_id="shop-1", name="Atelier Lune", time_zone="UTC")
    checkout(api, "o-0", marketing_consent=True)
    one = queries()
    for n in range(1, 6):
        shop_upsert(external_id=f"shop-{n + 1}", name=f"Shop {n}", time_zone="UTC")
        checkout(api, f"o-{n}", shop=f"shop-{n + 1}", marketing_consent=n % 2 == 0 or None)
    assert queries() == one


def page_text(response: HttpResponse, path: str) -> str:
    """The page without what differs by request alone (the language form's path, the CSRF
    token)."""
    html = response.content.decode().replace(path, "…")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


# --- the unsubscribe link ------------------------------------------------------------------


def consenting(api: Api, shop: Shop) -> Shop:
    checkout(api, "o-1", marketing_consent=True)
    return shop


def test_opening_the_link_asks_and_changes_nothing(api: Api, shop: Shop, buyer: User) -> None:
    consenting(api, shop)
    path = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id, reference="m-7")

    page = Client().get(path)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Stop news and offers from Atelier Lune?" in html
    assert html.count('type="submit"') == 2  # the language switch, and the one button
    assert '<form method="post" class="form">' in html
    assert Client().head(path).status_code == 200
    assert Consent.objects.get(buyer=buyer, shop=shop).given is True
    assert history(buyer, shop) == [(True, "checkout", "o-1")]


def test_the_button_withdraws_at_once_with_time_and_source(
    api: Api, shop: Shop, buyer: User
) -> None:
    consenting(api, shop)
    path = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id, reference="m-7")

    done = Client(enforce_csrf_checks=True).post(path)
    html = done.content.decode()
    assert done.status_code == 200
    assert "You will no longer get news and offers from Atelier Lune." in html
    assert "Changed your mind?" in html
    assert reverse("consent:preferences") in html
    consent = Consent.objects.get(buyer=buyer, shop=shop)
    assert (consent.given, consent.source, consent.changed_at) == (False, "unsubscribe", NOW)
    change = ConsentChange.objects.order_by("-id").first()
    assert change is not None
    assert (change.given, change.source, change.at, change.reference) == (
        False,
        "unsubscribe",
        NOW,
        "m-7",
    )
    assert change.at > ORDERED


def test_one_click_from_the_mail_client_works_without_cookie_or_token(
    api: Api, shop: Shop, buyer: User
) -> None:
    """RFC 8058: the mail provider POSTs `List-Unsubscribe=One-Click`, nothing else."""
    consenting(api, shop)
    path = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id, reference="m-7")
    mail_client = Client(enforce_csrf_checks=True)

    for _ in range(2):  # twice is harmless
        response = mail_client.post(
            path,
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
    assert Consent.objects.get(buyer=buyer, shop=shop).given is False
    assert history(buyer, shop) == [(True, "checkout", "o-1"), (False, "unsubscribe", "m-7")]


def test_the_token_decides_whoever_is_logged_in(
    api: Api, shop: Shop, buyer: User, seller: User, other_buyer: User
) -> None:
    consenting(api, shop)
    checkout(api, "o-2", buyer="buyer-2", marketing_consent=True)
    path = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id)

    for who in (seller, other_buyer):
        assert "Atelier Lune" in logged_in(who).get(path).content.decode()
    assert logged_in(other_buyer).post(path).status_code == 200
    assert Consent.objects.get(buyer=buyer, shop=shop).given is False
    assert Consent.objects.get(buyer=other_buyer, shop=shop).given is True


def test_a_changed_or_stale_link_is_a_plain_404(api: Api, shop: Shop, buyer: User) -> None:
    consenting(api, shop)
    good = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id)
    token = good.split("/")[2]
    tampered = f"/unsubscribe/{token[:-2]}{'A' if token[-2] != 'A' else 'B'}{token[-1]}/"
    no_shop = unsubscribe_path(buyer_id=buyer.id, shop_id=9999)
    no_buyer = unsubscribe_path(buyer_id=9999, shop_id=shop.id)

    pages = []
    for path in (tampered, "/unsubscribe/nonsense/", no_shop, no_buyer):
        for method in ("get", "post"):
            response = getattr(Client(enforce_csrf_checks=True), method)(path)
            assert response.status_code == 404, path
            pages.append(page_text(response, path))
    assert all(p == pages[0] for p in pages)  # the same page: nothing told about the link
    assert "This unsubscribe link is not valid." in pages[0]
    assert "Atelier Lune" not in pages[0]
    assert history(buyer, shop) == [(True, "checkout", "o-1")]


def test_other_methods_are_refused(api: Api, shop: Shop, buyer: User) -> None:
    consenting(api, shop)
    path = unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id)
    assert Client().put(path).status_code == 405
    assert Client().delete(path).status_code == 405
    assert Consent.objects.get(buyer=buyer, shop=shop).given is True
