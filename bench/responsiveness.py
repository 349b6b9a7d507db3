"""Does the Responsiveness dashboard slow down as history grows? 1,000 vs 200,000 messages.

    uv run python bench/responsiveness.py                 # SQLite, in a scratch directory
    uv run python bench/responsiveness.py --postgres      # PostgreSQL at 127.0.0.1:5432/test
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/responsiveness.py
    uv run python bench/responsiveness.py --small 1000 --large 200000 --iterations 300 --strict
    uv run python bench/responsiveness.py --quick         # tiny sizes (CI runs this)

One run:

1. makes a scratch data directory (and, on PostgreSQL, a database
   `bench_responsiveness_<pid>` on the server of DATABASE_URL, which is only used to
   connect; the bench database is dropped at the end) and, in a child process (so that the
   peak memory printed below is the reads' alone), migrates it and calls the seed
   generator twice, `comptoir.demo.seed.generate(shops=1, ...)` with seed 1 for a shop
   with `--small` messages and seed 2 for one with `--large` messages, spread over the
   last year; then derives the rollups with `responsiveness.history.rebuild(now,
   fix=True)`, shop by shop, and prints how long that took;
2. for each shop prints its messages, waiting spans, first messages and `Day` rows, then
   times, after a warm-up, at most `--iterations` runs (and at most `--seconds` seconds)
   of each of the following, the two shops' calls taken in turn (small, large, small, ...)
   so that other work on the machine weighs on both alike:
   - the selector alone, `selectors.dashboard(shop, now)`;
   - the selector and the presenter, `presenters.dashboard_data(selectors.dashboard(...))`
     (the server's work for the JSON);
   - the API handler, `GET /api/v1/shops/{external_id}/responsiveness` through
     django.test.Client with a real API token of the shop's owner (routing, token
     authentication, access check, selector, presenter, pydantic, JSON);
   - the web page `/shop/{id}/stats/responsiveness/` with a logged-in session, when the
     URL exists (else a note says it was skipped);
   - the floor: the selector's own `Day` statement run straight on the driver;
   - the contrast: the current period's response rate computed from the raw messages
     (one aggregate query over messaging_message joined to messaging_conversation), at
     most `--raw-iterations` runs;
3. prints p50, p99, mean, throughput (single-threaded requests/s, 1 / mean), the p50 of
   this thread's CPU time (what the machine's other work leaves out; on PostgreSQL it
   leaves out the server's own work too), the queries per call, the ratio of the large
   shop's p50 to the small one's, the heap peak of one call (tracemalloc) and the
   process's peak RSS; then PASS/FAIL lines for the issue's gate (the dashboard's server
   time, p50 under 10 ms for both shops, large/small under 1.5) for the selector and
   presenter, the API handler and the web page. A FAIL exits non-zero only with --strict.
   `--profile N` then prints a cProfile of N calls of each on the large shop.

A p99 far above p50 with "1 full GC" or more is Python's cyclic garbage collector pausing,
not the database.

A reference that fails (an error; the floor's statement gone from the selector or finding
no Day rows; the contrast finding no first messages) or a measurement with no time stops
the bench with an error: it never prints a ratio against zero. --quick (for CI) runs
300 vs 3,000 messages, at most 10 runs (raw messages: 5) or 0.5 s a measurement: the
figures and the gate are printed, never compared; what it checks is that every part
still runs.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from scratch import scratch_database

WARM_UP = 10
SMALL_SEED, LARGE_SEED = 1, 2
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"
GATE_MS, GATE_RATIO = 10.0, 1.5
# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working, its figures are printed and never compared.
QUICK = (
    "--small", "300", "--large", "3000", "--iterations", "10", "--raw-iterations", "5",
    "--seconds", "0.5", "--profile", "0",
)  # fmt: skip


class BenchError(SystemExit):
    """Stops the bench with a message (exit status 1)."""

    def __init__(self, message: str) -> None:
        super().__init__(f"bench/responsiveness.py: {message}")


# --- The database -----------------------------------------------------------------------


def _is_postgres(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


# --- Building the data (child process) --------------------------------------------------


def sizes(messages: int, per_thread: int) -> dict[str, int]:
    """One shop holding `messages` messages, with buyers and orders in proportion."""
    threads = max(1, messages // per_thread)
    return {
        "shops": 1,
        "buyers": max(50, threads // 5),
        "orders": max(100, threads // 2),
        "conversations": threads,
        "messages": max(messages, threads),
    }


def build(args: argparse.Namespace) -> int:
    """Run in the child: migrate, seed both shops, derive their rollups. Prints as it goes."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from comptoir.core import clock
    from comptoir.demo.seed import generate
    from comptoir.responsiveness.history import rebuild
    from comptoir.shops.models import Shop

    call_command("migrate", interactive=False, verbosity=0)
    for seed, messages in ((SMALL_SEED, args.small), (LARGE_SEED, args.large)):
        size = sizes(messages, args.messages_per_thread)
        seeded = generate(
            shops=size["shops"],
            buyers=size["buyers"],
            orders=size["orders"],
            conversations=size["conversations"],
            messages=size["messages"],
            seed=seed,
        )
        print(
            f"seeded (seed {seed}) in {seeded.seconds:.1f} s: 1 shop, {seeded.buyers:,} "
            f"buyers, {seeded.orders:,} orders, {seeded.conversations:,} threads, "
            f"{seeded.messages:,} messages",
            flush=True,
        )
    now = clock.now()
    total = 0.0
    for seed in (SMALL_SEED, LARGE_SEED):
        shop = Shop.objects.get(external_id=f"s{seed}-shop-0")
        started = time.perf_counter()
        report = rebuild(now, fix=True, shop_ids=[shop.id])
        elapsed = time.perf_counter() - started
        total += elapsed
        print(
            f"rebuild(now, fix=True) of shop {shop.external_id}: {elapsed:.2f} s for "
            f"{report.messages:,} messages -> {report.spans:,} spans, {report.firsts:,} first "
            f"messages, {report.days:,} days ({report.messages / elapsed:,.0f} messages/s)",
            flush=True,
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"rollups derived in {total:.1f} s; build process peak RSS {peak_mb:.0f} MB", flush=True)
    return 0


# --- Measuring --------------------------------------------------------------------------


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p99_ms: float
    mean_ms: float
    cpu_p50_ms: float  # this thread's CPU time: what other work on the machine leaves out
    runs: int
    full_gcs: int  # Python's full (generation 2) collections during the runs (both shops)

    @property
    def per_second(self) -> float:
        return 1000 / self.mean_ms if self.mean_ms else math.nan


def _timing(wall: list[float], cpu: list[float], full_gcs: int) -> Timing:
    wall.sort()
    return Timing(
        p50_ms=statistics.median(wall),
        p99_ms=wall[max(0, math.ceil(0.99 * len(wall)) - 1)],
        mean_ms=statistics.fmean(wall),
        cpu_p50_ms=statistics.median(cpu),
        runs=len(wall),
        full_gcs=full_gcs,
    )


def measure(calls: list[Callable[[], Any]], iterations: int, seconds: float) -> list[Timing]:
    """Time the calls in turn (small shop, large shop, small, ...), so that both see the
    same machine: other work on it slows both alike instead of skewing their ratio."""
    for call in calls:
        for _ in range(WARM_UP if iterations > 50 else 2):
            call()
    wall: list[list[float]] = [[] for _ in calls]
    cpu: list[list[float]] = [[] for _ in calls]
    gc.collect()
    full_gcs = gc.get_stats()[2]["collections"]
    deadline = time.perf_counter() + seconds
    while len(wall[-1]) < iterations and time.perf_counter() < deadline:
        for i, call in enumerate(calls):
            start, start_cpu = time.perf_counter_ns(), time.thread_time_ns()
            call()
            cpu[i].append((time.thread_time_ns() - start_cpu) / 1e6)
            wall[i].append((time.perf_counter_ns() - start) / 1e6)
    full_gcs = gc.get_stats()[2]["collections"] - full_gcs
    return [_timing(w, c, full_gcs) for w, c in zip(wall, cpu, strict=True)]


def heap_peak_kb(call: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


def count_queries(call: Callable[[], Any]) -> tuple[int, list[str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured), [q["sql"] for q in captured.captured_queries]


@dataclass
class Measured:
    name: str
    label: str
    call: Callable[[], Any]
    iterations: int
    queries: int = 0
    heap_kb: float = math.nan
    timing: Timing | None = None


@dataclass
class ShopUnderTest:
    label: str
    external_id: str
    counts: dict[str, int]
    measured: dict[str, Measured] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    rates: tuple[str, str] = ("", "")  # (rollups, raw messages) response rate, current period


RAW_RATE = """
SELECT COUNT(*), COALESCE(SUM(CASE WHEN answer_at IS NOT NULL AND {within} THEN 1 ELSE 0 END), 0)
FROM (
    SELECT c.id, MIN(m.created_at) AS first_at,
           MIN(CASE WHEN m.sender_side = 'shop' THEN m.created_at END) AS answer_at
    FROM messaging_conversation c
    JOIN messaging_message m ON m.conversation_id = c.id
    WHERE c.shop_id = %s AND c.started_by = 'buyer'
    GROUP BY c.id
) AS t
WHERE first_at >= %s AND first_at < %s AND (answer_at IS NOT NULL OR first_at < %s)
"""
WITHIN = {
    "sqlite": "julianday(answer_at) <= julianday(first_at) + 1",
    "postgresql": "answer_at <= first_at + interval '24 hours'",
}


def web_path(shop_id: int) -> str | None:
    """The web dashboard's path, if the URL map has it by now."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    for name in ("responsiveness:dashboard", "web:responsiveness", "responsiveness"):
        try:
            return reverse(name, kwargs={"shop_id": shop_id})
        except NoReverseMatch:
            continue
    path = f"/shop/{shop_id}/stats/responsiveness/"
    try:
        resolve(path)
    except Resolver404:
        return None
    return path


def prepare(label: str, seed: int, now: datetime, args: argparse.Namespace) -> ShopUnderTest:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from comptoir.accounts.services import api_token_create
    from comptoir.messaging.models import Message
    from comptoir.responsiveness import presenters, selectors
    from comptoir.responsiveness.models import Day, FirstMessage, Span
    from comptoir.shops.models import Shop, ShopMember

    shop = Shop.objects.get(external_id=f"s{seed}-shop-0")
    member = ShopMember.objects.select_related("user").get(shop=shop, role="owner").user
    board = selectors.dashboard(shop, now)
    range_days = Day.objects.filter(
        shop=shop, day__gte=board.previous.period.start, day__lt=board.current.period.end
    ).count()
    counts = {
        "messages": Message.objects.filter(conversation__shop=shop).count(),
        "spans": Span.objects.filter(shop=shop).count(),
        "first messages": FirstMessage.objects.filter(shop=shop).count(),
        "pending": FirstMessage.objects.filter(
            shop=shop, outcome=FirstMessage.Outcome.PENDING
        ).count(),
        "days": Day.objects.filter(shop=shop).count(),
        "days read": range_days,
    }
    unit = ShopUnderTest(label=label, external_id=shop.external_id, counts=counts)

    def selector() -> Any:
        return selectors.dashboard(shop, now)

    def presented() -> Any:
        return presenters.dashboard_data(selectors.dashboard(shop, now))

    token = api_token_create(user=member, name="bench").secret
    api_client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    api_url = f"/api/v1/shops/{shop.external_id}/responsiveness"

    def api() -> Any:
        response = api_client.get(api_url)
        assert response.status_code == 200, response.content[:300]
        return response

    api_body = json.loads(api().content)
    unit.measured["selector"] = Measured("selector", "selector alone", selector, args.iterations)
    unit.measured["presented"] = Measured(
        "presented", "selector + presenter", presented, args.iterations
    )
    unit.measured["api"] = Measured("api", "API handler (token)", api, args.iterations)

    path = web_path(shop.id)
    if path is None:
        unit.notes.append(
            f"web page skipped: /shop/{shop.id}/stats/responsiveness/ is not in the URL map yet"
        )
    else:
        web_client = Client()
        web_client.force_login(member)
        status = web_client.get(path).status_code
        if status == 200:

            def web() -> Any:
                response = web_client.get(path)
                assert response.status_code == 200, response.status_code
                return response

            unit.measured["web"] = Measured("web", "web page (session)", web, args.iterations)

            def web_cold() -> Any:
                cache.clear()  # the chart is drawn anew, as after each change of the figures
                return web()

            unit.measured["web_cold"] = Measured(
                "web_cold", "web page, chart not cached", web_cold, args.iterations
            )
        else:
            unit.notes.append(f"web page skipped: GET {path} answered {status}")

    # The floor: the selector's own Day statement, straight on the driver.
    _n, statements = count_queries(selector)
    day_sql = next((sql for sql in statements if "responsiveness_day" in sql), None)
    if day_sql is None:
        raise BenchError(
            "the floor has no statement: the selector no longer reads responsiveness_day "
            "(update the bench)"
        )
    raw_cursor = connection.connection.cursor()

    def floor() -> Any:
        raw_cursor.execute(day_sql)
        return raw_cursor.fetchall()

    try:
        floor_rows = len(floor())
    except Exception as exc:
        raise BenchError(f"the floor failed ({label} shop): {exc!r}") from exc
    if not floor_rows:
        raise BenchError(
            f"the floor read no Day rows ({label} shop, {counts['days read']:,} in the "
            "dashboard's range): it would measure nothing"
        )

    unit.measured["floor"] = Measured(
        "floor", "floor: Day rows on the driver", floor, args.iterations
    )

    # The contrast: the current period's response rate from the raw messages.
    period = board.current.period
    params = (
        shop.id,
        datetime.combine(period.start, datetime.min.time(), UTC),
        datetime.combine(period.end, datetime.min.time(), UTC),
        now - timedelta(hours=24),
    )
    raw_sql = RAW_RATE.format(within=WITHIN[connection.vendor])

    def raw() -> Any:
        with connection.cursor() as cursor:
            cursor.execute(raw_sql, params)
            return cursor.fetchone()

    unit.measured["raw"] = Measured(
        "raw", "contrast: rate from raw messages", raw, args.raw_iterations
    )
    try:
        counted, answered = raw()
    except Exception as exc:
        raise BenchError(f"the raw-messages contrast failed ({label} shop): {exc!r}") from exc
    if not counted:
        raise BenchError(
            f"the raw-messages contrast counted no first messages in the current period "
            f"({label} shop, {counts['messages']:,} messages): raise --small / --large"
        )
    current = api_body["current"]
    unit.rates = (
        f"{current['answered']:,}/{current['counted']:,} ({current['response_rate_text']})",
        f"{answered:,}/{counted:,} ({100 * answered / counted:.1f} %)" if counted else "0/0",
    )

    for measured in unit.measured.values():
        measured.queries = count_queries(measured.call)[0]
        measured.heap_kb = heap_peak_kb(measured.call)
    unit.measured["floor"].queries = 1  # on the driver, so Django does not see it
    return unit


def profile(call: Callable[[], Any], runs: int, top: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(runs):
        call()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def run(args: argparse.Namespace) -> bool:
    """Measure both shops; print the figures; True when the gate passes."""
    import django

    # No collected static files in the scratch directory: WhiteNoise says so, harmlessly.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    from django.db import connection

    from comptoir.core import clock

    now = clock.now()
    shops = [
        prepare("small", SMALL_SEED, now, args),
        prepare("large", LARGE_SEED, now, args),
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    print(
        f"\ndatabase: {connection.vendor} ({version})   machine: {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}\n"
        f"runs: at most {args.iterations} (raw messages: {args.raw_iterations}) or "
        f"{args.seconds:.0f} s per measurement, after a warm-up; now = {now:%Y-%m-%d %H:%M} UTC"
    )
    small, large = shops
    for name, first in small.measured.items():
        second = large.measured.get(name)
        calls = [first.call] if second is None else [first.call, second.call]
        timings = measure(calls, first.iterations, args.seconds)
        for got in timings:
            if min(got.p50_ms, got.p99_ms, got.cpu_p50_ms) <= 0:
                raise BenchError(
                    f"{first.label} measured nothing ({got.runs} runs, p50 {got.p50_ms} ms, "
                    f"cpu p50 {got.cpu_p50_ms} ms): no ratio against zero"
                )
        first.timing = timings[0]
        if second is not None:
            second.timing = timings[-1]
    for shop in shops:
        c = shop.counts
        print(
            f"\n{shop.label} shop {shop.external_id}: {c['messages']:,} messages, "
            f"{c['spans']:,} waiting spans, {c['first messages']:,} first messages "
            f"({c['pending']:,} pending), {c['days']:,} Day rows ({c['days read']:,} in the "
            f"dashboard's range)"
        )
        print(
            f"  current period's response rate: rollups {shop.rates[0]}, raw messages "
            f"{shop.rates[1]} (raw ignores spam / no-response-needed marks)"
        )
        for measured in shop.measured.values():
            timing = measured.timing
            assert timing is not None
            print(
                f"  {measured.label:<34} p50 {timing.p50_ms:7.3f} ms  p99 {timing.p99_ms:7.3f} ms"
                f"  mean {timing.mean_ms:7.3f} ms  {timing.per_second:6,.0f}/s  "
                f"cpu p50 {timing.cpu_p50_ms:7.3f} ms  "
                f"{measured.queries} quer{'y' if measured.queries == 1 else 'ies'}  "
                f"heap {measured.heap_kb:,.0f} KB  ({timing.runs} runs, {timing.full_gcs} full GC)"
            )
        for note in shop.notes:
            print(f"  {note}")

    print(
        f"\nlarge ÷ small ({large.counts['messages']:,} ÷ {small.counts['messages']:,} "
        f"messages), p50 and p99:"
    )
    for name, a in small.measured.items():
        b = large.measured.get(name)
        if b is None or a.timing is None or b.timing is None:
            continue
        ta, tb = a.timing, b.timing
        print(
            f"  {a.label:<34} p50 {ta.p50_ms:8.3f} → {tb.p50_ms:8.3f} ms "
            f"(×{tb.p50_ms / ta.p50_ms:.2f})   p99 {ta.p99_ms:8.3f} → {tb.p99_ms:8.3f} ms "
            f"(×{tb.p99_ms / ta.p99_ms:.2f})   cpu p50 ×{tb.cpu_p50_ms / ta.cpu_p50_ms:.2f}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (reads only; the data was built by a child): {peak_mb:.0f} MB")

    passed = True
    print("\ngate (the issue: the dashboard's server time, both p50 under 10 ms, ratio under 1.5):")
    for name in ("presented", "api", "web", "web_cold"):
        one, two = small.measured.get(name), large.measured.get(name)
        if one is None or two is None or one.timing is None or two.timing is None:
            continue
        worst = max(one.timing.p50_ms, two.timing.p50_ms)
        ratio = two.timing.p50_ms / one.timing.p50_ms
        under = worst < GATE_MS
        flat = ratio < GATE_RATIO
        passed &= under and flat
        print(
            f"  {'PASS' if under else 'FAIL'}  {one.label}: both p50 under {GATE_MS:.0f} ms "
            f"({one.timing.p50_ms:.3f} and {two.timing.p50_ms:.3f} ms; CPU "
            f"{one.timing.cpu_p50_ms:.3f} and {two.timing.cpu_p50_ms:.3f} ms)"
        )
        print(
            f"  {'PASS' if flat else 'FAIL'}  {one.label}: ratio large ÷ small under "
            f"{GATE_RATIO} (×{ratio:.2f})"
        )

    print(f"load average after the runs: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    if args.profile:
        for name in ("presented", "api"):
            print(f"\ncProfile of {args.profile} × {large.measured[name].label}, large shop:")
            print(profile(large.measured[name].call, args.profile, 30))
    return passed


# --- The run ----------------------------------------------------------------------------


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--small", type=int, default=1_000, help="messages of the quiet shop")
    parser.add_argument("--large", type=int, default=200_000, help="messages of the busy shop")
    parser.add_argument("--messages-per-thread", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=300, help="at most, per measurement")
    parser.add_argument(
        "--raw-iterations", type=int, default=20, help="at most, for the raw-messages contrast"
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="at most, per measurement")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"use PostgreSQL at DATABASE_URL, or {POSTGRES_URL} when it is not set",
    )
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="then cProfile N dashboard calls"
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 when the gate fails")
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])
    if min(args.small, args.large, args.iterations, args.raw_iterations) < 1 or args.seconds <= 0:
        parser.error("--small, --large, --iterations, --raw-iterations, --seconds must be > 0")
    if args.build_only:  # the child: the environment is already set
        return build(args)

    url = os.environ.get("DATABASE_URL", "")
    if args.postgres and not _is_postgres(url):
        url = POSTGRES_URL
    if url and not _is_postgres(url):
        print("DATABASE_URL is not PostgreSQL: using a fresh SQLite file instead")
        url = ""
    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-bench-responsiveness-"))
    os.environ.update(
        COMPTOIR_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="comptoir.settings", DEBUG="false"
    )
    try:
        with scratch_database(url, "bench_responsiveness") as scratch_url:
            if scratch_url:
                os.environ["DATABASE_URL"] = scratch_url
            else:
                os.environ.pop("DATABASE_URL", None)
            started = time.perf_counter()
            command = [sys.executable, __file__, "--build-only"]
            command += ["--small", str(args.small), "--large", str(args.large)]
            command += ["--messages-per-thread", str(args.messages_per_thread)]
            if subprocess.run(command, check=False).returncode != 0:
                raise BenchError("building the data failed (above)")
            print(f"built in {time.perf_counter() - started:.1f} s (migrate, seed, rollups)")
            passed = run(args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 1 if args.strict and not passed else 0


if __name__ == "__main__":
    sys.exit(main())
