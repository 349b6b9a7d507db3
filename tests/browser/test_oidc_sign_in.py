"""Signing in through the marketplace, in a real Chromium, against a real OpenID provider.

Alice bought from Atelier Lune on the marketplace; the seller writes to her about the
order and Comptoir e-mails her. One click on the e-mail's link takes her through the
marketplace's login form and into the thread. Bob works at the shop: he signs in the same
way and lands in the shop's inbox. Carol has a marketplace account Comptoir never heard
of, and no e-mail address there: she is told so, and what to do.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings

from comptoir.accounts import oidc
from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core.models import OutboxEmail
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.starting import conversation_start, order_conversation_start
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.shops.access import as_buyer, as_member
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import shop_member_upsert
from tests.accounts.oidc_provider.harness import (
    PASSWORD,
    Provider,
    configure,
    running_provider,
)
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS

pytestmark = BROWSER_TESTS

WAIT = 15_000  # ms
NOTE = "Your apron leaves the workshop tomorrow, with tracking."


@pytest.fixture(scope="module")
def provider(live_server: Any) -> Iterator[Provider]:
    with running_provider([f"{live_server.url}/sign-in/oidc/callback/"]) as running:
        yield running


@pytest.fixture
def oidc_on(settings: Any, provider: Provider) -> Iterator[Provider]:
    configure(settings, provider)
    yield provider
    oidc.clear_discovery_cache()


@pytest.fixture
def person(browser: Any) -> Iterator[Any]:
    """A fresh browser context (no cookies, at Comptoir or at the marketplace)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def at_the_marketplace(page: Any, provider: Provider, username: str) -> None:
    """The marketplace's own login form (Comptoir never sees the password), filled in."""
    page.wait_for_url(f"{provider.origin}/login/**", timeout=WAIT)
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)


SUBMIT = "button[type=submit]"


@pytest.mark.django_db(transaction=True)
def test_a_buyer_follows_the_e_mail_link_through_the_marketplace_into_the_thread(
    person: Any, live_server: Any, oidc_on: Provider, shop: Shop, seller: User, listing: Listing
) -> None:
    base = str(live_server.url)
    order, _ = order_upsert(
        shop=shop,
        data=OrderInput(
            external_id="order-alice",
            buyer=BuyerInput(external_id="alice", email="alice@example.org", display_name="Alice"),
            status="paid",
            ordered_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
            ship_by=date(2026, 3, 5),
            estimated_delivery_on=date(2026, 3, 10),
            items=[ItemInput(title="Linen apron", unit_price=Decimal("35.00"))],
        ),
    )
    message = order_conversation_start(
        viewer=as_member(seller, shop), order=order, draft=Draft(body=NOTE)
    )
    thread = f"/messages/{message.conversation_id}/"
    email = OutboxEmail.objects.get(recipient="alice@example.org")
    assert email.link == settings.SITE_URL.rstrip("/") + oidc.start_path(thread)

    person.goto(email.link.replace(settings.SITE_URL.rstrip("/"), base))
    at_the_marketplace(person, oidc_on, "alice")
    person.click(SUBMIT)

    person.wait_for_url(base + thread, timeout=WAIT)
    assert person.get_by_text(NOTE).first.is_visible()
    alice = User.objects.get(external_id="alice")
    assert alice.display_name == "Alice Martin"  # refreshed from the marketplace's claims


@pytest.mark.django_db(transaction=True)
def test_a_shop_member_signs_in_and_lands_in_the_shop_inbox(
    person: Any, live_server: Any, oidc_on: Provider, shop: Shop, listing: Listing
) -> None:
    base = str(live_server.url)
    shop_member_upsert(
        shop=shop,
        user_external_id="bob",
        role=ShopMember.Role.STAFF,
        email="bob@example.org",
        display_name="Bob",
    )
    buyer = User.objects.create_user(username="ann", external_id="ann", email="ann@example.org")
    conversation_start(
        viewer=as_buyer(buyer),
        kind="listing_inquiry",
        listing=listing,
        draft=Draft(body="Is the linen pre-washed?"),
    )
    inbox = f"/shop/{shop.id}/messages/"
    email = OutboxEmail.objects.get(recipient="bob@example.org")
    assert "/sign-in/oidc/?next=" in email.link

    person.goto(base + oidc.start_path(inbox))
    at_the_marketplace(person, oidc_on, "bob")
    person.click(SUBMIT)

    person.wait_for_url(base + inbox, timeout=WAIT)
    assert person.get_by_text("Linen apron").first.is_visible()
    assert person.get_by_text("Bob Lune").first.is_visible()  # the name the marketplace gave


@pytest.mark.django_db(transaction=True)
def test_someone_comptoir_does_not_know_is_told_so(
    person: Any, live_server: Any, oidc_on: Provider
) -> None:
    base = str(live_server.url)
    person.goto(base + oidc.start_path("/messages/"))
    at_the_marketplace(person, oidc_on, "carol")

    with person.expect_response(lambda r: r.url.endswith("/sign-in/oidc/refused/")) as refused:
        person.click(SUBMIT)
    person.wait_for_url(base + "/sign-in/oidc/refused/", timeout=WAIT)
    assert refused.value.status == 403
    heading = person.get_by_role("heading", name="Your marketplace account isn't known to Comptoir")
    assert heading.is_visible()
    assert person.get_by_role("link", name="Other ways to sign in").is_visible()
    assert not User.objects.filter(external_id="carol").exists()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    person.screenshot(path=str(SCREENSHOTS / "oidc-refused.png"), full_page=True)
