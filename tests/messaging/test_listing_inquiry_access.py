"""Asking about a listing (issue 19): a public listing, or a custom listing made for the one
asking. Trust & Safety read every custom listing, but asking about another buyer's is 404
`listing_not_found`, through the API and the pages alike."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.catalog.selectors import get_listing_for
from comptoir.catalog.services import listing_upsert
from comptoir.messaging.models import Conversation
from comptoir.shops.models import Shop
from tests.accounts.helpers import staff_client
from tests.messaging.conftest import Client_


@pytest.fixture
def custom(shop: Shop, listing: Listing) -> Listing:
    """A custom listing the shop made for buyer-1 (the `buyer` fixture)."""
    made, _outcome = listing_upsert(
        shop=shop,
        external_id="custom-1",
        title="Apron with initials M.K.",
        price=Decimal("48"),
        private_for_external_id="buyer-1",
    )
    return made


def ask(client: Client_, listing_id: str) -> tuple[int, str]:
    response = client.post(
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": listing_id, "body": "Is it ready?"},
    )
    return response.status_code, response.json().get("code", "")


def test_staff_and_other_buyers_cannot_ask_about_a_custom_listing_through_the_api(
    as_buyer: Client_, as_other_buyer: Client_, as_staff: Client_, staff: User, custom: Listing
) -> None:
    assert get_listing_for(staff, custom.id) == custom  # staff read it
    assert ask(as_staff, "custom-1") == (404, "listing_not_found")
    assert ask(as_other_buyer, "custom-1") == (404, "listing_not_found")
    assert not Conversation.objects.exists()
    assert ask(as_buyer, "custom-1")[0] == 201  # the buyer it was made for
    assert ask(as_staff, "listing-1")[0] == 201  # a public listing: anyone may ask


def test_staff_cannot_ask_about_a_custom_listing_from_the_pages(
    buyer: User, staff: User, custom: Listing
) -> None:
    client = staff_client(staff)
    page = client.get(f"/listings/{custom.id}/")
    assert page.status_code == 200  # read for moderation
    assert b"data-ask" not in page.content  # but no button to ask
    start = f"/messages/new/?kind=listing_inquiry&listing={custom.id}"
    assert client.get(start).status_code == 404
    posted = client.post(
        "/messages/new/",
        {"kind": "listing_inquiry", "listing": custom.id, "body": "Ready?", "send_key": "s1"},
    )
    assert posted.status_code == 404
    assert not Conversation.objects.exists()

    own = Client()
    own.force_login(buyer)
    assert b"data-ask" in own.get(f"/listings/{custom.id}/").content
    assert own.get(start).status_code == 200
    asked = own.post(
        "/messages/new/",
        {"kind": "listing_inquiry", "listing": custom.id, "body": "Ready?", "send_key": "b1"},
    )
    assert asked.status_code == 302
    assert Conversation.objects.get().listing == custom
