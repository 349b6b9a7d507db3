"""How long the daily standards evaluation takes for a whole marketplace.

    uv run python bench/standards.py                      # SQLite, scratch directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/standards.py
    uv run python bench/standards.py --shops 10000 --orders 1000000
    uv run python bench/standards.py --quick              # tiny sizes (CI runs this)

One run:

1. seeds a scratch marketplace with `comptoir seed` (--shops, --buyers, --orders; the seed
   writes orders, reviews and cases in bulk, then derives the daily rollups); on
   PostgreSQL in a database `bench_standards_<pid>` on the server of DATABASE_URL, dropped
   at the end;
2. times, --runs times, the evaluation's figures for every shop (`standards.figures.gather`:
   three statements) and the flags (`standards.rules.flags`, pure), and prints the
   median, the rows read, the shops flagged per reason and the peak memory;
3. prints, as references measured in the same run: the floor (the same `Day` rows read on
   the driver alone, no Python), and the same figures gathered shop by shop for a sample
   of --sample shops, extrapolated to all shops (what a per-shop loop would cost);
4. times the whole evaluation as the daily job runs it (`evaluate_now`: figures, flags,
   the health rows and flags written, the automatic recommendations), twice: the first
   run raises every flag, the second is a normal day.

The goal: under 60 s for 10,000 shops / 1,000,000 orders on this machine.

It stops with an error (exit status 1) when the seed fails, when the evaluation finds no
shop with figures, and when a reference fails or measures nothing (the floor reads no
Day rows, the sample has no shop): it never prints a ratio against zero. --quick (for
CI) seeds 20 shops, 300 buyers and 3,000 orders, one run, a sample of 5 shops: the
figures are printed, never compared.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from scratch import scratch_database

# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working, its figures are printed and never compared.
QUICK = ("--shops", "20", "--buyers", "300", "--orders", "3000", "--runs", "1", "--sample", "5")


def fail(message: str) -> SystemExit:
    return SystemExit(f"bench/standards.py: {message}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shops", type=int, default=10_000)
    parser.add_argument("--buyers", type=int, default=100_000)
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])
    if min(args.shops, args.runs, args.sample) < 1:
        parser.error("--shops, --runs and --sample must be 1 or more")

    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-standards-"))
    env = {**os.environ, "COMPTOIR_DATA_DIR": str(data_dir)}
    stack = ExitStack()  # the scratch PostgreSQL database, dropped at the end
    url = stack.enter_context(
        scratch_database(os.environ.get("DATABASE_URL", ""), "bench_standards")
    )
    if url:
        env["DATABASE_URL"] = url
    pg_name = url
    try:
        print(f"== standards evaluation on {'PostgreSQL' if pg_name else 'SQLite'}")
        started = time.monotonic()
        command = [
            sys.executable, "-m", "comptoir.cli", "seed", "--shops", str(args.shops),
            "--buyers", str(args.buyers), "--orders", str(args.orders),
        ]  # fmt: skip
        if subprocess.run(command, env=env, check=False).returncode != 0:
            raise fail("comptoir seed failed (above)")
        print(f"seeded and derived the rollups in {time.monotonic() - started:.1f} s")

        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings")
        import django

        django.setup()
        from datetime import UTC

        from django.db import connection

        from comptoir.core import clock
        from comptoir.orders.models import Order
        from comptoir.responsiveness.models import Day
        from comptoir.shops.models import Shop
        from comptoir.standards.figures import gather
        from comptoir.standards.rules import DEFAULTS, flags

        today = clock.now().astimezone(UTC).date()
        shops, orders = Shop.objects.count(), Order.objects.count()
        print(f"{shops:,} shops, {orders:,} orders, {Day.objects.count():,} days of figures")

        seconds, flagged = [], Counter[str]()
        tracemalloc.start()
        for _ in range(args.runs):
            t0 = time.perf_counter()
            figures = gather(today)
            found = {shop_id: flags(f, today) for shop_id, f in figures.items()}
            seconds.append(time.perf_counter() - t0)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        flagged = Counter(flag.kind.value for shop_flags in found.values() for flag in shop_flags)
        print(
            f"evaluation (gather + flags), {args.runs} runs: median "
            f"{statistics.median(seconds):.2f} s (min {min(seconds):.2f}, max "
            f"{max(seconds):.2f}); {len(figures):,} shops with figures; peak Python "
            f"memory {peak:.1f} MB"
        )
        evaluation_s = statistics.median(seconds)
        if not figures or evaluation_s <= 0:
            raise fail(f"the evaluation found no shop with figures ({shops:,} shops): no figures")
        shops_flagged = sum(1 for f in found.values() if f)
        print(f"shops flagged: {shops_flagged:,}; by reason: {dict(sorted(flagged.items()))}")

        since = today.toordinal() - max(DEFAULTS.rate_window_days, 9 * DEFAULTS.surge_days)
        day_sql = (
            "SELECT shop_id, day, orders, due_orders, on_time, answered, missed "
            "FROM responsiveness_day WHERE day >= %s"
        )
        from datetime import date

        cursor = connection.cursor()
        try:
            t0 = time.perf_counter()
            cursor.execute(day_sql, [date.fromordinal(since)])
            rows = len(cursor.fetchall())
            floor = time.perf_counter() - t0
        except Exception as exc:
            raise fail(f"the reference (floor) failed: {exc!r}") from exc
        if not rows or floor <= 0:
            raise fail(
                f"the reference (floor) read {rows:,} Day rows in {floor:.6f} s: "
                "it measures nothing"
            )
        print(f"reference, floor: the {rows:,} Day rows on the driver alone in {floor:.3f} s")

        sample = list(Shop.objects.order_by("id").values_list("id", flat=True)[: args.sample])
        t0 = time.perf_counter()
        for shop_id in sample:
            flags(gather(today, shop_ids=[shop_id]).get(shop_id) or _empty(), today)
        per_shop = (time.perf_counter() - t0) / max(1, len(sample))
        if not sample or per_shop <= 0:
            raise fail(f"the reference (shop by shop) measured {len(sample)} shops: nothing")
        print(
            f"reference, shop by shop: {per_shop * 1000:.1f} ms a shop over {len(sample)} "
            f"shops, {per_shop * shops:.1f} s for all {shops:,}"
        )
        print(
            f"ratio: evaluation ÷ floor ×{evaluation_s / floor:.1f}; shop by shop (all "
            f"shops) ÷ evaluation ×{per_shop * shops / evaluation_s:.1f}"
        )
        # The whole daily run as the worker does it: figures, flags, the Health rows and
        # the queue written, and the automatic recommendations (the first run takes one
        # for every newly flagged shop; the next day's run only for new flags).
        from comptoir.standards.evaluation import evaluate_now
        from comptoir.standards.models import Action, Health

        whole = []
        for label in ("first run (every flag new)", "next run (steady state)"):
            t0 = time.perf_counter()
            evaluation = evaluate_now()
            whole.append(time.perf_counter() - t0)
            print(
                f"whole evaluation, {label}: {whole[-1]:.2f} s; {evaluation.shops_evaluated:,} "
                f"shops, {evaluation.shops_flagged:,} flagged, {evaluation.flags_raised:,} new "
                f"flags, {evaluation.automatic_actions:,} automatic recommendations"
            )
        print(f"  ({Health.objects.count():,} health rows, {Action.objects.count():,} actions)")
        print(f"{'PASS' if max(whole) < 60 else 'FAIL'}  under 60 s: {max(whole):.2f} s")
        return 0
    finally:
        stack.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def _empty() -> object:
    from comptoir.standards.rules import ShopFigures

    return ShopFigures(0, 0, [])


if __name__ == "__main__":
    sys.exit(main())
