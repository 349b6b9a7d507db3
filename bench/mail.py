"""How fast notifications drain to an SMTP server, and how fast e-mail replies come in.

    uv run python bench/mail.py                      # SQLite, in a scratch data directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/mail.py
    uv run python bench/mail.py --messages 20000 --replies 2000
    uv run python bench/mail.py --quick              # tiny sizes, seconds (CI runs this)

One run:

1. makes a scratch data directory (and, on PostgreSQL, a database `bench_mail_<pid>` on
   the server of DATABASE_URL, dropped at the end), migrates it, and creates through the
   real services a shop with one seller and --threads buyers, each with a thread;
2. **the burst**: writes --messages messages through the real services (`message_reply`,
   buyer and seller in turn), each queueing one notification in the outbox, with no
   worker running, so they all wait;
3. starts an SMTP sink (aiosmtpd, in its own process) on a free port of 127.0.0.1 that
   appends one line per accepted e-mail (its arrival time and Message-ID) to a file;
4. **the drain**: runs the outbox's own worker loop (`core.outbox.drain`, what
   `comptoir worker` runs) until nothing is due, and prints e-mails a second, the gap
   between two arrivals at the sink (p50/p99), the process's peak memory; then checks
   that every outbox row was sent and arrived exactly once (the sink's Message-IDs);
5. **the reference**, in the same run against the same sink: a bare `smtplib` loop that
   sends as many copies of one prepared notification (its bytes built once, a new
   Message-ID each) over one connection. It must deliver every copy, or the bench stops
   with an error (never a rate against zero); then the ratio drain ÷ bare loop;
6. **replies coming in** (with --replies > 0): starts `comptoir serve --no-demo
   --no-worker` with the SMTP listener on (MAIL_IN_PORT) and the inbound endpoint's
   secret set, and posts --replies replies, one connection each, one after the other:
   (a) as the buyers, on the web API (`POST /api/v1/me/conversations/{id}/messages`,
   what bench/send.py drives; the reference), (b) as raw e-mails to the inbound HTTP
   endpoint (`POST /api/v1/inbound/mail`), (c) as e-mails over one SMTP session to the
   listener. Each e-mail answers a notification: To is the buyer's reply address, with
   a quoted history and a signature for the parser to strip. Prints replies a second and
   p50/p99 for each, and checks that each reply left exactly one message (by e-mail
   marked so), with the quote stripped.

--quick (for CI): 4 threads, 200 messages, 20 replies: the figures are printed, never
compared; what it checks is that every part still runs and the reference did its work.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import math
import os
import resource
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from scratch import scratch_database

QUICK = ("--threads", "4", "--messages", "200", "--replies", "20")


def fail(message: str) -> SystemExit:
    return SystemExit(f"bench/mail.py: {message}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the sink: its own process -------------------------------------------------------------

SINK = """
import sys, time, email
from aiosmtpd.controller import Controller

class Handler:
    def __init__(self, out):
        self.out = out
    async def handle_DATA(self, server, session, envelope):
        found = email.message_from_bytes(envelope.content)
        self.out.write(f"{time.monotonic():.6f} {found['Message-ID']}\\n")
        self.out.flush()
        return "250 OK"

out = open(sys.argv[2], "a", buffering=1)
controller = Controller(Handler(out), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()  # until the bench closes our stdin
controller.stop()
"""


@dataclass
class Arrivals:
    times: list[float]
    ids: Counter[str]


class SmtpSink:
    def __init__(self, directory: Path) -> None:
        self.port = free_port()
        self.log = directory / "sink.log"
        self.log.touch()
        self.process = subprocess.Popen(
            [sys.executable, "-c", SINK, str(self.port), str(self.log)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        if self.process.stdout.readline().strip() != "ready":
            raise fail("the SMTP sink did not start")

    def read(self) -> Arrivals:
        times: list[float] = []
        ids: Counter[str] = Counter()
        for line in self.log.read_text().splitlines():
            at, _, message_id = line.partition(" ")
            times.append(float(at))
            ids[message_id] += 1
        return Arrivals(times, ids)

    def reset(self) -> None:
        self.log.write_text("")

    def wait_for(self, count: int, timeout: float = 30.0) -> Arrivals:
        """The sink has answered 250 before the client moves on; its log line is written
        just before: wait a moment for the last lines."""
        deadline = time.monotonic() + timeout
        while True:
            arrivals = self.read()
            if len(arrivals.times) >= count or time.monotonic() > deadline:
                return arrivals
            time.sleep(0.05)

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def gaps_ms(times: list[float]) -> list[float]:
    return [(b - a) * 1000 for a, b in itertools.pairwise(times)] or [0.0]


# --- the world -----------------------------------------------------------------------------


@dataclass
class World:
    shop_id: int
    seller_id: int
    buyers: list[int]
    threads: list[int]
    tokens: list[str]  # each buyer's API token


def build(args: argparse.Namespace) -> World:
    from comptoir.accounts.models import User
    from comptoir.accounts.services import api_token_create
    from comptoir.messaging.models import Conversation
    from comptoir.messaging.services.drafts import Draft
    from comptoir.messaging.services.starting import conversation_start
    from comptoir.shops.access import as_buyer
    from comptoir.shops.models import ShopMember
    from comptoir.shops.services import shop_member_add, shop_upsert

    shop, _ = shop_upsert(external_id="bench-shop", name="Atelier Banc", time_zone="Europe/Paris")
    seller = User.objects.create_user(
        username="bench-seller", email="seller@atelier.example.org", password=None
    )
    shop_member_add(shop=shop, user=seller, role=ShopMember.Role.OWNER)
    buyers, threads, tokens = [], [], []
    for i in range(args.threads):
        buyer = User.objects.create_user(
            username=f"bench-buyer-{i}",
            email=f"buyer-{i}@example.org",
            display_name=f"Buyer {i}",
            password=None,
            language=("en", "fr", "pl")[i % 3],
        )
        message = conversation_start(
            viewer=as_buyer(buyer),
            kind=Conversation.Kind.SHOP_INQUIRY,
            shop=shop,
            subject=f"Question {i}",
            draft=Draft(body="Hello, is the walnut table still available?"),
        )
        buyers.append(buyer.id)
        threads.append(message.conversation_id)
        tokens.append(api_token_create(user=buyer, name="bench").secret)
    return World(shop.id, seller.id, buyers, threads, tokens)


def burst(world: World, count: int) -> float:
    """`count` messages through the real services, buyer and seller in turn; seconds."""
    from comptoir.accounts.models import User
    from comptoir.messaging.services.drafts import Draft
    from comptoir.messaging.services.replying import message_reply
    from comptoir.shops.access import as_buyer, member_viewer

    seller = User.objects.get(id=world.seller_id)
    shop_side = member_viewer(seller, shop_id=world.shop_id)
    assert shop_side is not None
    buyers = {b.id: b for b in User.objects.filter(id__in=world.buyers)}
    began = time.perf_counter()
    for i in range(count):
        k = (i // 2) % len(world.threads)
        viewer = as_buyer(buyers[world.buyers[k]]) if i % 2 == 0 else shop_side
        body = f"Message {i}: the parcel leaves tomorrow morning, tracked." * 2
        message_reply(viewer=viewer, conversation_id=world.threads[k], draft=Draft(body=body))
    return time.perf_counter() - began


# --- 4 and 5: the drain, and the bare smtplib loop ----------------------------------------


@dataclass
class Rate:
    name: str
    count: int
    seconds: float
    gaps: list[float]

    @property
    def per_second(self) -> float:
        return self.count / self.seconds

    def line(self) -> str:
        return (
            f"{self.name:<34} {self.count:>6,} in {self.seconds:6.2f} s = "
            f"{self.per_second:8,.0f}/s   gap p50 {percentile(self.gaps, 0.5):6.2f} ms  "
            f"p99 {percentile(self.gaps, 0.99):6.2f} ms"
        )


def bench_drain(sink: SmtpSink, expected: int) -> Rate:
    from comptoir.core.models import OutboxEmail
    from comptoir.core.outbox import drain

    sink.reset()
    began = time.perf_counter()
    sent = 0
    while True:
        drained = drain()
        sent += len(drained.sent)
        if drained.failed:
            raise fail(f"the outbox failed to send {drained.failed} e-mails to the sink")
        if not drained.sent:
            break
    seconds = time.perf_counter() - began
    unsent = OutboxEmail.objects.filter(sent_at__isnull=True).count()
    if sent != expected or unsent:
        raise fail(f"the drain sent {sent} of {expected} e-mails ({unsent} left unsent)")
    arrivals = sink.wait_for(expected)
    repeated = sum(1 for n in arrivals.ids.values() if n > 1)
    if len(arrivals.ids) != expected or repeated:
        raise fail(
            f"the sink got {len(arrivals.ids)} distinct e-mails of {expected} "
            f"({repeated} more than once)"
        )
    return Rate("outbox drain (core.outbox.drain)", sent, seconds, gaps_ms(arrivals.times))


def bench_bare_smtplib(sink: SmtpSink, count: int) -> Rate:
    """One prepared notification, sent `count` times over one connection."""
    from comptoir.core.models import OutboxEmail
    from comptoir.core.outbox import message_of

    sample = OutboxEmail.objects.order_by("id").first()
    if sample is None:
        raise fail("no outbox row to copy for the reference")
    prepared = message_of(sample).message()
    sender = "comptoir@localhost"
    sink.reset()
    began = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=10) as smtp:
        for i in range(count):
            del prepared["Message-ID"]
            prepared["Message-ID"] = f"<bare-{i}@localhost>"
            smtp.sendmail(sender, [sample.recipient], prepared.as_bytes(linesep="\r\n"))
    seconds = time.perf_counter() - began
    arrivals = sink.wait_for(count)
    if len(arrivals.ids) != count:
        raise fail(f"the reference delivered {len(arrivals.ids)} of {count} e-mails")
    return Rate("bare smtplib loop (reference)", count, seconds, gaps_ms(arrivals.times))


# --- 6: replies coming in ----------------------------------------------------------------


def reply_mail(*, to: str, buyer: str, subject: str, i: int) -> bytes:
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"] = buyer
    mail["To"] = to
    mail["Subject"] = f"Re: {subject}"
    mail["Message-ID"] = f"<reply-{i}.{time.time_ns()}@mail.example.org>"
    mail["Date"] = "Mon, 07 Dec 2026 10:00:00 +0000"
    mail.set_content(
        f"Thank you, that works for me ({i}).\n\n"
        "--\nSent from my phone\n\n"
        "On Mon, 7 Dec 2026 at 09:12, Atelier Banc <comptoir@localhost> wrote:\n"
        "> Message: the parcel leaves tomorrow morning, tracked.\n"
        "> \n> Read and answer in Comptoir\n"
    )
    return mail.as_bytes()


class Server:
    def __init__(self, data_dir: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.mail_port = free_port()
        self.secret = "bench-inbound-secret"  # noqa: S105 - a scratch server of its own
        self.env = {
            **env,
            "MAIL_IN_PORT": str(self.mail_port),
            "MAIL_IN_HOST": "127.0.0.1",
            "INBOUND_MAIL_SECRET": self.secret,
        }
        command = ["comptoir", "serve", "--no-demo", "--no-worker", "--no-live"]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        self.process = subprocess.Popen(command, env=self.env, cwd=data_dir, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._answers(self.port) and self._answers(self.mail_port):
                return
            if self.process.poll() is not None:
                raise fail("comptoir serve stopped before it answered")
            time.sleep(0.2)
        self.stop()
        raise fail("comptoir serve (or its mail listener) did not answer within 60 s")

    @staticmethod
    def _answers(port: int) -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        except OSError:
            return False
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


Request = Callable[[int], tuple[str, bytes, dict[str, str], int]]


def _post_each(
    server: Server, count: int, request: Request
) -> tuple[float, list[float]]:  # seconds, latencies ms
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    latencies = []
    began = time.perf_counter()
    for i in range(count):
        path, body, headers, expected = request(i)
        t0 = time.perf_counter()
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        answer = response.read()
        latencies.append((time.perf_counter() - t0) * 1000)
        if response.status != expected:
            raise fail(f"POST {path} answered {response.status}: {answer[:300]!r}")
    seconds = time.perf_counter() - began
    conn.close()
    return seconds, latencies


def bench_inbound(world: World, args: argparse.Namespace, server: Server) -> list[Rate]:
    from comptoir.messaging.models import Conversation, Message, Side
    from comptoir.messaging.reply_addresses import reply_address

    n = args.replies
    subjects = dict(Conversation.objects.filter(id__in=world.threads).values_list("id", "subject"))

    def thread(i: int) -> int:
        return i % len(world.threads)

    def address(i: int) -> str:
        return reply_address(
            conversation_id=world.threads[thread(i)],
            side=Side.BUYER,
            user_id=world.buyers[thread(i)],
        )

    def mail(i: int) -> bytes:
        k = thread(i)
        return reply_mail(
            to=address(i), buyer=f"buyer-{k}@example.org", subject=subjects[world.threads[k]], i=i
        )

    def web(i: int) -> tuple[str, bytes, dict[str, str], int]:
        k = thread(i)
        body = json.dumps({"body": f"Thank you, that works for me ({i})."}).encode()
        headers = {
            "Authorization": f"Bearer {world.tokens[k]}",
            "Content-Type": "application/json",
        }
        return f"/api/v1/me/conversations/{world.threads[k]}/messages", body, headers, 201

    def inbound_http(i: int) -> tuple[str, bytes, dict[str, str], int]:
        headers = {
            "Authorization": f"Bearer {server.secret}",
            "Content-Type": "message/rfc822",
        }
        return "/api/v1/inbound/mail", mail(i), headers, 202

    # Warm-up, not counted: each web worker's first requests load what it needs.
    warm = 4
    from comptoir.inbound.receive import PER_ADDRESS, PER_THREAD

    per_thread = math.ceil((2 * n + 2 * warm) / len(world.threads))
    if per_thread > min(PER_ADDRESS.limit, PER_THREAD.limit):
        raise fail(
            f"{per_thread} e-mails a buyer and thread would pass the inbound limits "
            f"({PER_ADDRESS.limit} an hour an address, {PER_THREAD.limit} a thread): "
            "give more --threads or fewer --replies"
        )
    _post_each(server, warm, lambda i: web(n * 10 + i))
    _post_each(server, warm, lambda i: inbound_http(n * 10 + i))
    with smtplib.SMTP("127.0.0.1", server.mail_port, timeout=30) as smtp:
        for i in range(n * 20, n * 20 + warm):
            smtp.sendmail(f"buyer-{thread(i)}@example.org", [address(i)], mail(i))
    rates = []
    before = Message.objects.count()
    seconds, latencies = _post_each(server, n, web)
    rates.append(Rate("web API reply (reference)", n, seconds, latencies))
    by_mail_before = Message.objects.filter(via_email=True).count()
    seconds, latencies = _post_each(server, n, inbound_http)
    rates.append(Rate("e-mail reply, HTTP endpoint", n, seconds, latencies))

    latencies = []
    began = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", server.mail_port, timeout=30) as smtp:
        for i in range(n, 2 * n):
            t0 = time.perf_counter()
            k = thread(i)
            smtp.sendmail(f"buyer-{k}@example.org", [address(i)], mail(i))
            latencies.append((time.perf_counter() - t0) * 1000)
    seconds = time.perf_counter() - began
    rates.append(Rate("e-mail reply, SMTP listener", n, seconds, latencies))

    posted = Message.objects.count() - before
    by_mail = Message.objects.filter(via_email=True).count() - by_mail_before
    if posted != 3 * n or by_mail != 2 * n:
        raise fail(f"{posted} messages posted for {3 * n} replies ({by_mail} of {2 * n} by e-mail)")
    quoted = Message.objects.filter(via_email=True, body__contains="wrote:").count()
    if quoted:
        raise fail(f"{quoted} e-mail replies kept their quoted history")
    return rates


# --- the run ------------------------------------------------------------------------------


def main() -> int:
    assert __doc__ is not None
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--threads", type=int, default=50, help="buyers, a thread each")
    parser.add_argument("--messages", type=int, default=5_000, help="the burst")
    parser.add_argument("--replies", type=int, default=300, help="each way in (0: skip)")
    parser.add_argument(
        "--quick", action="store_true", help=f"tiny sizes, seconds (CI): {' '.join(QUICK)}"
    )
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])
    if args.threads < 1 or args.messages < 2 or args.replies < 0:
        parser.error("need --threads ≥ 1, --messages ≥ 2, --replies ≥ 0")

    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-bench-mail-"))
    stack = ExitStack()
    try:
        url = stack.enter_context(
            scratch_database(os.environ.get("DATABASE_URL", ""), "bench_mail")
        )
        sink = SmtpSink(data_dir)
        stack.callback(sink.stop)
        os.environ.update(
            COMPTOIR_DATA_DIR=str(data_dir),
            DJANGO_SETTINGS_MODULE="comptoir.settings",
            DEBUG="false",
            EMAIL_URL=f"smtp://127.0.0.1:{sink.port}",
            MAIL_REPLY_DOMAIN="reply.example.org",
            EMAIL_BATCH_SIZE="100",
        )
        if url:
            os.environ["DATABASE_URL"] = url
        else:
            os.environ.pop("DATABASE_URL", None)
        return bench(args, sink, data_dir, stack)
    finally:
        stack.close()
        shutil.rmtree(data_dir, ignore_errors=True)


def bench(args: argparse.Namespace, sink: SmtpSink, data_dir: Path, stack: ExitStack) -> int:
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.db import connection

    from comptoir.core.models import OutboxEmail

    logging.getLogger("django_tasks").setLevel(logging.WARNING)
    logging.getLogger("comptoir.core.outbox").setLevel(logging.WARNING)
    began = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - began
    world = build(args)
    OutboxEmail.objects.all().delete()  # the threads' first notifications: not the burst
    with connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        cursor.execute("SHOW server_version" if postgres else "SELECT sqlite_version()")
        version = f"{'PostgreSQL' if postgres else 'SQLite'} {cursor.fetchone()[0]}"
    print(
        f"== mail on {version}; machine: {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.2f}\nsetup: migrated in {migrated:.1f} s; a shop, "
        f"{len(world.threads)} buyers with a thread each",
        flush=True,
    )

    print(f"\n-- 1. a burst of {args.messages:,} messages, no worker running")
    seconds = burst(world, args.messages)
    queued = OutboxEmail.objects.filter(sent_at__isnull=True).count()
    print(
        f"written in {seconds:.1f} s ({args.messages / seconds:,.0f} messages/s in process); "
        f"{queued:,} notifications wait in the outbox"
    )
    if queued != args.messages:
        raise fail(f"{queued} notifications queued for {args.messages} messages")

    print("\n-- 2. draining them to an SMTP sink on 127.0.0.1 (aiosmtpd, its own process)")
    drained = bench_drain(sink, queued)
    print(drained.line())
    reference = bench_bare_smtplib(sink, queued)
    print(reference.line())
    print(
        f"drain ÷ bare loop: {drained.per_second / reference.per_second:.2f}; every row sent "
        f"once (Message-IDs checked); peak memory of this process {peak_mb():.0f} MB"
    )

    if args.replies:
        print(
            f"\n-- 3. replies coming in: {args.replies:,} each way, one connection, one after "
            "the other, to `comptoir serve` (WSGI) and its SMTP listener"
        )
        env = dict(os.environ.items())
        server = Server(data_dir, env)
        stack.callback(server.stop)
        rates = bench_inbound(world, args, server)
        for rate in rates:
            print(rate.line().replace("gap", "latency"))
        web = rates[0].per_second
        print(
            f"e-mail ÷ web: HTTP endpoint {rates[1].per_second / web:.2f}, "
            f"SMTP listener {rates[2].per_second / web:.2f}; every reply posted once, "
            "quotes stripped"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
