"""How fast replies go through the real server over HTTP, against the database driver alone.

    uv run python bench/send.py                    # SQLite, in a scratch data directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/send.py
    uv run python bench/send.py --seconds 30 --connections 32 --threads 256
    uv run python bench/send.py --auto-replies       # then thread starts, without/with auto-reply
    uv run python bench/send.py --only-auto-replies  # only those
    uv run python bench/send.py --quick            # tiny sizes, seconds (CI runs this)

One run:

1. makes a scratch data directory (and, on PostgreSQL, a database `bench_send_<pid>` on the
   server of DATABASE_URL: the database named there is only used to connect, its tables
   are never touched; the bench database is dropped at the end), migrates it with
   `comptoir manage migrate`, and creates through the real services a shop with one
   member (the seller), a listing and one buyer per thread, and through the API
   (in-process) their threads (64 by default), plus one more thread for the "all
   connections on ONE thread" variant;
2. starts `comptoir serve --no-demo --no-worker` (granian WSGI, its default workers and
   threads, DEBUG off) on a free port with that data directory and database, so the
   e-mail outbox rows and their task rows simply accumulate;
3. drives replies over keep-alive HTTP/1.1 (http.client, one connection per client
   thread), alternating seller (`POST /api/v1/shops/{shop}/conversations/{id}/messages`)
   and buyer (`POST /api/v1/me/conversations/{id}/messages`) replies, for --seconds after
   a --warmup; first spread over the threads (each connection picks one at random), then
   with every connection on the same thread. Any answer but 201 counts as an error;
4. prints messages/s, p50/p99/max latency, errors, the CPU used over the window (server
   processes, this client, the whole machine: other work on the machine shows there),
   the server's peak RSS (VmHWM of the server process and its children, from /proc) and
   the database; then checks that every 201 left exactly one message row (and stops with
   an error if not, or if no reply succeeded);
5. stops the server (by its pid) and measures, as the reference, a reply's statements run
   with the driver alone on the same database (sqlite3 / psycopg; `RAW_SQL`: the token
   and shop reads, then one transaction with the locked sides, the message, the thread,
   both sides, the e-mail and its task, the folder counters, the responsiveness span and
   day, the live event), seller and buyer alternating as over HTTP, from one connection
   and on PostgreSQL also from --connections threads. First it runs one reply of each
   side in-process through the API and one with the reference, both rolled back, and
   prints their statements side by side (kind and table), saying when they differ. A
   reference that fails (any error, nothing done in the window, or a message count that
   does not match its commits) stops the bench with an error: it never prints a zero rate or
   divides by zero. Last, a summary: Comptoir and the reference, msg/s, p50 and p99, in
   the same run, and the ratio HTTP ÷ raw.

With --auto-replies (after all that; --only-auto-replies skips steps 2 to 5), on the same
database:

6. creates --auto-buyers buyers (2,000 by default) with tokens, starts the server again,
   and drives buyers starting new threads (`POST /api/v1/me/conversations`, kind
   shop_inquiry, to the bench shop; any answer but 201 is an error) at --connections for
   --seconds after a --warmup, the buyers taken in turn across the connections, twice:
   first with no auto-reply configured, then with a weekly auto-reply due right now,
   turned on from this process through `autoreplies.services.weekly_set` (available
   09:00–17:00 on the five days after today in the shop's zone; `schedule.due` is checked
   to say WEEKLY). A buyer gets at most DAILY_CAP (5) auto-replies in 24 hours, hence the
   many buyers: phase 2 needs about one per 5 starts;
7. prints threads/s, p50/p99, errors for each phase, the ratio with ÷ without and the
   throughput change; the SQL of one start in each phase (one start through the API
   in-process for the first buyer in turn, inside a transaction rolled back, counted
   with CaptureQueriesContext by statement kind, savepoints left out) and what the
   auto-reply adds (the contract: at most one more INSERT); then, from the database, how
   many of each phase's threads (warm-up included) got their auto-reply.

The client runs on the same machine as the server and the database: on a small machine
they share the CPUs (the client's own CPU use is printed).

--quick (for CI) runs steps 1 to 5 with 4 threads, 2 connections, 1 s windows after
1 s of warm-up: the figures are printed, never compared; what it checks is that every
part still runs and that the reference did its work.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import itertools
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BODIES = (
    "Is it pre-washed? I would like to order two of them.",
    "Yes, washed twice: it will not shrink any more.",
    "Could you ship it to Belgium by the end of next week?",
    "Of course, we ship every weekday; tracking comes by e-mail.",
)


# --- What the benchmark writes to -------------------------------------------------------


@dataclass(frozen=True)
class Thread:
    """One conversation, its two sides and the buyer's token."""

    conversation_id: int
    buyer_id: int
    buyer_token: str
    shop_party_id: int
    buyer_party_id: int


@dataclass(frozen=True)
class Buyer:
    """A buyer who starts threads, and their token."""

    id: int
    token: str


@dataclass(frozen=True)
class Fixture:
    shop_external_id: str
    shop_id: int
    seller_id: int
    seller_token: str
    spread: tuple[Thread, ...]
    hot: Thread


@dataclass
class Database:
    """Where the data goes: SQLite in the data directory, or a fresh PostgreSQL database."""

    vendor: str  # "sqlite" or "postgresql"
    data_dir: Path
    url: str = ""  # the bench database's URL (PostgreSQL)
    admin_url: str = ""  # where CREATE / DROP DATABASE run (PostgreSQL)
    name: str = ""

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "comptoir.sqlite3"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            COMPTOIR_DATA_DIR=str(self.data_dir),
            DJANGO_SETTINGS_MODULE="comptoir.settings",
            DEBUG="false",
        )
        if self.vendor == "postgresql":
            env["DATABASE_URL"] = self.url
        else:
            env.pop("DATABASE_URL", None)
        return env


def _is_postgres(url: str) -> bool:
    return urllib.parse.urlsplit(url).scheme in ("postgres", "postgresql", "pgsql")


def _with_dbname(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


@contextmanager
def database(data_dir: Path) -> Iterator[Database]:
    url = os.environ.get("DATABASE_URL", "")
    if url and not _is_postgres(url):
        if not url.startswith("sqlite"):
            raise SystemExit(f"bench/send.py: only SQLite and PostgreSQL are supported ({url})")
        print("DATABASE_URL is SQLite: using a fresh file in the scratch directory instead")
        url = ""
    if not url:
        yield Database(vendor="sqlite", data_dir=data_dir)
        return
    import psycopg
    from psycopg import sql

    name = f"bench_send_{os.getpid()}"
    admin_url = _with_dbname(url, "postgres")
    try:
        psycopg.connect(admin_url, autocommit=True).close()
    except psycopg.OperationalError:
        admin_url = url  # no maintenance database: connect to the given one, touch nothing
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    db = Database(
        vendor="postgresql",
        data_dir=data_dir,
        url=_with_dbname(url, name),
        admin_url=admin_url,
        name=name,
    )
    try:
        yield db
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            try:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            except psycopg.errors.SyntaxError:  # before PostgreSQL 13
                admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        print(f"dropped database {name}")


def comptoir_command() -> list[str]:
    """The project's `comptoir` entry point (what `uv run comptoir` runs)."""
    script = Path(sys.executable).with_name("comptoir")
    return [str(script)] if script.exists() else ["uv", "run", "comptoir"]


def migrate(db: Database) -> None:
    subprocess.run(
        [*comptoir_command(), "manage", "migrate", "--no-input", "--verbosity", "0"],
        env=db.env(),
        check=True,
    )


def build_fixture(db: Database, threads: int) -> Fixture:
    """Shop, seller, listing, buyers through the real services; threads through the API
    (in-process), as a buyer starts one."""
    env = db.env()
    os.environ.update(env)
    if "DATABASE_URL" not in env:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from decimal import Decimal

    from django.db import connections

    from comptoir.accounts.models import User
    from comptoir.accounts.services import api_token_create
    from comptoir.catalog.services import listing_upsert
    from comptoir.messaging.models import Party, Side
    from comptoir.shops.models import ShopMember
    from comptoir.shops.services import shop_member_add, shop_upsert

    shop, _outcome = shop_upsert(external_id="bench-shop", name="Atelier Banc")
    seller = User.objects.create_user(username="bench-seller", email="seller@bench.example")
    shop_member_add(shop=shop, user=seller, role=ShopMember.Role.OWNER)
    listing, _outcome = listing_upsert(
        shop=shop, external_id="bench-listing", title="Linen apron", price=Decimal("35.00")
    )
    made: list[Thread] = []
    for i in range(threads + 1):
        buyer = User.objects.create_user(
            username=f"bench-buyer-{i}",
            external_id=f"bench-buyer-{i}",
            email=f"buyer{i}@bench.example",
        )
        token = api_token_create(user=buyer, name="bench").secret
        started = api_post(
            "/api/v1/me/conversations",
            token,
            {"kind": "listing_inquiry", "listing_id": listing.external_id, "body": BODIES[0]},
        )
        conversation_id = int(started["conversation_id"])
        sides = {p.side: p.id for p in Party.objects.filter(conversation_id=conversation_id)}
        made.append(
            Thread(
                conversation_id=conversation_id,
                buyer_id=buyer.id,
                buyer_token=token,
                shop_party_id=sides[Side.SHOP],
                buyer_party_id=sides[Side.BUYER],
            )
        )
    fixture = Fixture(
        shop_external_id=shop.external_id,
        shop_id=shop.id,
        seller_id=seller.id,
        seller_token=api_token_create(user=seller, name="bench").secret,
        spread=tuple(made[:-1]),
        hot=made[-1],
    )
    connections.close_all()
    return fixture


def api_post(path: str, token: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST to the API in-process (Django's test client), as the HTTP clients do."""
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").post(
        path,
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    if response.status_code != 201:
        raise RuntimeError(
            f"POST {path} answered {response.status_code}: {response.content[:300]!r}"
        )
    answer: dict[str, Any] = response.json()
    return answer


def database_facts(db: Database) -> tuple[str, int, int]:
    """The server's version, and how many messages and outbox e-mails the database holds."""
    from django.db import connection, connections

    from comptoir.core.models import OutboxEmail
    from comptoir.messaging.models import Message

    with connection.cursor() as cursor:
        if db.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
        else:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
    facts = (version, Message.objects.count(), OutboxEmail.objects.count())
    connections.close_all()
    return facts


# --- The server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _children(pid: int) -> list[int]:
    """Every live descendant of `pid`, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _name(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "?"


def _cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time of these processes so far."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _machine_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine so far."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


@dataclass(frozen=True)
class Sample:
    at: float
    client_cpu: float
    server_cpu: float
    machine: tuple[int, int]


class Server:
    """`comptoir serve` as a child process, stopped by its pid."""

    def __init__(self, db: Database) -> None:
        self.port = free_port()
        self.log_path = db.data_dir / "serve.log"
        self.log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                *comptoir_command(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--no-demo",
                "--no-worker",
            ],
            env=db.env(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl+C of the bench reaches it through stop() only
        )
        self.seen: set[int] = set()

    def wait_ready(self, token: str, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}):\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/api/v1/me/folders", headers={"Authorization": token})
                status = conn.getresponse().status
                conn.close()
                if status == 200:
                    self.seen.update(_children(self.process.pid))
                    return
                raise RuntimeError(f"GET /api/v1/me/folders answered {status}:\n{self.tail()}")
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
        raise RuntimeError(f"the server did not answer within {timeout:.0f} s:\n{self.tail()}")

    def peak_rss_kb(self) -> tuple[int, list[tuple[str, int]]]:
        """VmHWM of the server process and of each of its descendants (the workers)."""
        children = _children(self.process.pid)
        self.seen.update(children)
        named = [(_name(pid), _vm_hwm_kb(pid)) for pid in children]
        return _vm_hwm_kb(self.process.pid), [(name, kb) for name, kb in named if kb]

    def sample(self) -> Sample:
        pids = [self.process.pid, *_children(self.process.pid)]
        return Sample(
            at=time.perf_counter(),
            client_cpu=time.process_time(),
            server_cpu=_cpu_seconds(pids),
            machine=_machine_ticks(),
        )

    def tail(self, lines: int = 30) -> str:
        self.log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.seen.update(_children(self.process.pid))
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for pid in self.seen:  # a worker left behind by its server: only ours, by pid
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.log.close()


# --- Driving the API --------------------------------------------------------------------


@dataclass
class Run:
    """What a load phase measured: completions inside the window, errors in all of it."""

    seconds: float
    ok: int = 0
    created: int = 0  # every 201, warm-up and stragglers included
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    warmup_requests: int = 0
    client_cpu: float = 0.0  # in cores, over the window
    server_cpu: float = 0.0  # in cores, over the window
    machine_busy: float = 0.0  # share of all the machine's CPUs, over the window

    @property
    def rate(self) -> float:
        return self.ok / self.seconds

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies_ms)
        if not ordered:
            return math.nan
        return ordered[min(len(ordered) - 1, max(0, math.ceil(q * len(ordered)) - 1))]


# What a client sends next, from (its index, how many it sent, its random generator):
# (path, token, JSON body), POSTed.
Plan = Callable[[int, int, random.Random], tuple[str, str, str]]


def _request_plan(fixture: Fixture, thread: Thread, seller_turn: bool) -> tuple[str, str]:
    if seller_turn:
        path = (
            f"/api/v1/shops/{fixture.shop_external_id}/conversations/"
            f"{thread.conversation_id}/messages"
        )
        return path, fixture.seller_token
    return f"/api/v1/me/conversations/{thread.conversation_id}/messages", thread.buyer_token


def reply_plan(fixture: Fixture, threads: Sequence[Thread]) -> Plan:
    """Replies on threads picked at random, seller and buyer alternating."""

    def plan(index: int, sent: int, rng: random.Random) -> tuple[str, str, str]:
        thread = rng.choice(threads)
        path, token = _request_plan(fixture, thread, (index + sent) % 2 == 0)
        body = json.dumps({"body": f"{BODIES[sent % len(BODIES)]} ({index}.{sent})"})
        return path, token, body

    return plan


def start_plan(fixture: Fixture, buyers: Sequence[Buyer]) -> Plan:
    """New threads to the shop (shop_inquiry), the buyers taken in turn across clients."""
    turn = itertools.count()
    lock = threading.Lock()

    def plan(index: int, sent: int, rng: random.Random) -> tuple[str, str, str]:
        with lock:
            buyer = buyers[next(turn) % len(buyers)]
        body = json.dumps(
            {
                "kind": "shop_inquiry",
                "shop_id": fixture.shop_external_id,
                "body": f"{BODIES[0]} ({index}.{sent})",
            }
        )
        return "/api/v1/me/conversations", buyer.token, body

    return plan


def drive(
    port: int,
    plan: Plan,
    *,
    connections: int,
    warmup: float,
    seconds: float,
    idempotency: bool,
    sample: Callable[[], Sample],
) -> Run:
    start = threading.Barrier(connections + 1)
    timing: dict[str, float] = {}
    results: list[list[tuple[float, float, int, str]]] = [[] for _ in range(connections)]

    def client(index: int) -> None:
        rng = random.Random(index)
        out = results[index]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        start.wait()
        end = timing["end"]
        sent = 0
        while True:
            began = time.perf_counter()
            if began >= end:
                break
            path, token, body = plan(index, sent, rng)
            headers = {
                "Authorization": f"Bearer {token}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            }
            if idempotency:
                headers["Idempotency-Key"] = f"bench-{os.getpid()}-{index}-{sent}"
            try:
                conn.request("POST", path, body=body.encode(), headers=headers)
                response = conn.getresponse()
                data = response.read()
                status, detail = response.status, ""
                if status != 201:
                    detail = data[:160].decode(errors="replace")
            except (OSError, http.client.HTTPException) as exc:
                status, detail = 0, f"{type(exc).__name__}: {exc}"
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            out.append((began, time.perf_counter(), status, detail))
            sent += 1
        conn.close()

    workers = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(connections)]
    for worker in workers:
        worker.start()
    timing["begin"] = time.perf_counter()
    timing["window"] = timing["begin"] + warmup
    timing["end"] = timing["window"] + seconds
    start.wait()
    time.sleep(max(0.0, timing["window"] - time.perf_counter()))
    first = sample()
    time.sleep(max(0.0, timing["end"] - time.perf_counter()))
    last = sample()
    for worker in workers:
        worker.join()
    run = Run(seconds=seconds)
    elapsed = last.at - first.at
    run.client_cpu = (last.client_cpu - first.client_cpu) / elapsed
    run.server_cpu = (last.server_cpu - first.server_cpu) / elapsed
    busy, total = (b - a for a, b in zip(first.machine, last.machine, strict=True))
    run.machine_busy = busy / total if total else math.nan
    for out in results:
        for began, done, status, detail in out:
            if done < timing["window"]:
                run.warmup_requests += 1
            if status != 201:
                run.errors[f"{status} {detail}"] += 1
                continue
            run.created += 1
            if timing["window"] <= done <= timing["end"]:
                run.ok += 1
                run.latencies_ms.append((done - began) * 1000)
    return run


def report_run(
    title: str, run: Run, *, per: str = "messages", done: str = "replies", one: str = "a reply"
) -> None:
    errors = sum(run.errors.values())
    print(title)
    print(
        f"  {run.rate:,.0f} {per}/s   p50 {run.percentile(0.50):.1f} ms   "
        f"p99 {run.percentile(0.99):.1f} ms   max {max(run.latencies_ms, default=math.nan):.1f} ms"
        f"   errors {errors}   ({run.ok:,} {done} in {run.seconds:.0f} s after "
        f"{run.warmup_requests:,} warm-up requests)"
    )
    print(
        f"  CPU over the window: server {run.server_cpu:.2f} cores "
        f"({run.server_cpu * 1000 / run.rate if run.ok else math.nan:.1f} ms {one}), client "
        f"{run.client_cpu:.2f} cores, whole machine {run.machine_busy:.0%} busy "
        f"({os.cpu_count()} CPUs)"
    )
    for what, count in run.errors.most_common(8):
        print(f"    {count} × {what}")


# --- The reference: the driver alone ----------------------------------------------------

# The SQL of one reply, spelled for the driver. Read from the reply path (one seller
# reply and one buyer reply captured in-process with `connection.execute_wrapper`): the
# same tables, columns, WHERE clauses, locks, RETURNING and order, with %s placeholders
# (? on SQLite). `RawReplier.reply` runs them with the decisions the app takes from the
# rows it reads; what it leaves out is Python work (signing the e-mail's link, screening
# the text, building queries). Every run compares these statements with the ones a real
# reply runs at that moment (`statement_check`) and says so when they differ.
RAW_SQL = {
    # Outside the transaction: the API token, and for a seller the shop they work in.
    "token": (
        "SELECT t.*, u.* FROM accounts_apitoken t INNER JOIN accounts_user u "
        "ON t.user_id = u.id WHERE t.key_hash = %s AND t.revoked_at IS NULL AND u.is_active "
        "ORDER BY t.created_at DESC LIMIT 1"
    ),
    "member_shop": (
        "SELECT s.* FROM shops_shop s INNER JOIN shops_shopmember m ON s.id = m.shop_id "
        "WHERE s.external_id = %s AND m.user_id = %s ORDER BY s.name LIMIT 1"
    ),
    # The transaction: both sides locked in id order, with the thread, shop, buyer, and
    # the listing and order the e-mail names.
    "parties": (
        "SELECT p.*, c.*, s.*, u.*, l.*, o.* FROM messaging_party p "
        "INNER JOIN messaging_conversation c ON p.conversation_id = c.id "
        "INNER JOIN shops_shop s ON c.shop_id = s.id "
        "LEFT OUTER JOIN accounts_user u ON c.buyer_id = u.id "
        "LEFT OUTER JOIN catalog_listing l ON c.listing_id = l.id "
        "LEFT OUTER JOIN orders_order o ON c.order_id = o.id "
        "WHERE p.conversation_id = %s ORDER BY p.id"
    ),
    # Screening a shop's text: does the buyer agree to marketing from this shop?
    "consent": (
        "SELECT %s AS a FROM consent_consent WHERE buyer_id = %s AND shop_id = %s AND given LIMIT 1"
    ),
    "message": (
        "INSERT INTO messaging_message (conversation_id, sender_side, author_id, body, "
        "is_automatic, no_response_needed, saved_reply_id, created_at, is_marketing, "
        "warnings, held, via_email) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
        "RETURNING id"
    ),
    "conversation": (
        "UPDATE messaging_conversation SET last_message_at = %s, "
        "message_count = (message_count + %s), preview = %s WHERE id = %s"
    ),
    "sender": (
        "UPDATE messaging_party SET folder = %s, unread_count = %s, has_sent = %s, "
        "last_read_at = %s, last_message_at = %s, awaiting_reply_since = NULL WHERE id = %s"
    ),
    "recipient": (
        "UPDATE messaging_party SET folder = %s, unread_count = %s, last_message_at = %s, "
        "awaiting_reply_since = %s WHERE id = %s"
    ),
    # A buyer's message is e-mailed to every member of the shop who has an address.
    "members": (
        "SELECT u.* FROM accounts_user u INNER JOIN shops_shopmember m ON u.id = m.user_id "
        "WHERE m.shop_id = %s AND u.email_notifications AND NOT (u.email = %s)"
    ),
    "email": (
        "INSERT INTO core_outboxemail (recipient, subject, body, html, link, reason, headers, "
        "created_at, sent_at, attempts, next_attempt_at, last_error, dead_at) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s) RETURNING id"
    ),
    # A burst of e-mails shares one worker run: is one already waiting to start soon?
    # (Asked once per window: the run seen or queued is remembered.)
    "waiting_run": (
        "SELECT run_after FROM django_tasks_database_dbtaskresult WHERE (run_after <= %s AND "
        "run_after > %s AND status = %s AND task_path = %s) ORDER BY run_after DESC LIMIT 1"
    ),
    "task": (
        "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, "
        "started_at, finished_at, args_kwargs, priority, task_path, worker_ids, queue_name, "
        "backend_name, run_after, return_value, exception_class_path, traceback) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    ),
    # Folder counters, only for a side whose thread turns read or unread; shops first; last
    # in the transaction. They return the unread count the live event carries.
    "shop_count": (
        "UPDATE messaging_foldercount SET threads = threads + %s, "
        "unread_threads = unread_threads + %s WHERE shop_id = %s AND folder = %s "
        "RETURNING unread_threads"
    ),
    "buyer_count": (
        "UPDATE messaging_foldercount SET threads = threads + %s, "
        "unread_threads = unread_threads + %s WHERE buyer_id = %s AND folder = %s "
        "RETURNING unread_threads"
    ),
    # Responsiveness: a shop's message closes the open span (returning its start) and adds
    # it to the day's figures; a buyer's message opens a span unless one is open.
    "close_span": (
        "UPDATE responsiveness_span SET closed_at = %s, closed_by_id = %s "
        "WHERE conversation_id = %s AND closed_at IS NULL "
        "RETURNING opened_at, spam, no_response_needed"
    ),
    # The message.created listener: which endpoints subscribed (none here).
    "endpoints": ("SELECT id, events FROM webhooks_endpoint WHERE active ORDER BY id"),
    "day": (
        "INSERT INTO responsiveness_day (shop_id, day, spans, span_total_us, span_median_us, "
        "answered, missed, orders, due_orders, on_time, ratings, rating_sum) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, 0, 0, 0, 0, 0) "
        "ON CONFLICT (shop_id, day) DO UPDATE SET spans = responsiveness_day.spans + "
        "excluded.spans, span_total_us = responsiveness_day.span_total_us + "
        "excluded.span_total_us, span_median_us = CASE WHEN excluded.spans > 0 THEN NULL "
        "ELSE responsiveness_day.span_median_us END, answered = responsiveness_day.answered "
        "+ excluded.answered, missed = responsiveness_day.missed + excluded.missed"
    ),
    # The shop's first answer in a thread the buyer started also answers its first message
    # (added to the day of its receipt with the span).
    "open_first": (
        "SELECT id, received_at, deadline, spam, no_response_needed, outcome "
        "FROM responsiveness_firstmessage WHERE (answer_id IS NULL AND conversation_id = %s) "
        "ORDER BY id LIMIT 1"
    ),
    "answer_first": (
        "UPDATE responsiveness_firstmessage SET answer_id = %s, answered_at = %s, "
        "answered_by_id = %s, answered_automatically = %s, outcome = %s WHERE id = %s"
    ),
    "new_span": (
        "INSERT INTO responsiveness_span (shop_id, conversation_id, opened_by_id, opened_at, "
        "closed_by_id, closed_at, spam, no_response_needed) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
    ),
    # The live update: the unread count of a side whose counter did not change, then one
    # event row per side.
    "unread": (
        "SELECT shop_id, buyer_id, unread_threads FROM messaging_foldercount "
        "WHERE ((shop_id = %s OR buyer_id = %s) AND folder = %s)"
    ),
    "live": (
        'INSERT INTO core_liveevent ("group", payload, created_at) '
        "VALUES (%s, %s, %s), (%s, %s, %s) RETURNING id"
    ),
}


class RawReplier:
    """One driver connection writing replies with the SQL of `RAW_SQL`."""

    def __init__(self, db: Database, fixture: Fixture) -> None:
        self.db, self.fixture = db, fixture
        self.postgres = db.vendor == "postgresql"
        self.trace: list[str] | None = None  # statement names, when tracing
        self.waiting_run: datetime | None = None  # as core.tasks remembers it
        if self.postgres:
            import psycopg
            from psycopg.types.json import Jsonb

            self.jsonb = Jsonb
            self.conn: Any = psycopg.connect(db.url, autocommit=True)
            self.sql = dict(RAW_SQL)
            self.sql["parties"] += " FOR UPDATE OF p"
        else:
            # As the app's settings: WAL, synchronous=NORMAL, IMMEDIATE transactions.
            self.conn = sqlite3.connect(db.sqlite_path, timeout=20, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
                self.conn.execute(f"PRAGMA {pragma}")
            self.sql = {k: v.replace("%s", "?") for k, v in RAW_SQL.items()}

    def close(self) -> None:
        self.conn.close()

    # Values as Django sends them to each database.
    def at(self, value: datetime) -> Any:
        return value if self.postgres else value.replace(tzinfo=None).isoformat(sep=" ")

    def json(self, value: Any) -> Any:
        return self.jsonb(value) if self.postgres else json.dumps(value)

    def parse_at(self, value: Any) -> datetime:
        return value if self.postgres else datetime.fromisoformat(value).replace(tzinfo=UTC)

    def run(self, name: str, params: tuple[Any, ...]) -> Any:
        if self.trace is not None:
            self.trace.append(self.sql[name])
        return self.conn.execute(self.sql[name], params)

    def reply(self, thread: Thread, seller_turn: bool, body: str, *, commit: bool = True) -> None:
        """One reply: the reads, then one transaction (rolled back when not `commit`)."""
        fixture = self.fixture
        token = fixture.seller_token if seller_turn else thread.buyer_token
        self.run("token", (hashlib.sha256(token.encode()).hexdigest(),)).fetchall()
        if seller_turn:
            self.run("member_shop", (fixture.shop_external_id, fixture.seller_id)).fetchall()
        if self.postgres:
            self.conn.execute("BEGIN")
        else:
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            self._write(thread, seller_turn, body)
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT" if commit else "ROLLBACK")

    def _write(self, thread: Thread, seller_turn: bool, body: str) -> None:
        fixture, now = self.fixture, datetime.now(UTC)
        cursor = self.run("parties", (thread.conversation_id,))
        names = [d[0] for d in cursor.description]
        column = {name: names.index(name) for name in set(names)}  # first: the party's
        sides = {row[column["side"]]: row for row in cursor.fetchall()}
        if seller_turn:
            side, author, sender, recipient = "shop", fixture.seller_id, "shop", "buyer"
            self.run("consent", (1, thread.buyer_id, fixture.shop_id)).fetchall()
        else:
            side, author, sender, recipient = "buyer", thread.buyer_id, "buyer", "shop"
        mine, theirs = sides[sender], sides[recipient]
        message_id = self.run(
            "message",
            (thread.conversation_id, side, author, body, False, False, None, self.at(now),
             False, self.json([]), False, False),
        ).fetchone()[0]  # fmt: skip
        self.run("conversation", (self.at(now), 1, body[:160], thread.conversation_id))
        self.run(
            "sender",
            (mine[column["folder"]], 0, True, self.at(now), self.at(now), mine[column["id"]]),
        )
        unread = theirs[column["unread_count"]]
        self.run(
            "recipient",
            (theirs[column["folder"]], unread + 1, self.at(now),
             theirs[column["awaiting_reply_since"]] or self.at(now), theirs[column["id"]]),
        )  # fmt: skip
        if theirs[column["folder"]] != "spam":
            if seller_turn:
                emails = [mine[column["email"]]] if mine[column["email"]] else []
            else:
                cursor = self.run("members", (fixture.shop_id, ""))
                at = [d[0] for d in cursor.description].index("email")
                emails = [row[at] for row in cursor.fetchall()]
            for email in emails:
                self._email(email, thread, side, body, now)
        if seller_turn:
            answers_first = not mine[column["has_sent"]] and mine[column["started_by"]] == "buyer"
            self._shop_wrote(thread, message_id, now, answers_first=answers_first)
        else:
            spam = sides["shop"][column["marked_spam_at"]] is not None
            self.run(
                "new_span",
                (fixture.shop_id, thread.conversation_id, message_id, self.at(now), None, None,
                 spam, False),
            )  # fmt: skip
        self.run("endpoints", ()).fetchall()
        # Counters (same folder before and after here): read or unread, shops first.
        change = {sender: -1 if mine[column["unread_count"]] else 0, recipient: 0 if unread else 1}
        counts: dict[tuple[int | None, int | None], int] = {}
        if change["shop"]:
            counts[(fixture.shop_id, None)] = self.run(
                "shop_count", (0, change["shop"], fixture.shop_id, "inbox")
            ).fetchone()[0]
        if change["buyer"]:
            counts[(None, thread.buyer_id)] = self.run(
                "buyer_count", (0, change["buyer"], thread.buyer_id, "inbox")
            ).fetchone()[0]
        if len(counts) < 2:
            for shop_id, buyer_id, n in self.run(
                "unread", (fixture.shop_id, thread.buyer_id, "inbox")
            ).fetchall():
                counts.setdefault((shop_id, buyer_id), n)
        events: list[Any] = []
        for party_side in (sender, recipient):
            shop_side = party_side == "shop"
            key = (fixture.shop_id, None) if shop_side else (None, thread.buyer_id)
            payload = {
                "event": "message",
                "side": party_side,
                "shop_id": fixture.shop_id if shop_side else None,
                "conversation_id": thread.conversation_id,
                "counts": {"unread_inbox": counts.get(key, 0)},
            }
            group = f"live.shop.{fixture.shop_id}" if shop_side else f"live.buyer.{thread.buyer_id}"
            events += [group, self.json(payload), self.at(datetime.now(UTC))]
        self.run("live", tuple(events)).fetchall()

    def _email(self, email: str, thread: Thread, side: str, body: str, now: datetime) -> None:
        who = "Atelier Banc" if side == "shop" else "bench buyer"
        path = "messages" if side == "shop" else "shop/messages"
        email_id = self.run(
            "email",
            (email, "New message: Linen apron",
             f"{who} wrote:\n\n{body}\n\nRead and answer in Comptoir:",
             f"<p>{who} wrote:</p><p>{body}</p>",
             f"http://127.0.0.1:8000/{path}/{thread.conversation_id}/", "new_message",
             self.json({}), self.at(now), None, 0, self.at(now), "", None),
        ).fetchone()[0]  # fmt: skip
        # The app's outbox.enqueue_batched: a run waiting to start within a second takes
        # this e-mail too; otherwise one run is queued to start a second from now.
        task_path = "comptoir.core.outbox.deliver_email"
        now = datetime.now(UTC)
        start, margin = now + timedelta(seconds=1), now + timedelta(seconds=0.5)
        if self.waiting_run is not None and margin < self.waiting_run <= start:
            return
        seen = self.run(
            "waiting_run", (self.at(start), self.at(margin), "READY", task_path)
        ).fetchone()
        if seen:
            self.waiting_run = self.parse_at(seen[0])
            return
        self.waiting_run = start  # the app remembers it once committed: the same here
        task_id: Any = uuid.uuid4() if self.postgres else uuid.uuid4().hex
        self.run(
            "task",
            (task_id, "READY", self.at(datetime.now(UTC)), None, None,
             self.json({"args": [email_id], "kwargs": {}}), 0,
             task_path, self.json([]), "default", "default",
             self.at(start), None, "", ""),
        )  # fmt: skip

    def _shop_wrote(
        self, thread: Thread, message_id: int, now: datetime, *, answers_first: bool
    ) -> None:
        """Close the open span, answer the first message, add them to the day's figures."""
        figures = [0, 0, 0, 0, 0]  # spans, total, first length, answered, missed
        span = self.run("close_span", (self.at(now), message_id, thread.conversation_id)).fetchone()
        if span is not None and not (span[1] or span[2]):  # spam, no response needed: left out
            length = (now - self.parse_at(span[0])) // timedelta(microseconds=1)
            figures[:3] = [1, length, length]
        if answers_first:
            first = self.run("open_first", (thread.conversation_id,)).fetchone()
            if first is not None:
                first_id, _received, deadline, spam, no_response, was = first
                on_time = now <= self.parse_at(deadline)
                self.run(
                    "answer_first",
                    (message_id, self.at(now), self.fixture.seller_id, False,
                     "answered" if on_time else "late", first_id),
                )  # fmt: skip
                # The day it was received, as the app does (the same UTC day here).
                if not (spam or no_response) and was == "pending":
                    figures[3 if on_time else 4] += 1
        if not any(figures):
            return
        day: Any = now.date() if self.postgres else now.date().isoformat()
        median = figures[2] if figures[0] == 1 else None
        self.run("day", (self.fixture.shop_id, day, figures[0], figures[1], median, *figures[3:]))


@dataclass
class RawRun:
    """What the reference measured, as `Run` does for the app."""

    seconds: float
    ok: int = 0
    done: int = 0  # every committed reply, warm-up included
    latencies_ms: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds

    def percentile(self, q: float) -> float:
        return Run(seconds=self.seconds, latencies_ms=self.latencies_ms).percentile(q)


def raw_run(
    db: Database,
    fixture: Fixture,
    threads: Sequence[Thread],
    *,
    connections: int,
    warmup: float,
    seconds: float,
) -> RawRun:
    """The driver alone writing replies, seller and buyer alternating as over HTTP."""
    begin = time.perf_counter()
    window, end = begin + warmup, begin + warmup + seconds
    run = RawRun(seconds=seconds)
    lock = threading.Lock()

    def worker(index: int) -> None:
        rng = random.Random(1000 + index)
        replier = RawReplier(db, fixture)
        latencies, done, errors = [], 0, Counter[str]()
        try:
            sent = 0
            while (began := time.perf_counter()) < end:
                thread = rng.choice(threads)
                body = f"{BODIES[sent % len(BODIES)]} ({index}.{sent})"
                try:
                    replier.reply(thread, (index + sent) % 2 == 0, body)
                except Exception as exc:  # counted and shown; a failed reference stops the run
                    errors[f"{type(exc).__name__}: {str(exc)[:160]}"] += 1
                else:
                    done += 1
                    finished = time.perf_counter()
                    if window <= finished <= end:
                        latencies.append((finished - began) * 1000)
                sent += 1
        finally:
            replier.close()
            with lock:
                run.latencies_ms += latencies
                run.ok += len(latencies)
                run.done += done
                run.errors.update(errors)

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return run


_TABLE = re.compile(r'(?:\bFROM|\bINTO|^UPDATE)\s+"?(\w+)', re.IGNORECASE)


def statement_shape(sql: str) -> str | None:
    """'VERB table' of a statement; None for transaction control."""
    verb = sql.lstrip().split(None, 1)[0].upper()
    if verb in ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"):
        return None
    match = _TABLE.search(sql.lstrip())
    return f"{verb} {match.group(1) if match else '?'}"


def app_reply_statements(fixture: Fixture, thread: Thread, seller_turn: bool) -> list[str]:
    """The statements of one reply through the API, in-process, rolled back."""
    from django.db import connection, connections, transaction
    from django.test import Client

    path, token = _request_plan(fixture, thread, seller_turn)
    seen: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append(sql)
        return execute(sql, params, many, context)

    client = Client(HTTP_HOST="127.0.0.1")
    with transaction.atomic(), connection.execute_wrapper(record):
        response = client.post(
            path,
            json.dumps({"body": BODIES[1]}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        transaction.set_rollback(True)
    connections.close_all()
    if response.status_code != 201:
        raise RuntimeError(f"an in-process reply answered {response.status_code}")
    return [s for s in map(statement_shape, seen) if s]


def reference_statements(db: Database, fixture: Fixture, thread: Thread, seller: bool) -> list[str]:
    """The statements of one reference reply on the same thread, rolled back."""
    replier = RawReplier(db, fixture)
    replier.trace = []
    try:
        replier.reply(thread, seller, BODIES[1], commit=False)
    finally:
        replier.close()
    return [s for s in map(statement_shape, replier.trace) if s]


def statement_check(db: Database, fixture: Fixture) -> bool:
    """Print a reply's statements beside the reference's; whether they are the same."""
    same = True
    for seller, who in ((True, "seller"), (False, "buyer")):
        ours = reference_statements(db, fixture, fixture.hot, seller)
        app = app_reply_statements(fixture, fixture.hot, seller)
        print(f"  a {who}'s reply: {len(app)} statements in the app, {len(ours)} in the reference")
        if Counter(app) != Counter(ours):
            same = False
            extra, missing = Counter(app) - Counter(ours), Counter(ours) - Counter(app)
            print(
                f"    DIFFERENT: only in the app: {dict(extra) or 'none'}; only in the "
                f"reference: {dict(missing) or 'none'}"
            )
        elif app != ours:
            print("    same statements, in another order")
    return same


# --- Auto-replies: starting threads, without and with one due --------------------------


AUTO_TEXT = "Thanks! We answer within a day."
# The weekly availability set for the second phase: 09:00–17:00 on the five days after
# today (in the shop's zone), so that now, and the next nine hours at least, are outside.
AVAILABLE = (9 * 60, 17 * 60)


def make_starters(count: int) -> tuple[Buyer, ...]:
    """`count` buyers with API tokens."""
    from django.db import connections, transaction

    from comptoir.accounts.models import User
    from comptoir.accounts.services import api_token_create

    made = []
    with transaction.atomic():
        for i in range(count):
            user = User.objects.create_user(
                username=f"bench-starter-{i}",
                external_id=f"bench-starter-{i}",
                email=f"starter{i}@bench.example",
            )
            made.append(Buyer(id=user.id, token=api_token_create(user=user, name="bench").secret))
    connections.close_all()
    return tuple(made)


def weekly_outside_now(zone: str, now: datetime) -> dict[int, list[tuple[int, int]]]:
    """A week that satisfies the rules and leaves `now` (in `zone`) outside availability."""
    from zoneinfo import ZoneInfo

    today = now.astimezone(ZoneInfo(zone)).weekday()
    return {(today + k) % 7: [AVAILABLE] for k in range(1, 6)}


@dataclass(frozen=True)
class StartQueries:
    """The SQL of one thread start, by statement kind (savepoints left out)."""

    kinds: Counter[str]
    auto_replied: bool

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def describe(self) -> str:
        order = ("SELECT", "INSERT", "UPDATE", "DELETE")
        kinds = sorted(self.kinds, key=lambda k: (order.index(k) if k in order else 9, k))
        return f"{self.total} ({', '.join(f'{k} {self.kinds[k]}' for k in kinds)})"


def start_queries(fixture: Fixture, buyer: Buyer) -> StartQueries:
    """One shop_inquiry start by `buyer` through the API, in-process, rolled back."""
    from django.db import connection, connections, transaction
    from django.test.utils import CaptureQueriesContext

    from comptoir.messaging.models import Conversation

    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured:
            started = api_post(
                "/api/v1/me/conversations",
                buyer.token,
                {"kind": "shop_inquiry", "shop_id": fixture.shop_external_id, "body": BODIES[0]},
            )
        conversation = Conversation.objects.get(id=int(started["conversation_id"]))
        auto_replied = conversation.auto_replied_at is not None
        transaction.set_rollback(True)
    connections.close_all()
    kinds: Counter[str] = Counter()
    for query in captured.captured_queries:
        verb = query["sql"].lstrip().split(None, 1)[0].upper()
        if verb not in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
            kinds[verb] += 1
    return StartQueries(kinds=kinds, auto_replied=auto_replied)


def set_weekly_auto_reply(fixture: Fixture) -> str:
    """Turn on a weekly auto-reply due right now, through the service; says what was set."""
    from calendar import day_abbr

    from django.db import connections

    from comptoir.autoreplies.models import AutoReplySettings
    from comptoir.autoreplies.schedule import Reply, due, next_change
    from comptoir.autoreplies.services import weekly_set
    from comptoir.autoreplies.settings import schedule_settings
    from comptoir.core import clock
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(id=fixture.shop_id)
    now = clock.now()
    week = weekly_outside_now(shop.time_zone, now)
    weekly_set(shop=shop, on=True, text=AUTO_TEXT, week=week)
    plan = schedule_settings(shop, AutoReplySettings.objects.get(shop=shop))
    now = clock.now()
    reply, change = due(plan, now), next_change(plan, now)
    connections.close_all()
    if reply is not Reply.WEEKLY:
        raise RuntimeError(f"the weekly auto-reply is not due now: due(...) is {reply!r}")
    start, end = AVAILABLE
    days = ", ".join(day_abbr[d] for d in sorted(week))
    return (
        f"weekly auto-reply on (weekly_set): available {days} {start // 60:02d}:00–"
        f"{end // 60:02d}:00 in {shop.time_zone}; now {now:%a %H:%M} UTC; "
        f"due(...) = {reply!r}; next change {f'{change:%a %H:%M} UTC' if change else 'never'}"
    )


def last_conversation_id() -> int:
    from django.db import connections
    from django.db.models import Max

    from comptoir.messaging.models import Conversation

    last = Conversation.objects.aggregate(last=Max("id"))["last"] or 0
    connections.close_all()
    return int(last)


def started(after: int, upto: int) -> tuple[int, int, int]:
    """Threads created with ids in (after, upto]: all, auto-replied, automatic messages."""
    from django.db import connections

    from comptoir.messaging.models import Conversation, Message

    threads = Conversation.objects.filter(id__gt=after, id__lte=upto)
    facts = (
        threads.count(),
        threads.filter(auto_replied_at__isnull=False).count(),
        Message.objects.filter(
            conversation_id__gt=after, conversation_id__lte=upto, is_automatic=True
        ).count(),
    )
    connections.close_all()
    return facts


def bench_auto_replies(db: Database, args: argparse.Namespace, fixture: Fixture) -> None:
    """Buyers starting threads over HTTP, without then with a weekly auto-reply due."""
    from comptoir.autoreplies.apply import DAILY_CAP

    began = time.perf_counter()
    buyers = make_starters(args.auto_buyers)
    print(
        f"auto-reply setup: {len(buyers):,} buyers with tokens, taken in turn, "
        f"in {time.perf_counter() - began:.1f} s",
        flush=True,
    )
    # The SQL of one start, counted in-process before each phase but the first (so that
    # the buyer counted, the first in turn, has started threads before, as in phase 2).
    queries: dict[str, StartQueries] = {}
    runs: dict[str, Run] = {}
    ids = [last_conversation_id()]
    server = Server(db)
    try:
        server.wait_ready(f"Bearer {buyers[0].token}")
        print(
            f"server: comptoir serve --no-demo --no-worker on 127.0.0.1:{server.port} "
            f"(pid {server.process.pid}), same database",
            flush=True,
        )
        for phase in ("without", "with"):
            if phase == "with":
                queries["without"] = start_queries(fixture, buyers[0])
                print(set_weekly_auto_reply(fixture), flush=True)
                queries["with"] = start_queries(fixture, buyers[0])
            runs[phase] = drive(
                server.port,
                start_plan(fixture, buyers),
                connections=args.connections,
                warmup=args.warmup,
                seconds=args.seconds,
                idempotency=args.idempotency_key,
                sample=server.sample,
            )
            ids.append(last_conversation_id())
            report_run(
                f"HTTP thread starts (POST /api/v1/me/conversations, shop_inquiry), "
                f"{args.connections} connections, {len(buyers):,} buyers in turn, "
                f"{'WITH a weekly auto-reply due' if phase == 'with' else 'no auto-reply'}:",
                runs[phase],
                per="threads",
                done="starts",
                one="a start",
            )
            sys.stdout.flush()
    except BaseException:
        print(f"--- server log (tail) ---\n{server.tail()}", file=sys.stderr)
        raise
    finally:
        server.stop()

    print("auto-replies, threads started over HTTP:")
    for phase, run in runs.items():
        print(
            f"  {phase + ':':8} {run.rate:,.1f} threads/s   p50 {run.percentile(0.50):.1f} ms   "
            f"p99 {run.percentile(0.99):.1f} ms   errors {sum(run.errors.values())}   "
            f"SQL per start {queries[phase].describe()}"
        )
    ratio = runs["with"].rate / runs["without"].rate if runs["without"].ok else math.nan
    change = f"{(ratio - 1) * 100:+.1f}".replace("-", "−")
    print(f"  ratio with ÷ without: {ratio:.3f}   throughput change: {change} %")
    extra = queries["with"].kinds.copy()
    extra.subtract(queries["without"].kinds)
    more = ", ".join(f"{n:+d} {k}" for k, n in sorted(extra.items()) if n) or "none"
    inserts = extra["INSERT"]
    print(
        f"  SQL an auto-reply adds to a start: {more}; contract at most 1 extra INSERT: "
        f"{'kept' if inserts <= 1 else 'BROKEN'} (one start in-process, rolled "
        f"back, savepoints left out; auto-replied: {queries['without'].auto_replied} "
        f"without, {queries['with'].auto_replied} with)"
    )
    for phase, (after, upto) in zip(runs, itertools.pairwise(ids), strict=True):
        threads, replied, automatic = started(after, upto)
        created = runs[phase].created
        print(
            f"  {phase + ':':8} auto-replied: {replied:,} of {threads:,} threads started "
            f"(warm-up included; {automatic:,} automatic messages; {created:,} answers 201"
            f"{'' if created == threads else ' — DIFFERENT'})"
        )
    if runs["with"].created > DAILY_CAP * len(buyers):
        print(
            f"  note: {runs['with'].created:,} starts for {len(buyers):,} buyers exceed "
            f"{DAILY_CAP} a buyer a day (DAILY_CAP): raise --auto-buyers"
        )


# --- The run ----------------------------------------------------------------------------

# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working, its figures are printed and never compared.
QUICK = ("--seconds", "1", "--warmup", "1", "--connections", "2", "--threads", "4")


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=15.0, help="measured time per phase")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured time before it")
    parser.add_argument("--connections", type=int, default=16, help="concurrent HTTP clients")
    parser.add_argument("--threads", type=int, default=64, help="threads the replies spread over")
    parser.add_argument(
        "--idempotency-key", action="store_true", help="send a fresh Idempotency-Key each time"
    )
    parser.add_argument(
        "--auto-replies",
        action="store_true",
        help="then also time thread starts without and with a weekly auto-reply due",
    )
    parser.add_argument(
        "--only-auto-replies",
        action="store_true",
        help="only the auto-reply comparison (no replies, no driver reference)",
    )
    parser.add_argument(
        "--auto-buyers",
        type=int,
        default=2000,
        help="buyers the thread starts rotate over (each gets at most "
        "DAILY_CAP auto-replies a day)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"tiny sizes, a few seconds in all (CI): {' '.join(QUICK)}",
    )
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])

    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-bench-send-"))
    try:
        with database(data_dir) as db:
            return bench(db, args)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def bench(db: Database, args: argparse.Namespace) -> int:
    began = time.perf_counter()
    migrate(db)
    fixture = build_fixture(db, args.threads)
    version, messages_before, _emails = database_facts(db)
    where = f"database {db.name}" if db.vendor == "postgresql" else f"{db.sqlite_path}"
    print(
        f"database: {db.vendor} ({version}; {where})\n"
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} before the run\n"
        f"setup: 1 shop, 1 seller, {args.threads + 1} buyers, {args.threads} threads + 1 "
        f"for the one-thread variant, in {time.perf_counter() - began:.1f} s",
        flush=True,
    )
    if not args.only_auto_replies:
        bench_replies(db, args, fixture, messages_before)
    if args.auto_replies or args.only_auto_replies:
        bench_auto_replies(db, args, fixture)
    return 0


def bench_replies(
    db: Database, args: argparse.Namespace, fixture: Fixture, messages_before: int
) -> None:
    """Replies over HTTP, then the driver alone on the same database."""
    server = Server(db)
    try:
        server.wait_ready(f"Bearer {fixture.hot.buyer_token}")
        workers = len(server.peak_rss_kb()[1])
        print(
            f"server: comptoir serve --no-demo --no-worker on 127.0.0.1:{server.port} "
            f"(pid {server.process.pid}, {workers} child processes)",
            flush=True,
        )
        runs = {}
        for name, threads, title in (
            ("spread", fixture.spread, f"over {args.threads} threads"),
            ("hot", (fixture.hot,), "all on ONE thread"),
        ):
            run = drive(
                server.port,
                reply_plan(fixture, threads),
                connections=args.connections,
                warmup=args.warmup,
                seconds=args.seconds,
                idempotency=args.idempotency_key,
                sample=server.sample,
            )
            runs[name] = run
            report_run(
                f"HTTP replies, {args.connections} connections {title}, seller and buyer "
                f"alternating{', with Idempotency-Key' if args.idempotency_key else ''}:",
                run,
            )
            sys.stdout.flush()
        main_kb, worker_kb = server.peak_rss_kb()
        parts = ", ".join(f"{name} {kb / 1024:.0f} MB" for name, kb in worker_kb)
        total_kb = main_kb + sum(kb for _name, kb in worker_kb)
        print(
            f"server peak RSS (VmHWM): main {main_kb / 1024:.0f} MB; children: "
            f"{parts or 'none found'}; total {total_kb / 1024:.0f} MB"
        )
    except BaseException:
        print(f"--- server log (tail) ---\n{server.tail()}", file=sys.stderr)
        raise
    finally:
        server.stop()

    _version, messages_after, emails = database_facts(db)
    created = sum(run.created for run in runs.values())
    written = messages_after - messages_before
    print(
        f"check: {written:,} messages in the database for {created:,} answers 201 "
        f"({'same' if written == created else 'DIFFERENT'}); {emails:,} e-mails in the outbox"
    )
    if written != created:
        raise SystemExit("bench/send.py: the server's answers and the database disagree")
    for name, run in runs.items():
        if not run.ok:
            raise SystemExit(f"bench/send.py: no reply succeeded over HTTP ({name}): no figures")

    driver = "sqlite3" if db.vendor == "sqlite" else "psycopg"
    print(
        f"reference, the driver alone ({driver}): a reply's statements, one transaction each, "
        "seller and buyer alternating; checked against one real reply of each, in-process:",
        flush=True,
    )
    same = statement_check(db, fixture)
    references: dict[str, RawRun] = {}
    pools = [1] if db.vendor == "sqlite" else sorted({1, args.connections})
    for pool in pools:
        for name, threads in (("spread", fixture.spread), ("hot", (fixture.hot,))):
            before = database_facts(db)[1]
            run = raw_run(
                db,
                fixture,
                threads,
                connections=pool,
                warmup=args.warmup,
                seconds=args.seconds,
            )
            written = database_facts(db)[1] - before
            failed = sum(run.errors.values())
            if failed or not run.ok or written != run.done:
                for what, count in run.errors.most_common(5):
                    print(f"    {count} × {what}", file=sys.stderr)
                raise SystemExit(
                    f"bench/send.py: the reference failed ({pool} connections, {name}): "
                    f"{run.ok:,} replies in the window, {failed:,} errors, {written:,} "
                    f"messages written for {run.done:,} commits; its figures would be wrong"
                )
            references[f"{pool}:{name}"] = run

    rows: list[tuple[str, float, float, float]] = []
    for name, title in (("spread", f"over {args.threads} threads"), ("hot", "ONE thread")):
        run = runs[name]
        rows.append(
            (
                f"Comptoir over HTTP, {args.connections} conn., {title}",
                run.rate,
                run.percentile(0.5),
                run.percentile(0.99),
            )
        )
        for pool in pools:
            ref = references[f"{pool}:{name}"]
            rows.append(
                (
                    f"  raw {driver}, {pool} conn., {title}",
                    ref.rate,
                    ref.percentile(0.5),
                    ref.percentile(0.99),
                )
            )
    print(f"summary, same run, same database ({db.vendor}):")
    print(f"  {'':52} {'msg/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
    for what, rate, p50, p99 in rows:
        print(f"  {what:52} {rate:9,.0f} {p50:8.2f} {p99:8.2f}")
    for pool in pools:
        print(
            f"  ratio HTTP ÷ raw ({pool} conn.): "
            f"{runs['spread'].rate / references[f'{pool}:spread'].rate:.2f} over "
            f"{args.threads} threads, {runs['hot'].rate / references[f'{pool}:hot'].rate:.2f} "
            "on ONE thread"
        )
    if not same:
        print(
            "  note: the reference no longer runs a reply's statements (above): "
            "update RAW_SQL and RawReplier before reading the ratio"
        )


if __name__ == "__main__":
    sys.exit(main())
