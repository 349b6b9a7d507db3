"""How fast a send to past buyers goes out, and how one coupon holds up at checkout.

    uv run python bench/promotions.py                     # SQLite, scratch directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/promotions.py
    uv run python bench/promotions.py --buyers 20000 --threads 16 --attempts 4000
    uv run python bench/promotions.py --quick             # tiny sizes (CI runs this)

One run, in a scratch data directory (on PostgreSQL in a database `bench_promotions_<pid>`
beside the one DATABASE_URL names, which is only used to connect; dropped at the end):

1. migrates, then builds through the services a shop (Europe/Paris) with its owner and a
   code, and writes in bulk --buyers past buyers, one delivered order each, and their
   consent as at checkout: --consenting of them agreed (60 %), a tenth withdrew, the rest
   were never asked (no row); plus a small shop of 10 past buyers. The daily cap
   (COMPTOIR_MARKETING_DAILY_CAP) is raised above --buyers so the send is not cut;
2. sending to past buyers, through the real code: `audiences.audience_preview` timed
   (p50/p99) with its statements counted for the big and the small shop (the same number:
   it does not depend on the audience's size); then `sends.send_create` (a message with
   the code, to all past buyers) and `sends.send_start` (freezes the audience, enqueues
   the task), then the queued `tasks.send_campaign` claimed and run as `db_worker` runs
   it (`Worker.run_task`), which sends in batches through
   `messaging.services.marketing.marketing_message_send` (consent locked, screening, the recipient
   and the counters written, one transaction per buyer). Per-message times are the gaps
   between consecutive `Recipient.at` (each is stamped inside its transaction, so a gap is
   one whole cycle, the batch reads included);
3. the reference, in the same run and the same database: the same number of plain
   `messaging.services.starting.order_conversation_start` (a seller's ordinary message about an
   order, to the same buyers: no consent check, no send bookkeeping), timed one by one,
   after 20 unmeasured ones to other buyers (they also warm the shared path for step 2);
4. coupon redemption at checkout: `coupons.coupon_redeem` from --threads threads (each
   with its own connection) on ONE code limited to 70 % of --attempts, then checks that
   its uses equal the limit exactly; the reference: the same threads, each on its own code
   (same limit share, no contention). On SQLite, whose writers queue for one lock, both
   run in one thread (the reference going round --threads codes) and say so.

It prints rates, p50/p99, statements per message and peak memory (the process's peak RSS
for each phase, reset before it through /proc/self/clear_refs where Linux allows it).
The send is bounded by its audience (--buyers); the reference, the preview and the
checkouts by their count and by --seconds each.

It stops with an error (exit status 1) when a part stops working (the send sends nothing
or not to exactly those who agreed, a checkout raises, the coupon goes past its limit)
and when a reference fails or measures nothing (an error, no message sent or not as many
written, no checkout on the separate codes): it never prints a ratio against zero.
--quick (for CI) runs 60 past buyers, 2 threads (PostgreSQL) and 40 checkouts a coupon
run, at most 10 s a phase: the figures are printed, never compared.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from scratch import scratch_database

SUBJECT = "Our spring collection is here"
BODY = (
    "Hello! The spring collection has arrived: linen aprons and tea towels in three new "
    "colours, woven in our workshop. Thank you for being one of our customers."
)
SERVICE_BODY = (
    "Hello! Your parcel left our workshop this morning; the carrier says it should reach "
    "you within three days. Write to us here if anything is not right."
)
WARM_UP = 20
SMALL_SHOP_BUYERS = 10
# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working, its figures are printed and never compared. 60 buyers at 60 % leave 24 who did
# not agree, enough for the WARM_UP messages.
QUICK = ("--buyers", "60", "--threads", "2", "--attempts", "40", "--seconds", "10")


def fail(message: str) -> SystemExit:
    return SystemExit(f"bench/promotions.py: {message}")


# --- Measuring ------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else math.nan


def spread(values_ms: list[float]) -> str:
    if not values_ms:
        return "no samples"
    return (
        f"p50 {statistics.median(values_ms):.2f} ms, p99 {percentile(values_ms, 0.99):.2f} ms, "
        f"max {max(values_ms):.2f} ms"
    )


def _status_mb(name: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


@dataclass
class Memory:
    """The process's peak RSS over one phase: VmHWM after resetting it (Linux), else the
    lifetime peak (ru_maxrss), which can only say "no more than this"."""

    reset: bool = False
    before_mb: float = 0.0

    def start(self) -> None:
        try:
            Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
            self.reset = True
        except OSError:
            self.reset = False
        self.before_mb = _status_mb("VmRSS") or 0.0

    def describe(self) -> str:
        peak = _status_mb("VmHWM") if self.reset else None
        if peak is None:
            lifetime = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return f"process peak RSS so far {lifetime:.0f} MB (no per-phase reset here)"
        return f"peak RSS {peak:.0f} MB (+{max(peak - self.before_mb, 0):.0f} MB over the phase)"


@dataclass
class Statements:
    """Counts the SQL statements run on this thread's connection (no query log kept)."""

    count: int = 0
    verbs: Counter[str] = field(default_factory=Counter)

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any
    ) -> Any:
        self.count += 1
        self.verbs[sql.lstrip().split(None, 1)[0].upper()] += 1
        return execute(sql, params, many, ctx)

    def per(self, n: int) -> str:
        """Statements per item, and by kind: "29.0 statements (SELECT 12.0, …)"."""
        kinds = ", ".join(f"{verb} {k / max(n, 1):.1f}" for verb, k in self.verbs.most_common())
        return f"{self.count / max(n, 1):.1f} statements ({kinds})"


@contextmanager
def counting() -> Iterator[Statements]:
    from django.db import connection

    counter = Statements()
    with connection.execute_wrapper(counter):
        yield counter


# --- Data -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    shop_id: int
    small_shop_id: int
    seller_id: int
    coupon_id: int
    buyer_ids: list[int]  # in creation order: buyer i is bench-buyer-i
    order_ids: list[int]  # order i belongs to buyer i
    consenting: list[int]  # indexes of the buyers who agreed

    def buyer_key(self, i: int) -> str:
        return f"bench-buyer-{i % len(self.buyer_ids)}"


def consent_of(i: int, share: float) -> bool | None:
    """Buyer i's answer at checkout: agreed, withdrew, or never asked (None)."""
    slot = (i * 7919) % 1000 / 1000  # spread evenly, not in runs
    if slot < share:
        return True
    if slot < share + 0.1:
        return False
    return None


def build(args: argparse.Namespace) -> World:
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from comptoir.accounts.models import User
    from comptoir.consent.models import Consent, ConsentChange
    from comptoir.core import clock
    from comptoir.orders.models import Order
    from comptoir.promotions.coupons import CouponInput, coupon_create
    from comptoir.shops.models import ShopMember
    from comptoir.shops.services import shop_member_add, shop_upsert

    now = clock.now()
    shop, _ = shop_upsert(external_id="bench-shop", name="Atelier Banc", time_zone="Europe/Paris")
    small, _ = shop_upsert(external_id="bench-small", name="Petit Banc", time_zone="Europe/Paris")
    seller = User.objects.create_user(username="bench-seller", password=None)
    shop_member_add(shop=shop, user=seller, role=ShopMember.Role.OWNER)
    shop_member_add(shop=small, user=seller, role=ShopMember.Role.OWNER)
    coupon = coupon_create(
        shop=shop,
        actor=seller,
        data=CouponInput(code="MERCI10", discount_kind="percent", amount=Decimal("10")),
    )
    languages = ("en", "fr", "pl")
    unusable = make_password(None)  # buyers sign in through the marketplace
    with transaction.atomic():
        User.objects.bulk_create(
            (
                User(
                    username=f"bench-buyer-{i}",
                    external_id=f"bench-buyer-{i}",
                    email=f"bench-buyer-{i}@example.org",
                    display_name=f"Buyer {i}",
                    language=languages[i % 3],
                    password=unusable,
                )
                for i in range(args.buyers)
            ),
            batch_size=1000,
        )
        by_name = dict(
            User.objects.filter(username__startswith="bench-buyer-").values_list("username", "id")
        )
        buyer_ids = [by_name[f"bench-buyer-{i}"] for i in range(args.buyers)]

        def order(shop_id: int, key: str, buyer_id: int, i: int) -> Order:
            at = now - timedelta(days=30 + i % 300, minutes=i % 1440)
            return Order(
                shop_id=shop_id,
                buyer_id=buyer_id,
                external_id=key,
                status=Order.Status.DELIVERED,
                ordered_at=at,
                ship_by=(at + timedelta(days=2)).date(),
                shipped_at=at + timedelta(days=1),
                delivered_at=at + timedelta(days=4),
                total=Decimal("42.00"),
            )

        Order.objects.bulk_create(
            (order(shop.id, f"bench-order-{i}", b, i) for i, b in enumerate(buyer_ids)),
            batch_size=1000,
        )
        Order.objects.bulk_create(
            order(small.id, f"bench-small-order-{i}", buyer_ids[i], i)
            for i in range(min(SMALL_SHOP_BUYERS, args.buyers))
        )
        by_key = dict(Order.objects.filter(shop=shop).values_list("external_id", "id").order_by())
        order_ids = [by_key[f"bench-order-{i}"] for i in range(args.buyers)]

        answers = [(i, consent_of(i, args.consenting)) for i in range(args.buyers)]
        given = [(i, a) for i, a in answers if a is not None]
        pairs = [(shop.id, i, a) for i, a in given]
        pairs += [(small.id, i, a) for i, a in given if i < SMALL_SHOP_BUYERS]
        Consent.objects.bulk_create(
            (
                Consent(
                    buyer_id=buyer_ids[i], shop_id=s, given=a, changed_at=now, source="checkout"
                )
                for s, i, a in pairs
            ),
            batch_size=1000,
        )
        ConsentChange.objects.bulk_create(
            (
                ConsentChange(buyer_id=buyer_ids[i], shop_id=s, given=a, source="checkout", at=now)
                for s, i, a in pairs
            ),
            batch_size=1000,
        )
    return World(
        shop_id=shop.id,
        small_shop_id=small.id,
        seller_id=seller.id,
        coupon_id=coupon.id,
        buyer_ids=buyer_ids,
        order_ids=order_ids,
        consenting=[i for i, a in answers if a],
    )


# --- 1. Sending to past buyers -------------------------------------------------------------


def bench_preview(world: World, args: argparse.Namespace) -> None:
    from comptoir.promotions.audiences import AudienceSpec, audience_preview
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(pk=world.shop_id)
    small = Shop.objects.get(pk=world.small_shop_id)
    spec = AudienceSpec()  # all past buyers
    statements = {}
    for label, where in (("big", shop), ("small", small)):
        with counting() as counter:
            preview = audience_preview(shop=where, spec=spec)
        statements[label] = (counter.count, preview)
    times: list[float] = []
    deadline = time.perf_counter() + min(args.seconds, 10)
    while len(times) < 50 and time.perf_counter() < deadline:
        t0 = time.perf_counter()
        audience_preview(shop=shop, spec=spec)
        times.append((time.perf_counter() - t0) * 1000)
    (big_n, big), (small_n, little) = statements["big"], statements["small"]
    print(
        f"audience preview (all past buyers), {len(times)} runs: {spread(times)}; "
        f"{big.audience_size:,} past buyers, {big.consenting:,} agreed, "
        f"{big.left_out:,} left out"
    )
    print(
        f"  statements: {big_n} for {big.audience_size:,} past buyers, {small_n} for "
        f"{little.audience_size:,}: {'fixed' if big_n == small_n else 'NOT FIXED'}"
    )


@dataclass
class SendRun:
    seconds: float = 0.0
    sent: int = 0
    per_message_ms: list[float] = field(default_factory=list)
    statements: int = 0
    memory: str = ""


def bench_send(world: World, args: argparse.Namespace) -> SendRun:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    from comptoir.accounts.models import User
    from comptoir.messaging.models import Message
    from comptoir.promotions.audiences import AudienceSpec
    from comptoir.promotions.models import Campaign, Recipient
    from comptoir.promotions.sends import SendInput, send_create, send_start
    from comptoir.shops.access import Viewer
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(pk=world.shop_id)
    viewer = Viewer(user=User.objects.get(pk=world.seller_id), shop=shop)
    memory = Memory()
    memory.start()
    t0 = time.perf_counter()
    data = SendInput(subject=SUBJECT, body=BODY, audience=AudienceSpec(), coupon_id=world.coupon_id)
    campaign = send_create(viewer=viewer, data=data)
    t1 = time.perf_counter()
    campaign = send_start(viewer=viewer, campaign_id=campaign.id)
    t2 = time.perf_counter()
    print(
        f"send_create (checks, preview, the draft): {(t1 - t0) * 1000:.1f} ms; send_start "
        f"({campaign.audience_size:,} recipients written, task enqueued): "
        f"{(t2 - t1) * 1000:.1f} ms"
    )

    # The worker's part: claim the queued task and run it exactly as `db_worker` does.
    queued = DBTaskResult.objects.ready().filter(task_path__endswith="send_campaign")
    with exclusive_transaction(queued.db):
        row = queued.get_locked()
        if row is None:
            raise RuntimeError("send_start queued no send_campaign task")
        row.claim("bench")
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="bench",
        excluded_queue_names=[],
    )
    begun_at = datetime.now(UTC)
    t3 = time.perf_counter()
    with counting() as counter:
        worker.run_task(row)
    seconds = time.perf_counter() - t3
    ended_at = datetime.now(UTC)
    row.refresh_from_db()
    if row.status != TaskResultStatus.SUCCESSFUL:
        raise RuntimeError(f"the send task failed: {row.exception_class_path} {row.traceback}")

    campaign = Campaign.objects.get(pk=campaign.pk)
    stamps = list(
        Recipient.objects.filter(campaign=campaign, status=Recipient.Status.SENT)
        .order_by("at", "id")
        .values_list("at", flat=True)
    )
    edges = [*stamps, ended_at]
    gaps = [(b - a).total_seconds() * 1000 for a, b in itertools.pairwise(edges)]
    run = SendRun(
        seconds=seconds,
        sent=campaign.sent,
        per_message_ms=gaps,
        statements=counter.count,
        memory=memory.describe(),
    )
    rate = run.sent / seconds if seconds else math.nan
    print(
        f"send_campaign task (Worker.run_task, batches through marketing_message_send): "
        f"{run.sent:,} messages in {seconds:.1f} s = {rate:,.1f} messages/s "
        f"(first stamp {(stamps[0] - begun_at).total_seconds() * 1000:.0f} ms after the start)"
        if stamps
        else "send_campaign task sent nothing"
    )
    print(f"  per message: {spread(gaps)}; {counter.per(run.sent)}")
    print(f"  memory over create + start + task: {run.memory}")
    marketing = Message.objects.filter(conversation__shop=shop, is_marketing=True)
    held = marketing.filter(held=True).count()
    expected = len(world.consenting)
    fine = (
        campaign.status == Campaign.Status.SENT
        and campaign.sent == expected
        and campaign.left_out == len(world.buyer_ids) - expected
        and marketing.count() == expected
        and held == 0
    )
    print(
        f"  check: status {campaign.status}, sent {campaign.sent:,} of {expected:,} who agreed, "
        f"left out {campaign.left_out:,}, {marketing.count():,} marketing messages, {held} held "
        f"({'as expected' if fine else 'UNEXPECTED'}); task returned {row.return_value!r}"
    )
    if not run.sent or not fine or seconds <= 0:
        raise fail(f"the send did not do its work (check above): {run.sent} messages sent")
    return run


def warm_up(world: World) -> None:
    """A few ordinary messages to buyers outside the reference, not measured."""
    from comptoir.accounts.models import User
    from comptoir.messaging.services.drafts import Draft
    from comptoir.messaging.services.starting import order_conversation_start
    from comptoir.orders.models import Order
    from comptoir.shops.access import Viewer
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(pk=world.shop_id)
    viewer = Viewer(user=User.objects.get(pk=world.seller_id), shop=shop)
    agreed = set(world.consenting)
    others = [i for i in range(len(world.order_ids)) if i not in agreed][:WARM_UP]
    for order in Order.objects.filter(id__in=[world.order_ids[i] for i in others]):
        order_conversation_start(viewer=viewer, order=order, draft=Draft(body=SERVICE_BODY))


def bench_reference(world: World, args: argparse.Namespace, count: int) -> SendRun:
    from comptoir.accounts.models import User
    from comptoir.messaging.models import Message
    from comptoir.messaging.services.drafts import Draft
    from comptoir.messaging.services.starting import order_conversation_start
    from comptoir.orders.models import Order
    from comptoir.shops.access import Viewer
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(pk=world.shop_id)
    viewer = Viewer(user=User.objects.get(pk=world.seller_id), shop=shop)
    ids = [world.order_ids[i] for i in world.consenting[:count]]
    orders = Order.objects.in_bulk(ids)
    before = Message.objects.filter(conversation__shop=shop, is_marketing=False).count()
    memory = Memory()
    memory.start()
    times: list[float] = []
    deadline = time.perf_counter() + args.seconds
    t0 = time.perf_counter()
    try:
        with counting() as counter:
            for order_id in ids:
                if time.perf_counter() > deadline:
                    break
                t = time.perf_counter()
                order_conversation_start(
                    viewer=viewer, order=orders[order_id], draft=Draft(body=SERVICE_BODY)
                )
                times.append((time.perf_counter() - t) * 1000)
    except Exception as exc:
        raise fail(f"the reference failed after {len(times)} messages: {exc!r}") from exc
    seconds = time.perf_counter() - t0
    if not times:
        raise fail(f"the reference sent no message (of {len(ids):,}): no figures to compare with")
    run = SendRun(
        seconds=seconds,
        sent=len(times),
        per_message_ms=times,
        statements=counter.count,
        memory=memory.describe(),
    )
    written = Message.objects.filter(conversation__shop=shop, is_marketing=False).count() - before
    held = Message.objects.filter(conversation__shop=shop, held=True).count()
    cut = "" if run.sent == count else f" (cut at {args.seconds:.0f} s)"
    print(
        f"reference, order_conversation_start to the same buyers: {run.sent:,} messages{cut} "
        f"in {seconds:.1f} s = {run.sent / seconds:,.1f} messages/s"
    )
    print(f"  per message: {spread(times)}; {counter.per(run.sent)}")
    print(f"  {run.memory}; check: {written:,} messages written, {held} held")
    if not run.sent or written != run.sent or seconds <= 0:
        raise fail(
            f"the reference sent {run.sent:,} messages and wrote {written:,} in "
            f"{seconds:.3f} s: no figures to compare with"
        )
    return run


# --- 2. Coupons at checkout -----------------------------------------------------------------


@dataclass
class RedeemRun:
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def attempts(self) -> int:
        return len(self.latencies_ms)


def make_codes(world: World, prefix: str, count: int, limit: int) -> list[str]:
    from comptoir.accounts.models import User
    from comptoir.promotions.coupons import CouponInput, coupon_create
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(pk=world.shop_id)
    seller = User.objects.get(pk=world.seller_id)
    codes = [f"{prefix}-{n}" for n in range(count)]
    for code in codes:
        data = CouponInput(
            code=code, discount_kind="percent", amount=Decimal("15"), usage_limit=limit
        )
        coupon_create(shop=shop, actor=seller, data=data)
    return codes


def redeem(
    world: World,
    *,
    label: str,
    code_of: Callable[[int, int], str],
    threads: int,
    per_thread: int,
    seconds: float,
) -> RedeemRun:
    """`threads` threads, each `per_thread` checkouts (its attempt k uses code_of(t, k)),
    started together; every thread has its own connection, closed at its end."""
    from django.db import connections

    from comptoir.core.errors import DomainError
    from comptoir.promotions.coupons import coupon_redeem
    from comptoir.shops.models import Shop

    run = RedeemRun()
    lock = threading.Lock()
    barrier = threading.Barrier(threads + 1)
    deadline = [math.inf]

    def work(t: int) -> None:
        latencies, outcomes, errors = [], Counter[str](), Counter[str]()
        try:
            shop = Shop.objects.get(pk=world.shop_id)
            barrier.wait()
            for k in range(per_thread):
                if time.perf_counter() > deadline[0]:
                    break
                n = t * per_thread + k
                began = time.perf_counter()
                try:
                    coupon_redeem(
                        shop=shop,
                        code=code_of(t, k),
                        buyer_id=world.buyer_key(n),
                        order_id=f"{label}-order-{n}",
                        order_total=Decimal("40.00"),
                    )
                    outcomes["redeemed"] += 1
                except DomainError as exc:
                    outcomes[exc.code] += 1
                except Exception as exc:  # counted and shown, never hidden
                    errors[type(exc).__name__] += 1
                latencies.append((time.perf_counter() - began) * 1000)
        finally:
            connections.close_all()
            with lock:
                run.latencies_ms.extend(latencies)
                run.outcomes.update(outcomes)
                run.errors.update(errors)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    barrier.wait()
    t0 = time.perf_counter()
    deadline[0] = t0 + seconds
    for worker in workers:
        worker.join()
    run.seconds = time.perf_counter() - t0
    return run


def report_redeem(title: str, run: RedeemRun) -> None:
    redeemed = run.outcomes["redeemed"]
    refused = {k: v for k, v in sorted(run.outcomes.items()) if k != "redeemed"}
    rate = run.attempts / run.seconds if run.seconds else math.nan
    print(
        f"{title}: {run.attempts:,} checkouts in {run.seconds:.2f} s = {rate:,.0f} attempts/s, "
        f"{redeemed / run.seconds:,.0f} redemptions/s"
    )
    print(
        f"  latency {spread(run.latencies_ms)}; redeemed {redeemed:,}, refused "
        f"{sum(refused.values()):,}{f' {refused}' if refused else ''}"
        + (f"; ERRORS {dict(run.errors)}" if run.errors else "")
    )


def bench_coupons(world: World, args: argparse.Namespace) -> None:
    from django.db import connection

    from comptoir.promotions.models import Coupon, Redemption

    concurrent = connection.vendor == "postgresql"
    threads = args.threads if concurrent else 1
    per_thread = args.attempts // threads
    attempts = per_thread * threads
    limit = int(attempts * 0.7)
    if concurrent:
        print(f"coupon redemption, {threads} threads × {per_thread} checkouts:")
    else:
        print(
            f"coupon redemption on SQLite: ONE thread × {attempts:,} checkouts (SQLite's writers "
            f"queue for one lock, so concurrent threads would only measure the queue):"
        )

    (hot,) = make_codes(world, "HOT", 1, limit)
    memory = Memory()
    memory.start()
    run = redeem(
        world,
        label="hot",
        code_of=lambda t, k: hot,
        threads=threads,
        per_thread=per_thread,
        seconds=args.seconds,
    )
    report_redeem(f"  ONE code limited to {limit:,} (70 % of {attempts:,})", run)
    if not run.attempts or run.errors:
        raise fail(f"the checkouts on ONE code failed: {run.attempts} attempts, {dict(run.errors)}")
    coupon = Coupon.objects.get(shop_id=world.shop_id, code=hot)
    written = Redemption.objects.filter(coupon=coupon).count()
    complete = run.attempts == attempts
    exact = coupon.uses == limit and written == limit
    used_up = run.outcomes.get("coupon_used_up", 0) == attempts - limit
    print(
        f"  check: uses {coupon.uses:,}, {written:,} redemptions written, limit {limit:,}: "
        + (
            ("exactly the limit" if exact and used_up else "NOT EXACT")
            if complete
            else f"run cut at {args.seconds:.0f} s, not checked"
        )
        + f"; {memory.describe()}"
    )
    if complete and not (exact and used_up):
        raise fail(f"ONE code went past its limit or stopped short of it ({coupon.uses} uses)")

    # The reference: as many codes as threads, each thread on its own (no one waits).
    each = per_thread if concurrent else attempts // args.threads  # checkouts per code
    share = int(each * 0.7)
    codes = make_codes(world, "COLD", args.threads, share)
    if concurrent:
        title = f"  reference, {threads} codes, one per thread, each limited to {share:,}"

        def code_of(t: int, k: int) -> str:
            return codes[t]
    else:
        title = f"  reference, going round {len(codes)} codes, each limited to {share:,}"
        per_thread = each * len(codes)

        def code_of(t: int, k: int) -> str:
            return codes[k % len(codes)]

    cold = redeem(
        world,
        label="cold",
        code_of=code_of,
        threads=threads,
        per_thread=per_thread,
        seconds=args.seconds,
    )
    report_redeem(title, cold)
    if not cold.attempts or not cold.outcomes["redeemed"] or cold.errors or cold.seconds <= 0:
        raise fail(
            f"the reference (separate codes) failed: {cold.attempts} attempts, "
            f"{cold.outcomes['redeemed']} redeemed, errors {dict(cold.errors)}"
        )
    hot_rate, cold_rate = run.attempts / run.seconds, cold.attempts / cold.seconds
    print(f"  ratio ONE code ÷ separate codes: {hot_rate / cold_rate:.2f} (attempts/s)")


# --- The run --------------------------------------------------------------------------------


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--buyers", type=int, default=5_000, help="past buyers of the shop")
    parser.add_argument("--consenting", type=float, default=0.6, help="share who agreed")
    parser.add_argument("--threads", type=int, default=8, help="checkout threads (PostgreSQL)")
    parser.add_argument("--attempts", type=int, default=1_600, help="checkouts per coupon run")
    parser.add_argument("--seconds", type=float, default=60.0, help="at most, per phase")
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])
    if args.buyers < SMALL_SHOP_BUYERS or not 0 < args.consenting <= 0.9 or args.threads < 1:
        parser.error("need --buyers ≥ 10, 0 < --consenting ≤ 0.9 and --threads ≥ 1")
    if args.attempts < args.threads * 2 or args.seconds <= 0:
        parser.error("need --attempts ≥ 2 × --threads and --seconds > 0")

    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-bench-promotions-"))
    os.environ.update(
        COMPTOIR_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="comptoir.settings",
        DEBUG="false",
        # Above the audience, so the send is never cut by the daily cap.
        COMPTOIR_MARKETING_DAILY_CAP=str(args.buyers * 2 + 100),
    )
    stack = ExitStack()
    try:
        url = stack.enter_context(
            scratch_database(os.environ.get("DATABASE_URL", ""), "bench_promotions")
        )
        if url:
            os.environ["DATABASE_URL"] = url
        else:
            os.environ.pop("DATABASE_URL", None)
        return bench(args)
    finally:
        stack.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def bench(args: argparse.Namespace) -> int:
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.db import connection

    logging.getLogger("django_tasks").setLevel(logging.WARNING)  # no line per task run
    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - began
    world = build(args)
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        cursor.execute("SHOW server_version" if postgres else "SELECT sqlite_version()")
        version = f"{'PostgreSQL' if postgres else 'SQLite'} {cursor.fetchone()[0]}"
    print(
        f"== promotions on {version}; machine: {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.2f}\n"
        f"setup: migrated in {migrated:.1f} s; {len(world.buyer_ids):,} past buyers, one order "
        f"each, {len(world.consenting):,} agreed ({args.consenting:.0%}), written in bulk in "
        f"{time.perf_counter() - began - migrated:.1f} s",
        flush=True,
    )

    print("\n-- 1. sending to past buyers")
    bench_preview(world, args)
    warm_up(world)
    send = bench_send(world, args)
    reference = bench_reference(world, args, send.sent)  # both stop the bench if they sent nothing
    per_send = send.seconds / send.sent
    per_plain = reference.seconds / reference.sent
    print(
        f"cost of consent + bookkeeping + screening: {per_send * 1000:.2f} ms a message vs "
        f"{per_plain * 1000:.2f} ms plain (×{per_send / per_plain:.2f}; "
        f"{send.statements / send.sent:.1f} vs "
        f"{reference.statements / reference.sent:.1f} statements)"
    )
    sys.stdout.flush()

    print("\n-- 2. coupon redemption at checkout")
    bench_coupons(world, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
