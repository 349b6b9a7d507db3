"""`comptoir seed --conversations N --messages M`: threads, both sides' copies, counters."""

from __future__ import annotations

import hashlib
import itertools
import re
import statistics
from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import Any

import pytest
from django.db import connection
from django.db.models import Count, Q

from comptoir.accounts.models import User
from comptoir.cases.models import Case
from comptoir.catalog.models import Listing
from comptoir.consent.models import Consent
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.demo.seed import SeedReport, generate
from comptoir.messaging.models import (
    Conversation,
    FolderCount,
    Message,
    Party,
    TicketEvent,
)
from comptoir.messaging.search import matching_conversations, search_words
from comptoir.messaging.selectors import ListFilters, conversation_list, folder_counts
from comptoir.orders.models import Order
from comptoir.reviews.models import Review
from comptoir.shops.access import Viewer
from comptoir.shops.models import Shop, ShopMember

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
SIZES = {"shops": 8, "buyers": 120, "orders": 800, "conversations": 600, "messages": 4000}


def seeded(seed: int = 3, **sizes: int) -> SeedReport:
    with clock.frozen_at(NOW):
        return generate(seed=seed, **{**SIZES, **sizes})


def recount() -> dict[tuple[str, int, str], tuple[int, int]]:
    """Threads and unread threads per owner and folder, counted from the parties."""
    counts: dict[tuple[str, int, str], tuple[int, int]] = {}
    rows = (
        Party.objects.exclude(folder="deleted")
        .values("shop_id", "buyer_id", "folder")
        .annotate(threads=Count("id"), unread=Count("id", filter=Q(unread_count__gt=0)))
    )
    for row in rows:
        owner = ("shop", row["shop_id"]) if row["shop_id"] else ("buyer", row["buyer_id"])
        counts[(*owner, row["folder"])] = (row["threads"], row["unread"])
    return counts


def counters() -> dict[tuple[str, int, str], tuple[int, int]]:
    return {
        (("shop", c.shop_id) if c.shop_id else ("buyer", c.buyer_id)) + (c.folder,): (
            c.threads,
            c.unread_threads,
        )  # type: ignore[operator]
        for c in FolderCount.objects.all()
        if c.threads or c.unread_threads
    }


def closing_run(thread: list[Message]) -> list[Message]:
    """The last messages of a thread that came from the same side, newest first."""
    side = thread[-1].sender_side
    return list(itertools.takewhile(lambda m: m.sender_side == side, reversed(thread)))


def digest() -> str:
    """Every conversation, party and message, in id order, without the ids themselves."""
    fingerprint = hashlib.sha256()
    for query in (
        Conversation.objects.order_by("id").values_list(
            "shop__external_id", "buyer__external_id", "kind", "subject",
            "listing__external_id", "order__external_id", "help_reason", "ticket_status",
            "visitor_name", "visitor_email", "started_by", "created_at", "last_message_at",
            "message_count", "preview",
        ),
        Party.objects.order_by("id").values_list(
            "side", "shop__external_id", "buyer__external_id", "kind", "folder",
            "unread_count", "last_read_at", "last_message_at", "has_sent", "awaiting_reply_since",
        ),
        Message.objects.order_by("id").values_list(
            "sender_side", "author__external_id", "body", "created_at"
        ),
        FolderCount.objects.order_by("id").values_list(
            "shop__external_id", "buyer__external_id", "folder", "threads", "unread_threads"
        ),
    ):  # fmt: skip
        for row in query:
            fingerprint.update(repr(row).encode())
    return fingerprint.hexdigest()


def test_it_makes_exactly_the_conversations_and_messages_asked() -> None:
    lines: list[str] = []
    with clock.frozen_at(NOW):
        report = generate(seed=3, progress=lines.append, **SIZES)

    assert (report.conversations, report.messages) == (600, 4000)
    assert Conversation.objects.count() == 600
    assert Message.objects.count() == 4000
    assert all(
        c.message_count == c.n
        for c in Conversation.objects.annotate(n=Count("messages")).only("message_count")
    )
    assert "conversations 600/600, messages 4000/4000" in lines


def test_the_folder_counters_equal_a_recount_of_the_parties() -> None:
    seeded(seed=3)
    seeded(seed=4, shops=3, buyers=40, orders=100, conversations=200, messages=500)

    assert counters() == recount()
    assert FolderCount.objects.filter(shop__isnull=False).exists()
    assert FolderCount.objects.filter(buyer__isnull=False).exists()
    # What the inbox shows comes from those counters.
    shop = Shop.objects.get(external_id="s3-shop-0")
    member = ShopMember.objects.filter(shop=shop).first()
    assert member is not None
    counts = folder_counts(Viewer(user=member.user, shop=shop))
    for folder in ("inbox", "archive", "spam", "trash"):
        threads, unread = recount().get(("shop", shop.id, folder), (0, 0))
        assert (counts.threads[folder], counts.unread[folder]) == (threads, unread)


def test_each_side_copy_matches_its_messages() -> None:
    seeded(seed=5)

    messages: dict[int, list[Message]] = defaultdict(list)
    for message in Message.objects.order_by("id"):
        messages[message.conversation_id].append(message)
    parties: dict[int, dict[str, Party]] = defaultdict(dict)
    for party in Party.objects.all():
        parties[party.conversation_id][party.side] = party
    for conversation in Conversation.objects.all():
        thread = messages[conversation.id]
        stamps = [m.created_at for m in thread]
        assert stamps == sorted(set(stamps)), "strictly increasing"
        assert stamps[-1] <= NOW
        assert conversation.last_message_at == stamps[-1]
        assert conversation.created_at == stamps[0]
        assert conversation.started_by == thread[0].sender_side
        assert conversation.preview == " ".join(thread[-1].body.split())[:160]
        sides = parties[conversation.id]
        expected = {"shop"} if conversation.kind == "contact_form" else {"shop", "buyer"}
        assert set(sides) == expected
        assert sides["shop"].shop_id == conversation.shop_id
        if "buyer" in sides:
            assert sides["buyer"].buyer_id == conversation.buyer_id
        # The other side's closing run of messages: what is unread and awaited.
        last_side = thread[-1].sender_side
        run = closing_run(thread)
        for side, party in sides.items():
            assert party.kind == conversation.kind
            assert party.folder in ("inbox", "archive", "spam", "trash")
            assert party.last_message_at == conversation.last_message_at
            assert party.has_sent == any(m.sender_side == side for m in thread)
            if side == last_side:
                assert party.unread_count == 0
                assert party.awaiting_reply_since is None
                assert party.last_read_at == conversation.last_message_at
            else:
                assert party.unread_count in (0, len(run))
                assert party.awaiting_reply_since == run[-1].created_at
            if party.folder == "archive":
                assert party.unread_count == 0


def test_every_kind_is_made_and_follows_the_rules() -> None:
    seeded(seed=6)

    conversations = list(
        Conversation.objects.select_related("listing", "order", "shop").prefetch_related(
            "ticket_events"
        )
    )
    kinds = Counter(c.kind for c in conversations)
    assert set(kinds) == set(Conversation.Kind.values)
    assert kinds["contact_form"] < kinds["listing_inquiry"] / 3, "a few contact forms"
    for c in conversations:
        # The model's constraints, choices and lengths (an untyped subject stays empty).
        c.full_clean(exclude=None if c.subject else ["subject"])
        if c.kind == "listing_inquiry":
            assert c.listing is not None
            assert c.listing.shop_id == c.shop_id
        if c.kind in ("help_request", "support_ticket", "order_message"):
            assert c.order is not None
            assert (c.order.shop_id, c.order.buyer_id) == (c.shop_id, c.buyer_id)
            assert c.created_at > c.order.ordered_at
        else:
            assert c.order is None
        assert bool(c.help_reason) == (c.kind == "help_request")
        if c.kind == "contact_form":
            assert c.buyer_id is None
            assert c.visitor_name
            assert "@" in c.visitor_email
        else:
            assert c.buyer_id is not None
            assert not c.visitor_email
        assert c.started_by == ("shop" if c.kind in ("order_message", "marketing") else "buyer")
        if c.kind == "marketing":  # news only to a past buyer who consented, marked as such
            assert Consent.objects.filter(buyer=c.buyer_id, shop=c.shop_id, given=True).exists()
            assert Order.objects.filter(buyer=c.buyer_id, shop=c.shop_id).exists()
            assert c.messages.order_by("id").first().is_marketing
        events = [e.status for e in c.ticket_events.all()]
        if c.kind == "support_ticket":
            assert events == (["open"] if c.ticket_status == "open" else ["open", "closed"])
        else:
            assert events == []
    typed = Counter(c.kind for c in conversations if c.subject)
    assert set(typed) == set(Conversation.Kind.values)
    assert all(
        typed[kind] < n for kind, n in kinds.items() if kind not in ("listing_inquiry", "marketing")
    )
    assert Message.objects.filter(is_marketing=True).count() == kinds["marketing"]
    statuses = {c.ticket_status for c in conversations if c.kind == "support_ticket"}
    assert statuses == {"open", "closed"}
    tickets = Counter(c.order_id for c in conversations if c.kind == "support_ticket")
    assert max(tickets.values()) == 1, "one support ticket per order"
    folders = set(Party.objects.values_list("folder", flat=True))
    assert folders == {"inbox", "archive", "spam", "trash"}
    assert Party.objects.filter(folder="inbox").count() > Party.objects.count() / 2
    assert Party.objects.filter(unread_count__gt=0).exists()


def test_threads_are_written_by_their_people_in_their_languages() -> None:
    seeded(seed=7)

    for message in Message.objects.select_related("conversation").order_by("?")[:400]:
        conversation = message.conversation
        if message.sender_side == "buyer":
            assert message.author_id == conversation.buyer_id
        else:
            assert ShopMember.objects.filter(
                shop_id=conversation.shop_id, user_id=message.author_id
            ).exists()
    bodies = " ".join(Message.objects.values_list("body", flat=True))
    for word in ("Thank you", "Merci", "Dziękuję", "Bonjour", "Dzień dobry", "Hello"):
        assert word in bodies
    assert not User.objects.filter(external_id__startswith="s7-visitor").exists()


def test_order_threads_record_the_buyers_first_message() -> None:
    seeded(seed=8)

    firsts: dict[int, datetime] = {}
    for message in Message.objects.filter(
        sender_side="buyer", conversation__order__isnull=False
    ).values("conversation__order_id", "created_at"):
        order_id = message["conversation__order_id"]
        firsts[order_id] = min(firsts.get(order_id, message["created_at"]), message["created_at"])
    assert firsts
    orders = Order.objects.in_bulk(list(firsts))
    for order_id, first in firsts.items():
        recorded = orders[order_id].buyer_first_message_at
        assert recorded is not None
        assert recorded <= first


def test_some_shops_are_far_busier_than_others() -> None:
    seeded(seed=9, shops=30, buyers=300, orders=1500, conversations=3000, messages=9000)

    per_shop = sorted(
        Conversation.objects.values("shop").annotate(n=Count("id")).values_list("n", flat=True)
    )
    assert per_shop[-1] >= 8 * statistics.median(per_shop)


def test_search_finds_seeded_words() -> None:
    seeded(seed=10)

    assert Party.objects.filter(matching_conversations("colis")).exists()
    typed = Conversation.objects.exclude(subject="").exclude(kind="listing_inquiry")
    assert typed.count() > 30
    for conversation in typed.order_by("id")[:30]:
        word = max(search_words(conversation.subject), key=len)  # in the subject, as typed
        assert Party.objects.filter(
            matching_conversations(word), conversation=conversation
        ).exists(), word
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM messaging_message_fts WHERE messaging_message_fts MATCH %s",
                ["parcel"],
            )
            (found,) = cursor.fetchone()
        word = re.compile(r"\bparcel\b", re.IGNORECASE)
        expected = sum(
            bool(word.search(body))
            for body in Message.objects.filter(body__icontains="parcel").values_list(
                "body", flat=True
            )
        )
        assert found == expected
        assert found > 0


def test_the_busiest_inbox_lists_through_the_real_selector() -> None:
    seeded(seed=11)

    shop_id = (
        Party.objects.filter(side="shop", folder="inbox")
        .values("shop_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("shop_id", flat=True)
        .first()
    )
    shop = Shop.objects.get(pk=shop_id)
    member = ShopMember.objects.filter(shop=shop).first()
    assert member is not None
    viewer = Viewer(user=member.user, shop=shop)
    page = conversation_list(viewer, ListFilters(), cursor=None, limit=50)
    seen: list[Any] = [(p.last_message_at, p.id) for p in page.items]
    assert len(seen) == 50
    assert page.next_cursor
    assert seen == sorted(seen, reverse=True)
    assert all(p.folder == "inbox" and p.shop_id == shop.id for p in page.items)


def test_the_same_seed_makes_the_same_conversations() -> None:
    small = {"shops": 3, "buyers": 30, "orders": 200, "conversations": 150, "messages": 700}
    seeded(seed=12, **small)
    first = digest()
    Conversation.objects.all().delete()
    for model in (Case, Review, Order, Listing, Shop, User):
        model._default_manager.filter(external_id__startswith="s12-").delete()
    for model in (Message, Party, TicketEvent, FolderCount):
        assert not model._default_manager.exists()

    seeded(seed=12, **small)

    assert digest() == first


@pytest.mark.parametrize(
    ("sizes", "written"),
    [
        ({"conversations": 10, "messages": 9}, "at least one message"),
        ({"conversations": 0, "messages": 5}, "every message"),
        ({"conversations": -1, "messages": 5}, "0 or more"),
        ({"shops": 0, "orders": 0, "conversations": 5, "messages": 5}, "one shop"),
    ],
)
def test_impossible_conversation_sizes_are_refused(sizes: dict[str, int], written: str) -> None:
    with pytest.raises(DomainError) as error:
        seeded(seed=13, **sizes)
    assert error.value.code == "invalid_size"
    assert written in error.value.message
    assert not User.objects.exists()
