"""Reads on shops, always filtered by who is asking."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from comptoir.core.errors import NotFound
from comptoir.shops.models import Shop, ShopPolicy
from comptoir.shops.policies import describe_policy


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


def _measure_in_force(flag: str, ends: str, today: date) -> Q:
    return Q(**{flag: True}) & (Q(**{f"{ends}__isnull": True}) | Q(**{f"{ends}__gt": today}))


def shops_with_status(shops: QuerySet[Shop], status: str, today: date) -> QuerySet[Shop]:
    """Filter by the status everyone reads (`Shop.standing`), in SQL: a Trust & Safety
    revocation, then the marketplace's revoked or suspended, then a pause in force, else
    the marketplace's status."""
    revoked = _measure_in_force("staff_revoked", "staff_revocation_ends_on", today)
    stronger = Q(status__in=[Shop.Status.REVOKED, Shop.Status.SUSPENDED])
    paused = _measure_in_force("staff_paused", "staff_pause_ends_on", today) & ~stronger
    if status == Shop.Status.REVOKED:
        return shops.filter(revoked | Q(status=status))
    if status == Shop.Status.PAUSED:
        return shops.filter((paused | Q(status=status)) & ~revoked)
    return shops.filter(Q(status=status) & ~revoked & ~paused)
