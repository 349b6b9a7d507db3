"""Who a send to past buyers reaches: the buyer ids of an audience, as one SQL query over
the shop's orders, and how many of them agreed to receive news and offers.

A past buyer is someone with a non-cancelled order in the shop: a cancelled order is not
a purchase, so it neither makes nor counts towards a past buyer. A buyer who bought twice
is one buyer. The queries are set-based (a subquery the database answers), so a preview
costs the same two queries for ten buyers as for a hundred thousand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from comptoir.catalog.models import Listing
from comptoir.consent.models import Consent
from comptoir.core.errors import DomainError
from comptoir.orders.models import Order
from comptoir.promotions.models import Audience, Campaign
from comptoir.shops.models import Shop

MAX_MIN_ORDERS = 1000


@dataclass(frozen=True)
class AudienceSpec:
    """An audience as a seller picks it. `listing_id` is Comptoir's listing id; the dates
    are whole days in the shop's time zone, both included."""

    kind: str = Audience.ALL
    listing_id: int | None = None
    bought_from: date | None = None
    bought_until: date | None = None
    min_orders: int | None = None


@dataclass(frozen=True)
class Preview:
    audience_size: int
    consenting: int

    @property
    def left_out(self) -> int:
        """Past buyers in the audience who have not agreed (or withdrew)."""
        return self.audience_size - self.consenting


def audience_check(*, shop: Shop, spec: AudienceSpec) -> AudienceSpec:
    """The audience with only the parameters its kind uses; DomainError (422,
    `invalid_audience`, field codes) when they do not make sense."""
    fields: dict[str, str] = {}
    if spec.kind not in Audience.values:
        fields["audience"] = "invalid_choice"
    elif spec.kind == Audience.LISTING:
        if spec.listing_id is None:
            fields["listing_id"] = "required"
        elif not Listing.objects.filter(shop=shop, id=spec.listing_id).exists():
            fields["listing_id"] = "not_found"
    elif spec.kind == Audience.DATES:
        if spec.bought_from is None and spec.bought_until is None:
            fields["bought_from"] = "required"
        elif spec.bought_from and spec.bought_until and spec.bought_from > spec.bought_until:
            fields["bought_until"] = "before_start"
    elif spec.kind == Audience.LOYAL:
        if spec.min_orders is None:
            fields["min_orders"] = "required"
        elif not 1 <= spec.min_orders <= MAX_MIN_ORDERS:
            fields["min_orders"] = "out_of_range"
    if fields:
        raise DomainError(
            "invalid_audience", _("Check the audience: some choices are missing."), fields=fields
        )
    kind = spec.kind
    return AudienceSpec(
        kind=kind,
        listing_id=spec.listing_id if kind == Audience.LISTING else None,
        bought_from=spec.bought_from if kind == Audience.DATES else None,
        bought_until=spec.bought_until if kind == Audience.DATES else None,
        min_orders=spec.min_orders if kind == Audience.LOYAL else None,
    )


def listing_id_of(*, shop: Shop, external_id: str) -> int | None:
    """Comptoir's id of the shop's listing with this marketplace id (None when blank);
    DomainError when the shop has no such listing."""
    if not external_id:
        return None
    found = Listing.objects.filter(shop=shop, external_id=external_id).values_list("id", flat=True)
    listing_id = found.first()
    if listing_id is None:
        raise DomainError(
            "invalid_audience",
            _("No such listing in this shop."),
            fields={"listing_id": "not_found"},
        )
    return listing_id


def day_start(day: date, zone: str) -> datetime:
    """Midnight at the start of `day` in time zone `zone` (aware)."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(zone))


def buyer_ids(*, shop: Shop, spec: AudienceSpec) -> QuerySet[Any, Any]:
    """The audience's buyer ids, each once: a query to use as a subquery or to read."""
    orders = Order.objects.filter(shop=shop).exclude(status=Order.Status.CANCELLED)
    if spec.kind == Audience.LISTING:
        orders = orders.filter(items__listing_id=spec.listing_id or 0)
    elif spec.kind == Audience.DATES:
        if spec.bought_from is not None:
            orders = orders.filter(ordered_at__gte=day_start(spec.bought_from, shop.time_zone))
        if spec.bought_until is not None:
            end = day_start(spec.bought_until + timedelta(days=1), shop.time_zone)
            orders = orders.filter(ordered_at__lt=end)
    elif spec.kind == Audience.LOYAL:
        return (
            orders.order_by()
            .values("buyer_id")
            .annotate(n=Count("id"))
            .filter(n__gte=spec.min_orders or 1)
            .values("buyer_id")
        )
    return orders.order_by().values("buyer_id").distinct()


def consenting(*, shop: Shop, spec: AudienceSpec) -> QuerySet[Consent]:
    """The consent rows of the audience's buyers who agreed, as of now."""
    return Consent.objects.filter(
        shop=shop, given=True, buyer_id__in=buyer_ids(shop=shop, spec=spec)
    )


def audience_preview(*, shop: Shop, spec: AudienceSpec) -> Preview:
    """How many past buyers the audience holds and how many would receive a send now:
    two counting queries, whatever the audience's size."""
    size = buyer_ids(shop=shop, spec=spec).count()
    return Preview(audience_size=size, consenting=consenting(shop=shop, spec=spec).count())


def spec_of(campaign: Campaign) -> AudienceSpec:
    """The audience a campaign was created with."""
    return AudienceSpec(
        kind=campaign.audience,
        listing_id=campaign.audience_listing_id,
        bought_from=campaign.audience_from,
        bought_until=campaign.audience_to,
        min_orders=campaign.audience_min_orders,
    )
