"""Who acts for which shop: a buyer, a shop's member, or Trust & Safety reading any shop.

Every membership check in Comptoir is one of these functions. Missing and forbidden look the
same (NotFound "shop_not_found"), so nobody can probe which shops exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, QuerySet, When
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.core.prepared import Prepared
from comptoir.shops.models import Shop, ShopMember

BUYER_SIDE = "buyer"
SHOP_SIDE = "shop"


@dataclass(frozen=True)
class Viewer:
    """A person acting for one side: as a buyer (shop None) or for a shop they work in."""

    user: User
    shop: Shop | None = None

    @property
    def side(self) -> str:
        return SHOP_SIDE if self.shop is not None else BUYER_SIDE

    def owner(self) -> dict[str, int]:
        """The filter that picks this side's rows (parties, folder counters)."""
        if self.shop is not None:
            return {"shop_id": self.shop.id}
        return {"buyer_id": self.user.id}


def shop_not_found() -> NotFound:
    return NotFound("shop_not_found", _("No such shop."))


def as_buyer(user: User) -> Viewer:
    return Viewer(user=user)


def works_in(user: User, shop: Shop | int) -> bool:
    """Whether the person is a member of the shop (any role)."""
    shop_id = shop if isinstance(shop, int) else shop.id
    return (
        user.is_authenticated
        and ShopMember.objects.filter(shop_id=shop_id, user_id=user.id).exists()
    )


def as_member(user: User, shop: Shop) -> Viewer:
    """The viewer for a member of `shop`; NotFound for anyone else."""
    if not works_in(user, shop):
        raise shop_not_found()
    return Viewer(user=user, shop=shop)


def _shops(*, shop_id: int | None, external_id: str | None) -> QuerySet[Shop]:
    if shop_id is not None:
        return Shop.objects.filter(id=shop_id)
    return Shop.objects.filter(external_id=external_id)


def member_viewer(
    user: User, *, shop_id: int | None = None, external_id: str | None = None
) -> Viewer:
    """The viewer for a member of the shop with this id (pages) or marketplace id (API).

    One query: the shop is fetched through the membership.
    """
    found: list[Shop] = []
    if user.is_authenticated:
        if shop_id is not None:
            found = _MEMBER_SHOP_BY_ID.run(shop_id, user.id)
        else:
            found = _MEMBER_SHOP.run(external_id, user.id)
    if not found:
        raise shop_not_found()
    return Viewer(user=user, shop=found[0])


# Every seller's request asks one of them: compiled once (core.prepared).
_MEMBER_SHOP_BY_ID = Prepared(
    lambda shop_id, user_id: Shop.objects.filter(id=shop_id, memberships__user_id=user_id)[:1],
    -7_000_011,
    -7_000_012,
)
_MEMBER_SHOP = Prepared(
    lambda external_id, user_id: Shop.objects.filter(
        external_id=external_id, memberships__user_id=user_id
    )[:1],
    "example-external-id",
    -7_000_012,
)


def readable_shop(
    user: User, *, shop_id: int | None = None, external_id: str | None = None
) -> tuple[Shop, bool]:
    """A shop the person works in, or any shop for Trust & Safety; and whether they work in it.

    Membership is asked first: one query for a shop's own members, who are nearly all the
    readers; the staff permission (two more queries) only for the others.
    """
    if not user.is_authenticated:
        raise shop_not_found()
    shops = _shops(shop_id=shop_id, external_id=external_id)
    shop = shops.filter(memberships__user_id=user.id).first()
    if shop is not None:
        return shop, True
    shop = shops.first() if user.is_trust_and_safety else None
    if shop is None:
        raise shop_not_found()
    return shop, False


def memberships_of(user: User) -> list[ShopMember]:
    """The person's place in each shop they work in, with the shop, by shop name."""
    if not user.is_authenticated:
        return []
    return list(
        ShopMember.objects.filter(user_id=user.id).select_related("shop").order_by("shop__name")
    )


def member_shop_ids(user: User) -> list[int]:
    """The ids of the shops the person works in (live updates subscribe to each)."""
    return list(ShopMember.objects.filter(user_id=user.id).values_list("shop_id", flat=True))


def shop_voice(shop: Shop) -> Viewer | None:
    """Who writes in the shop's name when nobody is at the keyboard: the owner first."""
    member = (
        ShopMember.objects.filter(shop=shop)
        .select_related("user")
        .order_by(Case(When(role=ShopMember.Role.OWNER, then=0), default=1), "id")
        .first()
    )
    return None if member is None else Viewer(user=member.user, shop=shop)
