"""The maths and rules of offers, over plain values: exhaustively, with hypothesis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.promotions import discounts
from comptoir.promotions.discounts import CouponTerms, discount, price_after, refusal

money = st.decimals(min_value=0, max_value=Decimal("99999999.99"), places=2)
percent = st.decimals(min_value=Decimal("0.01"), max_value=100, places=2)
kinds = st.sampled_from([discounts.PERCENT, discounts.AMOUNT])

T0 = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
SECOND = timedelta(seconds=1)


@given(total=money, amount=money, kind=kinds)
def test_a_discount_is_in_cents_between_zero_and_the_total(
    total: Decimal, amount: Decimal, kind: str
) -> None:
    off = discount(kind=kind, amount=amount, total=total)
    assert Decimal(0) <= off <= total
    assert off == off.quantize(Decimal("0.01"))
    assert price_after(kind=kind, amount=amount, total=total) == total - off >= 0


@given(total=money, amount=percent)
def test_a_percentage_is_rounded_half_up_to_the_cent(total: Decimal, amount: Decimal) -> None:
    exact = total * amount / 100
    off = discount(kind="percent", amount=amount, total=total)
    assert abs(off - exact) <= Decimal("0.005")


@given(total=money, amount=money)
def test_an_amount_off_is_the_amount_or_the_whole_total(total: Decimal, amount: Decimal) -> None:
    assert discount(kind="amount", amount=amount, total=total) == min(amount, total)


@given(total=money, low=percent, high=percent)
def test_a_bigger_percentage_never_takes_less_off(
    total: Decimal, low: Decimal, high: Decimal
) -> None:
    low, high = min(low, high), max(low, high)
    assert discount(kind="percent", amount=low, total=total) <= discount(
        kind="percent", amount=high, total=total
    )


@pytest.mark.parametrize(
    ("kind", "amount", "total", "off"),
    [
        ("percent", "10", "35.00", "3.50"),
        ("percent", "15", "0.10", "0.02"),  # 0.015 rounds half up
        ("percent", "33.33", "10.00", "3.33"),
        ("percent", "100", "35.00", "35.00"),
        ("percent", "12.5", "0.04", "0.01"),  # 0.005 rounds up
        ("percent", "12.5", "0.03", "0.00"),  # 0.00375 rounds down
        ("amount", "5", "35.00", "5.00"),
        ("amount", "50", "35.00", "35.00"),  # never below zero
        ("amount", "5", "0", "0.00"),
        ("percent", "10", "-5", "0.00"),  # a negative total is treated as nothing
    ],
)
def test_known_discounts(kind: str, amount: str, total: str, off: str) -> None:
    assert discount(kind=kind, amount=Decimal(amount), total=Decimal(total)) == Decimal(off)


def test_an_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown discount kind"):
        discount(kind="free", amount=Decimal(1), total=Decimal(1))


@pytest.mark.parametrize(
    ("kind", "amount", "problems"),
    [
        ("percent", "10", {}),
        ("percent", "100", {}),
        ("percent", "100.01", {"amount": "over_100"}),
        ("amount", "150", {}),
        ("amount", "0", {"amount": "not_positive"}),
        ("amount", "-1", {"amount": "not_positive"}),
        ("amount", "1.005", {"amount": "too_many_decimals"}),
        ("amount", "100000000", {"amount": "too_large"}),
        ("amount", "NaN", {"amount": "invalid"}),
        ("free", "10", {"discount_kind": "invalid_choice"}),
    ],
)
def test_what_a_seller_may_set(kind: str, amount: str, problems: dict[str, str]) -> None:
    assert discounts.offer_problems(kind=kind, amount=Decimal(amount)) == problems


def terms(**changes: object) -> CouponTerms:
    values: dict[str, object] = {
        "starts_at": T0,
        "ends_at": T0 + timedelta(days=1),
        "disabled": False,
        "uses": 0,
        "usage_limit": 5,
        "per_buyer_limit": 1,
        "minimum_order": Decimal("20.00"),
    }
    values.update(changes)
    return CouponTerms(**values)  # type: ignore[arg-type]


def check(
    t: CouponTerms, *, now: datetime = T0, buyer_uses: int = 0, total: str = "20.00"
) -> str | None:
    return refusal(t, now=now, buyer_uses=buyer_uses, order_total=Decimal(total))


def test_the_window_opens_at_its_first_second_and_closes_at_its_last() -> None:
    t = terms()
    assert check(t, now=T0 - SECOND) == "coupon_not_started"
    assert check(t, now=T0) is None
    assert check(t, now=T0 + timedelta(days=1) - SECOND) is None
    assert check(t, now=T0 + timedelta(days=1)) == "coupon_expired"
    assert check(terms(ends_at=None), now=T0 + timedelta(days=3650)) is None


def test_the_minimum_order_is_met_when_equal() -> None:
    assert check(terms(), total="20.00") is None
    assert check(terms(), total="19.99") == "coupon_minimum_not_met"
    assert check(terms(minimum_order=None), total="0.00") is None


def test_limits() -> None:
    assert check(terms(uses=4)) is None
    assert check(terms(uses=5)) == "coupon_used_up"
    assert check(terms(uses=10**6, usage_limit=None)) is None
    assert check(terms(per_buyer_limit=2), buyer_uses=1) is None
    assert check(terms(per_buyer_limit=2), buyer_uses=2) == "coupon_buyer_limit_reached"
    assert check(terms(per_buyer_limit=None), buyer_uses=99) is None


def test_the_first_reason_wins() -> None:
    everything_wrong = terms(disabled=True, uses=5)
    assert check(everything_wrong, now=T0 - SECOND, buyer_uses=9, total="1") == "coupon_disabled"
    assert check(terms(uses=5), now=T0 - SECOND) == "coupon_not_started"
    assert check(terms(uses=5), buyer_uses=9, total="1") == "coupon_used_up"
    assert check(terms(), buyer_uses=9, total="1") == "coupon_buyer_limit_reached"


@given(
    offset=st.integers(min_value=-(10**6), max_value=10**6),
    uses=st.integers(min_value=0, max_value=10),
    limit=st.none() | st.integers(min_value=1, max_value=10),
    buyer_uses=st.integers(min_value=0, max_value=5),
    per_buyer=st.none() | st.integers(min_value=1, max_value=5),
    total=money,
    minimum=st.none() | money,
    disabled=st.booleans(),
)
def test_a_code_works_exactly_when_every_rule_allows_it(
    offset: int,
    uses: int,
    limit: int | None,
    buyer_uses: int,
    per_buyer: int | None,
    total: Decimal,
    minimum: Decimal | None,
    disabled: bool,
) -> None:
    now = T0 + timedelta(seconds=offset)
    t = terms(
        disabled=disabled,
        uses=uses,
        usage_limit=limit,
        per_buyer_limit=per_buyer,
        minimum_order=minimum,
        ends_at=T0 + timedelta(seconds=1000),
    )
    works = (
        not disabled
        and T0 <= now < T0 + timedelta(seconds=1000)
        and (limit is None or uses < limit)
        and (per_buyer is None or buyer_uses < per_buyer)
        and (minimum is None or total >= minimum)
    )
    reason = refusal(t, now=now, buyer_uses=buyer_uses, order_total=total)
    assert (reason is None) == works
    state = discounts.coupon_state(t, now=now)
    if reason is None:
        assert state == "active"


def test_states_as_a_seller_reads_them() -> None:
    assert discounts.coupon_state(terms(), now=T0 - SECOND) == "scheduled"
    assert discounts.coupon_state(terms(), now=T0) == "active"
    assert discounts.coupon_state(terms(uses=5), now=T0) == "used_up"
    assert discounts.coupon_state(terms(), now=T0 + timedelta(days=1)) == "ended"
    assert discounts.coupon_state(terms(disabled=True), now=T0) == "turned_off"
    end = T0 + timedelta(days=1)
    sale = {"starts_at": T0, "ends_at": end}
    assert discounts.sale_state(**sale, ended_early_at=None, now=T0 - SECOND) == "scheduled"
    assert discounts.sale_state(**sale, ended_early_at=None, now=T0) == "active"
    assert discounts.sale_state(**sale, ended_early_at=None, now=end) == "ended"
    assert discounts.sale_state(**sale, ended_early_at=T0, now=T0 + SECOND) == "ended"


def test_uses_left() -> None:
    assert discounts.uses_left(uses=3, usage_limit=5) == 2
    assert discounts.uses_left(uses=5, usage_limit=5) == 0
    assert discounts.uses_left(uses=5, usage_limit=None) is None
