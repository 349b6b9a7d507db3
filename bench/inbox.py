"""Does a shop's inbox slow down as its history grows? First page, 1,000 vs 100,000 threads.

    uv run python bench/inbox.py
    uv run python bench/inbox.py --small 1000 --large 100000 --iterations 300
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python bench/inbox.py
    uv run python bench/inbox.py --quick     # tiny sizes (CI runs this)

Builds its own data with `comptoir seed` (in a child process, so that the peak memory
printed is the reads' alone): one shop with `--small` threads and one with `--large`
threads, in the same database (a scratch SQLite file; on PostgreSQL a scratch database
created beside the one DATABASE_URL names; both removed at the end). Then, for each shop, it
times the first page of the inbox (50 threads), in process:

- through the real selector, `messaging.selectors.conversation_list(viewer, ListFilters(),
  limit=50)`;
- through the API, `GET /api/v1/shops/{id}/conversations` with django.test.Client and a
  logged-in member of the shop (routing, auth, selector, presenters, JSON);
- and, as the reference measured in the same run, the page's main SQL statement run
  straight on the driver (the database's own cost for the index range scan).

Each measurement runs after a warm-up, at most `--iterations` times and at most
`--seconds` seconds. It prints p50 and p99, the large/small ratio, the queries per page,
the query plan and the peak memory (RSS of this process, and the Python heap of one page).
A p99 far above p50 with "1 full GC" or more is Python's cyclic garbage collector pausing
(about 40 ms here), not the database.

A reference that fails (an error, or a statement that returns no rows) or a measurement
with no runs stops the bench with an error: it never prints a ratio against zero.
--quick (for CI) runs 50 vs 500 threads, at most 10 runs or 0.5 s a measurement: the
figures are printed, never compared; what it checks is that every part still runs.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from scratch import seed_one_shop

WARM_UP = 5
SMALL_SEED, LARGE_SEED = 1, 2
# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working, its figures are printed and never compared.
QUICK = ("--small", "50", "--large", "500", "--iterations", "10", "--seconds", "0.5")


@dataclass(frozen=True)
class Timing:
    p50_ms: float
    p99_ms: float
    runs: int
    full_gcs: int  # Python's full (generation 2) collections during the runs


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000, help="threads of the quiet shop")
    parser.add_argument("--large", type=int, default=100_000, help="threads of the busy shop")
    parser.add_argument("--messages-per-thread", type=int, default=5)
    parser.add_argument("--iterations", type=int, default=300, help="at most, per measurement")
    parser.add_argument("--seconds", type=float, default=15.0, help="at most, per measurement")
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])
    if min(args.small, args.large, args.iterations) < 1 or args.seconds <= 0:
        parser.error("--small, --large, --iterations and --seconds must be above 0")

    scratch_dir = tempfile.mkdtemp(prefix="comptoir-bench-inbox-")
    os.environ["COMPTOIR_DATA_DIR"] = scratch_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "comptoir.settings"
    os.environ["DEBUG"] = "false"
    scratch_db = scratch_postgres()
    try:
        build(args)
        run(args)
    finally:
        if scratch_db:
            drop_postgres(scratch_db)
        shutil.rmtree(scratch_dir, ignore_errors=True)
    return 0


# --- Data ------------------------------------------------------------------------------


def scratch_postgres() -> tuple[str, str] | None:
    """On PostgreSQL, a fresh database beside DATABASE_URL's: (server URL, name)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    import psycopg

    name = f"comptoir_bench_inbox_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(url)
    os.environ["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    return url, name


def drop_postgres(scratch: tuple[str, str]) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    url, name = scratch
    with psycopg.connect(url, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}"')


def build(args: argparse.Namespace) -> None:
    """Two one-shop seeds, each in a child process (`comptoir seed` migrates first)."""
    for seed, threads in ((SMALL_SEED, args.small), (LARGE_SEED, args.large)):
        took, summary = seed_one_shop(
            threads=threads,
            messages=threads * args.messages_per_thread,
            seed=seed,
            bench="bench/inbox.py",
        )
        print(f"built (seed {seed}) in {took:.1f} s: {summary}")


# --- Measuring -------------------------------------------------------------------------


def measure(call: Callable[[], Any], iterations: int, seconds: float) -> Timing:
    for _ in range(WARM_UP):
        call()
    times: list[float] = []
    full_gcs = gc.get_stats()[2]["collections"]
    deadline = time.perf_counter() + seconds
    while len(times) < iterations and time.perf_counter() < deadline:
        start = time.perf_counter_ns()
        call()
        times.append((time.perf_counter_ns() - start) / 1e6)
    full_gcs = gc.get_stats()[2]["collections"] - full_gcs
    times.sort()
    p99 = times[max(0, math.ceil(0.99 * len(times)) - 1)]
    return Timing(p50_ms=statistics.median(times), p99_ms=p99, runs=len(times), full_gcs=full_gcs)


def heap_peak_kb(call: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()


@dataclass
class ShopUnderTest:
    label: str
    threads: int
    inbox: int
    selector: Callable[[], Any]
    api: Callable[[], Any]
    raw: Callable[[], Any]
    queries: tuple[int, int]
    plan: str


def prepare(label: str, seed: int) -> ShopUnderTest:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from comptoir.messaging.models import FolderCount, Party
    from comptoir.messaging.selectors import ListFilters, conversation_list
    from comptoir.shops.access import Viewer
    from comptoir.shops.models import Shop, ShopMember

    shop = Shop.objects.get(external_id=f"s{seed}-shop-0")
    member = ShopMember.objects.select_related("user").get(shop=shop, role="owner").user
    viewer = Viewer(user=member, shop=shop)
    threads = Party.objects.filter(shop=shop).count()
    inbox = FolderCount.objects.get(shop=shop, folder="inbox").threads

    def selector() -> Any:
        page = conversation_list(viewer, ListFilters(), cursor=None, limit=50)
        assert len(page.items) == min(50, inbox)
        return page

    client = Client()
    client.force_login(member)
    url = f"/api/v1/shops/{shop.external_id}/conversations?limit=50"

    def api() -> Any:
        response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        return response

    with CaptureQueriesContext(connection) as selector_queries:
        selector()
    with CaptureQueriesContext(connection) as api_queries:
        api()
    main_sql = next(
        (q["sql"] for q in selector_queries.captured_queries if "messaging_party" in q["sql"]),
        None,
    )
    if main_sql is None:
        raise SystemExit(
            "bench/inbox.py: the reference has no statement: the selector no longer reads "
            "messaging_party (update the bench)"
        )
    raw_cursor = connection.connection.cursor()

    def raw() -> Any:
        raw_cursor.execute(main_sql)
        return raw_cursor.fetchall()

    try:
        rows = len(raw())
    except Exception as exc:
        raise SystemExit(f"bench/inbox.py: the reference failed ({label} shop): {exc!r}") from exc
    if not rows:
        raise SystemExit(
            f"bench/inbox.py: the reference returned no rows ({label} shop, {inbox:,} threads "
            "in the inbox): it would measure nothing"
        )

    return ShopUnderTest(
        label=label,
        threads=threads,
        inbox=inbox,
        selector=selector,
        api=api,
        raw=raw,
        queries=(len(selector_queries), len(api_queries)),
        plan=query_plan(main_sql),
    )


def query_plan(sql: str) -> str:
    from django.db import connection

    cursor = connection.connection.cursor()
    try:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            return "; ".join(row[3] for row in cursor.fetchall())
        cursor.execute(f"EXPLAIN {sql}")
        return "; ".join(row[0].strip() for row in cursor.fetchall()[:8])
    except Exception as exc:  # the plan is a hint; never fail the benchmark on it
        return f"unavailable ({exc})"


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.db import connection

    shops = [prepare("small", SMALL_SEED), prepare("large", LARGE_SEED)]
    print(
        f"database: {connection.vendor}  iterations: at most {args.iterations} "
        f"or {args.seconds:.0f} s per measurement, after {WARM_UP} warm-up calls"
    )
    results: dict[str, list[Timing]] = {"selector": [], "api": [], "raw": []}
    for shop in shops:
        if not shop.inbox:
            raise SystemExit(f"bench/inbox.py: the {shop.label} shop's inbox is empty: no figures")
        print(
            f"\n{shop.label} shop: {shop.threads:,} threads ({shop.inbox:,} in the inbox); "
            f"queries per page: selector {shop.queries[0]}, API {shop.queries[1]}"
        )
        print(f"  plan: {shop.plan}")
        for name in results:
            timing = measure(getattr(shop, name), args.iterations, args.seconds)
            if timing.p50_ms <= 0 or timing.p99_ms <= 0:
                what = "the reference" if name == "raw" else name
                raise SystemExit(
                    f"bench/inbox.py: {what} measured nothing ({shop.label} shop, "
                    f"{timing.runs} runs, p50 {timing.p50_ms} ms): no ratio against zero"
                )
            results[name].append(timing)
            print(
                f"  {name:<9} p50 {timing.p50_ms:7.2f} ms   p99 {timing.p99_ms:7.2f} ms"
                f"   ({timing.runs} runs, {timing.full_gcs} full GC)"
            )
        print(
            f"  heap peak of one page: selector {heap_peak_kb(shop.selector):,.0f} KB, "
            f"API {heap_peak_kb(shop.api):,.0f} KB"
        )

    small, large = shops
    print(f"\nfirst page, {large.threads:,} threads ÷ {small.threads:,} threads:")
    for name, (a, b) in results.items():
        label = "reference (driver, main SQL only)" if name == "raw" else name
        print(
            f"  {label:<34} p50 {a.p50_ms:6.2f} → {b.p50_ms:6.2f} ms (×{b.p50_ms / a.p50_ms:.2f})"
            f"   p99 {a.p99_ms:6.2f} → {b.p99_ms:6.2f} ms (×{b.p99_ms / a.p99_ms:.2f})"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (reads only; the data was built by a child): {peak_mb:.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
