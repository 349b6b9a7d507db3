"""Shop access: who acts for which shop. Missing and forbidden look the same."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.messaging.models import Side
from comptoir.shops.access import (
    as_buyer,
    as_member,
    member_shop_ids,
    member_viewer,
    memberships_of,
    readable_shop,
    shop_voice,
    works_in,
)
from comptoir.shops.models import Shop, ShopMember


def test_a_viewer_side_is_one_of_the_thread_sides(seller: User, shop: Shop, buyer: User) -> None:
    assert as_buyer(buyer).side == Side.BUYER
    assert as_member(seller, shop).side == Side.SHOP
    assert set(Side.values) == {as_buyer(buyer).side, as_member(seller, shop).side}


def test_a_member_reaches_the_shop_by_either_id_in_one_query(seller: User, shop: Shop) -> None:
    with CaptureQueriesContext(connection) as queries:
        by_id = member_viewer(seller, shop_id=shop.id)
    assert len(queries) == 1
    assert by_id.shop == shop
    assert member_viewer(seller, external_id=shop.external_id).shop == shop
    assert works_in(seller, shop)
    assert works_in(seller, shop.id)
    assert member_shop_ids(seller) == [shop.id]
    assert [m.shop for m in memberships_of(seller)] == [shop]


@pytest.mark.parametrize("who", ["buyer", "staff", "anonymous"])
def test_anyone_else_is_told_the_shop_does_not_exist(
    who: str, shop: Shop, buyer: User, staff: User
) -> None:
    user = {"buyer": buyer, "staff": staff, "anonymous": AnonymousUser()}[who]
    for attempt in (
        lambda: member_viewer(user, shop_id=shop.id),  # type: ignore[arg-type]
        lambda: member_viewer(user, external_id=shop.external_id),  # type: ignore[arg-type]
        lambda: as_member(user, shop),  # type: ignore[arg-type]
    ):
        with pytest.raises(NotFound) as err:
            attempt()
        assert err.value.code == "shop_not_found"
    assert not works_in(user, shop)  # type: ignore[arg-type]
    # and the same answer as for a shop that does not exist at all
    with pytest.raises(NotFound) as err:
        member_viewer(user, shop_id=shop.id + 1000)  # type: ignore[arg-type]
    assert err.value.code == "shop_not_found"


def test_trust_and_safety_read_any_shop_but_do_not_work_in_it(
    shop: Shop, seller: User, staff: User, buyer: User
) -> None:
    assert readable_shop(seller, shop_id=shop.id) == (shop, True)
    assert readable_shop(staff, external_id=shop.external_id) == (shop, False)
    with pytest.raises(NotFound):
        readable_shop(buyer, shop_id=shop.id)
    with pytest.raises(NotFound):
        readable_shop(staff, shop_id=shop.id + 1000)


def test_the_shop_speaks_as_its_owner(shop: Shop, seller: User) -> None:
    helper = User.objects.create_user(username="helper", external_id="u-helper")
    ShopMember.objects.create(shop=shop, user=helper, role=ShopMember.Role.STAFF)
    ShopMember.objects.filter(user=seller).update(role=ShopMember.Role.OWNER)
    voice = shop_voice(shop)
    assert voice is not None
    assert (voice.user, voice.shop) == (seller, shop)
    ShopMember.objects.filter(shop=shop).delete()
    assert shop_voice(shop) is None
