"""Deriving the figures from the raw history: the definition, applied to what is stored.

`recording` keeps spans, first messages and days as events happen; this module derives
the same rows from the messages, the shop's spam marks, the orders and the reviews, with
the pure rules of `responsiveness.rules`. `rebuild` compares the two, shop by shop, and
reports (and, unless asked only to check, repairs) every difference. A check writes
nothing: first messages whose 24 hours passed but that the periodic job has not settled
yet are compared as it will settle them, in memory.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Q

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


def counted_span_lengths(shop_id: int, days: Iterable[date]) -> dict[date, list[int]]:
    """The lengths (microseconds) of a shop's spans closed on each of `days` that count
    (neither spam nor "no response needed"), in one query; a day with none is missing."""
    closed_on = Q()
    for day in set(days):
        start, end = rules.utc_bounds(day, day + timedelta(days=1))
        closed_on |= Q(closed_at__gte=start, closed_at__lt=end)
    if not closed_on:
        return {}
    lengths: defaultdict[date, list[int]] = defaultdict(list)
    for opened, closed in Span.objects.filter(
        closed_on, shop_id=shop_id, spam=False, no_response_needed=False
    ).values_list("opened_at", "closed_at"):
        if closed is not None:
            lengths[rules.utc_day(closed)].append(length_us(opened, closed))
    return dict(lengths)


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

# Threads read, derived, compared (and repaired) at a time: a rebuild holds one batch of
# threads and their messages, never a shop's whole history (1,000 threads of 10 messages:
# a few MB), plus a few numbers per day.
BATCH = 1000
CHUNK = 5000  # orders and reviews fetched at a time
# The columns of span_key and first_key, in their order: stored rows are read as tuples.
_SPAN_COLUMNS = ("shop_id", "conversation_id", "opened_by_id", "opened_at", "closed_by_id",
                 "closed_at", "spam", "no_response_needed")  # fmt: skip
_FIRST_COLUMNS = ("shop_id", "conversation_id", "message_id", "received_at", "deadline",
                  "answer_id", "answered_at", "answered_by_id", "answered_automatically",
                  "outcome", "spam", "no_response_needed")  # fmt: skip


class Tally:
    """A shop's message figures per day, added up thread batch by thread batch: the
    counted spans' lengths (8 bytes each, for the median) and the settled outcomes."""

    def __init__(self) -> None:
        self.lengths: dict[date, array[int]] = defaultdict(lambda: array("q"))
        self.outcomes: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add(self, derived: Derived) -> None:
        for span in derived.spans:
            if span.closed_at is not None and not (span.spam or span.no_response_needed):
                day = rules.utc_day(span.closed_at)
                self.lengths[day].append(length_us(span.opened_at, span.closed_at))
        for first in derived.firsts:
            if first.outcome != Outcome.PENDING and not (first.spam or first.no_response_needed):
                self.outcomes[rules.utc_day(first.received_at)][first.outcome] += 1


def derive_days(shop: Shop, tally: Tally) -> dict[date, dict[str, int | None]]:
    """Every non-empty day of a shop, from its threads' tally and its orders and reviews
    (read as a stream: only per-day counts are kept)."""
    zone = ZoneInfo(shop.time_zone)
    placed: dict[date, int] = defaultdict(int)
    due: dict[date, int] = defaultdict(int)
    on_time: dict[date, int] = defaultdict(int)
    orders = (
        Order.objects.filter(shop=shop)
        .exclude(status=Order.Status.CANCELLED)
        .values_list("ordered_at", "ship_by", "shipped_at", "tracking_number")
    )
    for ordered_at, ship_by, shipped_at, tracking in orders.iterator(chunk_size=CHUNK):
        placed[rules.utc_day(ordered_at)] += 1
        due[ship_by] += 1
        on_time[ship_by] += shipped_on_time(ship_by, shipped_at, tracking, zone)
    ratings: dict[date, int] = defaultdict(int)
    stars_sum: dict[date, int] = defaultdict(int)
    reviews = Review.objects.filter(shop=shop).values_list("reviewed_at", "stars")
    for reviewed_at, stars in reviews.iterator(chunk_size=CHUNK):
        day = rules.utc_day(reviewed_at)
        ratings[day] += 1
        stars_sum[day] += stars
    days: dict[date, dict[str, int | None]] = {}
    for day in set(tally.lengths) | set(tally.outcomes) | set(placed) | set(due) | set(ratings):
        figures = span_figures(tally.lengths.get(day, []))
        figures.update(first_figures(dict(tally.outcomes.get(day, {}))))
        # As order_figures, from counts rather than the due orders themselves.
        figures.update(
            orders=placed.get(day, 0),
            due_orders=due.get(day, 0),
            on_time=on_time.get(day, 0),
            ratings=ratings.get(day, 0),
            rating_sum=stars_sum.get(day, 0),
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


class _Kept:
    """One kind of difference of one shop, found batch by batch: how many, and the first
    `keep` in key order (as str), which is all a report lists."""

    def __init__(self, shop_id: int, what: str, keep: int) -> None:
        self.shop_id, self.what, self.keep = shop_id, what, keep
        self.count = 0
        self.items: list[Difference] = []
        self.bound: str | None = None  # keys from here on cannot be among the first `keep`

    def compare(
        self, stored: dict[object, tuple[object, ...]], derived: dict[object, tuple[object, ...]]
    ) -> bool:
        same = True
        for key in set(stored) | set(derived):
            a, b = stored.get(key), derived.get(key)
            if a != b:
                same = False
                self.add(str(key), a, b)
        return same

    def add(self, key: str, stored: object, derived: object) -> None:
        self.count += 1
        if self.keep <= 0 or (self.bound is not None and key >= self.bound):
            return
        self.items.append(Difference(self.shop_id, self.what, key, str(stored), str(derived)))
        if len(self.items) >= 2 * self.keep:
            self._trim()

    def _trim(self) -> None:
        self.items.sort(key=lambda d: d.key)
        del self.items[self.keep :]
        if self.items and len(self.items) == self.keep:
            self.bound = self.items[-1].key

    def report_to(self, report: Report, keep: int) -> None:
        self._trim()
        for difference in self.items:
            report.note(difference, keep)
        report.difference_count += self.count - len(self.items)


def _settle_stored(
    firsts: list[tuple[object, ...]], now: datetime, outcomes: dict[date, dict[str, int]]
) -> tuple[list[tuple[object, ...]], int, set[date]]:
    """What `recording.settle` would write, applied to stored first messages read as
    `_FIRST_COLUMNS` tuples (not saved): overdue pending ones become unanswered. Adds the
    settled outcomes of the rows to `outcomes` (per day), returns the rows, how many were
    settled and the days whose first-message figures that changes."""
    received, deadline, outcome, spam, no_response = (
        _FIRST_COLUMNS.index(name)
        for name in ("received_at", "deadline", "outcome", "spam", "no_response_needed")
    )
    rows: list[tuple[object, ...]] = []
    settled = 0
    touched: set[date] = set()
    for row in firsts:
        excluded = row[spam] or row[no_response]
        day = rules.utc_day(row[received])  # type: ignore[arg-type]
        if row[outcome] == Outcome.PENDING and row[deadline] < now:  # type: ignore[operator]
            row = (*row[:outcome], Outcome.UNANSWERED.value, *row[outcome + 1 :])
            settled += 1
            if not excluded:
                touched.add(day)
        if row[outcome] != Outcome.PENDING and not excluded:
            outcomes[day][row[outcome]] += 1  # type: ignore[index]
        rows.append(row)
    return rows, settled, touched


def rebuild_shop(
    shop: Shop,
    now: datetime,
    *,
    fix: bool,
    report: Report,
    keep: int = 20,
    batch: int = BATCH,
) -> None:
    """Derive one shop's figures from its history, `batch` threads at a time, compare
    them with the stored rows and, with `fix`, replace the rows of the batches (and the
    days) that differ. Memory holds one batch and a few numbers per day of the shop."""
    room = max(keep - len(report.differences), 0)  # what the report can still list
    spans_kept = _Kept(shop.id, "span", room)
    firsts_kept = _Kept(shop.id, "first message", room)
    tally = Tally()
    stored_outcomes: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    touched: set[date] = set()  # days a check settles first messages of, in memory
    after = 0
    while True:
        threads = dict(
            Conversation.objects.filter(shop=shop, id__gt=after)
            .order_by("id")
            .values_list("id", "started_by")[:batch]
        )
        if not threads:
            break
        ids = list(threads)
        after = ids[-1]
        spam = set(
            Party.objects.filter(
                conversation_id__in=ids, side=Side.SHOP, marked_spam_at__isnull=False
            ).values_list("conversation_id", flat=True)
        )
        messages = (
            Message.objects.filter(conversation_id__in=ids)
            .order_by("conversation_id", "created_at", "id")
            .values_list(*_POSTED)
        )
        counted = _Counted(messages)
        derived = _derive({c: (shop.id, s) for c, s in threads.items()}, spam, counted, now)
        tally.add(derived)
        report.messages += counted.count
        report.spans += len(derived.spans)
        report.firsts += len(derived.firsts)
        with transaction.atomic():
            spans = Span.objects.filter(shop=shop, conversation_id__in=ids)
            stored_spans = (spans.select_for_update() if fix else spans).values_list(*_SPAN_COLUMNS)
            stored_firsts = list(
                FirstMessage.objects.filter(shop=shop, conversation_id__in=ids).values_list(
                    *_FIRST_COLUMNS
                )
            )
            if not fix:  # a rebuild settled them in the database before reading
                stored_firsts, settled, days_settled = _settle_stored(
                    stored_firsts, now, stored_outcomes
                )
                report.settled += settled
                touched |= days_settled
            same = spans_kept.compare(
                {s[2]: tuple(s) for s in stored_spans},
                {s.opened_by_id: span_key(s) for s in derived.spans},
            )
            same &= firsts_kept.compare(
                {f[1]: tuple(f) for f in stored_firsts},
                {f.conversation_id: first_key(f) for f in derived.firsts},
            )
            if fix and not same:
                Span.objects.filter(shop=shop, conversation_id__in=ids).delete()
                FirstMessage.objects.filter(shop=shop, conversation_id__in=ids).delete()
                Span.objects.bulk_create(derived.spans, batch_size=2000)
                FirstMessage.objects.bulk_create(derived.firsts, batch_size=2000)
        if len(ids) < batch:
            break
    days = {d: f for d, f in derive_days(shop, tally).items() if not _empty(f)}
    report.shops += 1
    report.days += len(days)
    days_kept = _Kept(shop.id, "day", room)
    with transaction.atomic():
        if fix and connection.features.has_select_for_update:
            # Replies add to day rows (recording.add_to_days): lock the shop's rows so
            # that none is added to between this read and the rewrite.
            list(Day.objects.select_for_update().filter(shop=shop).values_list("pk"))
        stored_days: dict[date, dict[str, int | None]] = {
            row["day"]: row for row in Day.objects.filter(shop=shop).values("day", *FIGURES)
        }
        for day in touched:  # the first-message figures a check settled in memory
            empty: dict[str, int | None] = dict.fromkeys(FIGURES, 0)
            row = stored_days.setdefault(day, empty | {"span_median_us": None})
            row.update(first_figures(dict(stored_outcomes[day])))
        stored_days = {day: row for day, row in stored_days.items() if not _empty(row)}
        for day, row in stored_days.items():
            if row["spans"] and row["span_median_us"] is None and day in days:
                # Left by replies for the periodic job (decision 0016): not a difference.
                row["span_median_us"] = days[day]["span_median_us"]
        days_same = days_kept.compare(
            {d: tuple(r[n] for n in FIGURES) for d, r in stored_days.items()},
            {d: tuple(f[n] for n in FIGURES) for d, f in days.items()},
        )
        if fix and not days_same:
            Day.objects.filter(shop=shop).delete()
            Day.objects.bulk_create(
                [Day(shop=shop, day=d, **f) for d, f in sorted(days.items())], batch_size=2000
            )
    if spans_kept.count or firsts_kept.count or days_kept.count:
        report.shops_differing += 1
    for kept in (spans_kept, firsts_kept, days_kept):
        kept.report_to(report, keep)


class _Counted:
    """Messages read as a stream, counted on the way."""

    def __init__(self, rows: Iterable[tuple[int, int, str, datetime, bool, bool, int | None]]):
        self.rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[tuple[int, int, str, datetime, bool, bool, int | None]]:
        for row in self.rows:
            self.count += 1
            yield row


def rebuild(
    now: datetime,
    *,
    fix: bool,
    shop_ids: Sequence[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep: int = 20,
    batch: int = BATCH,
) -> Report:
    """Derive every shop's figures from its raw history and compare them with the stored
    ones; with `fix`, settle overdue first messages first, then replace a shop's differing
    rows by the derived ones. Without it, nothing is written. Reads `batch` threads at a
    time, so memory does not grow with a shop's history."""
    from comptoir.responsiveness.recording import settle_all

    report = Report(settled=settle_all(now) if fix else 0)
    shops = Shop.objects.order_by("id").only("id", "time_zone")
    if shop_ids is not None:
        shops = shops.filter(id__in=shop_ids)
    total = shops.count()
    for done, shop in enumerate(shops.iterator(chunk_size=500), start=1):
        rebuild_shop(shop, now, fix=fix, report=report, keep=keep, batch=batch)
        if progress is not None:
            progress(done, total)
    return report
