"""The web pages, per role, in three languages."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from comptoir.accounts.models import ApiToken, User
from comptoir.catalog.models import Listing
from comptoir.catalog.services import listing_upsert
from comptoir.orders.models import Order
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.reviews.services import review_upsert
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_member_add, shop_upsert
from tests.accounts.helpers import staff_login


def in_language(code: str, text: str) -> str:
    with translation.override(code):
        return gettext(text)


def test_anonymous_visitors_see_the_landing_page(client: Client) -> None:
    page = client.get("/").content.decode()
    assert 'href="/login/"' in page
    assert "Comptoir" in page


def test_login_then_logout(client: Client, buyer: User) -> None:
    response = client.post("/login/", {"username": "buyer", "password": "buyer-pass-123"})
    assert response.status_code == 302
    home = client.get("/").content.decode()
    assert 'action="/logout/"' in home
    client.post("/logout/")
    assert 'href="/login/"' in client.get("/").content.decode()


def test_a_wrong_password_is_told(client: Client, buyer: User) -> None:
    page = client.post("/login/", {"username": "buyer", "password": "nope"}).content.decode()
    assert "didn" in page
    assert "_auth_user_id" not in client.session


def test_the_buyer_home_lists_their_orders(client: Client, buyer: User, order: Order) -> None:
    client.force_login(buyer)
    page = client.get("/").content.decode()
    assert f'<a class="order-card__number" href="/orders/{order.pk}/">Order order-1</a>' in page
    assert "Linen apron" in page
    assert "Atelier Lune" in page
    assert "Shop Manager" not in page


def test_the_seller_home_shows_late_orders_and_low_reviews(
    client: Client, seller: User, shop: Shop, order: Order
) -> None:
    review_upsert(shop=shop, external_id="r-1", order_external_id="order-1", stars=1, text="Broken")
    late = make_order(shop, "late-1", ship_by=date(2026, 1, 1))
    client.force_login(seller)

    page = client.get("/").content.decode()

    assert "Shop Manager" in page
    assert re.search(r'class="row--late">\s*<td><a href="[^"]+">#late-1', page)
    assert "list__item--alert" in page
    assert "Broken" in page
    assert late.external_id in page


def make_order(shop: Shop, external_id: str, ship_by: date, buyer: str = "b-9") -> Order:
    order, _outcome = order_upsert(
        shop=shop,
        data=OrderInput(
            external_id=external_id,
            buyer=BuyerInput(external_id=buyer),
            status="paid",
            ordered_at=datetime(2025, 12, 20, tzinfo=UTC),
            ship_by=ship_by,
            items=[ItemInput(title="Mug", unit_price=Decimal("12"))],
        ),
    )
    return order


def test_the_seller_home_costs_the_same_queries_for_1_or_20_orders(
    client: Client, seller: User, shop: Shop
) -> None:
    client.force_login(seller)
    make_order(shop, "o-0", date(2026, 1, 1))
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for i in range(1, 20):
        make_order(shop, f"o-{i}", date(2026, 1, 1), buyer=f"b-{i}")
    with CaptureQueriesContext(connection) as twenty:
        client.get("/")
    assert len(twenty) == len(one)


def test_the_staff_table_costs_the_same_queries_for_1_or_20_shops(
    client: Client, staff: User, shop: Shop
) -> None:
    staff_login(client, staff)
    client.get("/")
    with CaptureQueriesContext(connection) as one:
        page = client.get("/").content.decode()
    assert "Atelier Lune" in page
    for i in range(20):
        shop_upsert(external_id=f"x-{i}", name=f"Shop {i:02d}", status="paused")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/?status=paused").content.decode()
    assert "Shop 19" in page
    assert "Atelier Lune" not in page
    assert len(many) == len(one)


def test_only_staff_see_the_shop_table(client: Client, buyer: User, shop: Shop) -> None:
    client.force_login(buyer)
    assert "All shops" not in client.get("/").content.decode()


def test_the_shop_page_shows_policies_in_words(
    client: Client, shop: Shop, listing: Listing
) -> None:
    page = client.get("/shops/atelier-lune/").content.decode()
    assert "Linen apron" in page
    assert "Returns accepted." in page
    assert "Contact the shop within 30 days of delivery." in page
    assert "Write to us first." in page


def test_a_shop_on_vacation_says_so_and_a_revoked_one_is_gone(client: Client, shop: Shop) -> None:
    shop_upsert(
        external_id="shop-1",
        name=shop.name,
        time_zone=shop.time_zone,
        vacation_mode=True,
        vacation_message="Back in May",
    )
    assert "Back in May" in client.get("/shops/atelier-lune/").content.decode()
    shop_upsert(external_id="shop-1", name=shop.name, time_zone=shop.time_zone, status="revoked")
    assert client.get("/shops/atelier-lune/").status_code == 404


def test_the_listing_page_shows_specifications_and_delivery(
    client: Client, listing: Listing
) -> None:
    page = client.get(f"/listings/{listing.pk}/").content.decode()
    assert "indigo" in page
    assert "linen" in page
    assert "1–3" in page  # processing days
    assert 'class="estimate"' in page


def test_a_private_listing_is_only_for_its_buyer_and_the_shop(
    client: Client, shop: Shop, buyer: User, seller: User, staff: User
) -> None:
    custom, _outcome = listing_upsert(
        shop=shop,
        external_id="custom-1",
        title="Apron for Marta",
        price=Decimal("50"),
        private_for_external_id="buyer-1",
    )
    url = f"/listings/{custom.pk}/"
    assert client.get(url).status_code == 404
    stranger = User.objects.create_user(username="stranger")
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(buyer)
    assert "Private custom listing for you" in client.get(url).content.decode()
    client.force_login(seller)
    assert client.get(url).status_code == 200
    staff_login(client, staff)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("language", ["fr", "pl"])
def test_the_language_switch_translates_the_pages(
    client: Client, seller: User, shop: Shop, language: str
) -> None:
    client.force_login(seller)
    response = client.post("/i18n/setlang/", {"language": language, "next": "/"})
    assert response.status_code == 302
    page = client.get("/").content.decode()
    translated = in_language(language, "Orders to ship")
    assert translated != "Orders to ship"
    assert translated in page
    assert f'<html lang="{language}">' in page
    shop_page = client.get("/shops/atelier-lune/").content.decode()
    assert in_language(language, "Shop policies") in shop_page
    assert in_language(language, "Returns accepted.") in shop_page


def test_the_saved_language_and_time_zone_apply(client: Client, buyer: User, order: Order) -> None:
    client.force_login(buyer)
    response = client.post(
        "/account/", {"display_name": "Marta", "language": "pl", "time_zone": "Asia/Kolkata"}
    )
    assert response.status_code == 302
    page = client.get("/").content.decode()
    assert '<html lang="pl">' in page
    assert "Asia/Kolkata" in page


def test_an_unknown_time_zone_is_refused(client: Client, buyer: User) -> None:
    client.force_login(buyer)
    response = client.post("/account/", {"language": "", "time_zone": "Mars/Base"})
    assert response.status_code == 200
    assert User.objects.get(pk=buyer.pk).time_zone == "UTC"


def test_a_token_secret_is_shown_once_then_never(client: Client, buyer: User) -> None:
    client.force_login(buyer)
    created = client.post("/account/tokens/", {"name": "Sync"})
    secret = re.search(r"cpt_[0-9a-f]{8}_[\w-]+", created.content.decode())
    assert created.status_code == 200
    assert secret is not None
    assert created["Cache-Control"] == "no-store"
    account = client.get("/account/").content.decode()
    assert secret.group(0) not in account
    assert "Sync" in account


def test_revoking_a_token_from_the_account_page(client: Client, buyer: User) -> None:
    client.force_login(buyer)
    client.post("/account/tokens/", {"name": "Old"})
    token = ApiToken.objects.get(user=buyer)
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_nobody_revokes_someone_elses_token_from_the_web(
    client: Client, buyer: User, seller: User
) -> None:
    client.force_login(seller)
    client.post("/account/tokens/", {"name": "Seller's"})
    token = ApiToken.objects.get(user=seller)
    client.force_login(buyer)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_the_account_page_needs_a_login(client: Client) -> None:
    response = client.get("/account/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_member_of_two_shops_sees_both(client: Client, seller: User, shop: Shop) -> None:
    other, _outcome = shop_upsert(external_id="shop-2", name="Second Shop")
    shop_member_add(shop=other, user=seller)
    client.force_login(seller)
    page = client.get("/").content.decode()
    assert "Atelier Lune" in page
    assert "Second Shop" in page
