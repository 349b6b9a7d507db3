"""Reads on shops, always filtered by who is asking."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.policies import describe_policy


def shops_of_member(user: User) -> QuerySet[Shop]:
    if not user.is_authenticated:
        return Shop.objects.none()
    return Shop.objects.filter(memberships__user=user).order_by("name")


def is_shop_member(user: User, shop: Shop) -> bool:
    return user.is_authenticated and ShopMember.objects.filter(shop=shop, user=user).exists()


def shop_access(
    user: User, *, shop_id: int | None = None, external_id: str | None = None
) -> tuple[Shop, bool]:
    """A shop the user works in, or any shop for Trust & Safety; and whether they work in it.

    Missing and forbidden both raise NotFound. Membership is asked first: one query for a
    shop's own members, who are nearly all the readers; the staff permission (two more
    queries) only for the others.
    """
    if not user.is_authenticated:
        raise NotFound("shop_not_found", _("No such shop."))
    qs = (
        Shop.objects.filter(id=shop_id)
        if shop_id is not None
        else Shop.objects.filter(external_id=external_id)
    )
    shop = qs.filter(memberships__user=user).first()
    if shop is not None:
        return shop, True
    shop = qs.first() if user.is_trust_and_safety else None
    if shop is None:
        raise NotFound("shop_not_found", _("No such shop."))
    return shop, False


def public_shops() -> QuerySet[Shop]:
    """Shops buyers may see and write to: revoked ones (by the marketplace or by staff) are gone."""
    return Shop.objects.exclude(status=Shop.Status.REVOKED).exclude(staff_revoked=True)


def get_public_shop(slug: str) -> Shop:
    """A shop page buyers may see: revoked shops are gone."""
    shop = public_shops().filter(slug=slug).first()
    if shop is None:
        raise NotFound("shop_not_found", _("No such shop."))
    return shop


def shop_policies(shop: Shop) -> list[ShopPolicy]:
    """The shop's policy sections, in the marketplace's order."""
    order = {s: i for i, s in enumerate(ShopPolicy.Section.values)}
    return sorted(shop.policies.all(), key=lambda p: order[p.section])


def described_policies(shop: Shop) -> list[dict[str, object]]:
    """The shop's policies as buyers read them: title, sentences, the shop's own text."""
    return [
        {
            "title": policy.get_section_display(),
            "section": policy.section,
            "lines": describe_policy(policy.section, policy.options),
            "text": policy.text,
        }
        for policy in shop_policies(shop)
    ]


def get_shop_by_external_id(external_id: str) -> Shop:
    """For the marketplace's integration: any shop, by the marketplace's id."""
    shop = Shop.objects.filter(external_id=external_id).first()
    if shop is None:
        raise NotFound("shop_not_found", _("No such shop."))
    return shop
