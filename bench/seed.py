"""How fast `comptoir seed` fills a database, against the raw driver doing plain inserts.

    uv run python bench/seed.py --shops 1000 --buyers 50000 --orders 500000
    DATABASE_URL=postgres://… uv run python bench/seed.py --orders 100000
    uv run python bench/seed.py --quick      # tiny sizes, seconds (CI runs this)

Then prints the wall time, rows per second and peak memory of the generator, and, as the
reference measured in the same run, the rate of the database driver alone inserting the
same number of order-shaped rows with executemany (no Django, no generation).
On SQLite a fresh database in a scratch directory is used (removed at the end); on
PostgreSQL the data is added to the database named by DATABASE_URL under a random seed,
then deleted.

A reference that fails (an error, or fewer rows in its table than it inserted) or a run
that wrote nothing stops the bench with an error: it never prints a ratio against zero.

First, memory: the peak RSS of `comptoir seed` (generation and first derivation of the
responsiveness figures) and of `comptoir rebuild-responsiveness`, each in a process of
its own, for one shop with --memory-messages messages in --memory-messages / 10 threads
and with ten times fewer, beside the floor (the rebuild of an empty database: Django and
Comptoir loaded). Bounded memory means the two sizes peak at about the same figure; a
run whose seed or rebuild fails or does not read every message stops with an error.
These run on SQLite in the scratch directory (or in a scratch PostgreSQL database).

--quick (for CI) seeds 5 shops, 200 buyers and 2,000 orders, and 2,000 / 20,000 messages
for the memory part: the figures are printed, never compared; what it checks is that the
seed, the rebuild and the reference still do their work.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working, its figures are printed and never compared.
QUICK = ("--shops", "5", "--buyers", "200", "--orders", "2000", "--memory-messages", "20000")


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=1000)
    parser.add_argument("--buyers", type=int, default=50000)
    parser.add_argument("--orders", type=int, default=500000)
    parser.add_argument(
        "--memory-messages",
        type=int,
        default=1_000_000,
        help="messages of the one shop whose seed and rebuild are measured (0: skip)",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])

    scratch = tempfile.mkdtemp(prefix="comptoir-bench-seed-")
    try:
        # Memory first: a child's peak counts its parent's size at the fork, so the
        # parent must not have loaded Django yet.
        if args.memory_messages:
            memory(args.memory_messages, Path(scratch) / "memory")
        return bench(args, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def bench(args: argparse.Namespace, scratch: str) -> int:
    os.environ["COMPTOIR_DATA_DIR"] = scratch  # a fresh database, not the user's
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from comptoir.demo.seed import generate

    call_command("migrate", interactive=False, verbosity=0)
    vendor = connection.vendor
    seed = random.randint(10_000, 99_999) if vendor == "postgresql" else 1
    print(
        f"database: {vendor}  size: {args.shops} shops, {args.buyers} buyers, {args.orders} orders",
        flush=True,
    )

    report = generate(
        shops=args.shops,
        buyers=args.buyers,
        orders=args.orders,
        seed=seed,
        progress=lambda line: print(f"  {line}", flush=True),
    )
    rows = report.shops + report.buyers + report.listings + report.orders + report.items
    rows += report.reviews + report.cases
    if not rows or report.orders != args.orders or report.seconds <= 0:
        raise SystemExit(
            f"bench/seed.py: the seed wrote {rows:,} rows ({report.orders:,} of "
            f"{args.orders:,} orders) in {report.seconds:.3f} s: no figures"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"comptoir seed: {report.seconds:.1f} s, {rows:,} rows, "
        f"{rows / report.seconds:,.0f} rows/s, {report.orders / report.seconds:,.0f} orders/s, "
        f"peak RSS {peak_mb:.0f} MB"
    )

    try:
        reference = raw_insert_rate(vendor, args.orders, connection, scratch)
    except Exception as exc:
        raise SystemExit(f"bench/seed.py: the reference failed: {exc!r}") from exc
    finally:
        if vendor == "postgresql":
            cleanup(seed)
    print(
        f"reference (driver executemany of {args.orders:,} order-shaped rows): "
        f"{reference:,.0f} rows/s"
    )
    print(f"ratio seed rows/s ÷ raw rows/s: {rows / report.seconds / reference:.2f}")
    return 0


def raw_insert_rate(vendor: str, count: int, connection: object, scratch: str) -> float:
    """Rows a second of the driver alone; raises if it did not insert them all."""
    if count < 1:
        raise ValueError("nothing to insert (--orders 0)")
    rows = [
        (i, i % 1000, i % 50000, "paid", "2026-01-01T00:00:00+00:00", "2026-01-05", "35.00")
        for i in range(count)
    ]
    if vendor == "sqlite":
        import sqlite3

        path = Path(scratch) / "raw.sqlite3"  # beside the bench database, removed with it
        db = sqlite3.connect(path)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(
                "CREATE TABLE o (id INTEGER PRIMARY KEY, shop INT, buyer INT, status TEXT, "
                "ordered_at TEXT, ship_by TEXT, total TEXT)"
            )
            start = time.perf_counter()
            with db:
                db.executemany("INSERT INTO o VALUES (?,?,?,?,?,?,?)", rows)
            elapsed = time.perf_counter() - start
            (written,) = db.execute("SELECT COUNT(*) FROM o").fetchone()
        finally:
            db.close()
    else:
        with connection.cursor() as cursor:  # type: ignore[attr-defined]
            cursor.execute(
                "CREATE TEMP TABLE bench_o (id BIGINT PRIMARY KEY, shop INT, buyer INT, "
                "status TEXT, ordered_at TIMESTAMPTZ, ship_by DATE, total NUMERIC)"
            )
            start = time.perf_counter()
            cursor.executemany("INSERT INTO bench_o VALUES (%s,%s,%s,%s,%s,%s,%s)", rows)
            elapsed = time.perf_counter() - start
            cursor.execute("SELECT COUNT(*) FROM bench_o")
            (written,) = cursor.fetchone()
            cursor.execute("DROP TABLE bench_o")
    if written != count or elapsed <= 0:
        raise RuntimeError(f"{written:,} rows in its table for {count:,} inserted")
    return count / elapsed


def memory(messages: int, scratch: Path) -> None:
    """Peak RSS of the seed and the rebuild at `messages` and at a tenth of it."""
    from scratch import scratch_database

    base = {**os.environ, "DJANGO_SETTINGS_MODULE": "comptoir.settings"}
    url = os.environ.get("DATABASE_URL", "")
    print(f"== peak memory, each command in its own process, one shop "
          f"({'PostgreSQL' if url.startswith('postgres') else 'SQLite'})", flush=True)  # fmt: skip
    # The floor on SQLite (only Django and Comptoir loaded), copied for each size there.
    empty = {k: v for k, v in base.items() if k != "DATABASE_URL"}
    empty["COMPTOIR_DATA_DIR"] = str(scratch / "empty")
    run_child(["rebuild-responsiveness"], empty, "0")  # migrates
    floor = run_child(["rebuild-responsiveness"], empty, "0")
    rows: list[tuple[str, int]] = [("floor: rebuild of an empty database", floor)]
    for size in (messages // 10, messages):
        threads = max(1, size // 10)
        with scratch_database(url, "bench_memory") as scratch_url:
            env = {**base, "COMPTOIR_DATA_DIR": str(scratch / str(size))}
            if scratch_url:
                env["DATABASE_URL"] = scratch_url
            else:
                shutil.copytree(scratch / "empty", scratch / str(size))
            seed = [
                "seed", "--shops", "1", "--buyers", str(max(200, threads // 20)),
                "--orders", str(max(500, threads // 10)), "--conversations", str(threads),
                "--messages", str(size),
            ]  # fmt: skip
            rows.append(
                (f"seed {size:,} messages, {threads:,} threads", run_child(seed, env, str(size)))
            )
            rebuilt = run_child(["rebuild-responsiveness"], env, str(size))
            rows.append((f"rebuild-responsiveness of those {size:,} messages", rebuilt))
            shutil.rmtree(scratch / str(size), ignore_errors=True)
    for label, kb in rows:
        print(f"  {label:<52} {kb / 1024:>7.0f} MB", flush=True)
    (_, small_seed), (_, small_rebuild), (_, big_seed), (_, big_rebuild) = rows[1:]
    print(
        f"ten times the history: seed {(big_seed - small_seed) / 1024:+.0f} MB, "
        f"rebuild {(big_rebuild - small_rebuild) / 1024:+.0f} MB "
        f"(above the floor: seed {(big_seed - floor) / 1024:.0f} MB, "
        f"rebuild {(big_rebuild - floor) / 1024:.0f} MB)\n",
        flush=True,
    )


def run_child(command: list[str], env: dict[str, str], expect: str) -> int:
    """Run `comptoir <command>` and return its peak RSS (KB); stop the bench when it fails
    or its output does not show `expect` (the number of messages it wrote or read)."""
    import re
    import subprocess

    child = subprocess.Popen(
        [sys.executable, "-m", "comptoir.cli", *command],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert child.stdout is not None
    out = child.stdout.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0 or not re.search(rf"\b{re.escape(expect)}\b", out):
        raise SystemExit(
            f"bench/seed.py: comptoir {' '.join(command)} failed (exit {child.returncode}) "
            f"or did not report {expect} messages:\n{out}"
        )
    return int(usage.ru_maxrss)


def cleanup(seed: int) -> None:
    from comptoir.shops.models import Shop

    prefix = f"s{seed}-"
    from comptoir.accounts.models import User
    from comptoir.cases.models import Case
    from comptoir.catalog.models import Listing
    from comptoir.orders.models import Order
    from comptoir.reviews.models import Review

    Case.objects.filter(external_id__startswith=prefix).delete()
    Review.objects.filter(external_id__startswith=prefix).delete()
    Order.objects.filter(external_id__startswith=prefix).delete()
    Listing.objects.filter(external_id__startswith=prefix).delete()
    Shop.objects.filter(external_id__startswith=prefix).delete()
    User.objects.filter(external_id__startswith=prefix).delete()


if __name__ == "__main__":
    sys.exit(main())
