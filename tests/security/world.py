"""A small marketplace for the permission matrix: two shops, their members, two buyers,
Trust & Safety and the marketplace's integration, and one of every object an API or page
path names, each belonging to shop A / buyer A.

Built through the public API where it can be (the marketplace's feed, the buyer's and the
shop's own calls), so the objects are exactly what real callers make. Every private text of
shop A and buyer A carries a marker (`Marker`): a response that should not show shop A's or
buyer A's data is searched for them.
"""

from __future__ import annotations

import json
import struct
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMultiAlternatives
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.notification_links import notifications_off_token
from comptoir.accounts.services import api_token_create, integration_account_create, staff_create
from comptoir.consent.links import unsubscribe_token
from comptoir.core.mailbox import write_mail
from comptoir.core.models import OutboxEmail
from comptoir.moderation.models import Flag as ModerationFlag
from comptoir.orders.models import Order
from comptoir.reviews.models import Review
from comptoir.shops.models import Shop
from comptoir.standards.models import Flag as StandardsFlag
from tests.accounts.helpers import staff_login

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # the module's frozen clock
DAY = timedelta(days=1)


class Role(StrEnum):
    """Who calls. The values are the test ids."""

    ANONYMOUS = "anonymous"
    STRANGER = "unrelated_buyer"  # a buyer with orders and threads of their own, at shop B
    BUYER = "buyer_party"  # the buyer of order A and of thread A
    OTHER_MEMBER = "other_shop_member"  # the owner of shop B
    MEMBER = "shop_member"  # the owner of shop A
    STAFF = "staff"  # Trust & Safety (two factors for pages)
    INTEGRATION = "integration"  # the marketplace's API token


ROLES: tuple[Role, ...] = tuple(Role)


class Marker(StrEnum):
    """Unique strings planted in shop A's and buyer A's objects (ASCII: the same in JSON,
    HTML and CSV)."""

    # Public: shown on shop A's public pages; may appear to anyone let in, never in a refusal.
    SHOP_NAME = "Atelier Zqshopa"
    LISTING = "Zqlistinga linen apron"
    # Private to shop A and/or buyer A.
    CUSTOM_LISTING = "Zqcustoma made-to-measure"  # private_for buyer A
    BUYER_EMAIL = "zqbuyera@example.org"
    PERSONALISATION = "Zqpersonala engraving"
    REVIEW = "Zqreviewa lovely apron"
    CASE = "Zqcasea never arrived"
    MESSAGE = "Zqmessagea where is my parcel"  # buyer A's first message in thread A
    ATTACHMENT = "zqattacha"  # the file's name and a text chunk inside it
    SHOP_MESSAGE = "Zqshopmessagea it left on Monday"  # shop A's reply in thread A
    HELD = "Zqhelda"  # shop A's advert to buyer A before consent, held, and its file
    NOTE_PRIVATE = "Zqnotea private to the shop"
    NOTE_CUSTOMER = "Zqnotecustomera for the buyer"
    LABEL = "Zqlabela"
    SAVED_REPLY = "Zqsavedreplya thank you for your order"
    COUPON = "ZQCOUPONA"
    SEND = "Zqsenda summer news"  # a draft campaign's subject
    ACTION = "Zqactiona answer your buyers"  # a Trust & Safety action's reason
    REPORT = "Zqreporta rude reply"  # buyer A's report note
    TOKEN = "zqtokena"  # the name of buyer A's API token


PUBLIC_MARKERS = frozenset({Marker.SHOP_NAME, Marker.LISTING})
PRIVATE_MARKERS = frozenset(Marker) - PUBLIC_MARKERS

# What each role may ever be shown of shop A's and buyer A's private data, wherever it is
# let in with sight of them (`Rule.sees`). Anyone else is shown none of it, anywhere.
_SHOP_SIDE = {
    Marker.CUSTOM_LISTING,
    Marker.PERSONALISATION,
    Marker.REVIEW,
    Marker.CASE,
    Marker.MESSAGE,
    Marker.ATTACHMENT,
    Marker.SHOP_MESSAGE,
    Marker.HELD,
    Marker.NOTE_PRIVATE,
    Marker.NOTE_CUSTOMER,
    Marker.LABEL,
    Marker.SAVED_REPLY,
    Marker.COUPON,
    Marker.SEND,
    Marker.ACTION,
}
CLEARANCE: dict[Role, frozenset[Marker]] = {
    Role.ANONYMOUS: frozenset(),
    Role.STRANGER: frozenset(),
    Role.OTHER_MEMBER: frozenset(),
    Role.BUYER: frozenset(
        {
            Marker.CUSTOM_LISTING,
            Marker.BUYER_EMAIL,
            Marker.PERSONALISATION,
            Marker.REVIEW,
            Marker.CASE,
            Marker.MESSAGE,
            Marker.ATTACHMENT,
            Marker.SHOP_MESSAGE,
            Marker.NOTE_CUSTOMER,
            Marker.REPORT,
            Marker.TOKEN,
        }
    ),
    # The buyer's e-mail as the marketplace shares it on an order: "visible to the seller
    # but communication must stay in Comptoir" (PRODUCT.md §1); the shop's order page shows it.
    Role.MEMBER: frozenset(_SHOP_SIDE | {Marker.BUYER_EMAIL}),
    Role.STAFF: PRIVATE_MARKERS - {Marker.TOKEN},
    Role.INTEGRATION: frozenset(
        {
            Marker.CUSTOM_LISTING,
            Marker.BUYER_EMAIL,
            Marker.PERSONALISATION,
            Marker.REVIEW,
            Marker.CASE,
            Marker.COUPON,
            Marker.ACTION,
        }
    ),
}


def png(text: str) -> bytes:
    """A valid 1×1 PNG carrying `text` in a tEXt chunk (so its bytes hold the marker)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"tEXt", b"Comment\x00" + text.encode())
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


@dataclass
class World:
    """Ids of shop A's / buyer A's objects, and how each role signs in."""

    api_ids: dict[str, str]  # API path parameter -> value
    page_ids: dict[str, str]  # page URL parameter -> value
    tokens: dict[Role, str] = field(default_factory=dict)  # bearer secrets
    # Session cookie values by (role, 2 = fully signed in / 1 = password only, staff).
    sessions: dict[tuple[Role, int], str] = field(default_factory=dict)


class _Caller:
    """Builds the world through /api/v1 with one person's token; every call must work."""

    def __init__(self, secret: str) -> None:
        self.client = Client()
        self.auth: dict[str, Any] = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def __call__(self, method: str, path: str, body: Any = None) -> Any:
        response = getattr(self.client, method.lower())(
            "/api/v1" + path,
            data=json.dumps(body) if body is not None else None,
            content_type="application/json",
            **self.auth,
        )
        assert response.status_code in (200, 201, 202), (
            method,
            path,
            response.status_code,
            response.content[:800],
        )
        return response.json()

    def upload(self, name: str, content: bytes) -> Any:
        response = self.client.post(
            "/api/v1/uploads", {"file": SimpleUploadedFile(name, content)}, **self.auth
        )
        assert response.status_code == 201, response.content[:800]
        return response.json()


def _order(key: str, buyer: str, email: str, listing: str, personalisation: str = "") -> Any:
    ordered = NOW - 45 * DAY
    return {
        "buyer": {"id": buyer, "email": email, "display_name": buyer.title()},
        "status": "shipped",
        "ordered_at": ordered.isoformat(),
        "ship_by": (ordered + 2 * DAY).date().isoformat(),
        "estimated_delivery_on": (ordered + 8 * DAY).date().isoformat(),
        "shipped_at": (ordered + DAY).isoformat(),
        "tracking_carrier": "La Poste",
        "tracking_number": f"T-{key}",
        "buyer_first_message_at": (ordered + 12 * DAY).isoformat(),
        "items": [
            {
                "title": "Linen apron",
                "unit_price": "35.00",
                "listing_id": listing,
                "personalisation": personalisation,
            }
        ],
    }


def _kept_mail() -> str:
    """One e-mail in the local mailbox (with an HTML part): its id on the staff pages."""
    mail = EmailMultiAlternatives("Probe", "Probe", to=["buyer-a@example.org"])
    mail.attach_alternative("<p>Probe</p>", "text/html")
    return write_mail(mail).name


def _session(user: User, *, two_factors: bool = False) -> str:
    client = Client()
    if two_factors:
        staff_login(client, user)
    else:
        client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def build_world() -> World:
    # --- people -------------------------------------------------------------------------
    marketplace = integration_account_create(username="zq-marketplace", display_name="Market")
    staff = staff_create(username="zq-staff", email="zq-staff@example.org", password="x-Staff-9")
    feed = _Caller(api_token_create(user=marketplace, name="feed").secret)
    staff_api = _Caller(api_token_create(user=staff, name="staff").secret)

    # --- the marketplace's records, fed through the integration API ---------------------
    feed("PUT", "/shops/shop-a", {"name": Marker.SHOP_NAME, "time_zone": "Europe/Paris"})
    feed("PUT", "/shops/shop-b", {"name": "Boutique Other", "time_zone": "Europe/Paris"})
    feed("PUT", "/shops/shop-a/members/seller-a", {"role": "owner", "email": "sa@example.org"})
    feed("PUT", "/shops/shop-b/members/seller-b", {"role": "owner", "email": "sb@example.org"})
    profile = {
        "name": "Standard",
        "processing_days": {"min": 1, "max": 2},
        "delivery_days": {"min": 2, "max": 5},
    }
    feed("PUT", "/shops/shop-a/shipping-profiles/sp-a", profile)
    feed("PUT", "/shops/shop-b/shipping-profiles/sp-b", profile)
    listing = {"price": "35.00", "shipping_profile_id": "sp-a", "title": Marker.LISTING}
    feed("PUT", "/shops/shop-a/listings/listing-a", listing)
    other_listing = {**listing, "title": "Other mug", "shipping_profile_id": "sp-b"}
    feed("PUT", "/shops/shop-b/listings/listing-b", other_listing)
    feed(
        "PUT",
        "/shops/shop-a/orders/order-a",
        _order("a", "buyer-a", Marker.BUYER_EMAIL, "listing-a", Marker.PERSONALISATION),
    )
    feed(
        "PUT", "/shops/shop-b/orders/order-b", _order("b", "buyer-b", "bb@example.org", "listing-b")
    )
    custom = {**listing, "title": Marker.CUSTOM_LISTING, "private_for": "buyer-a"}
    feed("PUT", "/shops/shop-a/listings/custom-a", custom)
    review = {"order_id": "order-a", "stars": 2, "text": Marker.REVIEW}
    feed("PUT", "/shops/shop-a/reviews/review-a", {**review, "reviewed_at": NOW.isoformat()})
    case = {"order_id": "order-a", "type": "non_delivery", "description": Marker.CASE}
    feed("PUT", "/shops/shop-a/cases/case-a", {**case, "opened_at": (NOW - DAY).isoformat()})
    consent = {"given": True, "source": "checkout", "reference": "order-b"}
    feed("PUT", "/shops/shop-b/buyers/buyer-b/consent", consent)

    shop_a = Shop.objects.get(external_id="shop-a")
    seller_a = User.objects.get(external_id="seller-a")
    seller_b = User.objects.get(external_id="seller-b")
    buyer_a = User.objects.get(external_id="buyer-a")
    buyer_b = User.objects.get(external_id="buyer-b")

    buyer_token = api_token_create(user=buyer_a, name=Marker.TOKEN)
    tokens = {
        Role.STRANGER: api_token_create(user=buyer_b, name="b").secret,
        Role.BUYER: buyer_token.secret,
        Role.OTHER_MEMBER: api_token_create(user=seller_b, name="sb").secret,
        Role.MEMBER: api_token_create(user=seller_a, name="sa").secret,
        Role.STAFF: api_token_create(user=staff, name="t&s").secret,
        Role.INTEGRATION: api_token_create(user=marketplace, name="matrix").secret,
    }
    buyer = _Caller(tokens[Role.BUYER])
    stranger = _Caller(tokens[Role.STRANGER])
    seller = _Caller(tokens[Role.MEMBER])

    # --- thread A: buyer A's support ticket about order A, a photo, the shop's answer -------
    started = buyer(
        "POST",
        "/me/conversations",
        {
            "kind": "support_ticket",
            "order_id": "order-a",
            "body": Marker.MESSAGE,
        },
    )
    conversation = started["conversation_id"]
    first_message = started["id"]
    upload = buyer.upload(f"{Marker.ATTACHMENT}.png", png(Marker.ATTACHMENT))
    buyer(
        "POST",
        f"/me/conversations/{conversation}/messages",
        {"body": "A photo of the empty letter box.", "attachment_ids": [upload["id"]]},
    )
    shop_message = seller(
        "POST",
        f"/shops/shop-a/conversations/{conversation}/messages",
        {"body": Marker.SHOP_MESSAGE},
    )["id"]
    # A message the moderation rules flag (review for a refund): Trust & Safety's queue.
    extortion = buyer(
        "POST",
        f"/me/conversations/{conversation}/messages",
        {"body": "Refund me 20 euros or I will leave a 1-star review."},
    )["id"]
    flag = ModerationFlag.objects.get(message_id=extortion)  # warned, not held
    report = buyer(
        "POST",
        f"/me/messages/{shop_message}/reports",
        {"reason": "abusive", "note": Marker.REPORT},
    )["id"]
    # Last in thread A, an advert with a file, sent before buyer A agreed to news and offers:
    # held for Trust & Safety, hidden from buyer A (issue 19: its file too, and the previews).
    held_upload = seller.upload("advert.png", png(Marker.HELD))
    held = seller(
        "POST",
        f"/shops/shop-a/conversations/{conversation}/messages",
        {
            "body": f"Our new collection is out: 20% off with promo code SPRING. {Marker.HELD}",
            "attachment_ids": [held_upload["id"]],
        },
    )
    assert held["held"], held
    feed("PUT", "/shops/shop-a/buyers/buyer-a/consent", {**consent, "reference": "order-a"})

    # Buyer B's own thread with shop B: the unrelated buyer and shop B have data of their own.
    b_conversation = stranger(
        "POST",
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": "listing-b", "body": "Is it dishwasher safe?"},
    )["conversation_id"]

    # --- shop A's own things ------------------------------------------------------------
    label = seller("POST", "/shops/shop-a/labels", {"name": Marker.LABEL})["id"]
    seller("POST", "/shops/shop-a/conversations/labels", {"ids": [conversation], "add": [label]})
    saved = seller(
        "POST", "/shops/shop-a/saved-replies", {"title": "Thanks", "body": Marker.SAVED_REPLY}
    )["id"]
    notes = "/shops/shop-a/orders/order-a/notes"
    seller("POST", notes, {"visibility": "private", "body": Marker.NOTE_PRIVATE})
    seller("POST", notes, {"visibility": "customer", "body": Marker.NOTE_CUSTOMER})
    coupon = seller(
        "POST",
        "/shops/shop-a/coupons",
        {"code": Marker.COUPON, "discount_kind": "percent", "amount": "10"},
    )["id"]
    sale = seller(
        "POST",
        "/shops/shop-a/sales",
        {
            "name": "Summer",
            "discount_kind": "percent",
            "amount": "10",
            "ends_at": (NOW + 10 * DAY).isoformat(),
        },
    )["id"]
    send = seller(
        "POST",
        "/shops/shop-a/sends",
        {"subject": Marker.SEND, "body": "New aprons are in.", "draft": True},
    )["id"]

    # --- Trust & Safety's objects on shop A, and the marketplace's webhook ---------------
    action = staff_api(
        "POST", "/standards/shops/shop-a/actions", {"step": "warning", "reason": Marker.ACTION}
    )["id"]
    standards_flag = StandardsFlag.objects.create(
        shop=shop_a,
        kind=StandardsFlag.Kind.DISSATISFACTION,
        raised_on=(NOW - 3 * DAY).date(),
        seen_on=NOW.date(),
        value=0.3,
        threshold=0.1,
    )
    evaluation = staff_api("POST", "/standards/evaluations")["id"]
    endpoint = feed("POST", "/webhooks", {"url": "https://93.184.216.34/comptoir"})["id"]
    # An e-mail to buyer A in the outbox (the note the shop wrote to them, or a new message).
    email = OutboxEmail.objects.filter(recipient=Marker.BUYER_EMAIL).order_by("id").first()
    assert email is not None

    api_ids = {
        "shop_id": "shop-a",
        "user_id": "seller-a",
        "profile_id": "sp-a",
        "listing_id": "custom-a",
        "order_id": "order-a",
        "review_id": "review-a",
        "case_id": "case-a",
        "buyer_id": "buyer-a",
        "external_id": "buyer-a",
        "token_id": str(buyer_token.token.id),
        "conversation_id": str(conversation),
        # Names that mean different things on different paths have no default: a row names
        # which it means (Entry.params), so a new path with them gets a decision too.
        "buyer_message_id": str(first_message),
        "shop_message_id": str(shop_message),
        "attachment_id": str(upload["id"]),
        "held_attachment_id": str(held_upload["id"]),
        "label_id": str(label),
        "saved_reply_id": str(saved),
        "coupon_id": str(coupon),
        "sale_id": str(sale),
        "send_id": str(send),
        "action_id": str(action),
        "moderation_flag_id": str(flag.id),
        "standards_flag_id": str(standards_flag.id),
        "decision": "dismiss" if flag.outcome == "warned" else "release",
        "report_id": str(report),
        "evaluation_id": str(evaluation),
        "endpoint_id": str(endpoint),
        "email_id": str(email.id),
        "b_conversation_id": str(b_conversation),  # buyer B's thread with shop B
    }
    custom_listing_pk = shop_a.listings.get(external_id="custom-a").pk
    page_ids = {
        **api_ids,
        "shop_id": str(shop_a.pk),
        "listing_id": str(custom_listing_pk),
        "shop_b_pk": str(Shop.objects.get(external_id="shop-b").pk),
        "order_pk": str(Order.objects.get(external_id="order-a").pk),
        "review_pk": str(Review.objects.get(external_id="review-a").pk),
        "slug": shop_a.slug,
        "secret": "not-a-real-link",
        "uidb64": "MQ",
        "reset_token": "set-password",
        "unsubscribe_token": unsubscribe_token(buyer_id=buyer_a.id, shop_id=shop_a.id),
        "notifications_off_token": notifications_off_token(user_id=buyer_a.id),
        "mail_id": _kept_mail(),
    }
    sessions = {
        (Role.STRANGER, 2): _session(buyer_b),
        (Role.BUYER, 2): _session(buyer_a),
        (Role.OTHER_MEMBER, 2): _session(seller_b),
        (Role.MEMBER, 2): _session(seller_a),
        (Role.STAFF, 2): _session(staff, two_factors=True),
        (Role.STAFF, 1): _session(staff),  # signed in with the password only
    }
    return World(api_ids=api_ids, page_ids=page_ids, tokens=tokens, sessions=sessions)
