"""Reads on a shop's sends to past buyers. The caller resolved the shop through an access
helper (a member's viewer), so every read is filtered by it: another shop's send is not
found."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.core.errors import DomainError
from comptoir.core.pagination import Page, keyset_page
from comptoir.promotions.models import Campaign, Recipient
from comptoir.promotions.sends import send_not_found
from comptoir.shops.models import Shop


def shop_sends(shop: Shop) -> QuerySet[Campaign]:
    """The shop's sends, with their coupon and chosen listing in the same query."""
    return Campaign.objects.filter(shop=shop).select_related("coupon", "audience_listing")


def get_send(shop: Shop, campaign_id: int) -> Campaign:
    campaign = shop_sends(shop).filter(pk=campaign_id).first()
    if campaign is None:
        raise send_not_found()
    return campaign


def sends_page(shop: Shop, *, cursor: str | None, limit: int) -> Page[Campaign]:
    """The shop's sends, newest first (the campaign_shop_recent index)."""
    return keyset_page(shop_sends(shop), order=("-id",), cursor=cursor, limit=limit)


def recipients_page(
    campaign: Campaign, *, status: str = "", cursor: str | None, limit: int
) -> Page[Recipient]:
    """Who got the send, who was left out and why: by the order they were taken, with the
    buyer in the same query."""
    qs = Recipient.objects.filter(campaign=campaign).select_related("buyer")
    if status:
        if status not in Recipient.Status.values:
            raise DomainError(
                "invalid_status",
                _("Unknown recipient status."),
                fields={"status": "invalid_choice"},
            )
        qs = qs.filter(status=status)
    return keyset_page(qs, order=("id",), cursor=cursor, limit=limit)
