"""How fast replies go through the real server over HTTP, against the database driver alone.

    uv run python bench/send.py                    # SQLite, in a scratch data directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/send.py
    uv run python bench/send.py --seconds 30 --connections 32 --threads 256
    uv run python bench/send.py --auto-replies       # then thread starts, without/with auto-reply
    uv run python bench/send.py --only-auto-replies  # only those

One run:

1. makes a scratch data directory (and, on PostgreSQL, a database `bench_send_<pid>` on the
   server of DATABASE_URL: the database named there is only used to connect, its tables
   are never touched; the bench database is dropped at the end), migrates it with
   `comptoir manage migrate`, and creates through the real services a shop with one
   member (the seller), a listing, one buyer per thread and their threads (64 by
   default), plus one more thread for the "all connections on ONE thread" variant;
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
   the database; then checks that every 201 left exactly one message row;
5. stops the server (by its pid) and measures, as the reference, the same writes done with
   the driver alone on the same database (sqlite3 / psycopg): one transaction per message
   holding INSERT messaging_message, UPDATE messaging_conversation, UPDATE messaging_party
   for both sides and UPDATE messaging_foldercount for both owners; from one connection,
   and on PostgreSQL also from --connections threads; then prints the ratio HTTP ÷ raw.

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
   throughput change; the SQL of one start in each phase (one `conversation_start` run
   in-process for the first buyer in turn, inside a transaction rolled back, counted
   with CaptureQueriesContext by statement kind, savepoints left out) and what the
   auto-reply adds (the contract: at most one more INSERT); then, from the database, how
   many of each phase's threads (warm-up included) got their auto-reply.

The client runs on the same machine as the server and the database: on a small machine
they share the CPUs (the client's own CPU use is printed).
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import math
import os
import random
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
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
    """Shop, seller, listing, buyers and their threads, through the real services."""
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
    from comptoir.messaging.access import as_buyer
    from comptoir.messaging.models import Conversation, Party, Side
    from comptoir.messaging.sending import Draft, conversation_start
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
        message = conversation_start(
            viewer=as_buyer(buyer),
            kind=Conversation.Kind.LISTING_INQUIRY,
            draft=Draft(body=BODIES[0]),
            listing=listing,
        )
        sides = {
            p.side: p.id for p in Party.objects.filter(conversation_id=message.conversation_id)
        }
        made.append(
            Thread(
                conversation_id=message.conversation_id,
                buyer_id=buyer.id,
                buyer_token=api_token_create(user=buyer, name="bench").secret,
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


# A reply's core writes, with ? for the parameters.
RAW_WRITES = (
    "INSERT INTO messaging_message (conversation_id, sender_side, author_id, body, "
    "is_automatic, saved_reply_id, created_at) VALUES (?, ?, ?, ?, FALSE, NULL, ?)",
    "UPDATE messaging_conversation SET last_message_at = ?, "
    "message_count = message_count + 1, preview = ? WHERE id = ?",
    # The sender's side: read, answered.
    "UPDATE messaging_party SET folder = 'inbox', unread_count = 0, has_sent = TRUE, "
    "last_read_at = ?, last_message_at = ?, awaiting_reply_since = NULL WHERE id = ?",
    # The recipient's side: one more unread, waiting since its first unanswered message.
    "UPDATE messaging_party SET folder = 'inbox', unread_count = unread_count + 1, "
    "last_message_at = ?, awaiting_reply_since = COALESCE(awaiting_reply_since, ?) "
    "WHERE id = ?",
    # Both owners' inbox counters (the same rows the app writes; deltas left at 0).
    "UPDATE messaging_foldercount SET threads = threads + 0, "
    "unread_threads = unread_threads + 0 WHERE shop_id = ? AND folder = 'inbox'",
    "UPDATE messaging_foldercount SET threads = threads + 0, "
    "unread_threads = unread_threads + 0 WHERE buyer_id = ? AND folder = 'inbox'",
)


def _raw_params(
    fixture: Fixture, thread: Thread, seller_turn: bool, now: Any, body: str
) -> list[tuple[Any, ...]]:
    if seller_turn:
        side, author = "shop", fixture.seller_id
        sender, recipient = thread.shop_party_id, thread.buyer_party_id
    else:
        side, author = "buyer", thread.buyer_id
        sender, recipient = thread.buyer_party_id, thread.shop_party_id
    return [
        (thread.conversation_id, side, author, body, now),
        (now, body[:160], thread.conversation_id),
        (now, now, sender),
        (now, now, recipient),
        (fixture.shop_id,),
        (thread.buyer_id,),
    ]


def _raw_loop(
    index: int,
    fixture: Fixture,
    threads: Sequence[Thread],
    end: float,
    window: float,
    write: Callable[[list[tuple[Any, ...]]], None],
    now: Callable[[], Any],
    counts: list[int],
    errors: Counter[str],
) -> None:
    rng = random.Random(1000 + index)
    sent = 0
    while time.perf_counter() < end:
        thread = rng.choice(threads)
        body = f"{BODIES[sent % len(BODIES)]} ({index}.{sent})"
        try:
            write(_raw_params(fixture, thread, (index + sent) % 2 == 0, now(), body))
        except Exception as exc:  # counted and shown, the loop goes on
            errors[f"{type(exc).__name__}: {str(exc)[:120]}"] += 1
        else:
            if window <= time.perf_counter() <= end:
                counts[index] += 1
        sent += 1


def raw_rate(
    db: Database,
    fixture: Fixture,
    threads: Sequence[Thread],
    *,
    connections: int,
    warmup: float,
    seconds: float,
) -> tuple[float, Counter[str]]:
    """Messages/s of the driver alone doing a reply's core writes, one transaction each."""
    begin = time.perf_counter()
    window, end = begin + warmup, begin + warmup + seconds
    counts = [0] * connections
    errors: Counter[str] = Counter()
    workers = []
    for index in range(connections):
        if db.vendor == "sqlite":
            target: Callable[[], None] = _sqlite_worker(
                db, fixture, threads, index, end, window, counts, errors
            )
        else:
            target = _postgres_worker(db, fixture, threads, index, end, window, counts, errors)
        workers.append(threading.Thread(target=target, daemon=True))
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / seconds, errors


def _sqlite_worker(
    db: Database,
    fixture: Fixture,
    threads: Sequence[Thread],
    index: int,
    end: float,
    window: float,
    counts: list[int],
    errors: Counter[str],
) -> Callable[[], None]:
    statements = RAW_WRITES

    def run() -> None:
        # As the app's settings: WAL, synchronous=NORMAL, IMMEDIATE transactions.
        conn = sqlite3.connect(db.sqlite_path, timeout=20, isolation_level=None)
        for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON"):
            conn.execute(f"PRAGMA {pragma}")

        def write(params: list[tuple[Any, ...]]) -> None:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement, values in zip(statements, params, strict=True):
                    conn.execute(statement, values)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

        def now() -> str:  # as Django stores an aware datetime in SQLite
            return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")

        try:
            _raw_loop(index, fixture, threads, end, window, write, now, counts, errors)
        finally:
            conn.close()

    return run


def _postgres_worker(
    db: Database,
    fixture: Fixture,
    threads: Sequence[Thread],
    index: int,
    end: float,
    window: float,
    counts: list[int],
    errors: Counter[str],
) -> Callable[[], None]:
    import psycopg

    statements = tuple(w.replace("?", "%s") for w in RAW_WRITES)

    def run() -> None:
        conn = psycopg.connect(db.url)

        def write(params: list[tuple[Any, ...]]) -> None:
            try:
                with conn.cursor() as cursor:
                    for statement, values in zip(statements, params, strict=True):
                        cursor.execute(statement, values)
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

        try:
            _raw_loop(
                index,
                fixture,
                threads,
                end,
                window,
                write,
                lambda: datetime.now(UTC),
                counts,
                errors,
            )
        finally:
            conn.close()

    return run


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
    """The SQL of one conversation_start, by statement kind (savepoints left out)."""

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
    """One shop_inquiry start by `buyer`, in-process, inside a transaction rolled back."""
    from django.db import connection, connections, transaction
    from django.test.utils import CaptureQueriesContext

    from comptoir.accounts.models import User
    from comptoir.messaging.access import as_buyer
    from comptoir.messaging.models import Conversation
    from comptoir.messaging.sending import Draft, conversation_start
    from comptoir.shops.models import Shop

    shop = Shop.objects.get(id=fixture.shop_id)
    viewer = as_buyer(User.objects.get(id=buyer.id))
    with transaction.atomic():
        with CaptureQueriesContext(connection) as captured:
            message = conversation_start(
                viewer=viewer,
                kind=Conversation.Kind.SHOP_INQUIRY,
                draft=Draft(body=BODIES[0]),
                shop=shop,
            )
        conversation = Conversation.objects.get(id=message.conversation_id)
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
        f"{'kept' if inserts <= 1 else 'BROKEN'} (one conversation_start in-process, rolled "
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
    args = parser.parse_args()

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

    statements = (
        "one transaction per message: INSERT message, UPDATE conversation, "
        "UPDATE party ×2, UPDATE foldercount ×2"
    )
    driver = "sqlite3" if db.vendor == "sqlite" else "psycopg"
    print(f"reference, the driver alone ({driver}), {statements}:", flush=True)
    references: list[tuple[str, float, float]] = []  # (what, spread rate, hot rate)
    pools = [1] if db.vendor == "sqlite" else sorted({1, args.connections})
    for pool in pools:
        rates = []
        for threads in (fixture.spread, (fixture.hot,)):
            rate, errors = raw_rate(
                db,
                fixture,
                threads,
                connections=pool,
                warmup=args.warmup,
                seconds=args.seconds,
            )
            rates.append(rate)
            for what, count in errors.most_common(5):
                print(f"    {count} × {what}")
        label = f"{pool} connection{'s' if pool > 1 else ''}"
        print(
            f"  {label}: {rates[0]:,.0f} messages/s over {args.threads} threads, "
            f"{rates[1]:,.0f} messages/s on ONE thread",
            flush=True,
        )
        references.append((label, rates[0], rates[1]))
    for label, spread, hot in references:
        print(
            f"ratio HTTP ÷ raw ({label}): {runs['spread'].rate / spread:.2f} over "
            f"{args.threads} threads, {runs['hot'].rate / hot:.2f} on ONE thread"
        )


if __name__ == "__main__":
    sys.exit(main())
