"""What each side may see of marketing consent.

- The buyer sees every shop they could hear from: each shop they ever answered (a consent
  row, given or withdrawn) and each shop they bought from (a past buyer is who a shop may
  write to), with where consent stands and when and how it last changed.
- A shop's members see counts only: how many past buyers there are and how many of them
  agree to news and offers. Who withdrew, and when, is the buyer's business: no list, so
  no seller can chase a buyer who unsubscribed.
- The marketplace's integration reads one pair with its whole history (it reported much
  of it, and answers the buyer's data requests).

"Bought from" is read through the `orders` reverse relation by name: consent sits left
of orders (decision 0014) and imports nothing from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from comptoir.consent.links import Unsubscribe
from comptoir.consent.models import Consent, ConsentChange, Source
from comptoir.consent.selectors import consents_of, history
from comptoir.core.errors import NotFound
from comptoir.shops.models import Shop


@dataclass(frozen=True)
class ShopChoice:
    """One shop on the buyer's list; `source` is "" when the buyer was never asked."""

    shop: Shop
    given: bool
    changed_at: datetime | None
    source: str

    @property
    def source_text(self) -> str:
        return str(Source(self.source).label) if self.source else ""


@dataclass(frozen=True)
class PairRecord:
    given: bool
    changed_at: datetime | None
    source: str | None
    history: list[ConsentChange] = field(default_factory=list)


@dataclass(frozen=True)
class ShopSummary:
    consenting: int
    past_buyers: int


def buyer_choices(*, buyer_id: int) -> list[ShopChoice]:
    """Every shop the buyer could hear from, by name (two queries)."""
    answered = consents_of(buyer_id=buyer_id)
    choices = [ShopChoice(c.shop, c.given, c.changed_at, c.source) for c in answered]
    bought = (
        Shop.objects.filter(orders__buyer_id=buyer_id)
        .exclude(id__in=[c.shop_id for c in answered])
        .distinct()
    )
    choices += [ShopChoice(shop, False, None, "") for shop in bought]
    return sorted(choices, key=lambda c: (c.shop.name.casefold(), c.shop.id))


def buyer_shop(
    *, buyer_id: int, shop_id: int | None = None, external_id: str | None = None
) -> Shop:
    """A shop on the buyer's list, by Comptoir's id or the marketplace's; NotFound for any
    other (a shop they never bought from is no business of their consent page)."""
    shops = (
        Shop.objects.filter(id=shop_id)
        if shop_id is not None
        else Shop.objects.filter(external_id=external_id)
    )
    answered = Consent.objects.filter(buyer_id=buyer_id).values("shop_id")
    found = (
        shops.filter(id__in=answered).first()
        or shops.filter(orders__buyer_id=buyer_id).distinct().first()
    )
    if found is None:
        raise NotFound("shop_not_found", _("No such shop."))
    return found


def buyer_choice(*, buyer_id: int, shop: Shop) -> ShopChoice:
    current = Consent.objects.filter(buyer_id=buyer_id, shop=shop).first()
    if current is None:
        return ShopChoice(shop, False, None, "")
    return ShopChoice(shop, current.given, current.changed_at, current.source)


def pair_record(*, buyer_id: int, shop_id: int) -> PairRecord:
    """Where a buyer's consent to a shop stands, and every change to it (the integration)."""
    current = Consent.objects.filter(buyer_id=buyer_id, shop_id=shop_id).first()
    changes = history(buyer_id=buyer_id, shop_id=shop_id)
    if current is None:
        return PairRecord(False, None, None, changes)
    return PairRecord(current.given, current.changed_at, current.source, changes)


def shop_summary(*, shop_id: int) -> ShopSummary:
    """Counts for the shop: its past buyers, and those of them a send can reach."""
    buyers = get_user_model().objects.filter(orders__shop_id=shop_id).values("id").distinct()
    consenting = Consent.objects.filter(shop_id=shop_id, given=True, buyer_id__in=buyers).count()
    return ShopSummary(consenting=consenting, past_buyers=buyers.count())


def unsubscribe_shop(request: Unsubscribe) -> Shop:
    """The shop an unsubscribe link names, when both it and the buyer still exist.

    NotFound otherwise, with the same answer as a link that was tampered with: the page
    tells a stranger nothing about who or what the link was for.
    """
    shop = Shop.objects.filter(id=request.shop_id).first()
    if shop is None or not get_user_model().objects.filter(id=request.buyer_id).exists():
        raise NotFound("link_not_valid", _("This unsubscribe link is not valid."))
    return shop
