"""The demo marketplace `comptoir serve` loads on an empty database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.db import models
from django.test import RequestFactory

from comptoir.accounts.models import User
from comptoir.cases.eligibility import case_eligibility
from comptoir.cases.models import Case
from comptoir.cases.services import order_timing
from comptoir.catalog.models import Listing, ShippingProfile
from comptoir.core import clock
from comptoir.core.errors import Conflict
from comptoir.demo.marketplace import DEMO_LOGINS, demo_is_loaded, load_demo
from comptoir.orders.models import Order, OrderItem
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.policies import SECTIONS, check_policy_options

pytestmark = pytest.mark.django_db

MODELS: tuple[type[models.Model], ...] = (
    User,
    Shop,
    ShopMember,
    ShopPolicy,
    ShippingProfile,
    Listing,
    Order,
    OrderItem,
    Review,
    Case,
)


def login(role: str) -> User:
    entry = next(entry for entry in DEMO_LOGINS if entry.role == role)
    request = RequestFactory().post("/login/")
    user = authenticate(request, username=entry.username, password=entry.password)
    assert isinstance(user, User), f"the {role} login does not authenticate"
    return user


def test_the_demo_has_what_serve_promises() -> None:
    lines: list[str] = []
    assert not demo_is_loaded()

    logins = load_demo(progress=lines.append)

    assert logins == DEMO_LOGINS
    assert demo_is_loaded()
    assert lines, "progress is reported"
    assert {entry.role for entry in logins} == {"buyer", "seller", "staff"}
    buyer, seller, staff = login("buyer"), login("seller"), login("staff")

    # The seller owns the Paris shop and works in the Warsaw one.
    roles = dict(ShopMember.objects.filter(user=seller).values_list("shop__time_zone", "role"))
    assert roles == {"Europe/Paris": "owner", "Europe/Warsaw": "staff"}
    assert staff.is_trust_and_safety
    assert not buyer.is_trust_and_safety
    assert not seller.is_trust_and_safety
    integration = User.objects.get(username="marketplace-sync")
    assert integration.has_perm("accounts.marketplace_integration")
    assert not integration.has_usable_password()

    # Four shops in four time zones, one on vacation, one paused, five policy sections each.
    shops = Shop.objects.all()
    assert len({s.time_zone for s in shops}) == 4
    vacation = [s for s in shops if s.vacation_mode]
    assert len(vacation) == 1
    assert vacation[0].vacation_message
    assert vacation[0].vacation_starts_on <= clock.now().date() <= vacation[0].vacation_ends_on
    # New York is paused by Trust & Safety for two weeks, and every badge says so.
    paused = [s for s in shops if s.standing.status == Shop.Status.PAUSED]
    assert [(s.name, s.standing.measure) for s in paused] == [
        ("Hudson Street Prints", "pause_shop")
    ]
    assert paused[0].standing.until == clock.now().date() + timedelta(days=14)
    for shop in shops:
        assert sorted(shop.policies.values_list("section", flat=True)) == sorted(SECTIONS)
    assert ShippingProfile.objects.count() == 3
    assert 20 <= Listing.objects.count() <= 30
    assert all(li.specifications for li in Listing.objects.all())
    custom = Listing.objects.get(private_for__isnull=False)
    assert custom.private_for == buyer

    # About eighty orders over the last 120 days, in every status.
    now = clock.now()
    orders = Order.objects.all()
    assert 70 <= len(orders) <= 90
    assert all(now - timedelta(days=121) <= o.ordered_at <= now for o in orders)
    statuses = {o.status for o in orders}
    assert statuses == set(Order.Status.values)
    late = [o for o in orders if o.status == "paid" and o.ship_by < now.date()]
    assert late, "some paid orders are past their ship-by date"
    assert any(o.status == "shipped" and o.tracking_number for o in orders)
    assert User.objects.filter(orders__isnull=False).distinct().count() >= 10

    # The buyer: orders in several shops, one reviewed, one with a case, one waiting.
    mine = Order.objects.filter(buyer=buyer)
    assert mine.values("shop").distinct().count() >= 3
    assert mine.filter(status="delivered", review__isnull=False).exists()
    assert mine.filter(cases__isnull=False).exists()
    assert mine.filter(status="paid", shipped_at__isnull=True).exists()

    # Reviews mostly good, a few bad, some answered; cases of every type.
    stars = list(Review.objects.values_list("stars", flat=True))
    assert sum(s >= 4 for s in stars) > len(stars) * 0.7
    assert sum(s <= 2 for s in stars) >= 3
    assert Review.objects.exclude(seller_reply="").exists()
    # Claire replied to one of her shop's reviews in Comptoir: she may still edit it.
    mine_replied = Review.objects.filter(
        shop__memberships__user=seller, shop__time_zone="Europe/Paris"
    )
    assert any(
        r.reply_editable_until and r.reply_editable_until > clock.now() for r in mine_replied
    )
    assert {c.type for c in Case.objects.all()} == set(Case.Type.values)
    assert {c.variant for c in Case.objects.all()} == {"", *Case.Variant.values}
    assert {c.status for c in Case.objects.all()} == set(Case.Status.values)


def test_every_row_of_the_demo_respects_the_models() -> None:
    load_demo()

    for model in MODELS:
        for obj in model._default_manager.all():
            obj.full_clean()
    for policy in ShopPolicy.objects.all():
        assert check_policy_options(policy.section, policy.options) == {}
    for order in Order.objects.prefetch_related("items"):
        assert order.total == sum(i.unit_price * i.quantity for i in order.items.all())
        for moment in (order.shipped_at, order.cancelled_at):
            assert moment is None or moment >= order.ordered_at
        if order.delivered_at is not None:
            assert order.shipped_at is not None
            assert order.delivered_at >= order.shipped_at
        assert (order.status == "delivered") == (order.delivered_at is not None)
        assert (order.status == "cancelled") == (order.cancelled_at is not None)
    for review in Review.objects.select_related("order"):
        assert review.order.status == "delivered"
        assert review.order.delivered_at is not None
        assert review.reviewed_at >= review.order.delivered_at
    assert ShopMember.objects.filter(role="owner").count() == Shop.objects.count()


def test_every_demo_case_was_allowed_by_the_timing_rule() -> None:
    load_demo()

    cases = Case.objects.select_related("order__shop")
    assert cases.count() >= 4
    for case in cases:
        timing = order_timing(case.order, exclude_case=case)
        assert case_eligibility(timing, case.opened_at, variant=case.variant), case.external_id
        assert case.opened_at <= clock.now()


def test_the_demo_loads_once() -> None:
    load_demo()
    counts = {model: model._default_manager.count() for model in MODELS}

    with pytest.raises(Conflict) as error:
        load_demo()

    assert error.value.code == "demo_loaded"
    assert {model: model._default_manager.count() for model in MODELS} == counts


def test_the_demo_refuses_taken_usernames_and_writes_nothing() -> None:
    User.objects.create_user(username="seller", password="someone-else-123")

    with pytest.raises(Conflict) as error:
        load_demo()

    assert error.value.code == "demo_usernames_taken"
    assert "seller" in error.value.message
    assert not demo_is_loaded()
    assert Shop.objects.count() == 0
