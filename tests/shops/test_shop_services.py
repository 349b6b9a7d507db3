"""Shops from the marketplace: upserts, policies, members."""

from __future__ import annotations

import pytest
from django.utils import translation

from comptoir.accounts.models import User
from comptoir.core.errors import DomainError
from comptoir.core.upsert import Outcome
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.policies import check_policy_options, describe_policy
from comptoir.shops.services import PolicyInput, shop_member_upsert, shop_upsert


def test_the_same_upsert_twice_writes_nothing_the_second_time(db: None) -> None:
    first, created = shop_upsert(external_id="s-9", name="Bois & Fil", time_zone="Europe/Paris")
    stamp = Shop.objects.get(pk=first.pk).updated_at

    again, outcome = shop_upsert(external_id="s-9", name="Bois & Fil", time_zone="Europe/Paris")

    assert (created, outcome) == (Outcome.CREATED, Outcome.UNCHANGED)
    assert again.pk == first.pk
    assert Shop.objects.get(pk=first.pk).updated_at == stamp


def test_a_changed_field_is_an_update(db: None) -> None:
    shop_upsert(external_id="s-9", name="Bois & Fil")
    shop, outcome = shop_upsert(external_id="s-9", name="Bois & Fil", status="paused")
    assert outcome is Outcome.UPDATED
    assert not shop.in_search
    assert not shop.accepts_orders


def test_an_invalid_policy_leaves_no_shop_behind(db: None) -> None:
    with pytest.raises(DomainError) as err:
        shop_upsert(
            external_id="s-10",
            name="Nope",
            policies=[PolicyInput(section="returns", options={"window_days": 17})],
        )
    assert err.value.code == "invalid_policy"
    assert err.value.fields == {"policies.returns.window_days": "not_allowed"}
    assert not Shop.objects.filter(external_id="s-10").exists()


def test_unknown_time_zone_is_refused(db: None) -> None:
    with pytest.raises(DomainError) as err:
        shop_upsert(external_id="s-11", name="Somewhere", time_zone="Mars/Olympus")
    assert err.value.fields == {"time_zone": "unknown_time_zone"}


def test_policies_are_set_per_section(shop: Shop) -> None:
    sections = set(ShopPolicy.objects.filter(shop=shop).values_list("section", flat=True))
    assert sections == {"shipping", "returns"}


def test_handing_over_ownership_keeps_one_owner(shop: Shop) -> None:
    shop_member_upsert(shop=shop, user_external_id="u-1", role="owner")
    shop_member_upsert(shop=shop, user_external_id="u-2", role="owner")

    roles = dict(ShopMember.objects.filter(shop=shop).values_list("user__external_id", "role"))
    assert roles == {"u-1": "staff", "u-2": "owner"}
    assert User.objects.get(external_id="u-1").has_usable_password() is False


def test_policy_options_are_checked_against_the_template() -> None:
    assert check_policy_options("payment", {"methods": ["card", "paypal"]}) == {}
    assert check_policy_options("payment", {"methods": ["cheque"]}) == {"methods": "not_allowed"}
    assert check_policy_options("shipping", {"ships_internationally": "yes"}) == {
        "ships_internationally": "must_be_boolean"
    }
    assert check_policy_options("returns", {"window_days": 30}) == {
        "window_days": "needs_returns_or_exchanges"
    }
    assert check_policy_options("privacy", {"sell_data": True}) == {"sell_data": "unknown_option"}


def test_policies_read_as_sentences_in_the_buyers_language() -> None:
    options = {"accepts_returns": True, "window_days": 30, "buyer_pays_return_shipping": True}
    english = describe_policy("returns", options)
    assert english == [
        "Returns accepted.",
        "Contact the shop within 30 days of delivery.",
        "The buyer pays return shipping.",
    ]
    with translation.override("fr"):
        french = describe_policy("returns", options)
    assert french != english
