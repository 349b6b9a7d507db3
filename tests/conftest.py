"""Shared test data, built through the real services."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.test import override_settings

from comptoir.accounts.models import User
from comptoir.accounts.services import staff_create
from comptoir.catalog.models import Listing
from comptoir.catalog.services import listing_upsert, shipping_profile_upsert
from comptoir.core.tasks import forget_waiting_runs
from comptoir.orders.models import Order
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import PolicyInput, shop_member_add, shop_upsert

ORDERED_AT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True, scope="session")
def _mailbox_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """E-mails kept in the local mailbox (the demo's always are) stay out of var/."""
    with override_settings(EMAIL_FILE_PATH=str(tmp_path_factory.mktemp("mailbox"))):
        yield


@pytest.fixture(autouse=True)
def _no_task_runs_remembered() -> None:
    """Each test's database starts empty: no batched run waits in it."""
    forget_waiting_runs()


@pytest.fixture
def shop(db: None) -> Shop:
    shop, _ = shop_upsert(
        external_id="shop-1",
        name="Atelier Lune",
        time_zone="Europe/Paris",
        policies=[
            PolicyInput(section="shipping", options={"tracking_always": True}),
            PolicyInput(
                section="returns",
                options={"accepts_returns": True, "window_days": 30},
                text="Write to us first.",
            ),
        ],
    )
    return shop


@pytest.fixture
def seller(shop: Shop) -> User:
    user = User.objects.create_user(username="seller", password="seller-pass-123")
    shop_member_add(shop=shop, user=user, role=ShopMember.Role.OWNER)
    return user


@pytest.fixture
def buyer(db: None) -> User:
    user = User.objects.create_user(
        username="buyer", password="buyer-pass-123", external_id="buyer-1", email="b@example.org"
    )
    return user


@pytest.fixture
def staff(db: None) -> User:
    return staff_create(username="staff", email="staff@example.org", password="staff-pass-123")


@pytest.fixture
def listing(shop: Shop) -> Listing:
    shipping_profile_upsert(
        shop=shop,
        external_id="sp-1",
        name="Standard",
        processing_days=(1, 3),
        delivery_days=(2, 5),
    )
    listing, _ = listing_upsert(
        shop=shop,
        external_id="listing-1",
        title="Linen apron",
        price=Decimal("35.00"),
        specifications={"colour": "indigo", "material": "linen"},
        shipping_profile_external_id="sp-1",
    )
    return listing


@pytest.fixture
def order(shop: Shop, buyer: User, listing: Listing) -> Order:
    order, _ = order_upsert(
        shop=shop,
        data=OrderInput(
            external_id="order-1",
            buyer=BuyerInput(external_id="buyer-1", email="b@example.org"),
            status="paid",
            ordered_at=ORDERED_AT,
            ship_by=date(2026, 3, 5),
            estimated_delivery_on=date(2026, 3, 10),
            items=[
                ItemInput(
                    title="Linen apron",
                    unit_price=Decimal("35.00"),
                    listing_external_id="listing-1",
                )
            ],
        ),
    )
    return order
