"""A rebuild reads a shop's history a batch of threads at a time, with the same result."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import Listing
from comptoir.messaging.models import Message
from comptoir.responsiveness import history
from comptoir.responsiveness.models import Day, FirstMessage, Span
from tests.messaging.conftest import Client_
from tests.responsiveness.test_figures import T0, H, act, ask, buyer_writes, reply

THREADS = 7


@pytest.fixture
def seller_(as_seller: Client_, listing: Listing) -> Client_:
    return as_seller


@pytest.fixture
def history_(as_buyer: Client_, seller_: Client_) -> list[int]:
    """Seven threads over three days: answered, late, unanswered, one marked spam."""
    threads = []
    for n in range(THREADS):
        at = T0 + n * 10 * H
        cid = ask(as_buyer, at)
        threads.append(cid)
        buyer_writes(as_buyer, cid, at + H)
        if n % 3 != 2:
            reply(seller_, cid, at + (n + 1) * 5 * H)
            buyer_writes(as_buyer, cid, at + (n + 1) * 5 * H + H)
    act(seller_, [threads[1]], "spam", T0 + 80 * H)
    return threads


def rows() -> dict[str, list[tuple[Any, ...]]]:
    """The responsiveness rows without their ids (a repair may insert them again)."""
    return {
        "spans": sorted(map(history.span_key, Span.objects.all())),
        "firsts": sorted(map(history.first_key, FirstMessage.objects.all())),
        "days": sorted(Day.objects.values_list("shop_id", "day", *history.FIGURES)),
    }


def message_reads(queries: CaptureQueriesContext) -> int:
    table = Message._meta.db_table
    return sum(
        1 for q in queries if q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"]
    )


def tamper() -> None:
    """One span, one first message and one day changed, one span lost."""
    Span.objects.filter(pk=Span.objects.order_by("pk")[0].pk).delete()
    first = FirstMessage.objects.order_by("-pk")[0]
    FirstMessage.objects.filter(pk=first.pk).update(answered_automatically=True)
    Span.objects.filter(pk=Span.objects.order_by("-pk")[0].pk).update(spam=True)
    Day.objects.filter(day=T0.date()).update(spans=9)


@pytest.mark.parametrize("batch", [1, 2, 3])
def test_a_rebuild_in_small_batches_finds_and_repairs_what_one_batch_does(
    history_: list[int], batch: int
) -> None:
    now = T0 + 100 * H
    history.rebuild(now, fix=True)
    expected = rows()
    assert all(expected.values())
    tamper()
    whole = history.rebuild(now, fix=False, batch=1000)
    with CaptureQueriesContext(connection) as queries:
        check = history.rebuild(now, fix=False, batch=batch)
    # Each batch of threads reads its own messages: never the shop's whole history.
    assert message_reads(queries) == -(-THREADS // batch)
    assert (check.messages, check.spans, check.firsts, check.days) == (
        whole.messages,
        whole.spans,
        whole.firsts,
        whole.days,
    )
    assert check.messages == Message.objects.count()
    assert (check.difference_count, check.shops_differing) == (4, 1)
    assert check.differences == whole.differences
    assert [d.what for d in check.differences] == ["span", "span", "first message", "day"]

    fixed = history.rebuild(now, fix=True, batch=batch)
    assert fixed.difference_count == 4
    assert rows() == expected
    assert history.rebuild(now, fix=False, batch=batch).difference_count == 0


def test_a_report_lists_the_first_differences_in_key_order_whatever_the_batch(
    history_: list[int],
) -> None:
    now = T0 + 100 * H
    history.rebuild(now, fix=True)
    Span.objects.all().delete()
    whole = history.rebuild(now, fix=False, keep=3, batch=1000)
    small = history.rebuild(now, fix=False, keep=3, batch=2)
    assert whole.difference_count == small.difference_count > 3
    assert len(small.differences) == 3
    assert small.differences == whole.differences
    keys = [d.key for d in small.differences]
    assert keys == sorted(keys)
    # A report already full (another shop listed enough) still counts them all.
    full = history.rebuild(now, fix=False, keep=0, batch=2)
    assert (full.difference_count, full.differences) == (whole.difference_count, [])
