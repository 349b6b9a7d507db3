"""Comptoir's inbox at 5N messages against django-postman's at N, in the same run.

    uv run python bench/peer_postman.py                 # N = 20,000 (Comptoir: 100,000)
    uv run python bench/peer_postman.py --messages 50000 --iterations 300
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python bench/peer_postman.py
    uv run python bench/peer_postman.py --quick         # tiny sizes, seconds (CI runs this)

The reference is django-postman, a well-known private-messages app for Django. It is never
a dependency of Comptoir: it runs in a child process started with `uv run --no-project
--with django-postman` (uv installs it in a throwaway environment, from its cache when it
has it), with a scratch settings module written to a temporary directory, so the two
Django set-ups never share a process. On that side, N messages to one user (threads of
`--messages-per-thread` from several senders) are written straight with bulk_create, then
its inbox is timed the way its inbox view builds it: `Message.objects.inbox(user)` (one
line per thread, its default), counted and sliced to the first page as dj-pagination's
`autopaginate` does, the sender read on every row; the first page alone (no count) is
timed too. Its HTML view is not: without dj-pagination (not a dependency of postman) it
renders every thread of the inbox, which measures its templates, not its inbox.

On Comptoir's side, one shop with 5N messages (threads of the same size) is built with
`comptoir seed` (in a child process), and the first page of its inbox is timed through the
selector (`conversation_list`) and through the API (`GET /api/v1/shops/{id}/conversations`,
routing, auth, selector, presenters, JSON), as bench/inbox.py does.

Both run on the same kind of database: SQLite in scratch files, or, when DATABASE_URL
names PostgreSQL, a scratch database for each beside it (dropped at the end). Page size
is the same on both sides (`--page`, 50). The ratio printed is postman's p50 over
Comptoir's (how many times faster Comptoir is, with five times the data); the issue's
goal is ≥ 10 for the selector against postman's inbox as its view queries it.

A reference that fails (postman does not install, its child fails, its inbox is empty or
a measurement has no runs) stops the bench with an error: it never prints a ratio against
zero. --quick (for CI) runs N = 200 (Comptoir 1,000), at most 10 runs or 0.5 s a
measurement: figures are printed, never compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import timedelta
from typing import Any

# bench/ is sys.path[0] when this file runs as a script (parent and child alike).
from inbox import Timing, measure, prepare
from scratch import scratch_database, seed_one_shop

QUICK = ("--messages", "200", "--iterations", "10", "--seconds", "0.5")
POSTMAN = ("django-postman", "django>=5.2,<5.3")
SEED = 1
MARK = "POSTMAN-RESULT "


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000, help="postman's N (Comptoir: 5N)")
    parser.add_argument("--messages-per-thread", type=int, default=5)
    parser.add_argument("--page", type=int, default=50, help="threads on the first page")
    parser.add_argument("--iterations", type=int, default=300, help="at most, per measurement")
    parser.add_argument("--seconds", type=float, default=10.0, help="at most, per measurement")
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    parser.add_argument("--postman-child", help=argparse.SUPPRESS)  # the reference's process
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])
    if (
        min(args.messages, args.messages_per_thread, args.page, args.iterations) < 1
        or args.seconds <= 0
    ):
        parser.error("--messages, --messages-per-thread, --page, --iterations, --seconds: > 0")
    if args.postman_child is not None:
        return postman_child(args)

    url = os.environ.get("DATABASE_URL", "")
    scratch_dir = tempfile.mkdtemp(prefix="comptoir-bench-peer-postman-")
    # Comptoir's environment is set before anything reads its settings (dropping a scratch
    # database closes Django's connections, which loads them).
    os.environ["COMPTOIR_DATA_DIR"] = os.path.join(scratch_dir, "comptoir")
    os.makedirs(os.environ["COMPTOIR_DATA_DIR"])
    os.environ["DJANGO_SETTINGS_MODULE"] = "comptoir.settings"
    os.environ["DEBUG"] = "false"
    try:
        with (
            scratch_database(url, "bench_peer_postman") as postman_url,
            scratch_database(url, "bench_peer_comptoir") as comptoir_url,
        ):
            if comptoir_url:
                os.environ["DATABASE_URL"] = comptoir_url
            reference = run_postman(args, scratch_dir, postman_url)
            comptoir = run_comptoir(args)
    finally:
        shutil.rmtree(scratch_dir, ignore_errors=True)
    report(args, reference, comptoir)
    return 0


# --- The reference: django-postman in its own environment and process -----------------


def run_postman(args: argparse.Namespace, scratch_dir: str, db_url: str) -> dict[str, Any]:
    uv = shutil.which("uv")
    if uv is None:
        raise SystemExit("bench/peer_postman.py: the reference needs uv (pip install uv)")
    packages = [*POSTMAN, *(("psycopg[binary]",) if db_url else ())]
    command = [uv, "run", "--quiet", "--no-project"]
    for package in packages:
        command += ["--with", package]
    child_dir = os.path.join(scratch_dir, "postman")
    os.makedirs(child_dir)
    command += ["python", os.path.abspath(__file__), *sys.argv[1:], "--postman-child", child_dir]
    env = {
        k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")
    }
    env.pop("DATABASE_URL", None)
    env["POSTMAN_DATABASE_URL"] = db_url
    started = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    if done.returncode != 0 or not lines:
        print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
        raise SystemExit(
            f"bench/peer_postman.py: the reference (django-postman) failed (exit "
            f"{done.returncode}), above: no figures, no ratio"
        )
    result: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    print(f"reference run in {time.perf_counter() - started:.1f} s (install, seed, measure)")
    return result


SETTINGS = """\
SECRET_KEY = "bench-peer-postman"
DEBUG = False
USE_TZ = True
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "postman"]
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
POSTMAN_AUTO_MODERATE_AS = True
"""


def postman_settings(child_dir: str) -> None:
    """The scratch project: a settings module in the child's temporary directory."""
    db_url = os.environ.get("POSTMAN_DATABASE_URL", "")
    if db_url:
        parts = urllib.parse.urlsplit(db_url)
        database = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": parts.path.lstrip("/"),
            "USER": urllib.parse.unquote(parts.username or ""),
            "PASSWORD": urllib.parse.unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
        }
    else:
        database = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.path.join(child_dir, "postman.sqlite3"),
        }
    with open(os.path.join(child_dir, "bench_postman_settings.py"), "w") as f:
        f.write(f"{SETTINGS}DATABASES = {{'default': {database!r}}}\n")
    sys.path.insert(0, child_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_postman_settings"


def postman_child(args: argparse.Namespace) -> int:
    """In postman's environment: build the scratch project, seed N messages, time the inbox."""
    postman_settings(args.postman_child)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from postman.models import STATUS_ACCEPTED, Message

    call_command("migrate", verbosity=0, interactive=False)
    User = get_user_model()
    per_thread = args.messages_per_thread
    started = time.perf_counter()
    with transaction.atomic():
        reader = User.objects.create_user("seller")
        senders = User.objects.bulk_create(
            User(username=f"buyer{i}") for i in range(min(500, args.messages))
        )
        now = timezone.now()
        batch: list[Message] = []
        for i in range(args.messages):
            thread_start = i - i % per_thread + 1
            batch.append(
                Message(
                    id=i + 1,
                    subject=f"Question about order {thread_start}",
                    body=f"Message {i + 1} of a thread of {per_thread}: when will it ship?",
                    sender_id=senders[(i // per_thread) % len(senders)].id,
                    recipient_id=reader.id,
                    parent_id=i if i % per_thread else None,
                    thread_id=thread_start,
                    sent_at=now - timedelta(seconds=args.messages - i),
                    read_at=now if i % 3 else None,
                    moderation_status=STATUS_ACCEPTED,
                )
            )
            if len(batch) == 2_000:
                Message.objects.bulk_create(batch)
                batch = []
        Message.objects.bulk_create(batch)
    seeded = time.perf_counter() - started

    def first_page_as_the_view() -> list[Message]:
        messages = Message.objects.inbox(reader)  # by conversation, as the inbox view
        if not messages.count():  # dj-pagination's autopaginate: the count, then one page
            raise SystemExit("bench/peer_postman.py: postman's inbox is empty")
        page = list(messages[: args.page])
        for message in page:
            str(message.sender)
        return page

    def first_page_alone() -> list[Message]:
        page = list(Message.objects.inbox(reader)[: args.page])
        for message in page:
            str(message.sender)
        return page

    with CaptureQueriesContext(connection) as queries:
        rows = len(first_page_as_the_view())
    if rows != min(args.page, -(-args.messages // per_thread)):
        raise SystemExit(f"bench/peer_postman.py: postman's first page has {rows} rows")
    result = {
        "vendor": connection.vendor,
        "messages": Message.objects.count(),
        "threads": Message.objects.inbox(reader).count(),
        "rows": rows,
        "queries": len(queries),
        "seed_s": seeded,
    }
    for name, call in (
        ("query", first_page_as_the_view),
        ("page", first_page_alone),
    ):
        result[name] = measure(call, args.iterations, args.seconds).__dict__
    print(MARK + json.dumps(result), flush=True)
    return 0


# --- Comptoir, in this process (its data built by `comptoir seed` in a child) ----------


def run_comptoir(args: argparse.Namespace) -> dict[str, Any]:
    messages = 5 * args.messages
    threads = -(-messages // args.messages_per_thread)
    seeded, _ = seed_one_shop(
        threads=threads, messages=messages, seed=SEED, bench="bench/peer_postman.py"
    )

    import django

    django.setup()
    from django.db import connection

    from comptoir.messaging.models import Message

    shop = prepare("comptoir", SEED)
    if not shop.inbox:
        raise SystemExit("bench/peer_postman.py: Comptoir's inbox is empty: no figures")
    result: dict[str, Any] = {
        "vendor": connection.vendor,
        "messages": Message.objects.count(),
        "threads": shop.threads,
        "inbox": shop.inbox,
        "queries": shop.queries,
        "seed_s": seeded,
    }
    for name in ("selector", "api"):
        result[name] = measure(getattr(shop, name), args.iterations, args.seconds).__dict__
    connection.close()
    return result


# --- Report ----------------------------------------------------------------------------


def report(args: argparse.Namespace, postman: dict[str, Any], comptoir: dict[str, Any]) -> None:
    def timing(raw: dict[str, Any], who: str) -> Timing:
        t = Timing(**raw)
        if t.runs < 1 or t.p50_ms <= 0 or t.p99_ms <= 0:
            raise SystemExit(
                f"bench/peer_postman.py: {who} measured nothing ({t.runs} runs, p50 "
                f"{t.p50_ms} ms): no ratio against zero"
            )
        return t

    reference = {k: timing(postman[k], f"postman's {k}") for k in ("query", "page")}
    ours = {k: timing(comptoir[k], f"Comptoir's {k}") for k in ("selector", "api")}
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(
        f"\ndatabase: {comptoir['vendor']}   load average: {load}   first page of {args.page} "
        f"threads; at most {args.iterations} runs or {args.seconds:g} s per measurement"
    )
    print(
        f"django-postman: {postman['messages']:,} messages, {postman['threads']:,} threads in "
        f"the inbox (seeded in {postman['seed_s']:.1f} s), {postman['queries']} queries a page"
    )
    labels = {
        "query": "inbox as its view queries it (count + page)",
        "page": "inbox, first page alone",
    }
    for name, t in reference.items():
        print(f"  {labels[name]:<44} {line(t)}")
    print(
        f"Comptoir: {comptoir['messages']:,} messages, {comptoir['threads']:,} threads "
        f"({comptoir['inbox']:,} in the inbox; seeded in {comptoir['seed_s']:.1f} s), queries "
        f"a page: selector {comptoir['queries'][0]}, API {comptoir['queries'][1]}"
    )
    labels = {"selector": "first page, selector", "api": "first page, API (JSON over HTTP)"}
    for name, t in ours.items():
        print(f"  {labels[name]:<44} {line(t)}")
    scale = comptoir["messages"] / postman["messages"]
    print(f"\nComptoir at ×{scale:.1f} the messages, times faster (postman p50 ÷ Comptoir p50):")
    pairs = (
        ("query", "selector", "selector vs postman's inbox as its view queries it (goal ≥ 10)"),
        ("page", "selector", "selector vs postman's first page alone"),
        ("query", "api", "API vs postman's inbox as its view queries it"),
    )
    for ref, name, what in pairs:
        a, b = reference[ref], ours[name]
        print(f"  {what:<64} ×{a.p50_ms / b.p50_ms:6.1f}   (p99 ×{a.p99_ms / b.p99_ms:.1f})")


def line(t: Timing) -> str:
    return (
        f"p50 {t.p50_ms:7.2f} ms   p99 {t.p99_ms:7.2f} ms   ({t.runs} runs, {t.full_gcs} full GC)"
    )


if __name__ == "__main__":
    sys.exit(main())
