"""Keeping the figures as things happen, inside the transaction that makes them happen.

* A buyer's message opens a waiting span when none is open in the thread; the first
  message of a thread the buyer started is recorded as the shop's first message.
* The shop's next message (a person's reply or an auto-reply) closes the span and answers
  the first message; the days it touched are recomputed.
* Spam marks and "no response needed" marks re-derive the threads concerned.
* `settle` turns first messages left unanswered for 24 hours into misses (periodic task).
* Orders and reviews the marketplace sends recompute their shop's order figures.

A `Day` row is always recomputed from the spans and first messages of that day, never
incremented, so a retried or reordered event cannot leave it off by one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Count, Sum

from comptoir.core import clock
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
    span_days: set[date] = set()
    first_days: set[date] = set()
    first_in_thread = conversation.message_count == len(messages)
    for message in messages:
        if message.sender_side == Side.BUYER:
            _buyer_wrote(conversation, message, shop_marked_spam, first_in_thread)
        else:
            span_days |= _close_span(conversation, message)
            if conversation.started_by == Side.BUYER and not shop_had_written:
                first_days |= _answer_first(conversation, message)
            shop_had_written = True
        first_in_thread = False
    if span_days or first_days:
        refresh_message_days(conversation.shop_id, spans=span_days, firsts=first_days)


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


def _close_span(conversation: Conversation, message: Message) -> set[date]:
    span = (
        Span.objects.filter(conversation_id=conversation.pk, closed_at__isnull=True)
        .only("id", "spam", "no_response_needed")
        .first()
    )
    if span is None:
        return set()
    Span.objects.filter(pk=span.pk).update(closed_at=message.created_at, closed_by=message)
    return set() if span.spam or span.no_response_needed else {utc_day(message.created_at)}


def _answer_first(conversation: Conversation, message: Message) -> set[date]:
    first = (
        FirstMessage.objects.filter(conversation_id=conversation.pk, answer__isnull=True)
        .only("id", "received_at", "deadline", "spam", "no_response_needed")
        .first()
    )
    if first is None:
        return set()
    at = message.created_at
    FirstMessage.objects.filter(pk=first.pk).update(
        answer=message,
        answered_at=at,
        answered_by=message.author_id,
        answered_automatically=message.is_automatic,
        outcome=FirstMessage.Outcome.ANSWERED
        if at <= first.deadline
        else FirstMessage.Outcome.LATE,
    )
    return set() if first.excluded else {utc_day(first.received_at)}


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
    """Serialise a shop's recomputations until commit: under READ COMMITTED two replies
    closing spans at once would each count without the other's span and the last write
    would win. Locked last (after the thread's rows), so the lock order stays the same."""
    if connection.features.has_select_for_update:  # SQLite: writers are serialised anyway
        list(Shop.objects.select_for_update().filter(pk=shop_id).values_list("pk", flat=True))


def refresh_message_days(
    shop_id: int, *, spans: Iterable[date] = (), firsts: Iterable[date] = ()
) -> None:
    """Recompute a shop's span figures of the days `spans` and its first-message figures of
    the days `firsts`, from its spans and first messages (the other fields are kept)."""
    span_days, first_days = set(spans), set(firsts)
    _lock_shop(shop_id)
    rows = []
    for day in sorted(span_days | first_days):
        start, end = utc_bounds(day, day + timedelta(days=1))
        figures: dict[str, int | None] = {}
        if day in span_days:
            closed = Span.objects.filter(
                shop_id=shop_id,
                closed_at__gte=start,
                closed_at__lt=end,
                spam=False,
                no_response_needed=False,
            ).values_list("opened_at", "closed_at")
            lengths = [history.length_us(a, b) for a, b in closed if b is not None]
            figures.update(history.span_figures(lengths))
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
