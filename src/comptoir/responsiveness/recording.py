"""Keeping the figures as things happen, inside the transaction that makes them happen.

* A buyer's message opens a waiting span when none is open in the thread; the first
  message of a thread the buyer started is recorded as the shop's first message.
* The shop's next message (a person's reply or an auto-reply) closes the span and answers
  the first message; what they count for is added to their days in one statement.
* Spam marks and "no response needed" marks re-derive the threads concerned.
* `settle` turns first messages left unanswered for 24 hours into misses (periodic task).
* Orders and reviews the marketplace sends recompute their shop's order figures.

Replies add to a `Day` row in the transaction that closes the span, which reads nothing
(a span closes once, so it is added once); everything else (marks, settling, medians)
recomputes a day from its spans and first messages. `fill_medians` computes the medians
the replies left to compute (decision 0016).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Sum

from comptoir.core import clock
from comptoir.core.sql import at_param, at_value, day_param
from comptoir.messaging.models import Conversation, Message, Side
from comptoir.orders.models import Order
from comptoir.responsiveness import history
from comptoir.responsiveness.models import Day, FirstMessage, Span
from comptoir.responsiveness.rules import ANSWER_WITHIN, utc_bounds, utc_day
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop

ORDER_FIELDS = ["orders", "due_orders", "on_time", "ratings", "rating_sum"]
SETTLE_BATCH = 1000


# --- messages -------------------------------------------------------------------------


def messages_posted(
    conversation: Conversation,
    messages: Sequence[Message],
    shop_marked_spam: bool,
    shop_had_written: bool,
) -> None:
    """Record what new messages of a thread do to its spans and its first message.

    `shop_had_written`: the shop had sent a message in this thread before these, so its
    first message, if any, is answered already (saves a lookup on most replies).
    """
    added = _Added()
    first_in_thread = conversation.message_count == len(messages)
    for message in messages:
        if message.sender_side == Side.BUYER:
            _buyer_wrote(conversation, message, shop_marked_spam, first_in_thread)
        else:
            _close_span(conversation, message, added)
            if conversation.started_by == Side.BUYER and not shop_had_written:
                _answer_first(conversation, message, added)
            shop_had_written = True
        first_in_thread = False
    add_to_days(conversation.shop_id, added)


class _Added(dict[date, list[int]]):
    """What a write adds to a shop's days: per day [spans, span_total_us, first span's
    length, answered, missed]."""

    def day(self, day: date) -> list[int]:
        return self.setdefault(day, [0, 0, 0, 0, 0])


def _buyer_wrote(
    conversation: Conversation, message: Message, spam: bool, first_in_thread: bool
) -> None:
    # Joins the open span if there is one (the partial unique index refuses a second).
    Span.objects.bulk_create(
        [
            Span(
                shop_id=conversation.shop_id,
                conversation_id=conversation.pk,
                opened_by=message,
                opened_at=message.created_at,
                spam=spam,
                no_response_needed=message.no_response_needed,
            )
        ],
        ignore_conflicts=True,
    )
    if first_in_thread and conversation.started_by == Side.BUYER:
        FirstMessage.objects.create(
            shop_id=conversation.shop_id,
            conversation_id=conversation.pk,
            message=message,
            received_at=message.created_at,
            deadline=message.created_at + ANSWER_WITHIN,
            spam=spam,
            no_response_needed=message.no_response_needed,
        )


_CLOSE_SPAN = (
    f"UPDATE {Span._meta.db_table} SET closed_at = %s, closed_by_id = %s "  # noqa: S608
    "WHERE conversation_id = %s AND closed_at IS NULL "
    "RETURNING opened_at, spam, no_response_needed"
)


def _close_span(conversation: Conversation, message: Message, added: _Added) -> None:
    """Close the thread's open span, if any, in one statement (at most one is open: a
    partial unique index) and count it in the day it closes unless it is left out."""
    with connection.cursor() as cursor:
        cursor.execute(_CLOSE_SPAN, [at_param(message.created_at), message.pk, conversation.pk])
        row = cursor.fetchone()
    if row is None or row[1] or row[2]:
        return
    length = history.length_us(at_value(row[0]), message.created_at)
    figures = added.day(utc_day(message.created_at))
    figures[0] += 1
    figures[1] += length
    figures[2] = figures[2] or length


def _answer_first(conversation: Conversation, message: Message, added: _Added) -> None:
    first = (
        FirstMessage.objects.filter(conversation_id=conversation.pk, answer__isnull=True)
        .only("id", "received_at", "deadline", "spam", "no_response_needed", "outcome")
        .first()
    )
    if first is None:
        return
    at = message.created_at
    on_time = at <= first.deadline
    FirstMessage.objects.filter(pk=first.pk).update(
        answer=message,
        answered_at=at,
        answered_by=message.author_id,
        answered_automatically=message.is_automatic,
        outcome=FirstMessage.Outcome.ANSWERED if on_time else FirstMessage.Outcome.LATE,
    )
    # Settled as unanswered already: counted as missed, and a late answer is still missed.
    if not first.excluded and first.outcome == FirstMessage.Outcome.PENDING:
        added.day(utc_day(first.received_at))[3 if on_time else 4] += 1


def add_to_days(shop_id: int, added: dict[date, list[int]]) -> None:
    """Add a write's spans and first-message outcomes to its shop's days: one statement for
    all of them, which reads nothing (decision 0016).

    A day's median cannot be added to: a day's first span sets it, later ones mark it
    as not computed yet (NULL with spans), for `fill_medians` and the dashboard."""
    rows = [(day, figures) for day, figures in sorted(added.items()) if any(figures)]
    if not rows:
        return
    values = []
    params: list[Any] = []
    for day, (spans, total, first_length, answered, missed) in rows:
        values.append("(%s, %s, %s, %s, %s, %s, %s, 0, 0, 0, 0, 0)")
        median = first_length if spans == 1 else None
        params += [shop_id, day_param(day), spans, total, median, answered, missed]
    with connection.cursor() as cursor:
        cursor.execute(_ADD_TO_DAYS.format(values=", ".join(values)), params)


_DAY = Day._meta.db_table
_ADD_TO_DAYS = (
    f"INSERT INTO {_DAY} (shop_id, day, spans, span_total_us, span_median_us, "  # noqa: S608
    "answered, missed, orders, due_orders, on_time, ratings, rating_sum) VALUES {values} "
    f"ON CONFLICT (shop_id, day) DO UPDATE SET spans = {_DAY}.spans + excluded.spans, "
    f"span_total_us = {_DAY}.span_total_us + excluded.span_total_us, "
    f"span_median_us = CASE WHEN excluded.spans > 0 THEN NULL ELSE {_DAY}.span_median_us END, "
    f"answered = {_DAY}.answered + excluded.answered, missed = {_DAY}.missed + excluded.missed"
)


def threads_changed(conversation_ids: Sequence[int]) -> None:
    """Spam or "no response needed" marks changed: derive these threads again."""
    derived = history.derive_threads(conversation_ids, clock.now())
    existing_spans = {
        s.opened_by_id: s for s in Span.objects.filter(conversation_id__in=conversation_ids)
    }
    existing_firsts = {
        f.conversation_id: f
        for f in FirstMessage.objects.filter(conversation_id__in=conversation_ids)
    }
    spans: dict[int, set[date]] = {}
    firsts: dict[int, set[date]] = {}
    for span in derived.spans:
        old = existing_spans.get(span.opened_by_id)
        if old is None or history.span_key(old) == history.span_key(span):
            continue  # a new span or a closed one is never made by a mark
        Span.objects.filter(pk=old.pk).update(
            spam=span.spam, no_response_needed=span.no_response_needed
        )
        if span.closed_at is not None:
            spans.setdefault(span.shop_id, set()).add(utc_day(span.closed_at))
    for first in derived.firsts:
        old_first = existing_firsts.get(first.conversation_id)
        if old_first is None or history.first_key(old_first) == history.first_key(first):
            continue
        FirstMessage.objects.filter(pk=old_first.pk).update(
            spam=first.spam, no_response_needed=first.no_response_needed
        )
        if first.outcome != FirstMessage.Outcome.PENDING:
            firsts.setdefault(first.shop_id, set()).add(utc_day(first.received_at))
    for shop_id in sorted(spans.keys() | firsts.keys()):
        refresh_message_days(shop_id, spans=spans.get(shop_id, ()), firsts=firsts.get(shop_id, ()))


def _lock_shop(shop_id: int) -> None:
    """Serialise a shop's order-figure recomputations until commit: under READ COMMITTED
    two order writes at once would each count without the other and the last write would
    win. Locked last (after the other rows), so the lock order stays the same."""
    if connection.features.has_select_for_update:  # SQLite: writers are serialised anyway
        list(Shop.objects.select_for_update().filter(pk=shop_id).values_list("pk", flat=True))


def _lock_days(shop_id: int, days: set[date]) -> None:
    """Lock these day rows (made empty if missing) before their inputs are read, in day
    order. A reply adds to a day without reading it (`add_to_days`): one that commits
    before the lock is read by the recomputation; one after it adds to what it wrote.
    SQLite serialises writers anyway."""
    if not days or not connection.features.has_select_for_update:
        return
    ordered = sorted(days)
    Day.objects.bulk_create([Day(shop_id=shop_id, day=d) for d in ordered], ignore_conflicts=True)
    list(
        Day.objects.select_for_update()
        .filter(shop_id=shop_id, day__in=ordered)
        .order_by("day")
        .values_list("pk", flat=True)
    )


def refresh_message_days(
    shop_id: int, *, spans: Iterable[date] = (), firsts: Iterable[date] = ()
) -> None:
    """Recompute a shop's span figures of the days `spans` and its first-message figures of
    the days `firsts`, from its spans and first messages (the other fields are kept)."""
    span_days, first_days = set(spans), set(firsts)
    _lock_days(shop_id, span_days | first_days)
    lengths = history.counted_span_lengths(shop_id, span_days)
    rows = []
    for day in sorted(span_days | first_days):
        start, end = utc_bounds(day, day + timedelta(days=1))
        figures: dict[str, int | None] = {}
        if day in span_days:
            figures.update(history.span_figures(lengths.get(day, [])))
        if day in first_days:
            outcomes = dict(
                FirstMessage.objects.filter(
                    shop_id=shop_id,
                    received_at__gte=start,
                    received_at__lt=end,
                    spam=False,
                    no_response_needed=False,
                )
                .exclude(outcome=FirstMessage.Outcome.PENDING)
                .values("outcome")
                .annotate(n=Count("id"))
                .values_list("outcome", "n")
            )
            figures.update(history.first_figures(outcomes))
        rows.append((Day(shop_id=shop_id, day=day, **figures), sorted(figures)))
    # One statement per set of fields (normally one in all).
    for fields in {tuple(f) for _row, f in rows}:
        _upsert([row for row, f in rows if tuple(f) == fields], list(fields))


def _upsert(rows: list[Day], fields: list[str]) -> None:
    if rows:
        Day.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["shop", "day"], update_fields=fields
        )


MEDIANS_BATCH = 500


def fill_medians(*, batch: int = MEDIANS_BATCH) -> int:
    """Compute the medians replies left to compute (a day with spans and no median), a
    shop at a time in its own transaction; how many days (the periodic task)."""
    stale = list(
        Day.objects.filter(span_median_us__isnull=True, spans__gt=0)
        .order_by("shop_id", "day")
        .values_list("shop_id", "day")[:batch]
    )
    per_shop: dict[int, set[date]] = {}
    for shop_id, day in stale:
        per_shop.setdefault(shop_id, set()).add(day)
    for shop_id, days in per_shop.items():
        with transaction.atomic():
            refresh_message_days(shop_id, spans=days)
    return len(stale)


@transaction.atomic
def settle(now: datetime | None = None, *, batch: int = SETTLE_BATCH) -> int:
    """First messages whose 24 hours passed without an answer become misses; how many."""
    now = now or clock.now()
    pending = list(
        FirstMessage.objects.select_for_update()
        .filter(outcome=FirstMessage.Outcome.PENDING, deadline__lt=now)
        .order_by("deadline", "id")
        .values_list("id", "shop_id", "received_at", "spam", "no_response_needed")[:batch]
    )
    if not pending:
        return 0
    FirstMessage.objects.filter(id__in=[row[0] for row in pending]).update(
        outcome=FirstMessage.Outcome.UNANSWERED
    )
    touched: dict[int, set[date]] = {}
    for _id, shop_id, received_at, spam, no_response in pending:
        if not (spam or no_response):
            touched.setdefault(shop_id, set()).add(utc_day(received_at))
    for shop_id, days in touched.items():
        refresh_message_days(shop_id, firsts=days)
    return len(pending)


def settle_all(now: datetime | None = None) -> int:
    """`settle` in batches until nothing is overdue (the periodic task)."""
    total = 0
    while done := settle(now):
        total += done
    return total


# --- orders and reviews ---------------------------------------------------------------


def refresh_order_days(shop_id: int, days: Iterable[date]) -> None:
    """Recompute the order and review figures of these days of a shop."""
    wanted = sorted(set(days))
    if not wanted:
        return
    _lock_shop(shop_id)
    shop = Shop.objects.only("time_zone").get(pk=shop_id)
    rows = []
    for day in wanted:
        start, end = utc_bounds(day, day + timedelta(days=1))
        live = Order.objects.filter(shop_id=shop_id).exclude(status=Order.Status.CANCELLED)
        placed = live.filter(ordered_at__gte=start, ordered_at__lt=end).count()
        due = list(live.filter(ship_by=day).values_list("ship_by", "shipped_at", "tracking_number"))
        reviews = Review.objects.filter(
            shop_id=shop_id, reviewed_at__gte=start, reviewed_at__lt=end
        ).aggregate(n=Count("id"), total=Sum("stars"))
        rows.append(
            Day(
                shop_id=shop_id,
                day=day,
                **history.order_figures(
                    placed, due, shop.time_zone, reviews["n"], reviews["total"]
                ),
            )
        )
    _upsert(rows, ORDER_FIELDS)


def order_days(order: Order | None) -> set[date]:
    """The days whose figures an order counts in (empty for none)."""
    if order is None:
        return set()
    return {utc_day(order.ordered_at), order.ship_by}


def review_days(review: Review | None) -> set[date]:
    return set() if review is None else {utc_day(review.reviewed_at)}
