"""The `comptoir` command: serve, worker, seed, sign-link, createstaff, Django's commands."""

from __future__ import annotations

import argparse
import getpass
import multiprocessing
import os
import subprocess
import sys
import threading
from collections.abc import Sequence
from typing import Any


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.utils import translation

    # The console speaks the user's language when Comptoir has it (LANG=fr_FR.UTF-8 …).
    language = (os.environ.get("LANGUAGE") or os.environ.get("LANG") or "en")[:2].lower()
    if language in dict(settings.LANGUAGES):
        translation.activate(language)


def _say(message: str) -> None:
    print(message, flush=True)


def _prepare_database(*, quiet: bool = False) -> None:
    """Create the data directory and bring the database schema up to date."""
    from django.conf import settings
    from django.core.management import call_command
    from django.utils.translation import gettext as _

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    if not quiet:
        _say(_("Data directory: %(path)s") % {"path": settings.DATA_DIR})
        _say(_("Applying database migrations…"))
    call_command("migrate", interactive=False, verbosity=0)


def _load_demo_if_empty() -> None:
    from django.utils.translation import gettext as _

    from comptoir.accounts.models import User
    from comptoir.demo.marketplace import DEMO_LOGINS, demo_is_loaded, load_demo

    if demo_is_loaded():
        logins = DEMO_LOGINS
        _say(_("The demo marketplace is loaded."))
    elif User.objects.exists():
        return
    else:
        _say(_("Empty database: loading the demo marketplace…"))
        logins = load_demo(progress=lambda line: _say(f"  {line}"))
    _say(_("Demo logins (username / password):"))
    for login in logins:
        _say(f"  {login.role:<8} {login.username} / {login.password}")
    _say_demo_sign_in()


def _say_demo_sign_in() -> None:
    """How the demo's people sign in the marketplace's way, and the staff's second factor."""
    from django.utils.translation import gettext as _

    from comptoir.accounts.models import User
    from comptoir.accounts.signed_links import sign_link
    from comptoir.core.outbox import site_link
    from comptoir.demo.marketplace import DEMO_LOGINS
    from comptoir.demo.second_factor import staff_sign_in_help

    buyer = User.objects.filter(username=DEMO_LOGINS[0].username).first()
    if buyer is not None and buyer.external_id:
        _say(
            _(
                "Open the demo buyer's messages with a link the marketplace signs "
                "(works once, for 5 minutes; `comptoir sign-link --user %(id)s` makes another):"
            )
            % {"id": buyer.external_id}
        )
        _say("  " + site_link(sign_link(external_id=buyer.external_id, next_path="/messages/")))
    for line in staff_sign_in_help():
        _say(line)


def _start_task_worker() -> threading.Thread:
    """Run the database task worker in a thread of this process."""
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=1.0,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"serve-{os.getpid()}",
        excluded_queue_names=[],
    )
    thread = threading.Thread(target=worker.run, name="comptoir-task-worker", daemon=True)
    thread.start()
    return thread


def _start_periodic_jobs() -> threading.Thread:
    """Periodic jobs (core.periodic) in a thread beside the task worker."""
    from comptoir.core import periodic

    return periodic.start(threading.Event())


def _start_live_server(host: str, port: int) -> subprocess.Popen[bytes]:
    """WebSockets get their own ASGI process (HTTP stays on the fast WSGI path).

    Browsers find it one port above the page (or at LIVE_URL behind a proxy).
    """
    command = [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "asginl",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        "1",
        "comptoir.asgi:application",
    ]
    return subprocess.Popen(command, env=os.environ.copy())  # noqa: S603 - our own command


def _start_mail_in(host: str, port: int) -> subprocess.Popen[bytes]:
    """The SMTP listener for replies by e-mail, in a process of its own."""
    command = [sys.executable, "-m", "comptoir.cli", "mail-in", "--host", host, "--port", str(port)]
    return subprocess.Popen(command, env=os.environ.copy())  # noqa: S603 - our own command


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def cmd_serve(args: argparse.Namespace) -> int:
    # Links in e-mails (and the unsubscribe link of news and offers) point at this server
    # unless SITE_URL says where the public address is.
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host  # noqa: S104
    os.environ.setdefault("SITE_URL", f"http://{shown_host}:{args.port}")
    _setup()
    from django.db import connections
    from django.utils.translation import gettext as _
    from granian import Granian
    from granian.constants import Interfaces

    _prepare_database()
    if not args.no_demo:
        _load_demo_if_empty()
    connections.close_all()
    # Web workers are fresh interpreters: nothing of this process (threads, sockets,
    # database connections) is copied into them.
    multiprocessing.set_start_method("spawn", force=True)
    if not args.no_worker:
        _start_task_worker()
        _start_periodic_jobs()
        _say(_("Task worker started."))
    live = None
    if not args.no_live:
        live_port = args.live_port or args.port + 1
        live = _start_live_server(args.host, live_port)
        _say(
            _("Live updates on ws://%(host)s:%(port)d/ws/inbox/")
            % {"host": args.host, "port": live_port}
        )
    from django.conf import settings

    mail_in = None
    if settings.MAIL_IN_PORT:
        mail_in = _start_mail_in(settings.MAIL_IN_HOST, settings.MAIL_IN_PORT)
        _say(
            _("Replies by e-mail on smtp://%(host)s:%(port)d")
            % {"host": settings.MAIL_IN_HOST, "port": settings.MAIL_IN_PORT}
        )
    _say(
        _("Comptoir is serving on %(url)s  (Ctrl+C to stop)")
        % {"url": f"http://{args.host}:{args.port}/"}
    )
    server: Any = Granian(
        target="comptoir.wsgi:application",
        address=args.host,
        port=args.port,
        interface=Interfaces.WSGI,
        workers=args.workers,
        blocking_threads=args.threads,
        log_access=args.access_log,
    )
    try:
        server.serve()
    finally:
        _stop(mail_in)
        if live is not None:
            live.terminate()
            try:
                live.wait(timeout=10)
            except subprocess.TimeoutExpired:
                live.kill()
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    _setup()
    from django.core.management import call_command
    from django.utils.translation import gettext as _

    _prepare_database(quiet=True)
    _start_periodic_jobs()
    _say(_("Task worker running (Ctrl+C to stop)."))
    call_command("db_worker", queue_name="default", interval=args.interval)
    return 0


def cmd_mail_in(args: argparse.Namespace) -> int:
    _setup()
    from django.conf import settings
    from django.utils.translation import gettext as _

    from comptoir.inbound.listener import listener

    _prepare_database(quiet=True)
    if not settings.MAIL_REPLY_DOMAIN:
        _say(_("Set MAIL_REPLY_DOMAIN first: the listener takes mail for that domain only."))
        return 2
    host = args.host or settings.MAIL_IN_HOST
    port = args.port or settings.MAIL_IN_PORT or 2525
    controller = listener(host, port)
    controller.start()
    _say(
        _("Taking replies by e-mail for %(domain)s on %(host)s:%(port)d (Ctrl+C to stop).")
        % {"domain": settings.MAIL_REPLY_DOMAIN, "host": host, "port": port}
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    _setup()
    from django.utils.translation import gettext as _

    from comptoir.core.errors import DomainError
    from comptoir.demo.seed import generate

    _prepare_database(quiet=True)
    try:
        report = generate(
            shops=args.shops,
            buyers=args.buyers,
            orders=args.orders,
            conversations=args.conversations,
            messages=(args.messages if args.messages is not None else 8 * args.conversations),
            seed=args.seed,
            progress=lambda line: _say(f"  {line}"),
        )
    except DomainError as exc:
        print(f"comptoir seed: {exc.message}", file=sys.stderr)
        return 2
    _rebuild_responsiveness(fix=True)
    if report.conversations:
        _say(
            _("Conversations: %(conversations)d, messages: %(messages)d.")
            % {"conversations": report.conversations, "messages": report.messages}
        )
    _say(
        _(
            "Seeded %(shops)d shops, %(buyers)d buyers, %(listings)d listings, "
            "%(orders)d orders (%(items)d items), %(reviews)d reviews, %(cases)d cases "
            "in %(seconds).1f s."
        )
        % {
            "shops": report.shops,
            "buyers": report.buyers,
            "listings": report.listings,
            "orders": report.orders,
            "items": report.items,
            "reviews": report.reviews,
            "cases": report.cases,
            "seconds": report.seconds,
        }
    )
    return 0


def _rebuild_responsiveness(*, fix: bool, shop_ids: list[int] | None = None) -> Any:
    import time

    from django.utils.translation import gettext as _

    from comptoir.core import clock
    from comptoir.responsiveness.history import rebuild

    started = time.monotonic()
    step = [0.0]

    def progress(done: int, total: int) -> None:
        if done == total or time.monotonic() - step[0] >= 2:
            step[0] = time.monotonic()
            _say(
                "  "
                + _("responsiveness: shops %(done)d/%(total)d") % {"done": done, "total": total}
            )

    report = rebuild(clock.now(), fix=fix, shop_ids=shop_ids, progress=progress)
    report.seconds = time.monotonic() - started
    return report


def cmd_rebuild_responsiveness(args: argparse.Namespace) -> int:
    _setup()
    from django.utils.translation import gettext as _

    _prepare_database(quiet=True)
    report = _rebuild_responsiveness(fix=not args.check, shop_ids=args.shop or None)
    _say(
        (
            _(
                "Derived from %(messages)d messages of %(shops)d shops: %(spans)d waiting "
                "spans, %(firsts)d first messages, %(days)d days of figures in "
                "%(seconds).1f s (%(settled)d first messages overdue, compared as the "
                "periodic job will settle them)."
            )
            if args.check
            else _(
                "Derived from %(messages)d messages of %(shops)d shops: %(spans)d waiting "
                "spans, %(firsts)d first messages, %(days)d days of figures in "
                "%(seconds).1f s (%(settled)d first messages settled as unanswered first)."
            )
        )
        % {
            "messages": report.messages,
            "shops": report.shops,
            "spans": report.spans,
            "firsts": report.firsts,
            "days": report.days,
            "seconds": report.seconds,
            "settled": report.settled,
        }
    )
    if not report.difference_count:
        _say(_("No difference: the stored figures are exactly the derived ones."))
        return 0
    for diff in report.differences:
        _say(
            f"  shop {diff.shop_id} {diff.what} {diff.key}:\n"
            f"    {_('stored')}:  {diff.stored}\n    {_('derived')}: {diff.derived}"
        )
    _say(
        (
            _("%(n)d differences in %(shops)d shops; those shops were rebuilt.")
            if not args.check
            else _("%(n)d differences in %(shops)d shops (nothing was changed: --check).")
        )
        % {"n": report.difference_count, "shops": report.shops_differing}
    )
    return 1 if args.check else 0


def cmd_evaluate_standards(args: argparse.Namespace) -> int:
    _setup()
    import time

    from django.utils.translation import gettext as _

    from comptoir.standards.evaluation import evaluate_now

    _prepare_database(quiet=True)
    started = time.monotonic()
    phases = {
        "figures": _("gathering every shop's figures"),
        "flags": _("flagging and writing the queue"),
        "automatic actions": _("taking the automatic steps"),
    }

    def say(evaluation: Any) -> None:
        _say(f"  {time.monotonic() - started:5.1f} s  {phases[evaluation.progress]}")

    evaluation = evaluate_now(say=say)
    _say(
        _(
            "Evaluated %(shops)d shops in %(seconds).1f s: %(flagged)d flagged, %(raised)d new "
            "flags, %(cleared)d cleared, %(automatic)d automatic steps."
        )
        % {
            "shops": evaluation.shops_evaluated,
            "seconds": time.monotonic() - started,
            "flagged": evaluation.shops_flagged,
            "raised": evaluation.flags_raised,
            "cleared": evaluation.flags_cleared,
            "automatic": evaluation.automatic_actions,
        }
    )
    return 0


def cmd_createstaff(args: argparse.Namespace) -> int:
    _setup()
    from django.utils.translation import gettext as _

    from comptoir.accounts.services import staff_create
    from comptoir.core.errors import DomainError

    _prepare_database(quiet=True)
    password = args.password or os.environ.get("COMPTOIR_STAFF_PASSWORD", "")
    if not password:
        if not sys.stdin.isatty():
            print(
                "comptoir createstaff: " + _("give --password (there is no terminal to ask on)."),
                file=sys.stderr,
            )
            return 2
        password = getpass.getpass(_("Password: "))
        if password != getpass.getpass(_("Password (again): ")):
            print("comptoir createstaff: " + _("the passwords differ."), file=sys.stderr)
            return 2
    try:
        user = staff_create(
            username=args.username,
            email=args.email,
            password=password,
            integration=args.integration,
        )
    except DomainError as exc:
        print(f"comptoir createstaff: {exc.message}", file=sys.stderr)
        return 2
    _say(_("Trust & Safety staff account “%(name)s” created.") % {"name": user.username})
    return 0


def cmd_sign_link(args: argparse.Namespace) -> int:
    """Print a link signed the way the marketplace signs them (HS256, the shared secret)."""
    _setup()
    from datetime import timedelta

    from django.utils.translation import gettext as _

    from comptoir.accounts.models import User
    from comptoir.accounts.safe_next import is_safe_next
    from comptoir.accounts.signed_links import MAX_LIFETIME, sign_link
    from comptoir.core.outbox import site_link

    _prepare_database(quiet=True)
    if not is_safe_next(args.next):
        print("comptoir sign-link: " + _("--next must be a path on this site."), file=sys.stderr)
        return 2
    if not User.objects.filter(external_id=args.user, is_active=True).exists():
        print(
            "comptoir sign-link: " + _("nobody has the marketplace id %(id)s.") % {"id": args.user},
            file=sys.stderr,
        )
        return 2
    minutes = min(max(args.minutes, 1), int(MAX_LIFETIME.total_seconds() // 60))
    path = sign_link(
        external_id=args.user, next_path=args.next, lifetime=timedelta(minutes=minutes)
    )
    _say(site_link(path))
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["comptoir manage", *args.rest])
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="comptoir", description="Comptoir, the customer-service hub for marketplaces."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="migrate, load the demo if empty, and serve")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    serve.add_argument("--threads", type=int, default=4, help="request threads per worker")
    serve.add_argument("--no-demo", action="store_true", help="do not load the demo marketplace")
    serve.add_argument("--no-worker", action="store_true", help="do not run the task worker")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument("--no-live", action="store_true", help="no live updates (WebSockets)")
    serve.add_argument(
        "--live-port", type=int, default=0, help="port of the live updates (default: port + 1)"
    )
    serve.set_defaults(func=cmd_serve)

    worker = commands.add_parser("worker", help="run the background task worker alone")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    worker.set_defaults(func=cmd_worker)

    mail_in = commands.add_parser(
        "mail-in", help="run the SMTP listener for replies by e-mail (MAIL_REPLY_DOMAIN)"
    )
    mail_in.add_argument("--host", default="", help="default: MAIL_IN_HOST")
    mail_in.add_argument("--port", type=int, default=0, help="default: MAIL_IN_PORT, else 2525")
    mail_in.set_defaults(func=cmd_mail_in)

    seed = commands.add_parser("seed", help="generate a marketplace of any size")
    seed.add_argument("--shops", type=_positive, default=100)
    seed.add_argument("--buyers", type=_positive, default=5000)
    seed.add_argument("--orders", type=_positive, default=50000)
    seed.add_argument("--conversations", type=_positive, default=0)
    seed.add_argument(
        "--messages", type=_positive, default=None, help="in all (default: 8 per conversation)"
    )
    seed.add_argument("--seed", type=int, default=0, help="same seed, same marketplace")
    seed.set_defaults(func=cmd_seed)

    rebuild = commands.add_parser(
        "rebuild-responsiveness",
        help="derive response times and rates from the messages again and report differences",
    )
    rebuild.add_argument(
        "--check", action="store_true", help="only report differences, change nothing"
    )
    rebuild.add_argument("--shop", type=int, action="append", help="only this shop id")
    rebuild.set_defaults(func=cmd_rebuild_responsiveness)

    evaluate = commands.add_parser(
        "evaluate-standards",
        help="evaluate every shop against the service-level standards now",
    )
    evaluate.set_defaults(func=cmd_evaluate_standards)

    staff = commands.add_parser("createstaff", help="create a Trust & Safety staff account")
    staff.add_argument("--username", required=True)
    staff.add_argument("--email", default="")
    staff.add_argument("--password", help="else asked on the terminal")
    staff.add_argument(
        "--integration", action="store_true", help="may also feed data through the API"
    )
    staff.set_defaults(func=cmd_createstaff)

    link = commands.add_parser(
        "sign-link",
        help="print a sign-in link signed the way the marketplace signs them (to try the flow)",
    )
    link.add_argument("--user", required=True, help="the person's marketplace id")
    link.add_argument("--next", default="/", help="the page to open, e.g. /messages/")
    link.add_argument("--minutes", type=int, default=5, help="how long it works (at most 5)")
    link.set_defaults(func=cmd_sign_link)

    manage = commands.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
