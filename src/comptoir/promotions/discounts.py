"""The maths and rules of offers, over plain values (no ORM), so they can be tested
exhaustively: how much a sale or a coupon takes off, whether a code may be used now, and
what state an offer is in as a seller reads it.

Money is `Decimal` in the shop's currency, rounded to the cent half-up (as a till does).
A discount never exceeds what it applies to and is never negative: an order or a price
never goes below zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

PERCENT = "percent"
AMOUNT = "amount"


def cents(value: Decimal) -> Decimal:
    """`value` rounded to the cent, half-up."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def discount(*, kind: str, amount: Decimal, total: Decimal) -> Decimal:
    """What an offer of `kind` ("percent" or "amount") and `amount` takes off `total` (an
    order's total or one listing's price): in cents, between 0 and `total`."""
    if kind not in (PERCENT, AMOUNT):
        raise ValueError(f"unknown discount kind: {kind!r}")
    total = cents(max(total, ZERO))
    amount = max(amount, ZERO)
    off = cents(total * min(amount, HUNDRED) / HUNDRED) if kind == PERCENT else cents(amount)
    return min(off, total)


def price_after(*, kind: str, amount: Decimal, total: Decimal) -> Decimal:
    """`total` once the offer is taken off (never below zero)."""
    return cents(max(total, ZERO)) - discount(kind=kind, amount=amount, total=total)


# --- what a seller may set ------------------------------------------------------------------

MAX_MONEY = Decimal("99999999.99")  # the columns' ten digits


def money_problem(value: Decimal) -> str | None:
    """Why `value` cannot be an amount of money (a field code), or None."""
    if not value.is_finite():
        return "invalid"
    if value < 0:
        return "negative"
    if value > MAX_MONEY:
        return "too_large"
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        return "too_many_decimals"
    return None


def offer_problems(*, kind: str, amount: Decimal) -> dict[str, str]:
    """The field codes wrong with an offer's discount: a known kind, an amount above zero,
    and at most 100 for a percentage."""
    problems: dict[str, str] = {}
    if kind not in (PERCENT, AMOUNT):
        problems["discount_kind"] = "invalid_choice"
    problem = money_problem(amount)
    if problem is None and amount == 0:
        problem = "not_positive"
    if problem == "negative":
        problem = "not_positive"
    if problem is None and kind == PERCENT and amount > HUNDRED:
        problem = "over_100"
    if problem is not None:
        problems["amount"] = problem
    return problems


# --- a coupon's rules ----------------------------------------------------------------------

NOT_STARTED = "coupon_not_started"
EXPIRED = "coupon_expired"
DISABLED = "coupon_disabled"
USED_UP = "coupon_used_up"
BUYER_LIMIT = "coupon_buyer_limit_reached"
MINIMUM = "coupon_minimum_not_met"


@dataclass(frozen=True)
class CouponTerms:
    """What decides whether a code works: its settings and how often it was used."""

    starts_at: datetime
    ends_at: datetime | None
    disabled: bool
    uses: int
    usage_limit: int | None
    per_buyer_limit: int | None
    minimum_order: Decimal | None


def refusal(
    terms: CouponTerms, *, now: datetime, buyer_uses: int, order_total: Decimal
) -> str | None:
    """Why the code cannot be used on this order now (a stable code), or None.

    The window is [starts_at, ends_at): valid from the second it starts, not at the second
    it ends. An order equal to the minimum qualifies. The first reason in this order wins:
    turned off, not started, expired, used up, the buyer's own limit, the minimum.
    """
    if terms.disabled:
        return DISABLED
    if now < terms.starts_at:
        return NOT_STARTED
    if terms.ends_at is not None and now >= terms.ends_at:
        return EXPIRED
    if terms.usage_limit is not None and terms.uses >= terms.usage_limit:
        return USED_UP
    if terms.per_buyer_limit is not None and buyer_uses >= terms.per_buyer_limit:
        return BUYER_LIMIT
    if terms.minimum_order is not None and order_total < terms.minimum_order:
        return MINIMUM
    return None


def uses_left(*, uses: int, usage_limit: int | None) -> int | None:
    """How many more orders may use the code (None: no limit)."""
    return None if usage_limit is None else max(usage_limit - uses, 0)


# --- what a seller reads ---------------------------------------------------------------------

SCHEDULED = "scheduled"
ACTIVE = "active"
ENDED = "ended"
COUPON_USED_UP = "used_up"
TURNED_OFF = "turned_off"


def coupon_state(terms: CouponTerms, *, now: datetime) -> str:
    """scheduled, active, ended, used_up or turned_off."""
    if terms.disabled:
        return TURNED_OFF
    if terms.ends_at is not None and now >= terms.ends_at:
        return ENDED
    if terms.usage_limit is not None and terms.uses >= terms.usage_limit:
        return COUPON_USED_UP
    if now < terms.starts_at:
        return SCHEDULED
    return ACTIVE


def sale_state(
    *, starts_at: datetime, ends_at: datetime, ended_early_at: datetime | None, now: datetime
) -> str:
    """scheduled, active or ended (a sale ended early is ended)."""
    if ended_early_at is not None and ended_early_at <= now:
        return ENDED
    if now >= ends_at:
        return ENDED
    if now < starts_at:
        return SCHEDULED
    return ACTIVE
