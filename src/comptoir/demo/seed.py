"""The `comptoir seed` generator: a believable marketplace of any size, written in bulk.

Unlike the demo, nothing goes through the services: rows are generated in chunks and
inserted with the driver's bulk path (executemany on SQLite, COPY on PostgreSQL) with
ids assigned here, so half a million orders take minutes, not hours. Everything comes
from `random.Random(seed)` and `clock.now()`: the same seed at the same instant gives
the same rows. External ids start with `s{seed}-`, so several seeds can share a database.

Conversations are written the same way, each side's copy (Party) and the folder counters
filled as the messaging services would have left them (`messaging.services`,
`messaging.state`). Messages are plain INSERTs, so SQLite's FTS triggers index them.
"""

from __future__ import annotations

import itertools
import json
import math
import random
import time
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, models, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.cases.eligibility import OrderTiming, case_eligibility, day_has_passed
from comptoir.cases.models import LEGACY_TYPES, Case
from comptoir.catalog.delivery import estimate_delivery
from comptoir.catalog.models import Listing, ShippingProfile
from comptoir.consent.models import Consent, ConsentChange
from comptoir.core import clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.demo import words
from comptoir.messaging.models import Conversation, FolderCount, Message, Party, TicketEvent
from comptoir.orders.models import Order, OrderItem
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop, ShopMember, ShopPolicy
from comptoir.shops.policies import NON_RETURNABLE, PAYMENT_METHODS, RETURN_WINDOWS

CHUNK = 25_000  # orders generated and written at a time: bounds memory
DAY = 86_400
HISTORY_DAYS = 365
CASE_WINDOW = 100 * DAY
# What the generator's case stories are filed as: (type, variant), as the API stores them.
_CASE_KINDS = {
    "non_delivery": ("non_delivery", ""),
    "not_as_described": ("not_as_described", "differs_from_listing"),
    **LEGACY_TYPES,
}
CUSTOM = {"en": "Custom", "fr": "Sur mesure", "pl": "Na zamówienie"}
CONVERSATION_CHUNK = 10_000  # conversations generated and written at a time, at most
MESSAGE_CHUNK = 20_000  # and messages: long threads do not make a chunk grow
PREVIEW = 160  # as messaging.services.delivery


@dataclass(frozen=True)
class SeedReport:
    shops: int
    buyers: int
    listings: int
    orders: int
    items: int
    reviews: int
    cases: int
    conversations: int
    messages: int
    seconds: float


def generate(
    *,
    shops: int,
    buyers: int,
    orders: int,
    conversations: int = 0,
    messages: int = 0,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> SeedReport:
    """Add `shops` shops, `buyers` buyers and `orders` orders (with their listings,
    items, reviews and cases), and `conversations` threads holding `messages` messages
    in all, to the database, in one transaction.

    Raises `DomainError` for impossible sizes and `Conflict` when this seed is already
    in the database; in both cases nothing is written.
    """
    started = time.perf_counter()
    if min(shops, buyers, orders) < 0:
        raise DomainError(
            "invalid_size", _("The numbers of shops, buyers and orders must be 0 or more.")
        )
    if orders and not (shops and buyers):
        raise DomainError("invalid_size", _("Orders need at least one shop and one buyer."))
    if min(conversations, messages) < 0:
        raise DomainError(
            "invalid_size", _("The numbers of conversations and messages must be 0 or more.")
        )
    if conversations and not (shops and buyers):
        raise DomainError("invalid_size", _("Conversations need at least one shop and one buyer."))
    if messages < conversations or (messages and not conversations):
        raise DomainError(
            "invalid_size",
            _("Every conversation holds at least one message, and every message a conversation."),
        )
    with transaction.atomic():
        writer = _Writer()
        writer.lock()
        prefix = f"s{seed}-"
        if (
            Shop.objects.filter(external_id__startswith=prefix).exists()
            or User.objects.filter(external_id__startswith=prefix).exists()
        ):
            raise Conflict(
                "seed_exists",
                _("Seed %(seed)d is already in this database: pick another seed.") % {"seed": seed},
            )
        generator = _Generator(writer, seed=seed, progress=progress)
        try:
            generator.people(shops=shops, buyers=buyers)
            generator.shops(shops)
            generator.orders(orders)
            generator.conversations(conversations, messages)
        finally:
            writer.close()
    return SeedReport(
        shops=shops,
        buyers=buyers,
        listings=generator.listing_count,
        orders=orders,
        items=generator.item_count,
        reviews=generator.review_count,
        cases=generator.case_count,
        conversations=conversations,
        messages=messages,
        seconds=time.perf_counter() - started,
    )


# --- Writing -------------------------------------------------------------------------

_TABLES: tuple[type[models.Model], ...] = (
    User,
    Shop,
    ShopMember,
    ShopPolicy,
    ShippingProfile,
    Listing,
    Order,
    OrderItem,
    Review,
    Case,
    Conversation,
    Party,
    Message,
    FolderCount,
    TicketEvent,
)
_EPOCH = datetime(1970, 1, 1)  # naive on purpose: formatted as UTC text


class _Table:
    """One table's insert: the columns the generator fills, then every other column at
    its model default (so a field added later with a default does not break the seed)."""

    def __init__(self, writer: _Writer, model: type[models.Model], fields: Sequence[str]) -> None:
        self.writer = writer
        meta = model._meta
        by_attname = {f.attname: f for f in meta.concrete_fields}
        self.name = meta.db_table
        self.columns: list[str] = [str(by_attname[name].column) for name in fields]
        tail: list[Any] = []
        for f in meta.concrete_fields:
            if f.attname in fields:
                continue
            value = (
                f.get_db_prep_save(f.get_default(), connection)
                if f.has_default() or not f.null
                else None
            )
            if value is None and not f.null:
                raise ImproperlyConfigured(f"comptoir seed does not fill {self.name}.{f.column}")
            self.columns.append(str(f.column))
            tail.append(value)
        self.tail = tuple(tail)
        self.next_id = writer.first_id(self.name)
        self.written = 0

    def take_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.tail:
            rows = [row + self.tail for row in rows]
        self.writer.insert(self, rows)
        self.written += len(rows)


class _Writer:
    """Bulk inserts through the driver, inside the caller's transaction."""

    def __init__(self) -> None:
        connection.ensure_connection()
        self.vendor = connection.vendor
        self.raw: Any = connection.connection
        self.cursor: Any = self.raw.cursor()
        self.tables: list[_Table] = []
        self.dt_suffix = "" if self.vendor == "sqlite" else "+00:00"
        self._cache_size: int | None = None
        if self.vendor == "sqlite":
            # A bigger page cache keeps the indexes being filled in memory. 64 MB: as fast
            # as 128 MB for a million messages, and the seed's peak stays under 250 MB.
            self._cache_size = self.cursor.execute("PRAGMA cache_size").fetchone()[0]
            self.cursor.execute("PRAGMA cache_size = -65536")

    def lock(self) -> None:
        """On PostgreSQL, keep other writers out of the tables whose ids we hand out."""
        if self.vendor == "postgresql":
            names = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in _TABLES)
            self.cursor.execute(f"LOCK TABLE {names} IN EXCLUSIVE MODE")

    def table(self, model: type[models.Model], fields: Sequence[str]) -> _Table:
        table = _Table(self, model, fields)
        self.tables.append(table)
        return table

    def first_id(self, name: str) -> int:
        quoted = connection.ops.quote_name(name)
        self.cursor.execute(f"SELECT MAX(id) FROM {quoted}")  # noqa: S608 (a model's table)
        highest = self.cursor.fetchone()[0] or 0
        if self.vendor == "sqlite":
            self.cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (name,))
            row = self.cursor.fetchone()
            return max(highest, row[0] if row else 0) + 1
        self.cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", (name,))
        return max(highest + 1, self.cursor.fetchone()[0])

    def insert(self, table: _Table, rows: list[tuple[Any, ...]]) -> None:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in table.columns)
        if self.vendor == "sqlite":
            marks = ", ".join("?" * len(table.columns))
            self.cursor.executemany(
                f"INSERT INTO {quote(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608
                rows,
            )
            return
        with self.cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def update_many(self, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if self.vendor == "sqlite":
            sql = sql.replace("%s", "?")
        self.cursor.executemany(sql, rows)

    def close(self) -> None:
        """Put the id sequences after what we wrote, give the planner statistics for the
        new rows (PostgreSQL), and put the connection back as it was."""
        if self.vendor == "postgresql":
            for table in self.tables:
                if table.written:
                    self.cursor.execute(
                        "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                        (table.name, table.next_id - 1),
                    )
            written = sorted({t.name for t in self.tables if t.written})
            if written:  # else the planner takes the new tables for empty until autovacuum
                quote = connection.ops.quote_name
                self.cursor.execute(f"ANALYZE {', '.join(quote(n) for n in written)}")
        elif self._cache_size is not None:
            self.cursor.execute(f"PRAGMA cache_size = {int(self._cache_size)}")
        self.cursor.close()

    def dt(self, ts: int) -> str:
        """An instant (seconds since the epoch, UTC) as the database's text for it."""
        return (_EPOCH + timedelta(seconds=ts)).isoformat(" ") + self.dt_suffix


def _fill(pattern: str, rng: random.Random) -> str:
    """`pattern` with each '#' replaced by a random digit."""
    count = pattern.count("#")
    if not count:
        return pattern
    digits = f"{rng.randrange(10**count):0{count}d}"
    out, i = [], 0
    for char in pattern:
        if char == "#":
            out.append(digits[i])
            i += 1
        else:
            out.append(char)
    return "".join(out)


_STATUS_CODE = {"paid": 0, "shipped": 1, "delivered": 2, "cancelled": 3}
PAID, SHIPPED, DELIVERED, CANCELLED = 0, 1, 2, 3

# Conversations: how often each kind is started, and how long its threads run (relative).
_KINDS = (
    "listing_inquiry", "shop_inquiry", "help_request", "support_ticket", "order_message",
    "contact_form", "marketing",
)  # fmt: skip
_KIND_CW = list(itertools.accumulate((34, 16, 14, 5, 27, 4, 3)))
_KIND_LENGTH = (1.0, 0.9, 1.6, 1.8, 0.6, 0.4, 0.2)
# How often a subject is typed (a listing inquiry is otherwise named after the listing).
_TYPED_SUBJECT = {
    "listing_inquiry": 0.4, "shop_inquiry": 0.5, "help_request": 0.35, "support_ticket": 0.3,
    "order_message": 0.4, "contact_form": 0.7, "marketing": 1.0,
}  # fmt: skip
_ORDER_KINDS = frozenset({"help_request", "support_ticket", "order_message"})
# What a help request is about, by the order's status (reasons, weights).
_REASONS: dict[int, tuple[tuple[str, ...], tuple[int, ...]]] = {
    PAID: (("change_or_cancel", "personalisation", "not_received", "other"), (45, 30, 10, 15)),
    SHIPPED: (("not_received", "other", "personalisation"), (70, 20, 10)),
    DELIVERED: (
        ("damaged", "not_as_described", "wrong_item", "personalisation", "other"),
        (30, 25, 12, 8, 25),
    ),
    CANCELLED: (("other",), (1,)),
}
# Seconds between messages (log-normal: median, spread): an answer from the shop, from
# the buyer, and a second message from the same side.
_SHOP_ANSWERS = (math.log(3 * 3600), 1.4)
_BUYER_ANSWERS = (math.log(7 * 3600), 1.3)
_FOLLOW_UPS = (math.log(25 * 60), 1.0)


def _cents(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _zipf_cumulative(count: int, exponent: float) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, count + 1):
        total += 1.0 / rank**exponent
        out.append(total)
    return out


# --- Generating ------------------------------------------------------------------------


@dataclass
class _ListingInfo:
    id: int
    title: str
    price_cents: int
    processing: tuple[int, int]
    transit: tuple[int, int]


@dataclass
class _ShopInfo:
    id: int
    name: str
    members: list[int]  # user ids: the owner first
    time_zone: str
    currency: str
    language: str
    carrier: str
    tracking: str
    listings: list[_ListingInfo]
    listing_weights: list[float]
    # The shop's orders, for threads about them (arrays: half a million orders stay small).
    order_ids: array[int] = field(default_factory=lambda: array("q"))
    order_buyers: array[int] = field(default_factory=lambda: array("l"))  # buyer index
    order_placed: array[int] = field(default_factory=lambda: array("q"))  # ordered at
    order_settled: array[int] = field(default_factory=lambda: array("q"))  # shipped/delivered
    order_status: array[int] = field(default_factory=lambda: array("b"))  # _STATUS_CODE


class _Generator:
    def __init__(
        self, writer: _Writer, *, seed: int, progress: Callable[[str], None] | None
    ) -> None:
        self.writer = writer
        self.seed = seed
        self.prefix = f"s{seed}-"
        self.say = progress or (lambda _line: None)
        self.rng = random.Random(seed)
        now = clock.now()
        self.now_ts = int(now.timestamp())
        self.today = datetime.fromtimestamp(self.now_ts, UTC).date()
        self.stamp = writer.dt(self.now_ts)
        self.users = writer.table(
            User,
            (
                "id", "password", "username", "first_name", "last_name", "email", "date_joined",
                "external_id", "display_name", "language", "time_zone",
            ),
        )  # fmt: skip
        self.buyer_ids: list[int] = []
        self.buyer_language: list[str] = []
        self.buyer_first: list[str] = []
        self.buyer_email: list[str] = []
        self.buyer_address: list[str] = []
        self.seller_ids: list[int] = []
        self.shop_info: list[_ShopInfo] = []
        self.listing_count = self.item_count = self.review_count = self.case_count = 0
        self._popular: tuple[list[float], list[int], list[int]] | None = None

    # People ----------------------------------------------------------------------------

    def _person(self, kind: str, index: int, language: str) -> tuple[Any, ...]:
        rng = self.rng
        first = rng.choice(words.FIRST_NAMES[language])
        last = rng.choice(words.LAST_NAMES[language])
        place = rng.choice(words.PLACES[language])
        external_id = f"{self.prefix}{kind}-{index}"
        local = slugify(f"{first}.{last}").replace("-", ".") or "buyer"
        email = f"{local}.{index}@{kind}.s{self.seed}.example.org"
        # Never usable: the marketplace's people sign in there, not here. No hasher run.
        password = f"!{rng.getrandbits(160):040x}"
        return (
            self.users.take_id(), password, f"mp-{external_id}", first, last, email, self.stamp,
            external_id, f"{first} {last}", language, place.time_zone,
        ), place  # fmt: skip

    def people(self, *, shops: int, buyers: int) -> None:
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        for i in range(buyers):
            language = rng.choices(words.LANGUAGES, weights=(40, 30, 30))[0]
            row, place = self._person("buyer", i, language)
            rows.append(row)
            self.buyer_ids.append(row[0])
            self.buyer_language.append(language)
            self.buyer_first.append(row[3])
            self.buyer_email.append(row[5])
            street = words.street_line(
                language, rng.choice(words.STREETS[language]), rng.randint(1, 180)
            )
            self.buyer_address.append(
                json.dumps(
                    {
                        "name": row[8],
                        "line1": street,
                        "postcode": _fill(place.postcode, rng),
                        "city": place.city,
                        "country": place.country,
                    }
                )
            )
            if len(rows) == CHUNK:
                self.users.insert(rows)
                rows = []
                self.say(_("buyers %(done)d/%(total)d") % {"done": i + 1, "total": buyers})
        self.users.insert(rows)
        if rows:
            self.say(_("buyers %(done)d/%(total)d") % {"done": buyers, "total": buyers})
        rows = []
        # Shop owners and staff are people of the marketplace too.
        for i in range(shops + shops // 10):
            language = rng.choices(words.LANGUAGES, weights=(40, 30, 30))[0]
            row, _place = self._person("seller", i, language)
            rows.append(row)
            self.seller_ids.append(row[0])
        self.users.insert(rows)

    # Shops -----------------------------------------------------------------------------

    def shops(self, count: int) -> None:
        if not count:
            return
        rng, w = self.rng, self.writer
        shops = w.table(
            Shop,
            (
                "id", "created_at", "updated_at", "external_id", "name", "slug", "about",
                "time_zone", "currency", "status", "searchable", "vacation_mode",
                "vacation_message", "vacation_starts_on", "vacation_ends_on", "payout_hold",
            ),
        )  # fmt: skip
        members = w.table(
            ShopMember, ("id", "created_at", "updated_at", "shop_id", "user_id", "role")
        )
        policies = w.table(
            ShopPolicy, ("id", "created_at", "updated_at", "shop_id", "section", "options", "text")
        )
        profiles = w.table(
            ShippingProfile,
            (
                "id", "created_at", "updated_at", "shop_id", "external_id", "name",
                "origin_country", "processing_days_min", "processing_days_max",
                "delivery_days_min", "delivery_days_max", "cost",
            ),
        )  # fmt: skip
        listings = w.table(
            Listing,
            (
                "id", "created_at", "updated_at", "shop_id", "external_id", "title", "description",
                "specifications", "price", "currency", "quantity", "state", "shipping_profile_id",
                "processing_days_min", "processing_days_max", "private_for_id",
            ),
        )  # fmt: skip
        regions = words.SHOP_REGIONS
        region_weights = [r.weight for r in regions]
        rows: dict[str, list[tuple[Any, ...]]] = {
            "shops": [], "members": [], "policies": [], "profiles": [], "listings": []
        }  # fmt: skip
        staff_seller = count  # sellers after the owners work as shop staff
        stamp = self.stamp
        for i in range(count):
            region = rng.choices(regions, weights=region_weights)[0]
            lang = region.language
            category = rng.choice(words.CATEGORIES)
            name = rng.choice(category.shop_names[lang]).format(
                first=rng.choice(words.FIRST_NAMES[lang]),
                last=rng.choice(words.LAST_NAMES[lang]),
                city=region.city,
            )
            about = words.SHOP_ABOUT[lang].format(
                category=words.CATEGORY_WORDS[category.key][lang], city=region.city
            )
            shop_id = shops.take_id()
            status, searchable, payout_hold = "active", True, False
            vacation: tuple[Any, ...] = (False, "", None, None)
            r = rng.random()
            if r < 0.025:
                status = "paused"
            elif r < 0.04:
                status, payout_hold = "suspended", True
            elif r < 0.045:
                status, searchable = "revoked", False
            elif r < 0.09:
                starts = self.today - timedelta(days=rng.randint(0, 10))
                ends = starts + timedelta(days=rng.randint(3, 21))
                vacation = (
                    True,
                    words.VACATION_MESSAGES[lang],
                    starts.isoformat(),
                    ends.isoformat(),
                )
            elif r < 0.1:
                searchable = False  # removed from search by staff
            rows["shops"].append(
                (
                    shop_id, stamp, stamp, f"{self.prefix}shop-{i}", name,
                    f"{slugify(name)[:100] or 'shop'}-s{self.seed}-{i}", about, region.time_zone,
                    region.currency, status, searchable, *vacation, payout_hold,
                )
            )  # fmt: skip
            rows["members"].append(
                (members.take_id(), stamp, stamp, shop_id, self.seller_ids[i], "owner")
            )
            member_ids = [self.seller_ids[i]]
            if staff_seller < len(self.seller_ids) and rng.random() < 0.1:
                member_ids.append(self.seller_ids[staff_seller])
                rows["members"].append(
                    (
                        members.take_id(),
                        stamp,
                        stamp,
                        shop_id,
                        self.seller_ids[staff_seller],
                        "staff",
                    )
                )
                staff_seller += 1
            for section, options in self._policies(region).items():
                rows["policies"].append(
                    (
                        policies.take_id(), stamp, stamp, shop_id, section, json.dumps(options),
                        words.POLICY_TEXTS[section][lang] if rng.random() < 0.8 else "",
                    )
                )  # fmt: skip
            shop_profiles = self._profiles(profiles, shop_id, i, region, rows["profiles"])
            info = _ShopInfo(
                id=shop_id,
                name=name,
                members=member_ids,
                time_zone=region.time_zone,
                currency=region.currency,
                language=lang,
                carrier=region.carrier,
                tracking=region.tracking,
                listings=[],
                listing_weights=[],
            )
            self._listings(listings, info, category, shop_profiles, rows["listings"], i)
            self.shop_info.append(info)
        shops.insert(rows["shops"])
        members.insert(rows["members"])
        policies.insert(rows["policies"])
        profiles.insert(rows["profiles"])
        listings.insert(rows["listings"])
        self.listing_count = listings.written
        self.say(
            _("shops %(shops)d, listings %(listings)d")
            % {"shops": count, "listings": self.listing_count}
        )

    def _policies(self, region: words.ShopRegion) -> dict[str, dict[str, Any]]:
        rng = self.rng
        international = rng.random() < 0.7
        methods = [m for m in PAYMENT_METHODS if m == "card" or rng.random() < 0.45]
        if region.country != "FR" or rng.random() < 0.7:
            methods = [m for m in methods if m != "cash_on_delivery"]
        returns: dict[str, Any] = {
            "accepts_returns": rng.random() < 0.75,
            "accepts_exchanges": rng.random() < 0.6,
        }
        if returns["accepts_returns"] or returns["accepts_exchanges"]:
            returns["window_days"] = rng.choice(RETURN_WINDOWS[:4])
            returns["buyer_pays_return_shipping"] = rng.random() < 0.7
        returns["non_returnable"] = [k for k in NON_RETURNABLE if rng.random() < 0.25]
        return {
            "shipping": {
                "ships_internationally": international,
                "customs_paid_by_buyer": international,
                "tracking_always": rng.random() < 0.6,
            },
            "payment": {"methods": methods},
            "returns": returns,
            "privacy": {"uses_data_only_for_orders": True, "marketing_with_consent_only": True},
            "more_info": {},
        }

    def _profiles(
        self,
        table: _Table,
        shop_id: int,
        shop_index: int,
        region: words.ShopRegion,
        rows: list[tuple[Any, ...]],
    ) -> list[tuple[int, tuple[int, int], tuple[int, int]]]:
        rng = self.rng
        kinds = [("Standard", [(1, 3), (2, 4), (2, 5)])]
        if rng.random() < 0.5:
            kinds.append(("Express", [(1, 1), (1, 2)]))
        if rng.random() < 0.3:
            kinds.append(("International", [(5, 10), (7, 14), (10, 20)]))
        made: list[tuple[int, tuple[int, int], tuple[int, int]]] = []
        scale = words.CURRENCY_SCALE[region.currency]
        for name, transits in kinds:
            profile_id = table.take_id()
            processing = rng.choice([(1, 2), (1, 3), (2, 4), (3, 5), (5, 10)])
            transit = rng.choice(transits)
            cost = int(rng.choice([0, 390, 490, 690, 990, 1490]) * scale)
            rows.append(
                (
                    profile_id, self.stamp, self.stamp, shop_id,
                    f"{self.prefix}sp-{shop_index}-{len(made)}", name, region.country,
                    *processing, *transit, _cents(cost),
                )
            )  # fmt: skip
            made.append((profile_id, processing, transit))
        return made

    def _listings(
        self,
        table: _Table,
        shop: _ShopInfo,
        category: words.Category,
        profiles: list[tuple[int, tuple[int, int], tuple[int, int]]],
        rows: list[tuple[Any, ...]],
        shop_index: int,
    ) -> None:
        rng = self.rng
        lang = shop.language
        scale = words.CURRENCY_SCALE[shop.currency]
        for j in range(rng.randint(5, 15)):
            product = rng.choice(category.products)
            colour = rng.choice(category.colours)
            material = rng.choice(category.materials)
            size = rng.choice(product.sizes)
            title = f"{product.names[lang]} — {colour}"
            price = rng.uniform(*product.price_cents) * scale
            price_cents = round(price / 1000) * 1000 if scale >= 50 else int(price / 50) * 50
            profile_id, processing, transit = rng.choice(profiles)
            override: tuple[int | None, int | None] = (None, None)
            if rng.random() < 0.15:  # made to order: its own processing time
                override = rng.choice([(5, 14), (7, 21), (3, 10)])
                processing = (override[0] or 0, override[1] or 0)
            r = rng.random()
            state, quantity = "active", rng.randint(1, 30)
            if r < 0.08:
                state, quantity = "sold_out", 0
            elif r < 0.15:
                state = "inactive"
            private_for = None
            if j and self.buyer_ids and rng.random() < 0.02:
                private_for = rng.choice(self.buyer_ids)
                title = f"{CUSTOM[lang]}: {title}"
            listing_id = table.take_id()
            specs = {"size": size, "colour": colour, "material": material}
            rows.append(
                (
                    listing_id, self.stamp, self.stamp, shop.id,
                    f"{self.prefix}listing-{shop_index}-{j}", title,
                    f"{product.names[lang]}. {material}, {colour}, {size}.", json.dumps(specs),
                    _cents(price_cents), shop.currency, quantity, state, profile_id, *override,
                    private_for,
                )
            )  # fmt: skip
            if private_for is None:
                shop.listings.append(
                    _ListingInfo(listing_id, title, max(price_cents, 100), processing, transit)
                )
        shop.listing_weights = _zipf_cumulative(len(shop.listings), 1.1)

    # Orders ----------------------------------------------------------------------------

    def _popularity(self) -> tuple[list[float], list[int], list[int]]:
        """Shops from the busiest (cumulative Zipf weights), buyers from the most loyal:
        drawn once, so the shops that sell most are also the ones asked most."""
        if self._popular is None:
            shop_cw = _zipf_cumulative(len(self.shop_info), 1.0)
            shop_order = list(range(len(self.shop_info)))
            self.rng.shuffle(shop_order)  # popularity is not the order shops were made in
            buyer_order = list(range(len(self.buyer_ids)))
            self.rng.shuffle(buyer_order)
            self._popular = (shop_cw, shop_order, buyer_order)
        return self._popular

    def orders(self, total: int) -> None:
        if not total:
            return
        w = self.writer
        orders = w.table(
            Order,
            (
                "id", "created_at", "updated_at", "shop_id", "buyer_id", "external_id", "status",
                "ordered_at", "ship_by", "estimated_delivery_on", "shipped_at", "delivered_at",
                "cancelled_at", "tracking_carrier", "tracking_number", "total", "currency",
                "buyer_email", "shipping_address", "buyer_first_message_at",
            ),
        )  # fmt: skip
        items = w.table(
            OrderItem,
            ("id", "order_id", "listing_id", "title", "quantity", "unit_price", "personalisation"),
        )
        self.first_order_id = orders.next_id  # order k gets id first_order_id + k
        reviews = w.table(
            Review,
            (
                "id", "created_at", "updated_at", "order_id", "shop_id", "buyer_id", "listing_id",
                "external_id", "stars", "text", "reviewed_at", "seller_reply", "seller_replied_at",
            ),
        )  # fmt: skip
        cases = w.table(
            Case,
            (
                "id", "created_at", "updated_at", "order_id", "shop_id", "buyer_id",
                "external_id", "type", "variant", "status", "resolution", "description",
                "opened_at", "escalated_at", "resolved_at", "closed_at",
            ),
        )  # fmt: skip
        rng = self.rng
        shop_cw, shop_order, buyer_order = self._popularity()
        loyal = max(1, len(buyer_order) // 20)
        first_sale: dict[int, int] = {}
        start_ts = self.now_ts - HISTORY_DAYS * DAY
        span = HISTORY_DAYS * DAY - 300
        for chunk_start in range(0, total, CHUNK):
            n = min(CHUNK, total - chunk_start)
            picks = rng.choices(shop_order, cum_weights=shop_cw, k=n)
            rows: tuple[list[tuple[Any, ...]], ...] = ([], [], [], [])
            for j in range(n):
                k = chunk_start + j
                u = (k + rng.random()) / total
                # More orders lately than a year ago: the marketplace grows.
                ts = start_ts + int((0.6 * u + 0.4 * math.sqrt(u)) * span)
                if rng.random() < 0.25:
                    buyer = buyer_order[rng.randrange(loyal)]
                else:
                    buyer = rng.randrange(len(self.buyer_ids))
                self._order(
                    k,
                    ts,
                    self.shop_info[picks[j]],
                    buyer,
                    (orders, items, reviews, cases),
                    rows,
                    first_sale,
                )
            orders.insert(rows[0])
            items.insert(rows[1])
            reviews.insert(rows[2])
            cases.insert(rows[3])
            self.say(_("orders %(done)d/%(total)d") % {"done": chunk_start + n, "total": total})
        self.item_count, self.review_count, self.case_count = (
            items.written,
            reviews.written,
            cases.written,
        )
        w.update_many(
            f"UPDATE {connection.ops.quote_name(Shop._meta.db_table)} "  # noqa: S608
            "SET first_sale_at = %s WHERE id = %s",
            [(w.dt(ts), shop_id) for shop_id, ts in sorted(first_sale.items())],
        )

    def _order(
        self,
        k: int,
        ts: int,
        shop: _ShopInfo,
        buyer: int,
        tables: tuple[_Table, _Table, _Table, _Table],
        rows: tuple[list[tuple[Any, ...]], ...],
        first_sale: dict[int, int],
    ) -> None:
        rng, now, dt = self.rng, self.now_ts, self.writer.dt
        order_table, item_table, review_table, case_table = tables
        order_id = order_table.take_id()
        r = rng.random()
        count = 1 if r < 0.75 else 2 if r < 0.93 else 3
        chosen = rng.choices(shop.listings, cum_weights=shop.listing_weights, k=count)
        picked = list(dict.fromkeys(l.id for l in chosen))  # noqa: E741
        by_id = {l.id: l for l in chosen}  # noqa: E741
        total_cents = 0
        personalisation = (
            rng.choice(words.PERSONALISATIONS[shop.language]) if rng.random() < 0.05 else ""
        )
        for n, listing_id in enumerate(picked):
            listing = by_id[listing_id]
            r = rng.random()
            quantity = 1 if r < 0.88 else 2 if r < 0.97 else 3
            total_cents += listing.price_cents * quantity
            rows[1].append(
                (
                    item_table.take_id(), order_id, listing_id, listing.title, quantity,
                    _cents(listing.price_cents), personalisation if n == 0 else "",
                )
            )  # fmt: skip
        listings = [by_id[i] for i in picked]
        processing = (
            max(li.processing[0] for li in listings),
            max(li.processing[1] for li in listings),
        )
        transit = (max(li.transit[0] for li in listings), max(li.transit[1] for li in listings))
        ordered_at = datetime.fromtimestamp(ts, UTC)
        estimate = estimate_delivery(
            ordered_at=ordered_at, time_zone=shop.time_zone, processing=processing, transit=transit
        )
        status = "paid"
        shipped = delivered = cancelled = None
        carrier = number = ""
        if rng.random() < 0.04:
            status, cancelled = "cancelled", min(ts + rng.randint(600, 3 * DAY), now)
        else:
            first_sale.setdefault(shop.id, ts)
            if rng.random() < 0.08:  # shipped late
                days = processing[1] + rng.uniform(0.5, 6)
            else:
                days = rng.uniform(processing[0] * 0.6, processing[1])
            ship_ts = ts + max(3600, int(days * DAY))
            if ship_ts <= now:
                status, shipped = "shipped", ship_ts
                if rng.random() < 0.92:
                    carrier, number = shop.carrier, _fill(shop.tracking, rng)
                if rng.random() < 0.95:
                    days = rng.uniform(transit[0], transit[1] + 1)
                else:  # the carrier was late
                    days = transit[1] + rng.uniform(1, 10)
                arrival = ship_ts + int(days * DAY)
                if arrival <= now and rng.random() >= 0.006:  # a few parcels are lost
                    status, delivered = "delivered", arrival
        buyer_id = self.buyer_ids[buyer]
        language = self.buyer_language[buyer]
        first_message = None
        if status != "cancelled":
            # About 1% of orders get a case, far more often when something went wrong.
            passed = int(day_has_passed(estimate.latest, shop.time_zone).timestamp())
            if delivered is not None:
                chance = 0.03 if delivered > passed else 0.006
            else:
                chance = 0.35 if passed + 2 * DAY < now else 0.0
            if chance and rng.random() < chance:
                first_message = self._case(
                    k, order_id, shop, buyer_id, language, ordered_at, estimate.ship_by,
                    estimate.latest, passed, status, delivered, case_table, rows[3],
                )  # fmt: skip
        if delivered is not None and rng.random() < 0.4:
            self._review(
                k,
                order_id,
                shop,
                buyer_id,
                language,
                listings[0].id,
                delivered,
                review_table,
                rows[2],
            )
        shop.order_ids.append(order_id)
        shop.order_buyers.append(buyer)
        shop.order_placed.append(ts)
        shop.order_settled.append(delivered or shipped or cancelled or ts)
        shop.order_status.append(_STATUS_CODE[status])
        rows[0].append(
            (
                order_id, self.stamp, self.stamp, shop.id, buyer_id,
                f"{self.prefix}order-{k:07d}", status, dt(ts), estimate.ship_by.isoformat(),
                estimate.latest.isoformat(), shipped and dt(shipped),
                delivered and dt(delivered), cancelled and dt(cancelled), carrier, number,
                _cents(total_cents), shop.currency, self.buyer_email[buyer],
                self.buyer_address[buyer], first_message and dt(first_message),
            )
        )  # fmt: skip

    def _review(
        self,
        k: int,
        order_id: int,
        shop: _ShopInfo,
        buyer_id: int,
        language: str,
        listing_id: int,
        delivered: int,
        table: _Table,
        rows: list[tuple[Any, ...]],
    ) -> None:
        rng, now = self.rng, self.now_ts
        if rng.random() < 0.05:
            stars = rng.choice((1, 2))
        else:
            stars = rng.choices((5, 4, 3), weights=(70, 22, 8))[0]
        tier = "low" if stars <= 2 else "mid" if stars == 3 else "high"
        text = rng.choice(words.REVIEWS[language][tier]) if rng.random() < 0.8 else ""
        reviewed = min(delivered + rng.randint(3 * 3600, 25 * DAY), now)
        reply, replied = "", None
        if rng.random() < (0.5 if stars <= 2 else 0.1):
            reply = rng.choice(words.SELLER_REPLIES[shop.language]["low" if stars <= 2 else "high"])
            replied = self.writer.dt(min(reviewed + rng.randint(3600, 5 * DAY), now))
        rows.append(
            (
                table.take_id(), self.stamp, self.stamp, order_id, shop.id, buyer_id, listing_id,
                f"{self.prefix}review-{k:07d}", stars, text, self.writer.dt(reviewed), reply,
                replied,
            )
        )  # fmt: skip

    def _case(
        self,
        k: int,
        order_id: int,
        shop: _ShopInfo,
        buyer_id: int,
        language: str,
        ordered_at: datetime,
        ship_by: date,
        estimated: date,
        date_passed: int,
        status: str,
        delivered: int | None,
        table: _Table,
        rows: list[tuple[Any, ...]],
    ) -> int | None:
        """A case on this order when the timing rule allows one; answers the buyer's first
        message (which the rule needs) or None when no case was opened."""
        rng, now = self.rng, self.now_ts
        ordered_ts = int(ordered_at.timestamp())
        if delivered is not None:
            late = delivered > date_passed
            kind = rng.choices(
                ("damaged", "not_as_described", "late", "non_delivery"),
                weights=(15, 25, 35, 25) if late else (45, 55, 0, 0),
            )[0]
            if kind in ("late", "non_delivery"):
                # Written after the expected date, while still waiting for the parcel.
                message = date_passed + rng.randint(0, max(3600, delivered - date_passed))
            else:
                message = delivered + rng.randint(2 * 3600, 6 * DAY)
            opens = message + 2 * DAY
        else:
            kind = (
                "late" if status == "paid" else rng.choices(("non_delivery", "late"), (75, 25))[0]
            )
            message = date_passed + rng.randint(0, 5 * DAY)
            opens = max(message + 2 * DAY, date_passed)
        opened = opens + rng.randint(0, 4 * DAY)
        if opened > now or opened > ordered_ts + CASE_WINDOW:
            return None
        timing = OrderTiming(
            ordered_at=ordered_at,
            ship_by=ship_by,
            estimated_delivery_on=estimated,
            shop_time_zone=shop.time_zone,
            first_buyer_message_at=datetime.fromtimestamp(message, UTC),
            delivered=delivered is not None,
        )
        if not case_eligibility(timing, datetime.fromtimestamp(opened, UTC)):
            return None
        age = now - opened
        if age < 7 * DAY:
            state = rng.choices(("open", "escalated", "resolved"), weights=(70, 15, 15))[0]
        elif age < 30 * DAY:
            state = rng.choices(("open", "escalated", "resolved", "closed"), (20, 15, 45, 20))[0]
        else:
            state = rng.choices(("escalated", "resolved", "closed"), weights=(5, 65, 30))[0]
        settled = self.writer.dt(min(opened + rng.randint(DAY, 10 * DAY), now))
        resolution = ""
        if state == "resolved":
            resolution = rng.choices(("refund", "replacement", "no_action"), (55, 25, 20))[0]
        dt = self.writer.dt
        rows.append(
            (
                table.take_id(), self.stamp, self.stamp, order_id, shop.id, buyer_id,
                f"{self.prefix}case-{k:07d}", *_CASE_KINDS[kind], state, resolution,
                words.CASE_TEXTS[kind][language], dt(opened),
                settled if state == "escalated" else None,
                settled if state == "resolved" else None,
                settled if state == "closed" else None,
            )
        )  # fmt: skip
        return message

    # Conversations ---------------------------------------------------------------------

    def conversations(self, total: int, messages: int) -> None:
        if not total:
            return
        rng, w = self.rng, self.writer
        threads = _Threads(
            conversations=w.table(
                Conversation,
                (
                    "id", "created_at", "updated_at", "shop_id", "buyer_id", "kind", "subject",
                    "listing_id", "order_id", "help_reason", "ticket_status", "visitor_name",
                    "visitor_email", "started_by", "last_message_at", "message_count", "preview",
                ),
            ),
            parties=w.table(
                Party,
                (
                    "id", "conversation_id", "side", "shop_id", "buyer_id", "kind", "folder",
                    "unread_count", "last_read_at", "last_message_at", "has_sent",
                    "awaiting_reply_since", "marked_spam_at",
                ),
            ),
            messages=w.table(
                Message,
                ("id", "conversation_id", "sender_side", "author_id", "body", "created_at",
                 "is_marketing"),
            ),
            events=w.table(
                TicketEvent, ("id", "conversation_id", "status", "side", "author_id", "at")
            ),
            total=total,
            start_ts=self.now_ts - HISTORY_DAYS * DAY,
            span=HISTORY_DAYS * DAY - 300,
        )  # fmt: skip
        shop_cw, shop_order, buyer_order = self._popularity()
        threads.loyal = buyer_order[: max(1, len(buyer_order) // 20)]
        picks = rng.choices(shop_order, cum_weights=shop_cw, k=total)
        kinds = array("b", rng.choices(range(len(_KINDS)), cum_weights=_KIND_CW, k=total))
        counts = self._message_counts(kinds, messages)
        written = 0
        for i in range(total):
            self._thread(threads, i, self.shop_info[picks[i]], _KINDS[kinds[i]], counts[i])
            done = i + 1
            if len(threads.rows[2]) < MESSAGE_CHUNK and done % CONVERSATION_CHUNK and done < total:
                continue
            for table, rows in (
                (threads.conversations, threads.rows[0]),
                (threads.parties, threads.rows[1]),
                (threads.messages, threads.rows[2]),
                (threads.events, threads.rows[3]),
            ):
                written += len(rows) if table is threads.messages else 0
                table.insert(rows)
                rows.clear()
            if done % CONVERSATION_CHUNK == 0 or done == total:
                self.say(
                    _("conversations %(done)d/%(total)d, messages %(messages)d/%(all)d")
                    % {"done": done, "total": total, "messages": written, "all": messages}
                )
        counters = w.table(
            FolderCount, ("id", "shop_id", "buyer_id", "folder", "threads", "unread_threads")
        )
        counters.insert(
            [
                (
                    counters.take_id(),
                    owner if kind == 0 else None,
                    owner if kind == 1 else None,
                    folder,
                    threads_count,
                    unread,
                )
                for (kind, owner, folder), (threads_count, unread) in sorted(
                    threads.counters.items()
                )
            ]
        )
        self._consents(threads.consents)
        # As `orders.services.order_buyer_messaged`: the buyer's first message about an order.
        dt = w.dt
        w.update_many(
            f"UPDATE {connection.ops.quote_name(Order._meta.db_table)} "  # noqa: S608
            "SET buyer_first_message_at = %s WHERE id = %s "
            "AND (buyer_first_message_at IS NULL OR buyer_first_message_at > %s)",
            [(dt(ts), order_id, dt(ts)) for order_id, ts in sorted(threads.first_words.items())],
        )

    def _consents(self, given: dict[tuple[int, int], int]) -> None:
        """Marketing consent, given at checkout, of every buyer a shop sent news to."""
        w = self.writer
        current = w.table(Consent, ("id", "buyer_id", "shop_id", "given", "changed_at", "source"))
        changes = w.table(
            ConsentChange, ("id", "buyer_id", "shop_id", "given", "source", "at", "reference")
        )
        pairs = sorted(given.items())
        current.insert(
            [(current.take_id(), b, s, True, w.dt(ts), "checkout") for (b, s), ts in pairs]
        )
        changes.insert(
            [(changes.take_id(), b, s, True, "checkout", w.dt(ts), "") for (b, s), ts in pairs]
        )

    def _message_counts(self, kinds: array[int], total: int) -> array[int]:
        """Messages per thread: one each, the rest spread by a skewed (log-normal) weight,
        longer for help requests and tickets; exactly `total` in all."""
        rng = self.rng
        counts = array("l", [1]) * len(kinds)
        extra = total - len(kinds)
        if extra:
            weights = [_KIND_LENGTH[k] * rng.lognormvariate(0.0, 1.0) for k in kinds]
            cumulative = list(itertools.accumulate(weights))
            population = range(len(kinds))
            # Drawn 100,000 at a time (the same draws as all at once): a list of a million
            # picks would weigh more than the rest of the generation.
            for start in range(0, extra, 100_000):
                k = min(100_000, extra - start)
                for i in rng.choices(population, cum_weights=cumulative, k=k):
                    counts[i] += 1
        return counts

    def _pick_order(self, shop: _ShopInfo, latest: int, kind: str, ticketed: set[int]) -> int:
        """One of the shop's orders placed before `latest` (index, or -1 after a few tries);
        support tickets skip cancelled orders and orders that already have one."""
        rng, n = self.rng, len(shop.order_ids)
        for _try in range(4 if n else 0):
            k = rng.randrange(n)
            if shop.order_placed[k] > latest - 3600:
                continue
            if kind == "support_ticket" and (
                shop.order_status[k] == CANCELLED or shop.order_ids[k] in ticketed
            ):
                continue
            return k
        return -1

    def _thread(self, st: _Threads, i: int, shop: _ShopInfo, kind: str, count: int) -> None:
        rng, now, words_ = self.rng, self.now_ts, words
        u = (i + rng.random()) / st.total
        start = st.start_ts + int((0.6 * u + 0.4 * math.sqrt(u)) * st.span)
        latest = now - 2 * count - 600  # room for every message before now
        bought = kind in _ORDER_KINDS or kind == "marketing"
        k = self._pick_order(shop, latest, kind, st.ticketed) if bought else -1
        if bought and k < 0:
            kind = "listing_inquiry" if rng.random() < 0.6 else "shop_inquiry"
        buyer: int | None
        reason = order_ref = ""
        order_id = listing_id = None
        if kind == "marketing":
            # News to a past buyer, who agreed at checkout (marketing only with consent).
            buyer = shop.order_buyers[k]
            placed = shop.order_placed[k]
            start = max(min(placed + rng.randint(10 * DAY, 120 * DAY), latest), placed + 60)
            pair = (self.buyer_ids[buyer], shop.id)
            st.consents[pair] = min(st.consents.get(pair, placed), placed)
        elif k >= 0:
            buyer = shop.order_buyers[k]
            order_id = shop.order_ids[k]
            order_ref = f"{self.prefix}order-{order_id - self.first_order_id:07d}"
            placed, settled, status = (
                shop.order_placed[k],
                shop.order_settled[k],
                shop.order_status[k],
            )
            if kind == "help_request":
                reasons, weights = _REASONS[status]
                reason = rng.choices(reasons, weights)[0]
                if reason == "not_received":
                    start = (settled if status == SHIPPED else placed) + rng.randint(7, 25) * DAY
                elif status == DELIVERED and reason != "other":
                    start = settled + rng.randint(2 * 3600, 6 * DAY)
                else:
                    start = placed + rng.randint(600, 3 * DAY)
            elif kind == "support_ticket":
                start = placed + rng.randint(DAY, 40 * DAY)
                st.ticketed.add(order_id)
            else:
                start = placed + rng.randint(3600, 4 * DAY)
            start = max(min(start, latest), placed + 60)
        elif kind == "contact_form":
            buyer = None
            start = min(start, latest)
        else:
            r = rng.random()
            if r < 0.3 and shop.order_ids:
                buyer = shop.order_buyers[rng.randrange(len(shop.order_ids))]
            elif r < 0.45:
                buyer = st.loyal[rng.randrange(len(st.loyal))]
            else:
                buyer = rng.randrange(len(self.buyer_ids))
            start = min(start, latest)
        lang = self.buyer_language[buyer] if buyer is not None else shop.language
        shop_starts = kind in ("order_message", "marketing")
        spam = kind == "contact_form" and count <= 3 and rng.random() < 0.3

        # Who they are, what it is about.
        visitor_name = visitor_email = ""
        if buyer is None:
            first = rng.choice(words_.FIRST_NAMES[lang])
            visitor_name = f"{first} {rng.choice(words_.LAST_NAMES[lang])}"
            local = slugify(visitor_name).replace("-", ".") or "visitor"
            visitor_email = f"{local}.{i}@visitor.s{self.seed}.example.org"
        else:
            first = self.buyer_first[buyer]
        # Typed subjects; else empty (the services name such threads when they are shown).
        typed = rng.random() < _TYPED_SUBJECT[kind]
        if kind == "listing_inquiry":
            listing = rng.choices(shop.listings, cum_weights=shop.listing_weights)[0]
            listing_id = listing.id
            subject = (
                rng.choice(words_.TYPED_SUBJECTS[kind][lang]).format(title=listing.title)
                if typed
                else listing.title
            )
            opener = rng.choice(words_.OPENERS[kind][lang]).format(title=listing.title)
        elif kind == "help_request":
            subject = words_.HELP_SUBJECTS[reason][lang] if typed else ""
            opener = rng.choice(words_.HELP_OPENERS[reason][lang]).format(order=order_ref)
        else:
            subject = rng.choice(words_.TYPED_SUBJECTS[kind][lang]) if typed else ""
            opener = (
                words_.CONTACT_SPAM[lang] if spam else rng.choice(words_.OPENERS[kind][lang])
            ).format(order=order_ref)

        # Who writes when: mostly turn about, sometimes twice in a row; spam is never answered.
        sides = [shop_starts]
        gaps: list[float] = []
        side = shop_starts
        for _j in range(count - 1):
            if spam or rng.random() < 0.15:
                mu, sigma = _FOLLOW_UPS
            else:
                side = not side
                mu, sigma = _SHOP_ANSWERS if side else _BUYER_ANSWERS
            sides.append(side)
            gaps.append(min(rng.lognormvariate(mu, sigma), 20 * DAY))
        room = now - start - count
        scale = min(1.0, room / sum(gaps)) if gaps else 1.0
        stamps = [start]
        for gap in gaps:
            stamps.append(stamps[-1] + int(gap * scale) + 1)

        # The messages.
        dt = self.writer.dt
        conversation_id = st.conversations.take_id()
        buyer_id: int | None = self.buyer_ids[buyer] if buyer is not None else None
        members = shop.members
        shop_sent = buyer_sent = 0  # the time of each side's last message, 0 for none
        first_words = 0
        body = ""
        author: int | None
        for j, (by_shop, ts) in enumerate(zip(sides, stamps, strict=True)):
            if by_shop:
                core = opener if j == 0 else rng.choice(words_.SHOP_REPLIES[lang])
                if j and rng.random() < 0.3:
                    core = f"{core} {rng.choice(words_.SHOP_REPLIES[lang])}"
                parts = [core]
                if rng.random() < (0.7 if j < 2 else 0.3):
                    parts.insert(0, rng.choice(words_.SHOP_GREETINGS[lang]).format(first=first))
                if rng.random() < 0.5:
                    parts.append(f"{rng.choice(words_.SHOP_SIGN_OFFS[lang])}\n{shop.name}")
                author = members[1] if len(members) > 1 and rng.random() < 0.35 else members[0]
                shop_sent = ts
            else:
                core = opener if j == 0 else rng.choice(words_.BUYER_REPLIES[lang])
                if not spam and rng.random() < 0.25:
                    core = f"{core} {rng.choice(words_.ASIDES[lang])}"
                parts = [core]
                if not spam and rng.random() < (0.6 if j < 2 else 0.2):
                    parts.insert(0, rng.choice(words_.GREETINGS[lang]))
                if not spam and rng.random() < 0.45:
                    sign = rng.choice(words_.SIGN_OFFS[lang])
                    parts.append(f"{sign}\n{first}" if rng.random() < 0.5 else sign)
                author = buyer_id
                buyer_sent = ts
                first_words = first_words or ts
            body = "\n\n".join(parts)
            st.rows[2].append(
                (
                    st.messages.take_id(),
                    conversation_id,
                    "shop" if by_shop else "buyer",
                    author,
                    body,
                    dt(ts),
                    kind == "marketing" and j == 0,
                )
            )
        last = stamps[-1]
        age = now - last
        last_by_shop = sides[-1]
        run_start = last  # the first of the last side's closing messages
        run = 1
        for j in range(count - 2, -1, -1):
            if sides[j] != last_by_shop:
                break
            run_start, run = stamps[j], run + 1
        if order_id is not None and first_words:
            known = st.first_words.get(order_id)
            st.first_words[order_id] = min(known, first_words) if known else first_words

        # Each side's copy, as delivery leaves it (plus reading and filing since).
        unread_chance = (
            0.8 if age < DAY else 0.45 if age < 7 * DAY else 0.15 if age < 30 * DAY else 0.04
        )
        parts_of: list[tuple[bool, int]] = [(True, shop_sent)]
        if buyer is not None:
            parts_of.append((False, buyer_sent))
        for is_shop, sent in parts_of:
            read: int | None
            awaiting: int | None
            if is_shop == last_by_shop:  # wrote last: read and awaits nothing
                unread, awaiting, read = 0, None, last
            else:  # the other side's last messages are unread, or were read since
                unread = run if (spam or rng.random() < unread_chance) else 0
                awaiting = run_start
                read = (sent or None) if unread else min(now, last + rng.randint(60, 12 * 3600))
            r = rng.random()
            if is_shop:
                if spam:
                    folder = "spam" if r < 0.85 else "trash" if r < 0.95 else "inbox"
                elif r < 0.004:
                    folder = "spam"
                elif r < 0.024:
                    folder = "trash"
                elif not unread and rng.random() < (0.45 if age > 14 * DAY else 0.08):
                    folder = "archive"
                else:
                    folder = "inbox"
            elif r < 0.002:
                folder = "spam"
            elif r < 0.017:
                folder = "trash"
            elif not unread and rng.random() < (0.25 if age > 30 * DAY else 0.03):
                folder = "archive"
            else:
                folder = "inbox"
            st.rows[1].append(
                (
                    st.parties.take_id(), conversation_id, "shop" if is_shop else "buyer",
                    shop.id if is_shop else None, None if is_shop else buyer_id, kind, folder,
                    unread, read and dt(read), dt(last), bool(sent), awaiting and dt(awaiting),
                    dt(last) if folder == "spam" or (spam and folder == "trash") else None,
                )
            )  # fmt: skip
            key = (0, shop.id, folder) if is_shop else (1, buyer_id or 0, folder)
            counter = st.counters.get(key)
            if counter is None:
                st.counters[key] = [1, 1 if unread else 0]
            else:
                counter[0] += 1
                counter[1] += 1 if unread else 0

        # The ticket's history: opened by the buyer, closed by the shop once it answered.
        ticket_status = ""
        updated = last
        if kind == "support_ticket":
            ticket_status = "open"
            st.rows[3].append(
                (st.events.take_id(), conversation_id, "open", "buyer", buyer_id, dt(start))
            )
            if last_by_shop and age > DAY and rng.random() < 0.75:
                ticket_status = "closed"
                updated = min(now, last + rng.randint(600, 2 * DAY))
                st.rows[3].append(
                    (
                        st.events.take_id(),
                        conversation_id,
                        "closed",
                        "shop",
                        members[0],
                        dt(updated),
                    )
                )
        st.rows[0].append(
            (
                conversation_id, dt(start), dt(updated), shop.id, buyer_id, kind, subject[:200],
                listing_id, order_id, reason, ticket_status, visitor_name, visitor_email,
                "shop" if shop_starts else "buyer", dt(last), count,
                " ".join(body.split())[:PREVIEW],
            )
        )  # fmt: skip


@dataclass
class _Threads:
    """What generating conversations keeps between threads."""

    conversations: _Table
    parties: _Table
    messages: _Table
    events: _Table
    total: int
    start_ts: int
    span: int
    loyal: list[int] = field(default_factory=list)
    rows: tuple[list[tuple[Any, ...]], ...] = field(default_factory=lambda: ([], [], [], []))
    # (0 for a shop or 1 for a buyer, owner id, folder) → [threads, unread threads]
    counters: dict[tuple[int, int, str], list[int]] = field(default_factory=dict)
    ticketed: set[int] = field(default_factory=set)  # orders with a support ticket
    first_words: dict[int, int] = field(default_factory=dict)  # order id → buyer's first
    # (buyer id, shop id) → when the buyer consented to the shop's marketing
    consents: dict[tuple[int, int], int] = field(default_factory=dict)
