"""Do the figures kept as events happen equal the ones derived from the raw history?

    uv run python bench/responsiveness_agree.py                     # SQLite, scratch directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test uv run python bench/responsiveness_agree.py
    uv run python bench/responsiveness_agree.py --shops 1000 --messages 1000000 --events 5000
    uv run python bench/responsiveness_agree.py --quick             # tiny sizes (CI runs this)

One run:

1. seeds a scratch marketplace with `comptoir seed` (--shops, --buyers, --orders,
   --conversations, --messages). The seed writes the history in bulk, as an import from
   the marketplace would, then derives its responsiveness rows once
   (`rebuild-responsiveness`); on PostgreSQL it uses a database `bench_agree_<pid>` on the
   server of DATABASE_URL, dropped at the end;
2. plays --events events through the real services on that history, the clock moving
   forward a few minutes per event over about two days: buyers asking new questions and
   writing in their threads, sellers answering, marking threads spam and not spam,
   marking "no response needed" (on threads and on one message), trashing and restoring,
   new orders and reviews from the marketplace; then lets the periodic job settle the
   first messages whose 24 hours passed;
3. runs the rebuild in check mode (nothing is changed) and prints what it derived, how
   long it took, and every difference between the stored and the derived figures. The
   expected result is "0 differences".

It stops with an error (exit status 1) when the seed fails, when no event went through
the services, when the rebuild (the reference) read no messages, and when there is any
difference. --quick (for CI) seeds 5 shops, 200 buyers, 500 orders, 200 threads, 1,000
messages and plays 60 events.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from scratch import scratch_database

# What --quick sets (after the other options, so it wins): CI runs it to keep the bench
# working; the figures must still agree.
QUICK = (
    "--shops", "5", "--buyers", "200", "--orders", "500", "--conversations", "200",
    "--messages", "1000", "--events", "60",
)  # fmt: skip


def fail(message: str) -> SystemExit:
    return SystemExit(f"bench/responsiveness_agree.py: {message}")


def _seed(args: argparse.Namespace, env: dict[str, str]) -> float:
    command = [
        sys.executable, "-m", "comptoir.cli", "seed",
        "--shops", str(args.shops), "--buyers", str(args.buyers), "--orders", str(args.orders),
        "--conversations", str(args.conversations), "--messages", str(args.messages),
    ]  # fmt: skip
    started = time.monotonic()
    if subprocess.run(command, env=env, check=False).returncode != 0:
        raise fail("comptoir seed failed (above)")
    return time.monotonic() - started


def _play(events: int, rng: random.Random) -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from comptoir.core import clock
    from comptoir.messaging.models import Conversation, Message, Party
    from comptoir.messaging.rules import Action
    from comptoir.messaging.services.drafts import Draft
    from comptoir.messaging.services.folders import conversations_act
    from comptoir.messaging.services.no_response import (
        mark_message_no_response_needed,
        mark_no_response_needed,
    )
    from comptoir.messaging.services.replying import message_reply
    from comptoir.messaging.services.starting import conversation_start
    from comptoir.orders.models import Order
    from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
    from comptoir.responsiveness.recording import settle_all
    from comptoir.reviews.services import review_upsert
    from comptoir.shops.access import as_buyer, as_member
    from comptoir.shops.models import Shop, ShopMember

    user_model = get_user_model()
    done: dict[str, int] = {}
    # The busiest shops get most of the events, as in life.
    shops = list(Shop.objects.order_by("-id")[:50])
    members = {
        m.shop_id: m.user for m in ShopMember.objects.select_related("user").filter(shop__in=shops)
    }
    shops = [s for s in shops if s.id in members]
    buyers = list(user_model.objects.filter(external_id__contains="-buyer-")[:500])
    if not shops or not buyers:
        raise fail(f"nothing to play on: {len(shops)} shops with a member, {len(buyers)} buyers")
    now = clock.now()
    for n in range(events):
        now += timedelta(minutes=rng.uniform(1, 60))
        shop = rng.choice(shops)
        seller = as_member(members[shop.id], shop)
        threads = list(
            Conversation.objects.filter(shop=shop, buyer__isnull=False)
            .order_by("-last_message_at")
            .values_list("id", "buyer_id")[:30]
        )
        roll = rng.random()
        with clock.frozen_at(now):
            try:
                if roll < 0.2 or not threads:
                    buyer = rng.choice(buyers)
                    conversation_start(
                        viewer=as_buyer(buyer),
                        kind=Conversation.Kind.SHOP_INQUIRY,
                        draft=Draft(body=f"Question {n}"),
                        shop=shop,
                    )
                    kind = "buyer asks"
                elif roll < 0.45:
                    cid, buyer_id = rng.choice(threads)
                    buyer = user_model.objects.get(pk=buyer_id)
                    message_reply(
                        viewer=as_buyer(buyer), conversation_id=cid, draft=Draft(body=f"b{n}")
                    )
                    kind = "buyer writes"
                elif roll < 0.75:
                    cid, _buyer = rng.choice(threads)
                    message_reply(viewer=seller, conversation_id=cid, draft=Draft(body=f"s{n}"))
                    kind = "seller answers"
                elif roll < 0.8:
                    cid, _buyer = rng.choice(threads)
                    in_spam = Party.objects.filter(shop=shop, side="shop", folder="spam")
                    if rng.random() < 0.5 and in_spam.exists():
                        cid = in_spam.values_list("conversation_id", flat=True).first() or cid
                    folder = Party.objects.get(conversation_id=cid, side="shop").folder
                    action = {"spam": Action.NOT_SPAM, "trash": Action.RESTORE}.get(
                        folder, Action.SPAM
                    )
                    conversations_act(viewer=seller, ids=[cid], action=action)
                    kind = f"seller: {action}"
                elif roll < 0.84:
                    cid, _buyer = rng.choice(threads)
                    folder = Party.objects.get(conversation_id=cid, side="shop").folder
                    action = Action.RESTORE if folder == "trash" else Action.TRASH
                    conversations_act(viewer=seller, ids=[cid], action=action)
                    kind = f"seller: {action}"
                elif roll < 0.88:
                    ids = [cid for cid, _b in rng.sample(threads, min(3, len(threads)))]
                    mark_no_response_needed(viewer=seller, ids=ids)
                    kind = "no response needed (threads)"
                elif roll < 0.91:
                    cid, _buyer = rng.choice(threads)
                    message = (
                        Message.objects.filter(conversation_id=cid, sender_side="buyer")
                        .order_by("-id")
                        .first()
                    )
                    if message is None:
                        continue
                    mark_message_no_response_needed(
                        viewer=seller,
                        conversation_id=cid,
                        message_id=message.id,
                        needed=message.no_response_needed,
                    )
                    kind = "no response needed (one message, toggled)"
                elif roll < 0.97:
                    buyer = rng.choice(buyers)
                    shipped = rng.random() < 0.8
                    order_upsert(
                        shop=shop,
                        data=OrderInput(
                            external_id=f"agree-order-{n}",
                            buyer=BuyerInput(
                                external_id=buyer.external_id, email=buyer.email or ""
                            ),
                            status="shipped" if shipped else "paid",
                            ordered_at=now - timedelta(days=3),
                            ship_by=(now - timedelta(days=rng.randint(0, 2))).date(),
                            shipped_at=now - timedelta(hours=rng.randint(0, 40))
                            if shipped
                            else None,
                            tracking_carrier="La Poste" if shipped else "",
                            tracking_number=f"T{n}" if shipped else "",
                            items=[ItemInput(title="Item", unit_price=Decimal("20.00"))],
                        ),
                    )
                    kind = "marketplace: order"
                else:
                    order = (
                        Order.objects.filter(shop=shop, review__isnull=True)
                        .exclude(status="cancelled")
                        .order_by("-id")
                        .first()
                    )
                    if order is None:
                        continue
                    review_upsert(
                        shop=shop,
                        external_id=f"agree-review-{n}",
                        order_external_id=order.external_id,
                        stars=rng.randint(1, 5),
                    )
                    kind = "marketplace: review"
            except Exception as exc:  # a refusal (a rule) is fine; print it and go on
                kind = f"refused: {getattr(exc, 'code', type(exc).__name__)}"
        done[kind] = done.get(kind, 0) + 1
    now += timedelta(hours=25)
    done["settled after the events"] = settle_all(now)
    done["__now__"] = int(now.timestamp())
    return done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shops", type=int, default=1000)
    parser.add_argument("--buyers", type=int, default=50_000)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--conversations", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the scratch data directory")
    parser.add_argument("--quick", action="store_true", help=f"tiny sizes (CI): {' '.join(QUICK)}")
    args = parser.parse_args()
    if args.quick:
        args = parser.parse_args([*sys.argv[1:], *QUICK])

    data_dir = Path(tempfile.mkdtemp(prefix="comptoir-agree-"))
    env = {**os.environ, "COMPTOIR_DATA_DIR": str(data_dir)}
    stack = ExitStack()  # the scratch PostgreSQL database, dropped at the end
    url = stack.enter_context(scratch_database(os.environ.get("DATABASE_URL", ""), "bench_agree"))
    if url:
        env["DATABASE_URL"] = url
    pg_name = url
    backend = "PostgreSQL" if pg_name else "SQLite"
    try:
        print(f"== responsiveness: incremental vs rebuilt, on {backend}")
        seeded = _seed(args, env)
        print(f"seeded (with its first derivation) in {seeded:.1f} s")
        os.environ.update(env)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "comptoir.settings")
        import django

        django.setup()
        from datetime import UTC, datetime

        from comptoir.responsiveness.history import rebuild

        started = time.monotonic()
        played = _play(args.events, random.Random(args.seed))
        now = datetime.fromtimestamp(played.pop("__now__"), UTC)
        print(f"played {args.events} events through the services in "
              f"{time.monotonic() - started:.1f} s:")  # fmt: skip
        for kind, count in sorted(played.items()):
            print(f"  {kind:<45} {count:>6}")
        through = sum(
            count for kind, count in played.items() if not kind.startswith(("refused", "settled"))
        )
        if args.events and not through:
            raise fail(f"none of the {args.events} events went through the services")
        started = time.monotonic()
        report = rebuild(now, fix=False)
        seconds = time.monotonic() - started
        if not report.messages or seconds <= 0:
            raise fail(
                f"the rebuild (the reference) read {report.messages:,} messages of "
                f"{report.shops} shops in {seconds:.3f} s: nothing to compare with"
            )
        print(
            f"rebuild --check: {report.shops} shops, {report.messages:,} messages -> "
            f"{report.spans:,} waiting spans, {report.firsts:,} first messages, "
            f"{report.days:,} days of figures in {seconds:.1f} s "
            f"({report.messages / seconds:,.0f} messages/s)"
        )
        print(f"differences: {report.difference_count}")
        for diff in report.differences:
            print(f"  shop {diff.shop_id} {diff.what} {diff.key}\n"
                  f"    stored:  {diff.stored}\n    derived: {diff.derived}")  # fmt: skip
        if report.difference_count:
            raise fail(
                f"{report.difference_count} differences between the figures kept as events "
                "happen and the ones rebuilt from the history (above)"
            )
        return 0
    finally:
        stack.close()
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
