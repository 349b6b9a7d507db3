"""Coupon codes: a seller creates, edits and turns them off; the marketplace checks a code
at checkout and records its use.

Recording a use is atomic: the coupon's row is locked (`SELECT … FOR UPDATE`) while the
limits are checked, the use is written and `uses` counted, so a limit of 100 lets exactly
100 orders through however many arrive at once (and the database refuses `uses` above
the limit anyway). Recording the same marketplace order again returns the first use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.accounts.services import buyer_upsert
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.promotions import discounts
from comptoir.promotions.models import Coupon, Redemption
from comptoir.promotions.offers_selectors import coupon_by_code, get_coupon, terms_of
from comptoir.shops.models import Shop

CODE_PATTERN = re.compile(r"[A-Za-z0-9-]+")
CODE_MIN, CODE_MAX = 3, 40
ID_MAX = 64  # marketplace ids (buyers, orders)


@dataclass(frozen=True)
class CouponInput:
    """A coupon's settings. `starts_at` None means now; None limits mean no limit."""

    code: str
    discount_kind: str
    amount: Decimal
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    minimum_order: Decimal | None = None
    usage_limit: int | None = None
    per_buyer_limit: int | None = None


EDITABLE = frozenset(f.name for f in fields(CouponInput)) - {"code"}


def promotions_suspended() -> Conflict:
    return Conflict(
        "promotions_suspended",
        _("Trust & Safety suspended this shop's promotions: its offers do not apply."),
    )


def _require_promotions(shop: Shop) -> None:
    if not shop.may_send_promotions:
        raise promotions_suspended()


def code_problem(code: str) -> str | None:
    """Why `code` cannot be a coupon code (a field code), or None."""
    if not code:
        return "required"
    if len(code) < CODE_MIN:
        return "too_short"
    if len(code) > CODE_MAX:
        return "too_long"
    if not CODE_PATTERN.fullmatch(code):
        return "invalid_characters"
    return None


def _limit_problem(value: int | None) -> str | None:
    return "at_least_one" if value is not None and value < 1 else None


def _problems(data: CouponInput, *, starts_at: datetime) -> dict[str, str]:
    problems = discounts.offer_problems(kind=data.discount_kind, amount=data.amount)
    if data.minimum_order is not None and (p := discounts.money_problem(data.minimum_order)):
        problems["minimum_order"] = p
    for name in ("usage_limit", "per_buyer_limit"):
        if p := _limit_problem(getattr(data, name)):
            problems[name] = p
    if data.ends_at is not None and data.ends_at <= starts_at:
        problems["ends_at"] = "ends_before_start"
    return problems


def _cents_or_none(value: Decimal | None) -> Decimal | None:
    return None if value is None else discounts.cents(value)


def _invalid(problems: Mapping[str, str]) -> DomainError:
    return DomainError("invalid_coupon", _("Some fields are not valid."), fields=problems)


@transaction.atomic
def coupon_create(*, shop: Shop, actor: User | None, data: CouponInput) -> Coupon:
    """A new code for the shop. Codes are unique per shop whatever their case: `SUMMER`
    taken means `summer` is taken too (409 coupon_code_taken)."""
    code = data.code.strip()
    now = clock.now()
    starts_at = data.starts_at or now
    problems = _problems(data, starts_at=starts_at)
    if p := code_problem(code):
        problems["code"] = p
    if data.ends_at is not None and "ends_at" not in problems and data.ends_at <= now:
        problems["ends_at"] = "in_the_past"
    if problems:
        raise _invalid(problems)
    _require_promotions(shop)
    taken = Conflict(
        "coupon_code_taken",
        _("This shop already has the code %(code)s.") % {"code": code.upper()},
    )
    if Coupon.objects.alias(u=Upper("code")).filter(shop=shop, u=code.upper()).exists():
        raise taken
    try:
        with transaction.atomic():  # a savepoint: the same code created at the same moment
            return Coupon.objects.create(
                shop=shop,
                code=code,
                discount_kind=data.discount_kind,
                amount=discounts.cents(data.amount),
                minimum_order=_cents_or_none(data.minimum_order),
                usage_limit=data.usage_limit,
                per_buyer_limit=data.per_buyer_limit,
                starts_at=starts_at,
                ends_at=data.ends_at,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise taken from exc


@transaction.atomic
def coupon_update(*, shop: Shop, coupon_id: int, changes: Mapping[str, Any]) -> Coupon:
    """Change a coupon's settings (not its code: buyers may already have it). The usage
    limit cannot go below the uses already counted; a turned-off coupon stays as it is."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise _invalid(dict.fromkeys(sorted(unknown), "not_editable"))
    missing = {
        n: "required"
        for n in ("discount_kind", "amount", "starts_at")
        if n in changes and changes[n] is None
    }
    if missing:
        raise _invalid(missing)
    coupon = get_coupon(shop, coupon_id, lock=True)
    if coupon.disabled_at is not None:
        raise Conflict("coupon_disabled", _("This code is turned off: it cannot be changed."))
    current = CouponInput(
        code=coupon.code,
        discount_kind=coupon.discount_kind,
        amount=coupon.amount,
        starts_at=coupon.starts_at,
        ends_at=coupon.ends_at,
        minimum_order=coupon.minimum_order,
        usage_limit=coupon.usage_limit,
        per_buyer_limit=coupon.per_buyer_limit,
    )
    wanted = replace(current, **changes)
    problems = _problems(wanted, starts_at=wanted.starts_at or coupon.starts_at)
    if wanted.usage_limit is not None and wanted.usage_limit < coupon.uses:
        problems.setdefault("usage_limit", "below_uses")
    if problems:
        raise _invalid(problems)
    changed = [name for name in EDITABLE if getattr(wanted, name) != getattr(current, name)]
    wanted = replace(
        wanted,
        amount=discounts.cents(wanted.amount),
        minimum_order=_cents_or_none(wanted.minimum_order),
    )
    for name in changed:
        setattr(coupon, name, getattr(wanted, name))
    if changed:
        coupon.save(update_fields=[*sorted(changed), "updated_at"])
    return coupon


@transaction.atomic
def coupon_disable(*, shop: Shop, coupon_id: int) -> Coupon:
    """Turn a code off for good: it stops working at once. Turning it off twice is fine."""
    coupon = get_coupon(shop, coupon_id, lock=True)
    if coupon.disabled_at is None:
        coupon.disabled_at = clock.now()
        coupon.save(update_fields=["disabled_at", "updated_at"])
    return coupon


# --- at checkout -----------------------------------------------------------------------------

REFUSALS = {
    discounts.NOT_STARTED: lambda c: _("This code is not valid yet."),
    discounts.EXPIRED: lambda c: _("This code has expired."),
    discounts.DISABLED: lambda c: _("The shop turned this code off."),
    discounts.USED_UP: lambda c: _("This code has been used as many times as the shop allows."),
    discounts.BUYER_LIMIT: lambda c: _(
        "This buyer has already used this code as often as allowed."
    ),
    discounts.MINIMUM: lambda c: (
        _("The order is below this code's minimum of %(minimum)s %(currency)s.")
        % {"minimum": c.minimum_order, "currency": c.shop.currency}
    ),
}


@dataclass(frozen=True)
class Checked:
    """A code that works on this order: what it takes off."""

    coupon: Coupon
    discount: Decimal
    total_after: Decimal
    uses_left: int | None


def _order_problems(
    *, code: str, buyer_id: str, order_total: Decimal, order_id: str | None = None
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not code.strip():
        problems["code"] = "required"
    elif len(code.strip()) > CODE_MAX:
        problems["code"] = "too_long"
    if not buyer_id:
        problems["buyer_id"] = "required"
    elif len(buyer_id) > ID_MAX:
        problems["buyer_id"] = "too_long"
    if order_id is not None:
        if not order_id:
            problems["order_id"] = "required"
        elif len(order_id) > ID_MAX:
            problems["order_id"] = "too_long"
    if p := discounts.money_problem(order_total):
        problems["order_total"] = p
    return problems


def _refuse(coupon: Coupon, *, buyer_uses: int, order_total: Decimal) -> None:
    reason = discounts.refusal(
        terms_of(coupon), now=clock.now(), buyer_uses=buyer_uses, order_total=order_total
    )
    if reason is not None:
        raise Conflict(reason, str(REFUSALS[reason](coupon)))


def _buyer_uses(coupon: Coupon, buyer: User | None) -> int:
    if buyer is None:
        return 0
    return Redemption.objects.filter(coupon=coupon, buyer=buyer).count()


def _checked(coupon: Coupon, order_total: Decimal, *, uses: int) -> Checked:
    off = discounts.discount(kind=coupon.discount_kind, amount=coupon.amount, total=order_total)
    return Checked(
        coupon=coupon,
        discount=off,
        total_after=discounts.cents(order_total) - off,
        uses_left=discounts.uses_left(uses=uses, usage_limit=coupon.usage_limit),
    )


def coupon_check(
    *,
    shop: Shop,
    code: str,
    buyer_id: str,
    order_total: Decimal,
    listing_ids: Sequence[str] | None = None,
) -> Checked:
    """Whether `code` works for this buyer's order of `order_total` now, and what it takes
    off. Reads only: the use is recorded by `coupon_redeem` once the order is placed, which
    checks everything again under the lock (a code can run out in between).

    `buyer_id` and `listing_ids` are marketplace ids; the listings, when given, must be
    the shop's own (a code applies only to its shop's orders).
    """
    problems = _order_problems(code=code, buyer_id=buyer_id, order_total=order_total)
    if listing_ids:
        known = set(
            Listing.objects.filter(shop=shop, external_id__in=listing_ids).values_list(
                "external_id", flat=True
            )
        )
        if any(i not in known for i in listing_ids):
            problems["listing_ids"] = "unknown_listing"
    if problems:
        raise DomainError("invalid_order", _("Some fields are not valid."), fields=problems)
    _require_promotions(shop)
    coupon = coupon_by_code(shop, code)
    buyer = User.objects.filter(external_id=buyer_id).first()
    _refuse(coupon, buyer_uses=_buyer_uses(coupon, buyer), order_total=order_total)
    return _checked(coupon, order_total, uses=coupon.uses)


def _buyer(external_id: str) -> User:
    """The marketplace's buyer, created on first sight as orders do (the order itself may
    reach Comptoir after its coupon)."""
    found = User.objects.filter(external_id=external_id).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():  # the same new buyer redeeming twice at once
            return buyer_upsert(external_id=external_id)
    except IntegrityError:
        return User.objects.get(external_id=external_id)


@transaction.atomic
def coupon_redeem(
    *, shop: Shop, code: str, buyer_id: str, order_id: str, order_total: Decimal
) -> tuple[Redemption, bool]:
    """Record that marketplace order `order_id` used `code`: (the use, whether it is new).

    The coupon's row stays locked until the transaction ends, so the checks below and
    the count are one step for every concurrent caller. The same order recorded again
    returns its first use unchanged (whatever the repeat says), even if the code has run
    out or been turned off since.
    """
    problems = _order_problems(
        code=code, buyer_id=buyer_id, order_total=order_total, order_id=order_id
    )
    if problems:
        raise DomainError("invalid_order", _("Some fields are not valid."), fields=problems)
    coupon = coupon_by_code(shop, code, lock=True)
    first = (
        Redemption.objects.filter(coupon=coupon, order_external_id=order_id)
        .select_related("buyer")
        .first()
    )
    if first is not None:
        return first, False
    _require_promotions(shop)
    buyer = _buyer(buyer_id)
    _refuse(coupon, buyer_uses=_buyer_uses(coupon, buyer), order_total=order_total)
    checked = _checked(coupon, order_total, uses=coupon.uses + 1)
    redemption = Redemption.objects.create(
        coupon=coupon,
        buyer=buyer,
        order_external_id=order_id,
        order_total=discounts.cents(order_total),
        discount=checked.discount,
        at=clock.now(),
    )
    Coupon.objects.filter(pk=coupon.pk).update(uses=F("uses") + 1, updated_at=clock.now())
    coupon.uses += 1
    return redemption, True


__all__ = [
    "Checked",
    "CouponInput",
    "code_problem",
    "coupon_check",
    "coupon_create",
    "coupon_disable",
    "coupon_redeem",
    "coupon_update",
]
