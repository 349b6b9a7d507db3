"""Writes on orders: the marketplace's upserts, notes, and "waiting on the buyer"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.entry import entry_link
from comptoir.accounts.models import User
from comptoir.accounts.services import buyer_upsert
from comptoir.catalog.delivery import estimate_delivery
from comptoir.catalog.models import Listing
from comptoir.consent.models import Source
from comptoir.consent.reported import consent_reported
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.core.outbox import queue_email
from comptoir.core.upsert import Outcome, upsert
from comptoir.orders.hooks import order_saved
from comptoir.orders.models import Missing, Order, OrderItem, OrderNote
from comptoir.shops.models import Shop
from comptoir.webhooks.services import emit

# The marketplace hears when an order starts or stops waiting on the buyer's answer.
AWAITING_BUYER_CHANGED = "order.awaiting_buyer_changed"


@dataclass(frozen=True)
class ItemInput:
    title: str
    unit_price: Decimal
    quantity: int = 1
    listing_external_id: str | None = None
    personalisation: str = ""


@dataclass(frozen=True)
class BuyerInput:
    external_id: str
    email: str = ""
    display_name: str = ""
    language: str = ""


@dataclass(frozen=True)
class OrderInput:
    external_id: str
    buyer: BuyerInput
    status: str
    ordered_at: datetime
    items: Sequence[ItemInput]
    ship_by: date | None = None
    estimated_delivery_on: date | None = None
    shipped_at: datetime | None = None
    delivered_at: datetime | None = None
    cancelled_at: datetime | None = None
    tracking_carrier: str = ""
    tracking_number: str = ""
    currency: str | None = None
    shipping_address: Mapping[str, Any] = field(default_factory=dict)
    buyer_first_message_at: datetime | None = None
    # The buyer's answer at checkout to "news and offers from this shop"; None: unchanged.
    marketing_consent: bool | None = None


def _check(data: OrderInput, listings: dict[str, Listing]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.status not in Order.Status.values:
        errors["status"] = "invalid_choice"
    if not data.items:
        errors["items"] = "at_least_one"
    for i, item in enumerate(data.items):
        if item.quantity < 1:
            errors[f"items.{i}.quantity"] = "at_least_one"
        if item.unit_price < 0:
            errors[f"items.{i}.unit_price"] = "negative"
        if item.listing_external_id and item.listing_external_id not in listings:
            errors[f"items.{i}.listing_id"] = "unknown_listing"
    if data.status in (Order.Status.SHIPPED, Order.Status.DELIVERED) and data.shipped_at is None:
        errors["shipped_at"] = "required_when_shipped"
    if data.status == Order.Status.DELIVERED and data.delivered_at is None:
        errors["delivered_at"] = "required_when_delivered"
    if data.status == Order.Status.CANCELLED and data.cancelled_at is None:
        errors["cancelled_at"] = "required_when_cancelled"
    for name in ("shipped_at", "delivered_at", "cancelled_at"):
        moment = getattr(data, name)
        if moment is not None and moment < data.ordered_at:
            errors[name] = "before_order"
    if data.shipped_at and data.delivered_at and data.delivered_at < data.shipped_at:
        errors["delivered_at"] = "before_shipping"
    if data.tracking_number and not data.tracking_carrier:
        errors["tracking_carrier"] = "required_with_tracking"
    return errors


def _expected_dates(
    shop: Shop, data: OrderInput, listings: list[Listing]
) -> tuple[date, date | None]:
    """The ship-by and estimated delivery dates, from the order or from its listings."""
    processing = [p for p in (li.processing_days() for li in listings) if p]
    transit = [d for d in (li.delivery_days() for li in listings) if d]
    proc = (max(p[0] for p in processing), max(p[1] for p in processing)) if processing else (3, 5)
    tran = (max(d[0] for d in transit), max(d[1] for d in transit)) if transit else None
    estimate = estimate_delivery(
        ordered_at=data.ordered_at,
        time_zone=shop.time_zone,
        processing=proc,
        transit=tran or (0, 0),
    )
    ship_by = data.ship_by or estimate.ship_by
    delivery = data.estimated_delivery_on or (estimate.latest if tran else None)
    return ship_by, delivery


@transaction.atomic
def order_upsert(*, shop: Shop, data: OrderInput) -> tuple[Order, Outcome]:
    """Create or update an order. A new order needs a shop that accepts orders."""
    wanted = {i.listing_external_id for i in data.items if i.listing_external_id}
    listings = {
        li.external_id: li
        for li in Listing.objects.select_related("shipping_profile").filter(
            shop=shop, external_id__in=wanted
        )
    }
    errors = _check(data, listings)
    existing = Order.objects.filter(external_id=data.external_id).first()
    if existing is not None and existing.shop_id != shop.id:
        errors["external_id"] = "belongs_to_another_shop"
    if errors:
        raise DomainError("invalid_order", _("The order is not valid."), fields=errors)
    if existing is None and not shop.accepts_orders:
        raise Conflict(
            "shop_not_accepting_orders",
            _("The shop cannot receive new orders: %(status)s.") % {"status": shop.standing.label},
        )
    if existing is None and _buying_revoked(data.buyer.external_id):
        raise Conflict(
            "buyer_privileges_revoked",
            "This buyer's buying privileges were revoked; no new orders.",
        )
    buyer = buyer_upsert(
        external_id=data.buyer.external_id,
        email=data.buyer.email,
        display_name=data.buyer.display_name,
        language=data.buyer.language,
    )
    ship_by, estimated = _expected_dates(shop, data, list(listings.values()))
    total = sum((i.unit_price * i.quantity for i in data.items), Decimal("0"))
    order, outcome = upsert(
        Order,
        key={"external_id": data.external_id},
        values={
            "shop": shop,
            "buyer": buyer,
            "status": data.status,
            "ordered_at": data.ordered_at,
            "ship_by": ship_by,
            "estimated_delivery_on": estimated,
            "shipped_at": data.shipped_at,
            "delivered_at": data.delivered_at,
            "cancelled_at": data.cancelled_at,
            "tracking_carrier": data.tracking_carrier,
            "tracking_number": data.tracking_number,
            "total": total,
            "currency": (data.currency or shop.currency).upper(),
            "buyer_email": data.buyer.email,
            "shipping_address": dict(data.shipping_address),
            **(
                {"buyer_first_message_at": data.buyer_first_message_at}
                if data.buyer_first_message_at is not None
                else {}
            ),
            # Shipped or cancelled: nothing is waited for any more.
            **(
                {"awaiting_buyer": "", "awaiting_buyer_detail": "", "awaiting_buyer_since": None}
                if data.status != Order.Status.PAID
                else {}
            ),
        },
    )
    if existing is not None and existing.is_awaiting_buyer and not order.is_awaiting_buyer:
        _awaiting_changed(order, reason=f"order_{data.status}", at=clock.now())
    if data.marketing_consent is not None:
        consent_reported(
            buyer_id=buyer.id,
            shop_id=shop.id,
            given=data.marketing_consent,
            source=Source.CHECKOUT,
            reference=data.external_id,
            at=data.ordered_at,
        )
    if _items_set(order, data.items, listings) and outcome is Outcome.UNCHANGED:
        outcome = Outcome.UPDATED
    if data.status != Order.Status.CANCELLED:
        earlier = Q(first_sale_at__isnull=True) | Q(first_sale_at__gt=data.ordered_at)
        if Shop.objects.filter(earlier, pk=shop.pk).update(first_sale_at=data.ordered_at):
            shop.first_sale_at = data.ordered_at
    if outcome is not Outcome.UNCHANGED:
        order_saved.send(sender=Order, order=order, previous=existing)
    return order, outcome


def _items_set(order: Order, items: Sequence[ItemInput], listings: dict[str, Listing]) -> bool:
    """Replace the order's items when they differ; True when anything changed."""
    wanted = [
        (
            listings[i.listing_external_id].id if i.listing_external_id else None,
            i.title,
            i.quantity,
            i.unit_price,
            i.personalisation,
        )
        for i in items
    ]
    current = [
        (it.listing_id, it.title, it.quantity, it.unit_price, it.personalisation)
        for it in order.items.order_by("id")
    ]
    if current == wanted:
        return False
    order.items.all().delete()
    OrderItem.objects.bulk_create(
        OrderItem(
            order=order,
            listing_id=listing_id,
            title=title,
            quantity=quantity,
            unit_price=price,
            personalisation=personalisation,
        )
        for listing_id, title, quantity, price, personalisation in wanted
    )
    return True


def order_buyer_messaged(*, order: Order, at: datetime) -> None:
    """The buyer wrote in a thread about the order (messaging calls this on each message):
    record their first message, and take the order off "waiting on the buyer".

    One UPDATE, as before waiting existed, that matches nothing on an everyday message (not
    the first, nothing awaited): the send path pays no more. SQL reads every right-hand
    side from the row as it was, so `awaiting_buyer_answered_at` sees the wait it ends; the
    webhook then reads the order, only when this message ended a wait.
    """
    first = Q(buyer_first_message_at__isnull=True) | Q(buyer_first_message_at__gt=at)
    waiting = Q(awaiting_buyer_since__isnull=False)
    changed = (
        Order.objects.filter(pk=order.pk)
        .filter(first | waiting)
        .update(
            buyer_first_message_at=Case(
                When(first, then=Value(at)), default=F("buyer_first_message_at")
            ),
            awaiting_buyer_answered_at=Case(
                When(waiting, then=Value(at)), default=F("awaiting_buyer_answered_at")
            ),
            awaiting_buyer="",
            awaiting_buyer_detail="",
            awaiting_buyer_since=None,
        )
    )
    if not changed:
        return
    answered = Order.objects.select_related("shop", "buyer").get(pk=order.pk)
    if answered.awaiting_buyer_answered_at == at:
        _awaiting_changed(answered, reason="buyer_answered", at=at)


AWAITING_DETAIL_MAX = 1_000


@transaction.atomic
def order_await_buyer(*, order: Order, missing: str, detail: str = "") -> Order:
    """Mark the order as waiting on the buyer's answer: what is missing, in the shop's words.

    Marking it again replaces what is asked and keeps the first "since". The caller asks
    the buyer (messaging posts the question in the order's thread).
    """
    detail = detail.strip()
    fields = {}
    if missing not in Missing.values:
        fields["missing"] = "invalid_choice"
    if missing == Missing.OTHER and not detail:
        fields["detail"] = "required"
    if len(detail) > AWAITING_DETAIL_MAX:
        fields["detail"] = "too_long"
    if fields:
        raise DomainError(
            "invalid_awaiting_buyer", _("Say what you need from the buyer."), fields=fields
        )
    locked = Order.objects.select_for_update().select_related("shop", "buyer").get(pk=order.pk)
    if locked.status != Order.Status.PAID:
        raise Conflict(
            "order_not_open",
            _("Only an order that has not shipped yet can wait on the buyer."),
        )
    locked.awaiting_buyer = missing
    locked.awaiting_buyer_detail = detail
    locked.awaiting_buyer_since = locked.awaiting_buyer_since or clock.now()
    locked.save(update_fields=["awaiting_buyer", "awaiting_buyer_detail", "awaiting_buyer_since"])
    _awaiting_changed(locked, reason="shop_asked", at=clock.now())
    return locked


@transaction.atomic
def order_await_buyer_stop(*, order: Order) -> Order:
    """The shop stops waiting (it got the answer elsewhere, or ships as is)."""
    locked = Order.objects.select_for_update().select_related("shop", "buyer").get(pk=order.pk)
    if locked.awaiting_buyer_since is None:
        return locked
    locked.awaiting_buyer, locked.awaiting_buyer_detail = "", ""
    locked.awaiting_buyer_since = None
    locked.save(update_fields=["awaiting_buyer", "awaiting_buyer_detail", "awaiting_buyer_since"])
    _awaiting_changed(locked, reason="shop_stopped", at=clock.now())
    return locked


def awaiting_payload(order: Order) -> dict[str, object] | None:
    if order.awaiting_buyer_since is None:
        return None
    return {
        "missing": order.awaiting_buyer,
        "detail": order.awaiting_buyer_detail,
        "since": order.awaiting_buyer_since.isoformat(),
        "ship_by": order.ship_by.isoformat(),
    }


def _awaiting_changed(order: Order, *, reason: str, at: datetime) -> None:
    emit(
        event=AWAITING_BUYER_CHANGED,
        payload={
            "shop_id": order.shop.external_id,
            "order_id": order.external_id,
            "buyer_id": order.buyer.external_id,
            "awaiting_buyer": awaiting_payload(order),
            "reason": reason,
            "at": at.isoformat(),
        },
    )


NOTE_MAX = 5_000


@transaction.atomic
def order_note_add(*, order: Order, author: User, visibility: str, body: str) -> OrderNote:
    """Add a note; a note to the customer is e-mailed to the buyer, in their language."""
    body = body.strip()
    fields = {}
    if visibility not in OrderNote.Visibility.values:
        fields["visibility"] = "invalid_choice"
    if not body:
        fields["body"] = "required"
    elif len(body) > NOTE_MAX:
        fields["body"] = "too_long"
    if fields:
        raise DomainError("invalid_note", _("Some fields are not valid."), fields=fields)
    note = OrderNote.objects.create(
        order=order, author=author, visibility=visibility, body=body, created_at=clock.now()
    )
    buyer = order.buyer
    if visibility == OrderNote.Visibility.CUSTOMER and buyer.email:
        with translation.override(buyer.language or settings.LANGUAGE_CODE):
            queue_email(
                recipient=buyer.email,
                subject=_("A note from %(shop)s about your order %(order)s")
                % {"shop": order.shop.name, "order": order.external_id},
                body=body,
                link=entry_link(reverse("web:buyer_order", args=[order.id]), recipient=buyer),
                reason="order_note",
            )
    return note


def _buying_revoked(buyer_external_id: str) -> bool:
    return User.objects.filter(external_id=buyer_external_id, buying_revoked=True).exists()
