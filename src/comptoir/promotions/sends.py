"""Sends to past buyers: a message (maybe with a coupon code) to an audience, sent in the
background to the buyers who agreed to receive news and offers, within the shop's daily
allowance, with a record of who got it and who was left out.

Every marketing message goes through messaging's `marketing_message_send`, which checks
the buyer's consent at that moment with their consent row locked: the audience frozen
when a send starts says who is pending, not who may be written to. A buyer who
withdraws between the start and their turn is marked withdrawn and gets nothing.

A send is resumable: the pending Recipient rows are the truth. The background task picks
them up in batches, one short transaction per buyer, and running it twice (a crash, a
second worker) sends nobody twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from itertools import islice
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import formats, translation
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.consent.models import Consent
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.core.tasks import enqueue_with_transaction
from comptoir.messaging.models import Message
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.marketing import marketing_message_send
from comptoir.orders.models import Order
from comptoir.promotions import discounts
from comptoir.promotions.audiences import (
    AudienceSpec,
    audience_check,
    audience_preview,
    buyer_ids,
    day_start,
    spec_of,
)
from comptoir.promotions.models import Audience, Campaign, Coupon, Recipient
from comptoir.promotions.tasks import send_campaign
from comptoir.shops.access import Viewer
from comptoir.shops.models import Shop, ShopMember

log = logging.getLogger(__name__)

SUBJECT_MAX = 200
BODY_MAX = 5000
BATCH = 100
AUDIENCE_BATCH = 1000  # recipients read and written at a time when a send starts
# A send whose worker made no progress for this long is taken up again by the periodic job.
STALE_AFTER = timedelta(minutes=10)
# A single message to one buyer is recorded as a send of its own, so it shows in the list
# of sends and counts against the daily allowance like any other.
SINGLE = Audience.SINGLE

Status = Campaign.Status


@dataclass(frozen=True)
class SendInput:
    subject: str
    body: str
    audience: AudienceSpec
    coupon_id: int | None = None


# --- the daily allowance -------------------------------------------------------------------


def daily_cap() -> int:
    return int(settings.COMPTOIR_MARKETING_DAILY_CAP)


def today_start(shop: Shop, now: datetime | None = None) -> datetime:
    """Midnight that began the shop's current calendar day, in its own time zone."""
    local = (now or clock.now()).astimezone(ZoneInfo(shop.time_zone))
    return day_start(local.date(), shop.time_zone)


def sent_today(shop: Shop) -> int:
    """Marketing messages the shop sent since its midnight (one index range scan)."""
    return Recipient.objects.filter(
        shop=shop, status=Recipient.Status.SENT, at__gte=today_start(shop)
    ).count()


def allowance_left(shop: Shop) -> int:
    return max(daily_cap() - sent_today(shop), 0)


# --- what the buyer reads ------------------------------------------------------------------


def _number(value: Decimal, places: int | None = None) -> str:
    if places is None:
        value = value.normalize()
        places = max(-int(value.as_tuple().exponent), 0)
    return str(formats.number_format(value, places))


def coupon_terms(coupon: Coupon, *, shop: Shop) -> str:
    """What the code gives, in the active language: "10 % off, until June 30"."""
    money = {"currency": shop.currency}
    if coupon.discount_kind == discounts.PERCENT:
        parts = [_("%(n)s %% off") % {"n": _number(coupon.amount)}]
    else:
        parts = [_("%(amount)s %(currency)s off") % {"amount": _number(coupon.amount, 2), **money}]
    if coupon.minimum_order:
        parts.append(
            _("on orders from %(amount)s %(currency)s")
            % {"amount": _number(coupon.minimum_order, 2), **money}
        )
    if coupon.ends_at is not None:
        # Valid until the instant it ends: the last day is the one before that instant.
        last = (coupon.ends_at - timedelta(microseconds=1)).astimezone(ZoneInfo(shop.time_zone))
        parts.append(_("until %(day)s") % {"day": formats.date_format(last.date(), "DATE_FORMAT")})
    return ", ".join(parts)


def coupon_line(coupon: Coupon, *, shop: Shop, language: str) -> str:
    """The line added under the message, in the buyer's language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        return _("Your code: %(code)s — %(terms)s") % {
            "code": coupon.code,
            "terms": coupon_terms(coupon, shop=shop),
        }


def message_text(campaign: Campaign, buyer: User) -> str:
    """The campaign's message, with its coupon line when the code still works."""
    coupon = campaign.coupon
    if coupon is None or not coupon_usable(coupon):
        return campaign.body
    return campaign.body + "\n\n" + coupon_line(coupon, shop=campaign.shop, language=buyer.language)


# --- checks --------------------------------------------------------------------------------


def _suspended_check(shop: Shop) -> None:
    if not shop.may_send_promotions:
        raise Conflict(
            "promotions_suspended",
            _("Trust & Safety suspended this shop's promotions: no news or offers for now."),
        )


def _text_check(subject: str, body: str) -> tuple[str, str]:
    subject = " ".join(subject.split())
    body = body.strip()
    fields = {}
    if not subject:
        fields["subject"] = "required"
    elif len(subject) > SUBJECT_MAX:
        fields["subject"] = "too_long"
    if not body:
        fields["body"] = "required"
    elif len(body) > BODY_MAX:
        fields["body"] = "too_long"
    if fields:
        raise DomainError(
            "invalid_send",
            _("A send needs a subject (at most %(s)d characters) and a message (at most %(b)d).")
            % {"s": SUBJECT_MAX, "b": BODY_MAX},
            fields=fields,
        )
    return subject, body


def usable_coupons(shop: Shop) -> QuerySet[Coupon]:
    """The shop's codes that are on, not ended and not used up (scheduled ones included:
    a send may announce a code that starts later)."""
    now = clock.now()
    return (
        Coupon.objects.filter(shop=shop, disabled_at__isnull=True)
        .filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
        .filter(Q(usage_limit__isnull=True) | Q(uses__lt=F("usage_limit")))
        .order_by("code")
    )


def coupon_usable(coupon: Coupon) -> bool:
    return usable_coupons(coupon.shop).filter(pk=coupon.pk).exists()


def _coupon(shop: Shop, coupon_id: int | None) -> Coupon | None:
    if coupon_id is None:
        return None
    coupon = Coupon.objects.filter(shop=shop, pk=coupon_id).first()
    if coupon is None or not usable_coupons(shop).filter(pk=coupon_id).exists():
        raise DomainError(
            "invalid_coupon",
            _("Pick one of your codes that is on, not ended and not used up."),
            fields={"coupon_id": "not_found" if coupon is None else "not_usable"},
        )
    return coupon


def _no_consenting_buyers() -> DomainError:
    return DomainError(
        "no_consenting_buyers",
        _("None of these past buyers agreed to receive news and offers: nobody would get it."),
        fields={"audience": "no_consenting_buyers"},
    )


def _shop(viewer: Viewer) -> Shop:
    if viewer.shop is None:
        raise DomainError("wrong_side", _("Only a shop sends news and offers."))
    return viewer.shop


def send_not_found() -> NotFound:
    return NotFound("send_not_found", _("No such send in this shop."))


def _locked(shop: Shop, campaign_id: int) -> Campaign:
    campaign = Campaign.objects.select_for_update().filter(shop=shop, pk=campaign_id).first()
    if campaign is None:
        raise send_not_found()
    return campaign


# --- services ------------------------------------------------------------------------------


@transaction.atomic
def send_create(*, viewer: Viewer, data: SendInput) -> Campaign:
    """Write a send as a draft, checked: a subject and a message, an audience that makes
    sense and holds at least one buyer who agreed, and a code of this shop that works."""
    shop = _shop(viewer)
    _suspended_check(shop)
    subject, body = _text_check(data.subject, data.body)
    spec = audience_check(shop=shop, spec=data.audience)
    coupon = _coupon(shop, data.coupon_id)
    if audience_preview(shop=shop, spec=spec).consenting == 0:
        raise _no_consenting_buyers()
    campaign = Campaign.objects.create(
        shop=shop,
        created_by=viewer.user,
        subject=subject,
        body=body,
        coupon=coupon,
        audience=spec.kind,
        audience_listing_id=spec.listing_id,
        audience_from=spec.bought_from,
        audience_to=spec.bought_until,
        audience_min_orders=spec.min_orders,
        status=Status.DRAFT,
    )
    Campaign.objects.filter(pk=campaign.pk).update(updated_at=clock.now())
    return campaign


@transaction.atomic
def send_start(*, viewer: Viewer, campaign_id: int) -> Campaign:
    """Freeze the audience and send in the background.

    Every past buyer in the audience gets a Recipient row now: pending when they agreed,
    left out when not. The task then works through the pending rows.
    """
    shop = _shop(viewer)
    campaign = _locked(shop, campaign_id)
    if campaign.status != Status.DRAFT:
        raise Conflict("send_already_started", _("This send has already started."))
    _suspended_check(shop)
    spec = spec_of(campaign)
    # Streamed in id order and written a batch at a time: the audience is never a list.
    audience = (
        User.objects.filter(pk__in=buyer_ids(shop=shop, spec=spec))
        .annotate(
            agreed=Exists(Consent.objects.filter(shop=shop, given=True, buyer_id=OuterRef("pk")))
        )
        .order_by("pk")
        .values_list("pk", "agreed")
        .iterator(chunk_size=AUDIENCE_BATCH)
    )
    size = agreed = 0
    while chunk := list(islice(audience, AUDIENCE_BATCH)):
        Recipient.objects.bulk_create(
            Recipient(
                campaign=campaign,
                shop=shop,
                buyer_id=buyer_id,
                status=Recipient.Status.PENDING if yes else Recipient.Status.LEFT_OUT,
            )
            for buyer_id, yes in chunk
        )
        size += len(chunk)
        agreed += sum(yes for _id, yes in chunk)
    if not agreed:  # the rows written are rolled back with the error
        raise _no_consenting_buyers()
    now = clock.now()
    changes = {
        "status": Status.SENDING,
        "audience_size": size,
        "left_out": size - agreed,
        "started_at": now,
        "updated_at": now,
    }
    Campaign.objects.filter(pk=campaign.pk).update(**changes)
    for name, value in changes.items():
        setattr(campaign, name, value)
    enqueue_with_transaction(send_campaign, campaign.id)
    return campaign


def send_new(*, viewer: Viewer, data: SendInput, draft: bool = False) -> Campaign:
    """Create a send and, unless it is a draft, start it: both or neither."""
    with transaction.atomic():
        campaign = send_create(viewer=viewer, data=data)
        if draft:
            return campaign
        return send_start(viewer=viewer, campaign_id=campaign.id)


@transaction.atomic
def send_cancel(*, viewer: Viewer, campaign_id: int) -> Campaign:
    """Stop a send: whoever has not got it yet will not. Those already sent keep theirs."""
    shop = _shop(viewer)
    campaign = _locked(shop, campaign_id)
    if campaign.status not in (Status.DRAFT, Status.SENDING, Status.WAITING):
        raise Conflict("send_finished", _("This send is already finished."))
    now = clock.now()
    Campaign.objects.filter(pk=campaign.pk).update(
        status=Status.CANCELLED, finished_at=now, updated_at=now
    )
    campaign.status, campaign.finished_at = Status.CANCELLED, now
    return campaign


@transaction.atomic
def marketing_message_single(
    *, viewer: Viewer, buyer_external_id: str, subject: str, body: str
) -> tuple[Campaign, Message]:
    """One message of news or offers to one past buyer who agreed. It counts against the
    daily allowance and is recorded as a send of its own; a refusal writes nothing."""
    shop = _shop(viewer)
    Shop.objects.select_for_update().filter(pk=shop.pk).first()  # one writer per shop's cap
    _suspended_check(shop)
    subject, body = _text_check(subject, body)
    buyer = (
        User.objects.filter(external_id=buyer_external_id).first() if buyer_external_id else None
    )
    if (
        buyer is None
        or not Order.objects.filter(shop=shop, buyer=buyer)
        .exclude(status=Order.Status.CANCELLED)
        .exists()
    ):
        raise NotFound("buyer_not_found", _("No such past buyer of this shop."))
    if allowance_left(shop) <= 0:
        raise Conflict(
            "daily_cap_reached",
            _("Your shop sent its %(n)d messages of news and offers for today.")
            % {"n": daily_cap()},
        )
    message = marketing_message_send(
        viewer=viewer, buyer_id=buyer.id, draft=Draft(body=body), subject=subject
    )
    now = clock.now()
    campaign = Campaign.objects.create(
        shop=shop,
        created_by=viewer.user,
        subject=subject,
        body=body,
        audience=SINGLE,
        status=Status.SENT,
        audience_size=1,
        sent=1,
        started_at=now,
        finished_at=now,
    )
    Recipient.objects.create(
        campaign=campaign,
        shop=shop,
        buyer=buyer,
        status=Recipient.Status.SENT,
        conversation_id=message.conversation_id,
        at=now,
    )
    return campaign, message


# --- the background work --------------------------------------------------------------------


def _sender(campaign: Campaign) -> Viewer | None:
    """Who the messages come from: the send's creator, or the shop's owner if they left."""
    members = {
        m.user_id: m
        for m in ShopMember.objects.filter(shop_id=campaign.shop_id)
        .filter(Q(user_id=campaign.created_by_id) | Q(role=ShopMember.Role.OWNER))
        .select_related("user")
    }
    chosen = members.get(campaign.created_by_id or 0) or next(iter(members.values()), None)
    return None if chosen is None else Viewer(user=chosen.user, shop=campaign.shop)


def _finish(campaign_id: int, status: str) -> None:
    now = clock.now()
    Campaign.objects.filter(pk=campaign_id, status__in=(Status.SENDING, Status.WAITING)).update(
        status=status, finished_at=now if status != Status.WAITING else None, updated_at=now
    )


def _send_to(campaign_id: int, recipient_id: int, viewer: Viewer) -> str:
    """Send to one pending recipient in its own transaction. Returns what happened:
    sent, withdrawn, skipped (not pending any more), cap, or stopped."""
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update(of=("self", "shop"))
            .select_related("shop", "coupon")
            .filter(pk=campaign_id)
            .first()
        )
        if campaign is None or campaign.status != Status.SENDING:
            return "stopped"
        shop = campaign.shop
        if not shop.may_send_promotions:
            _finish(campaign.id, Status.CANCELLED)
            return "stopped"
        if allowance_left(shop) <= 0:
            _finish(campaign.id, Status.WAITING)
            return "cap"
        recipient = (
            Recipient.objects.select_for_update(of=("self",))
            .select_related("buyer")
            .filter(pk=recipient_id, campaign_id=campaign_id, status=Recipient.Status.PENDING)
            .first()
        )
        if recipient is None:
            return "skipped"
        now = clock.now()
        try:
            message = marketing_message_send(
                viewer=Viewer(user=viewer.user, shop=shop),
                buyer_id=recipient.buyer_id,
                draft=Draft(body=message_text(campaign, recipient.buyer)),
                subject=campaign.subject,
                reference=f"send-{campaign.id}",
            )
        except (Conflict, NotFound) as exc:
            if exc.code == "promotions_suspended":
                _finish(campaign.id, Status.CANCELLED)
                return "stopped"
            if exc.code not in ("no_marketing_consent", "buyer_not_found"):
                raise
            Recipient.objects.filter(pk=recipient.pk).update(
                status=Recipient.Status.WITHDRAWN, at=now
            )
            Campaign.objects.filter(pk=campaign.pk).update(
                withdrawn=F("withdrawn") + 1, updated_at=now
            )
            return "withdrawn"
        Recipient.objects.filter(pk=recipient.pk).update(
            status=Recipient.Status.SENT, at=now, conversation_id=message.conversation_id
        )
        Campaign.objects.filter(pk=campaign.pk).update(sent=F("sent") + 1, updated_at=now)
        return "sent"


def send_batches(*, campaign_id: int, batch: int = BATCH) -> str:
    """Work through a send's pending recipients, a batch at a time, until none is left
    (sent), the day's allowance is used (waiting) or the send stopped. Idempotent."""
    while True:
        campaign = Campaign.objects.filter(pk=campaign_id).select_related("shop").first()
        if campaign is None or campaign.status != Status.SENDING:
            return "stopped"
        viewer = _sender(campaign)
        if viewer is None:
            log.warning("send %s: the shop has no member to send as", campaign_id)
            _finish(campaign_id, Status.CANCELLED)
            return "stopped"
        ids = list(
            Recipient.objects.filter(campaign_id=campaign_id, status=Recipient.Status.PENDING)
            .order_by("id")
            .values_list("id", flat=True)[:batch]
        )
        if not ids:
            _finish(campaign_id, Status.SENT)
            return "sent"
        for recipient_id in ids:
            outcome = _send_to(campaign_id, recipient_id, viewer)
            if outcome in ("cap", "stopped"):
                return "waiting" if outcome == "cap" else outcome


def resume_sends() -> int:
    """The periodic job: take up sends that waited for today's allowance, and sends whose
    worker stopped mid-way (a crash). Claims each with a conditional update, so two
    workers running the job at once enqueue it once. Returns how many were taken up."""
    now = clock.now()
    due = Campaign.objects.filter(
        Q(status=Status.WAITING) | Q(status=Status.SENDING, updated_at__lt=now - STALE_AFTER)
    ).select_related("shop")
    resumed = 0
    for campaign in due:
        if campaign.status == Status.WAITING and allowance_left(campaign.shop) <= 0:
            continue
        with transaction.atomic():
            claimed = Campaign.objects.filter(
                pk=campaign.pk, status=campaign.status, updated_at=campaign.updated_at
            ).update(status=Status.SENDING, updated_at=now)
            if claimed:
                enqueue_with_transaction(send_campaign, campaign.id)
                resumed += 1
    return resumed


# --- what the pages and the API show --------------------------------------------------------


def progress(campaign: Campaign) -> tuple[int, int, int]:
    """(done, to reach, percent): of the buyers who agreed when it started, how many were
    sent to or withdrew meanwhile."""
    total = max(campaign.audience_size - campaign.left_out, 0)
    done = min(campaign.sent + campaign.withdrawn, total)
    percent = 100 if total == 0 else done * 100 // total
    return done, total, percent
