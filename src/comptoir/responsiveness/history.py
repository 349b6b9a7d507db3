"""Deriving the figures from the raw history: the definition, applied to what is stored.

`recording` keeps spans, first messages and days as events happen; this module derives
the same rows from the messages, the shop's spam marks, the orders and the reviews, with
the pure rules of `responsiveness.rules`. `rebuild` compares the two, shop by shop, and
reports (and, unless asked only to check, repairs) every difference. A check writes
nothing: first messages whose 24 hours passed but that the periodic job has not settled
yet are compared as it will settle them, in memory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from comptoir.messaging.models import Conversation, Message, Party, Side
from comptoir.orders.models import Order
from comptoir.responsiveness import rules
from comptoir.responsiveness.models import Day, FirstMessage, Span
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop

Outcome = FirstMessage.Outcome
_OUTCOMES = {
    rules.Outcome.ANSWERED: Outcome.ANSWERED,
    rules.Outcome.LATE: Outcome.LATE,
    rules.Outcome.UNANSWERED: Outcome.UNANSWERED,
    rules.Outcome.PENDING: Outcome.PENDING,
}
FIGURES = (
    "spans",
    "span_total_us",
    "span_median_us",
    "answered",
    "missed",
    "orders",
    "due_orders",
    "on_time",
    "ratings",
    "rating_sum",
)


# --- figures of one day (shared with recording) ----------------------------------------


def length_us(opened: datetime, closed: datetime) -> int:
    delta = closed - opened
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def span_figures(lengths: Sequence[int]) -> dict[str, int | None]:
    """A day's span figures from the lengths of its counted spans (microseconds)."""
    return {
        "spans": len(lengths),
        "span_total_us": sum(lengths),
        "span_median_us": rules.median(lengths),
    }


def first_figures(outcomes: dict[str, int]) -> dict[str, int | None]:
    """A day's first-message figures from its settled outcomes (not left out)."""
    return {
        "answered": outcomes.get(Outcome.ANSWERED, 0),
        "missed": outcomes.get(Outcome.LATE, 0) + outcomes.get(Outcome.UNANSWERED, 0),
    }


def shipped_on_time(
    ship_by: date, shipped_at: datetime | None, tracking: str, zone: ZoneInfo
) -> bool:
    """Shipped with tracking by the end of its ship-by date, in the shop's time zone."""
    return (
        bool(tracking) and shipped_at is not None and shipped_at.astimezone(zone).date() <= ship_by
    )


def order_figures(
    placed: int,
    due: Iterable[tuple[date, datetime | None, str]],
    time_zone: str,
    ratings: int,
    rating_sum: int | None,
) -> dict[str, int]:
    zone = ZoneInfo(time_zone)
    due = list(due)
    return {
        "orders": placed,
        "due_orders": len(due),
        "on_time": sum(shipped_on_time(s, at, t, zone) for s, at, t in due),
        "ratings": ratings,
        "rating_sum": rating_sum or 0,
    }


def span_key(span: Span) -> tuple[object, ...]:
    return (
        span.shop_id,
        span.conversation_id,
        span.opened_by_id,
        span.opened_at,
        span.closed_by_id,
        span.closed_at,
        span.spam,
        span.no_response_needed,
    )


def first_key(first: FirstMessage) -> tuple[object, ...]:
    return (
        first.shop_id,
        first.conversation_id,
        first.message_id,
        first.received_at,
        first.deadline,
        first.answer_id,
        first.answered_at,
        first.answered_by_id,
        first.answered_automatically,
        first.outcome,
        first.spam,
        first.no_response_needed,
    )


# --- threads --------------------------------------------------------------------------


@dataclass(frozen=True)
class Posted:
    """One message as responsiveness reads it."""

    id: int
    side: str
    at: datetime
    no_response_needed: bool
    automatic: bool
    author_id: int | None


@dataclass
class Derived:
    spans: list[Span] = field(default_factory=list)
    firsts: list[FirstMessage] = field(default_factory=list)


def derive_thread(
    shop_id: int,
    conversation_id: int,
    started_by: str,
    spam: bool,
    posted: Sequence[Posted],
    now: datetime,
    into: Derived,
) -> None:
    """The spans and first message of one thread (messages oldest first)."""
    events = [
        rules.Event(
            p.at,
            rules.Side.BUYER if p.side == Side.BUYER else rules.Side.SHOP,
            p.no_response_needed,
            p.id,
        )
        for p in posted
    ]
    for span in rules.waiting_spans(events):
        into.spans.append(
            Span(
                shop_id=shop_id,
                conversation_id=conversation_id,
                opened_by_id=span.opened_ref or 0,
                opened_at=span.opened_at,
                closed_by_id=span.closed_ref,
                closed_at=span.closed_at,
                spam=spam,
                no_response_needed=span.excluded,
            )
        )
    if started_by != Side.BUYER or not posted or posted[0].side != Side.BUYER:
        return
    first = posted[0]
    answer = next((p for p in posted[1:] if p.side == Side.SHOP), None)
    result = rules.outcome(
        rules.FirstMessage(first.at, answer.at if answer else None, excluded=False), now
    )
    into.firsts.append(
        FirstMessage(
            shop_id=shop_id,
            conversation_id=conversation_id,
            message_id=first.id,
            received_at=first.at,
            deadline=first.at + rules.ANSWER_WITHIN,
            answer_id=answer.id if answer else None,
            answered_at=answer.at if answer else None,
            answered_by_id=answer.author_id if answer else None,
            answered_automatically=answer.automatic if answer else False,
            outcome=_OUTCOMES[result],
            spam=spam,
            no_response_needed=first.no_response_needed,
        )
    )


_POSTED = ("conversation_id", "id", "sender_side", "created_at", "no_response_needed",
           "is_automatic", "author_id")  # fmt: skip


def _derive(
    threads: dict[int, tuple[int, str]],
    spam: set[int],
    messages: Iterable[tuple[int, int, str, datetime, bool, bool, int | None]],
    now: datetime,
) -> Derived:
    """Spans and firsts of these threads (id -> (shop, started_by)) from their messages,
    given ordered by thread, time and id."""
    derived = Derived()
    current: int | None = None
    posted: list[Posted] = []

    def flush() -> None:
        if current is not None and current in threads:
            shop_id, started_by = threads[current]
            derive_thread(shop_id, current, started_by, current in spam, posted, now, derived)

    for conversation_id, *row in messages:
        if conversation_id != current:
            flush()
            current, posted = conversation_id, []
        posted.append(Posted(*row))  # type: ignore[arg-type]
    flush()
    return derived


def derive_threads(conversation_ids: Sequence[int], now: datetime) -> Derived:
    threads = {
        cid: (shop_id, started_by)
        for cid, shop_id, started_by in Conversation.objects.filter(
            id__in=conversation_ids
        ).values_list("id", "shop_id", "started_by")
    }
    spam = set(
        Party.objects.filter(
            conversation_id__in=conversation_ids, side=Side.SHOP, marked_spam_at__isnull=False
        ).values_list("conversation_id", flat=True)
    )
    messages = (
        Message.objects.filter(conversation_id__in=conversation_ids)
        .order_by("conversation_id", "created_at", "id")
        .values_list(*_POSTED)
    )
    return _derive(threads, spam, messages, now)


# --- days -----------------------------------------------------------------------------


def derive_days(shop: Shop, derived: Derived) -> dict[date, dict[str, int | None]]:
    """Every non-empty day of a shop, from its derived threads and its orders and reviews."""
    lengths: dict[date, list[int]] = defaultdict(list)
    for span in derived.spans:
        if span.closed_at is not None and not (span.spam or span.no_response_needed):
            lengths[rules.utc_day(span.closed_at)].append(length_us(span.opened_at, span.closed_at))
    outcomes: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for first in derived.firsts:
        if first.outcome != Outcome.PENDING and not (first.spam or first.no_response_needed):
            outcomes[rules.utc_day(first.received_at)][first.outcome] += 1
    placed: dict[date, int] = defaultdict(int)
    due: dict[date, list[tuple[date, datetime | None, str]]] = defaultdict(list)
    orders = (
        Order.objects.filter(shop=shop)
        .exclude(status=Order.Status.CANCELLED)
        .values_list("ordered_at", "ship_by", "shipped_at", "tracking_number")
    )
    for ordered_at, ship_by, shipped_at, tracking in orders.iterator(chunk_size=5000):
        placed[rules.utc_day(ordered_at)] += 1
        due[ship_by].append((ship_by, shipped_at, tracking))
    ratings: dict[date, list[int]] = defaultdict(list)
    for reviewed_at, stars in Review.objects.filter(shop=shop).values_list("reviewed_at", "stars"):
        ratings[rules.utc_day(reviewed_at)].append(stars)
    days: dict[date, dict[str, int | None]] = {}
    for day in set(lengths) | set(outcomes) | set(placed) | set(due) | set(ratings):
        figures = span_figures(lengths.get(day, []))
        figures.update(first_figures(dict(outcomes.get(day, {}))))
        figures.update(
            order_figures(
                placed.get(day, 0),
                due.get(day, []),
                shop.time_zone,
                len(ratings.get(day, [])),
                sum(ratings.get(day, [])),
            )
        )
        days[day] = figures
    return days


def _empty(figures: dict[str, int | None]) -> bool:
    return not any(figures[name] for name in FIGURES)


# --- rebuild --------------------------------------------------------------------------


@dataclass
class Difference:
    shop_id: int
    what: str  # "span", "first message", "day"
    key: str
    stored: str
    derived: str


@dataclass
class Report:
    shops: int = 0
    messages: int = 0
    spans: int = 0
    firsts: int = 0
    days: int = 0
    settled: int = 0  # overdue first messages: settled by a rebuild, counted by a check
    shops_differing: int = 0
    differences: list[Difference] = field(default_factory=list)
    difference_count: int = 0
    seconds: float = 0.0

    def note(self, difference: Difference, keep: int) -> None:
        self.difference_count += 1
        if len(self.differences) < keep:
            self.differences.append(difference)


def _compare(
    shop_id: int,
    what: str,
    stored: dict[object, tuple[object, ...]],
    derived: dict[object, tuple[object, ...]],
    report: Report,
    keep: int,
) -> bool:
    same = True
    for key in sorted(set(stored) | set(derived), key=str):
        a, b = stored.get(key), derived.get(key)
        if a != b:
            same = False
            report.note(Difference(shop_id, what, str(key), str(a), str(b)), keep)
    return same


def settle_in_memory(
    firsts: Sequence[FirstMessage],
    days: dict[date, dict[str, int | None]],
    now: datetime,
) -> int:
    """What `recording.settle` would write, applied to rows read from the database (not
    saved): overdue pending first messages become unanswered, and the first-message figures
    of the days they count in are recomputed from these first messages. Returns how many
    were settled."""
    touched: set[date] = set()
    settled = 0
    for first in firsts:
        if first.outcome == Outcome.PENDING and first.deadline < now:
            first.outcome = Outcome.UNANSWERED
            settled += 1
            if not first.excluded:
                touched.add(rules.utc_day(first.received_at))
    if not touched:
        return settled
    outcomes: dict[date, dict[str, int]] = {day: defaultdict(int) for day in touched}
    for first in firsts:
        day = rules.utc_day(first.received_at)
        if day in touched and first.outcome != Outcome.PENDING and not first.excluded:
            outcomes[day][first.outcome] += 1
    for day in touched:
        empty: dict[str, int | None] = dict.fromkeys(FIGURES, 0)
        row = days.setdefault(day, empty | {"span_median_us": None})
        row.update(first_figures(dict(outcomes[day])))
    return settled


def rebuild_shop(shop: Shop, now: datetime, *, fix: bool, report: Report, keep: int = 20) -> None:
    threads = {
        cid: (shop.id, started_by)
        for cid, started_by in Conversation.objects.filter(shop=shop).values_list(
            "id", "started_by"
        )
    }
    spam = set(
        Party.objects.filter(shop=shop, side=Side.SHOP, marked_spam_at__isnull=False).values_list(
            "conversation_id", flat=True
        )
    )
    messages = list(
        Message.objects.filter(conversation__shop=shop)
        .order_by("conversation_id", "created_at", "id")
        .values_list(*_POSTED)
    )
    derived = _derive(threads, spam, messages, now)
    days = {d: f for d, f in derive_days(shop, derived).items() if not _empty(f)}
    report.shops += 1
    report.messages += len(messages)
    report.spans += len(derived.spans)
    report.firsts += len(derived.firsts)
    report.days += len(days)
    with transaction.atomic():
        spans = Span.objects.filter(shop=shop)
        stored_spans = list(spans.select_for_update() if fix else spans)
        stored_firsts = list(FirstMessage.objects.filter(shop=shop))
        stored_days: dict[date, dict[str, int | None]] = {
            row["day"]: row for row in Day.objects.filter(shop=shop).values("day", *FIGURES)
        }
        if not fix:  # a rebuild settled them in the database before reading
            report.settled += settle_in_memory(stored_firsts, stored_days, now)
        stored_days = {day: row for day, row in stored_days.items() if not _empty(row)}
        same = _compare(
            shop.id,
            "span",
            {s.opened_by_id: span_key(s) for s in stored_spans},
            {s.opened_by_id: span_key(s) for s in derived.spans},
            report,
            keep,
        )
        same &= _compare(
            shop.id,
            "first message",
            {f.conversation_id: first_key(f) for f in stored_firsts},
            {f.conversation_id: first_key(f) for f in derived.firsts},
            report,
            keep,
        )
        same &= _compare(
            shop.id,
            "day",
            {d: tuple(r[n] for n in FIGURES) for d, r in stored_days.items()},
            {d: tuple(f[n] for n in FIGURES) for d, f in days.items()},
            report,
            keep,
        )
        if same:
            return
        report.shops_differing += 1
        if not fix:
            return
        Span.objects.filter(shop=shop).delete()
        FirstMessage.objects.filter(shop=shop).delete()
        Day.objects.filter(shop=shop).delete()
        Span.objects.bulk_create(derived.spans, batch_size=2000)
        FirstMessage.objects.bulk_create(derived.firsts, batch_size=2000)
        Day.objects.bulk_create(
            [Day(shop=shop, day=d, **f) for d, f in sorted(days.items())], batch_size=2000
        )


def rebuild(
    now: datetime,
    *,
    fix: bool,
    shop_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: int = 20,
) -> Report:
    """Derive every shop's figures from its raw history and compare them with the stored
    ones; with `fix`, settle overdue first messages first, then replace a differing shop's
    rows by the derived ones. Without it, nothing is written."""
    from comptoir.responsiveness.recording import settle_all

    report = Report(settled=settle_all(now) if fix else 0)
    shops = Shop.objects.order_by("id").only("id", "time_zone")
    if shop_ids is not None:
        shops = shops.filter(id__in=shop_ids)
    total = shops.count()
    for done, shop in enumerate(shops.iterator(chunk_size=500), start=1):
        rebuild_shop(shop, now, fix=fix, report=report, keep=keep)
        if progress is not None:
            progress(done, total)
    return report
