"""Follow-ups: a shop's automatic check-in a chosen number of days after delivery.

It is a service message about the order (an order message, like one the seller writes
by hand), not marketing: it needs no consent and does not count against the daily
allowance of news and offers. It goes once per order (the FollowUp row is one per order,
so two workers running the job at once cannot both send), and never to an order with a
case: that buyer is already talking to the shop about a problem, and a cheerful "is
everything fine?" would be tone-deaf. Such orders get a FollowUp row too (skipped_case),
so the decision is recorded and taken once.

Only orders delivered at most `LOOK_BACK_DAYS` days past the chosen delay are considered:
a shop turning follow-ups on does not write to everyone who bought in past years, and an
order whose delivery the marketplace reports late still gets its check-in within two
weeks of the delay.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.cases.models import Case
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.core.pagination import Page, keyset_page
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.starting import order_conversation_start
from comptoir.orders.models import Order
from comptoir.promotions.models import FollowUp, FollowUpSettings
from comptoir.shops.access import Viewer, shop_voice
from comptoir.shops.models import Shop

log = logging.getLogger(__name__)

LOOK_BACK_DAYS = 14
BODY_MAX = 2000
DAYS_MIN, DAYS_MAX = 1, 60
PLACEHOLDERS = ("buyer", "order", "shop")


def default_body() -> str:
    return _(
        "Hello {buyer}, your order {order} should have arrived by now. Is everything as you "
        "hoped? If anything is not right, just answer this message and we will sort it out. "
        "— {shop}"
    )


def follow_up_settings(shop: Shop) -> FollowUpSettings:
    """The shop's settings; unsaved defaults (off, 3 days) when never set."""
    found = FollowUpSettings.objects.filter(shop=shop).first()
    return found or FollowUpSettings(shop=shop, enabled=False, body=default_body())


@dataclass(frozen=True)
class FollowUpInput:
    enabled: bool
    days_after_delivery: int
    body: str


@transaction.atomic
def follow_up_settings_set(*, shop: Shop, data: FollowUpInput) -> FollowUpSettings:
    """Turn the check-in on or off, with its delay (1 to 60 days) and its text."""
    body = data.body.strip()
    fields = {}
    if not DAYS_MIN <= data.days_after_delivery <= DAYS_MAX:
        fields["days_after_delivery"] = "out_of_range"
    if not body:
        fields["body"] = "required"
    elif len(body) > BODY_MAX:
        fields["body"] = "too_long"
    if fields:
        raise DomainError(
            "invalid_follow_up",
            _("A check-in needs a message (at most %(n)d characters) and 1 to 60 days.")
            % {"n": BODY_MAX},
            fields=fields,
        )
    stored, _created = FollowUpSettings.objects.update_or_create(
        shop=shop,
        defaults={
            "enabled": data.enabled,
            "days_after_delivery": data.days_after_delivery,
            "body": body,
        },
    )
    return stored


def fill_in(body: str, *, buyer: str, order: str, shop: str) -> str:
    """The text with {buyer}, {order} and {shop} replaced; other braces left as typed."""
    for name, value in (("buyer", buyer), ("order", order), ("shop", shop)):
        body = body.replace("{" + name + "}", value)
    return body


def due_orders(stored: FollowUpSettings) -> list[Order]:
    """The shop's delivered orders whose check-in is due and not yet decided."""
    now = clock.now()
    latest = now - timedelta(days=stored.days_after_delivery)
    earliest = latest - timedelta(days=LOOK_BACK_DAYS)
    return list(
        Order.objects.filter(
            shop_id=stored.shop_id,
            status=Order.Status.DELIVERED,
            delivered_at__lte=latest,
            delivered_at__gt=earliest,
            follow_up__isnull=True,
        )
        .select_related("buyer", "shop")
        .order_by("delivered_at", "id")
    )


def _follow_up(order: Order, stored: FollowUpSettings, viewer: Viewer) -> str | None:
    """Decide and record one order's check-in, in one transaction; None if another worker
    already did."""
    try:
        with transaction.atomic():
            now = clock.now()
            if Case.objects.filter(order=order).exists():
                FollowUp.objects.create(
                    order=order, shop_id=order.shop_id, status=FollowUp.Status.SKIPPED_CASE, at=now
                )
                return FollowUp.Status.SKIPPED_CASE
            record = FollowUp.objects.create(
                order=order, shop_id=order.shop_id, status=FollowUp.Status.SENT, at=now
            )
            buyer = order.buyer
            body = fill_in(
                stored.body,
                buyer=str(buyer),
                order=f"#{order.external_id}",
                shop=order.shop.name,
            )
            with translation.override(buyer.language or settings.LANGUAGE_CODE):
                subject = _("How is your order #%(order)s?") % {"order": order.external_id}
            message = order_conversation_start(
                viewer=viewer, order=order, draft=Draft(body=body), subject=subject
            )
            FollowUp.objects.filter(pk=record.pk).update(conversation_id=message.conversation_id)
            return FollowUp.Status.SENT
    except IntegrityError:
        return None  # the one-per-order row exists: decided by a concurrent run


def follow_ups_run() -> int:
    """The periodic job: every enabled shop's due check-ins. Returns how many were sent."""
    sent = 0
    for stored in FollowUpSettings.objects.filter(enabled=True).select_related("shop"):
        orders = due_orders(stored)
        if not orders:
            continue
        viewer = shop_voice(stored.shop)
        if viewer is None:
            continue
        for order in orders:
            try:
                outcome = _follow_up(order, stored, viewer)
            except DomainError:
                log.exception("follow-up of order %s refused", order.id)
                continue
            sent += outcome == FollowUp.Status.SENT
    return sent


def follow_ups_page(shop: Shop, *, cursor: str | None, limit: int) -> Page[FollowUp]:
    """The shop's recent check-ins (and skips), with their order and buyer."""
    qs = FollowUp.objects.filter(shop=shop).select_related("order__buyer")
    return keyset_page(qs, order=("-at", "-id"), cursor=cursor, limit=limit)
