"""An id too large for the database, in a page's path, query or form, is "not found" (or a
form message), never a server error: SQLite cannot even bind it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comptoir.accounts.models import User
from comptoir.shops.models import Shop

HUGE = str(2**64)


@pytest.fixture
def seller_client(client: Client, seller: User) -> Client:
    client.force_login(seller)
    return client


@pytest.mark.parametrize(
    "path",
    [
        f"/messages/{HUGE}/",
        f"/messages/new/?kind=listing_inquiry&listing={HUGE}",
        f"/messages/new/?kind=help_request&order={HUGE}",
        "/messages/new/?kind=listing_inquiry&listing=-1",
    ],
)
def test_a_buyer_page_with_a_huge_id_is_not_found(client: Client, buyer: User, path: str) -> None:
    client.force_login(buyer)
    assert client.get(path).status_code == 404


def test_a_shop_page_with_a_huge_id_is_not_found(seller_client: Client, shop: Shop) -> None:
    assert seller_client.get(f"/shop/{HUGE}/messages/").status_code == 404
    assert seller_client.get(f"/shop/{shop.id}/messages/{HUGE}/").status_code == 404


def test_the_id_converter_round_trips(shop: Shop) -> None:
    url = reverse("messaging:shop_inbox", args=[shop.id])
    assert url == f"/shop/{shop.id}/messages/"
