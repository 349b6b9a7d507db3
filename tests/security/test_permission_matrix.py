"""The permission matrix: every API operation of the OpenAPI schema and every page URL
pattern, called by every role, against shop A's and buyer A's objects.

Each (operation, role) is one test. A role outside the operation's allowed set must be
refused (API: 401, 403 or 404; pages: 403, 404 or a redirect to sign in) and must not see
any of shop A's / buyer A's marker strings; a role inside it must be let in (so the world
really holds what the ids name: a matrix that answers 404 to everyone proves nothing) and
sees at most what its clearance allows (`world.CLEARANCE`). A 5xx fails every case.

New endpoints are picked up by themselves: the cases come from `api.get_openapi_schema()`
and from walking `get_resolver()`. An operation or page without a row in `API` or `PAGES`
below fails with a message saying to classify it, so every future endpoint gets a decision.

Roles: anonymous, an unrelated buyer (with threads of their own at shop B), the buyer party
(buyer A: order A, thread A), the other shop's member (shop B's owner) calling with shop A's
ids, the same person calling through *their own* shop's id with shop A's object ids (the
object-level check: `/shops/shop-b/labels/<shop A's label>`), shop A's member, Trust &
Safety (token for the API, two-factor session for pages), the same staff signed in with the
password only (pages must ask for the second factor, the API must see no session) and the
marketplace integration (its API token; on pages it sends the token and no session).

Some rows are variants ("KEY#name") of one operation: another body (a private listing, a
held message's file), or a probe run for one role only through its own objects that names
shop A's / buyer A's objects in the body (attachment_ids, saved_reply_id, coupon_id).
A page that takes a form has a POST row as well as its GET row.

Known leaks are listed in KNOWN_LEAKS: each is an xfail(strict=True) case, so the fix turns
it into a failure that says to remove the line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponseBase
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from comptoir.api import api
from comptoir.messaging.models import Party
from tests.security.world import (
    CLEARANCE,
    NOW,
    PUBLIC_MARKERS,
    ROLES,
    Marker,
    Role,
    World,
    png,
)

ANON, STRANGER, BUYER = Role.ANONYMOUS, Role.STRANGER, Role.BUYER
OTHER, MEMBER, STAFF, INTEGRATION = Role.OTHER_MEMBER, Role.MEMBER, Role.STAFF, Role.INTEGRATION
CROSS = "other_member_own_shop"  # OTHER's person, with their own shop's id in the path
ONE_FACTOR = "staff_password_only"  # a staff session that has not passed its second factor
CASE_ROLES: tuple[str, ...] = (*ROLES[:4], CROSS, *ROLES[4:6], ONE_FACTOR, *ROLES[6:])
SIGNED_IN = frozenset(ROLES) - {ANON}
PEOPLE = SIGNED_IN - {INTEGRATION}  # who has a browser session (pages)
EVERYONE = frozenset(ROLES)

HERE = "tests/security/test_permission_matrix.py"
Ids = dict[str, str]
Body = Callable[[Ids], Any]


@dataclass(frozen=True)
class Rule:
    """Who is let in (`ok`), and who of them may see shop A's / buyer A's private data
    (`sees`, within their clearance). Roles in `free` may get any answer below 500 (public
    pages whose answer depends on a link's validity), but no private data. Everyone else
    is refused."""

    ok: frozenset[Role]
    sees: frozenset[Role]
    free: frozenset[Role] = frozenset()


def only(*roles: Role) -> Rule:
    """Only these roles, each seeing what its clearance allows."""
    return Rule(frozenset(roles), frozenset(roles))


def signed_in(*seeing: Role, roles: frozenset[Role] = SIGNED_IN) -> Rule:
    """Anyone signed in, each about themselves; only `seeing` have shop A / buyer A data."""
    return Rule(roles, frozenset(seeing))


def people(*seeing: Role) -> Rule:
    """Pages for anyone with a session (the integration's token is no session)."""
    return signed_in(*seeing, roles=PEOPLE)


def anyone(*seeing: Role) -> Rule:
    return Rule(EVERYONE, frozenset(seeing))


def open_link() -> Rule:
    """A public page whose answer depends on a link or token: any answer below 500."""
    return Rule(frozenset(), frozenset(), free=EVERYONE)


@dataclass(frozen=True)
class Entry:
    """How to call one operation or page, and who may."""

    rule: Rule
    body: Body | None = None  # JSON (API) or form data (pages)
    query: Body | None = None
    params: dict[str, str] = field(default_factory=dict)  # path parameter -> world id name
    refs: bool = False  # the body names shop A's objects (the cross-shop role must be refused)
    also_ok: tuple[int, ...] = ()  # statuses besides 2xx that count as let in (API)
    also_refused: tuple[int, ...] = ()  # statuses besides the usual that count as refused
    upload: bool = False  # multipart with one PNG file (API)
    # For a write refused with a redirect and a message (some pages): the state it would
    # change. Refused means unchanged, let in means changed, whatever the status.
    effect: Callable[[Ids], object] | None = None
    # A probe for some roles only, through their own objects (`own`: parameter -> world
    # id), naming shop A's / buyer A's objects in the body: always refused.
    roles: tuple[str, ...] = ()
    own: dict[str, str] = field(default_factory=dict)
    # Markers the answer must hold for a role let in with sight of them (within its
    # clearance): proof that the world is what the ids name and the search works.
    shows: tuple[Marker, ...] = ()


NOBODY = Rule(frozenset(), frozenset())


def folder(side: str) -> Callable[[Ids], object]:
    """Where thread A sits for one side (a bulk move changes it)."""
    return lambda ids: (
        Party.objects.filter(conversation_id=int(ids["conversation_id"]), side=side)
        .values_list("folder", flat=True)
        .get()
    )


# --- The API --------------------------------------------------------------------------------

LATER = (NOW.replace(year=NOW.year + 1)).isoformat()
ORDER_BODY = {
    "buyer": {"id": "buyer-a", "email": Marker.BUYER_EMAIL},
    "status": "paid",
    "ordered_at": NOW.isoformat(),
    "items": [{"title": "Linen apron", "unit_price": "35.00"}],
}

API: dict[str, Entry] = {
    # Me and my tokens: everyone signed in, about themselves.
    "GET /me": Entry(signed_in(BUYER)),
    "GET /me/tokens": Entry(signed_in(BUYER), shows=(Marker.TOKEN,)),
    "POST /me/tokens": Entry(signed_in(), body=lambda ids: {"name": "probe"}),
    "POST /me/tokens/{token_id}/revoke": Entry(only(BUYER)),
    # The marketplace's feed: the integration only.
    "GET /shops": Entry(only(INTEGRATION)),
    "GET /shops/{shop_id}": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}": Entry(only(INTEGRATION), body=lambda ids: {"name": Marker.SHOP_NAME}),
    "GET /shops/{shop_id}/members": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}/members/{user_id}": Entry(
        only(INTEGRATION), body=lambda ids: {"role": "owner"}
    ),
    "DELETE /shops/{shop_id}/members/{user_id}": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}/shipping-profiles/{profile_id}": Entry(
        only(INTEGRATION),
        body=lambda ids: {
            "name": "Standard",
            "processing_days": {"min": 1, "max": 2},
            "delivery_days": {"min": 2, "max": 5},
        },
    ),
    "GET /shops/{shop_id}/shipping-profiles/{profile_id}": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}/listings/{listing_id}": Entry(
        only(INTEGRATION),
        body=lambda ids: {
            "title": Marker.CUSTOM_LISTING,
            "price": "35.00",
            "private_for": "buyer-a",
        },
    ),
    "GET /shops/{shop_id}/listings/{listing_id}": Entry(
        only(INTEGRATION), shows=(Marker.CUSTOM_LISTING,)
    ),
    "GET /shops/{shop_id}/listings": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}/orders/{order_id}": Entry(only(INTEGRATION), body=lambda ids: ORDER_BODY),
    "GET /shops/{shop_id}/orders/{order_id}": Entry(
        only(INTEGRATION),
        shows=(
            Marker.BUYER_EMAIL,
            Marker.PERSONALISATION,
        ),
    ),
    "GET /shops/{shop_id}/orders": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}/reviews/{review_id}": Entry(
        only(INTEGRATION), body=lambda ids: {"order_id": "order-a", "stars": 4}
    ),
    "GET /shops/{shop_id}/reviews/{review_id}": Entry(only(INTEGRATION), shows=(Marker.REVIEW,)),
    "GET /shops/{shop_id}/reviews": Entry(only(INTEGRATION)),
    # The shop's public reply: its members write it; Trust & Safety remove it (review A has
    # no reply until a member's probe wrote one: 409 no_reply / reply_removed count as let in).
    "PUT /shops/{shop_id}/reviews/{review_id}/reply": Entry(
        only(MEMBER), body=lambda ids: {"text": "probe"}, also_ok=(409,)
    ),
    "POST /shops/{shop_id}/reviews/{review_id}/reply/removal": Entry(
        only(STAFF), body=lambda ids: {"reason": "probe"}, also_ok=(409,)
    ),
    "PUT /shops/{shop_id}/cases/{case_id}": Entry(
        only(INTEGRATION), body=lambda ids: {"order_id": "order-a", "type": "non_delivery"}
    ),
    "GET /shops/{shop_id}/cases/{case_id}": Entry(only(INTEGRATION), shows=(Marker.CASE,)),
    "GET /shops/{shop_id}/cases": Entry(only(INTEGRATION)),
    "GET /shops/{shop_id}/orders/{order_id}/case-eligibility": Entry(only(INTEGRATION)),
    "GET /people/{external_id}/unread": Entry(only(INTEGRATION)),
    "PUT /shops/{shop_id}/buyers/{buyer_id}/consent": Entry(
        only(INTEGRATION), body=lambda ids: {"given": True, "source": "api"}
    ),
    "GET /shops/{shop_id}/buyers/{buyer_id}/consent": Entry(only(INTEGRATION)),
    "GET /webhooks/events": Entry(only(INTEGRATION)),
    "GET /webhooks": Entry(only(INTEGRATION)),
    "POST /webhooks": Entry(
        only(INTEGRATION), body=lambda ids: {"url": "https://93.184.216.34/other"}
    ),
    "DELETE /webhooks/{endpoint_id}": Entry(only(INTEGRATION)),
    "GET /webhooks/{endpoint_id}/deliveries": Entry(only(INTEGRATION)),
    "POST /webhooks/{endpoint_id}/ping": Entry(only(INTEGRATION)),
    # Order notes: the shop's members; the buyer reads the ones written to them.
    "GET /shops/{shop_id}/orders/{order_id}/notes": Entry(
        only(MEMBER),
        shows=(
            Marker.NOTE_PRIVATE,
            Marker.NOTE_CUSTOMER,
        ),
    ),
    "POST /shops/{shop_id}/orders/{order_id}/notes": Entry(
        only(MEMBER), body=lambda ids: {"visibility": "private", "body": "probe"}
    ),
    "GET /me/orders/{order_id}/notes": Entry(only(BUYER), shows=(Marker.NOTE_CUSTOMER,)),
    "POST /me/orders/{order_id}/messages": Entry(only(BUYER), body=lambda ids: {"body": "probe"}),
    "GET /me/orders/{order_id}/case-eligibility": Entry(only(BUYER)),
    # Waiting on the buyer: the shop's members. Order A has shipped: the member is let in
    # and told 409 order_not_open; everyone else gets 404 before the order is looked at.
    "PUT /shops/{shop_id}/orders/{order_id}/awaiting-buyer": Entry(
        only(MEMBER), body=lambda ids: {"missing": "phone"}, also_ok=(409,)
    ),
    "DELETE /shops/{shop_id}/orders/{order_id}/awaiting-buyer": Entry(only(MEMBER)),
    "GET /shops/{shop_id}/awaiting-buyer": Entry(only(MEMBER)),
    # The buyer's side of messaging.
    "GET /me/conversations": Entry(signed_in(BUYER)),
    "GET /me/folders": Entry(signed_in()),
    "POST /me/conversations#help-request": Entry(
        only(BUYER),
        body=lambda ids: {
            "kind": "help_request",
            "order_id": "order-a",
            "reason": "damaged",
            "body": "probe",
        },
    ),
    "POST /me/conversations#custom-listing": Entry(
        only(BUYER),
        body=lambda ids: {"kind": "listing_inquiry", "listing_id": "custom-a", "body": "probe"},
        also_refused=(422,),  # own_shop: a member cannot write to their shop as a buyer
    ),
    "GET /me/conversations/{conversation_id}": Entry(
        only(BUYER),
        shows=(
            Marker.MESSAGE,
            Marker.SHOP_MESSAGE,
            Marker.ATTACHMENT,
        ),
    ),
    "POST /me/conversations/{conversation_id}/messages": Entry(
        only(BUYER), body=lambda ids: {"body": "probe"}
    ),
    "POST /me/conversations/{conversation_id}/messages#foreign-attachment": Entry(
        NOBODY,
        roles=(STRANGER,),
        own={"conversation_id": "b_conversation_id"},
        body=lambda ids: {"body": "probe", "attachment_ids": [int(ids["attachment_id"])]},
    ),
    "POST /me/conversations#foreign-attachment": Entry(
        NOBODY,
        roles=(STRANGER,),
        body=lambda ids: {
            "kind": "listing_inquiry",
            "listing_id": "listing-b",
            "body": "probe",
            "attachment_ids": [int(ids["attachment_id"])],
        },
    ),
    "POST /me/conversations/actions": Entry(
        only(BUYER), body=lambda ids: {"ids": [int(ids["conversation_id"])], "action": "archive"}
    ),
    "POST /me/conversations/{conversation_id}/reopen": Entry(
        only(BUYER),
        also_ok=(409,),  # the ticket is open: already_open
    ),
    "POST /me/messages/{message_id}/reports": Entry(
        only(BUYER),
        params={"message_id": "shop_message_id"},
        body=lambda ids: {"reason": "other", "note": "probe"},
        also_ok=(409,),  # already reported in the world
    ),
    "GET /attachments/{attachment_id}": Entry(
        only(BUYER, MEMBER, STAFF), shows=(Marker.ATTACHMENT,)
    ),
    "GET /attachments/{attachment_id}#held-message": Entry(
        only(MEMBER, STAFF), params={"attachment_id": "held_attachment_id"}, shows=(Marker.HELD,)
    ),
    "POST /uploads": Entry(signed_in(), upload=True),
    # The shop's side of messaging.
    "GET /shops/{shop_id}/conversations": Entry(only(MEMBER)),
    "POST /shops/{shop_id}/conversations": Entry(
        only(MEMBER), body=lambda ids: {"order_id": "order-a", "body": "probe"}, refs=True
    ),
    "GET /shops/{shop_id}/folders": Entry(only(MEMBER)),
    "GET /shops/{shop_id}/conversations/{conversation_id}": Entry(
        only(MEMBER),
        shows=(
            Marker.MESSAGE,
            Marker.SHOP_MESSAGE,
            Marker.HELD,
        ),
    ),
    "POST /shops/{shop_id}/conversations/{conversation_id}/messages": Entry(
        only(MEMBER), body=lambda ids: {"body": "probe"}
    ),
    "POST /shops/{shop_id}/conversations/{conversation_id}/messages#foreign-saved-reply": Entry(
        NOBODY,
        roles=(CROSS,),
        own={"conversation_id": "b_conversation_id"},
        body=lambda ids: {"body": "", "saved_reply_id": int(ids["saved_reply_id"])},
    ),
    "POST /shops/{shop_id}/conversations/{conversation_id}/messages#foreign-attachment": Entry(
        NOBODY,
        roles=(CROSS,),
        own={"conversation_id": "b_conversation_id"},
        body=lambda ids: {"body": "probe", "attachment_ids": [int(ids["attachment_id"])]},
    ),
    "POST /shops/{shop_id}/conversations/actions": Entry(
        only(MEMBER),
        body=lambda ids: {"ids": [int(ids["conversation_id"])], "action": "archive"},
        refs=True,
    ),
    "POST /shops/{shop_id}/conversations/labels": Entry(
        only(MEMBER),
        body=lambda ids: {
            "ids": [int(ids["conversation_id"])],
            "add": [int(ids["label_id"])],
        },
        refs=True,
    ),
    "POST /shops/{shop_id}/conversations/{conversation_id}/close": Entry(only(MEMBER)),
    "POST /shops/{shop_id}/conversations/no-response-needed": Entry(
        only(MEMBER), body=lambda ids: {"ids": [int(ids["conversation_id"])]}, refs=True
    ),
    "POST /shops/{shop_id}/conversations/{conversation_id}/messages/{message_id}"
    "/no-response-needed": Entry(
        only(MEMBER), params={"message_id": "buyer_message_id"}, body=lambda ids: {}
    ),
    "GET /shops/{shop_id}/inquiries": Entry(only(MEMBER)),
    "POST /shops/{shop_id}/messages/{message_id}/reports": Entry(
        only(MEMBER),
        params={"message_id": "buyer_message_id"},
        body=lambda ids: {"reason": "other"},
    ),
    "GET /shops/{shop_id}/labels": Entry(only(MEMBER), shows=(Marker.LABEL,)),
    "POST /shops/{shop_id}/labels": Entry(only(MEMBER), body=lambda ids: {"name": "probe"}),
    "PATCH /shops/{shop_id}/labels/{label_id}": Entry(
        only(MEMBER), body=lambda ids: {"name": "probe"}
    ),
    "DELETE /shops/{shop_id}/labels/{label_id}": Entry(only(MEMBER)),
    "GET /shops/{shop_id}/saved-replies": Entry(only(MEMBER), shows=(Marker.SAVED_REPLY,)),
    "POST /shops/{shop_id}/saved-replies": Entry(
        only(MEMBER), body=lambda ids: {"title": "probe", "body": "probe"}
    ),
    "PUT /shops/{shop_id}/saved-replies/{saved_reply_id}": Entry(
        only(MEMBER), body=lambda ids: {"title": "probe", "body": "probe"}
    ),
    "DELETE /shops/{shop_id}/saved-replies/{saved_reply_id}": Entry(only(MEMBER)),
    # Incoming mail: only an inbound-mail service holding INBOUND_MAIL_SECRET (none here).
    "POST /inbound/mail": Entry(only()),
    "POST /shops/{shop_id}/contact": Entry(
        anyone(),
        body=lambda ids: {"name": "Probe", "email": "probe@example.org", "body": "Hello?"},
    ),
    # Auto-replies and vacation: the shop's members.
    "GET /shops/{shop_id}/auto-replies": Entry(only(MEMBER)),
    "PUT /shops/{shop_id}/auto-replies/weekly": Entry(
        only(MEMBER),
        body=lambda ids: {"on": False, "saved_reply_id": int(ids["saved_reply_id"])},
        refs=True,
    ),
    "PUT /shops/{shop_id}/auto-replies/temporary": Entry(
        only(MEMBER),
        body=lambda ids: {"on": False, "saved_reply_id": int(ids["saved_reply_id"])},
        refs=True,
    ),
    "PUT /shops/{shop_id}/vacation": Entry(only(MEMBER), body=lambda ids: {"on": False}),
    # Figures: the shop's members and Trust & Safety; the standing also the integration.
    "GET /shops/{shop_id}/responsiveness": Entry(only(MEMBER, STAFF)),
    "GET /shops/{shop_id}/responsiveness/first-messages": Entry(only(MEMBER, STAFF)),
    "GET /shops/{shop_id}/responsiveness/first-messages.csv": Entry(only(MEMBER, STAFF)),
    "GET /responsiveness/bands": Entry(signed_in(), query=lambda ids: {"shop": ids["shop_id"]}),
    "GET /shops/{shop_id}/standards": Entry(
        only(MEMBER, STAFF, INTEGRATION), shows=(Marker.ACTION,)
    ),
    "GET /shops/{shop_id}/consents/summary": Entry(only(MEMBER, STAFF)),
    # Consent, the buyer's own.
    "GET /me/consents": Entry(signed_in(BUYER)),
    "PUT /me/consents/{shop_id}": Entry(only(BUYER), body=lambda ids: {"given": False}),
    # Trust & Safety.
    "GET /staff/conversations/{conversation_id}": Entry(
        only(STAFF),
        shows=(
            Marker.MESSAGE,
            Marker.HELD,
        ),
    ),
    "GET /standards/queue": Entry(only(STAFF)),
    "POST /standards/shops/{shop_id}/actions": Entry(
        only(STAFF), body=lambda ids: {"step": "recommendation", "reason": "probe"}
    ),
    "POST /standards/actions/{action_id}/lift": Entry(
        only(STAFF), body=lambda ids: {"reason": "probe"}
    ),
    "POST /standards/flags/{flag_id}/dismiss": Entry(
        only(STAFF), params={"flag_id": "standards_flag_id"}, body=lambda ids: {"reason": "probe"}
    ),
    "POST /standards/evaluations": Entry(
        only(STAFF),
        also_ok=(409,),  # evaluation_running: the world's own is still running
    ),
    "GET /standards/evaluations/{evaluation_id}": Entry(only(STAFF)),
    "GET /standards/settings": Entry(only(STAFF)),
    "PATCH /standards/settings": Entry(only(STAFF), body=lambda ids: {}),
    "GET /standards/audit": Entry(only(STAFF)),
    "GET /standards/audit.csv": Entry(only(STAFF)),
    "GET /outbox": Entry(only(STAFF)),
    "POST /outbox/{email_id}/retry": Entry(
        only(STAFF),
        also_ok=(409,),  # the e-mail was not given up: nothing to send again
    ),
    "GET /moderation/flags": Entry(only(STAFF)),
    "GET /moderation/flags/{flag_id}": Entry(only(STAFF), params={"flag_id": "moderation_flag_id"}),
    "POST /moderation/flags/{flag_id}/{decision}": Entry(
        only(STAFF), params={"flag_id": "moderation_flag_id"}, body=lambda ids: {"note": "probe"}
    ),
    "GET /moderation/reports": Entry(only(STAFF), shows=(Marker.REPORT,)),
    "POST /moderation/reports/{report_id}/close": Entry(
        only(STAFF), body=lambda ids: {"note": "probe"}
    ),
    # Promotions: coupons and sales for the shop's members and the integration; checking
    # and redeeming a code at checkout for the integration; sends for the members.
    "GET /shops/{shop_id}/coupons": Entry(only(MEMBER, INTEGRATION), shows=(Marker.COUPON,)),
    "POST /shops/{shop_id}/coupons": Entry(
        only(MEMBER, INTEGRATION),
        body=lambda ids: {"code": "PROBE10", "discount_kind": "percent", "amount": "10"},
    ),
    "POST /shops/{shop_id}/coupons/check": Entry(
        only(INTEGRATION),
        body=lambda ids: {"code": Marker.COUPON, "buyer_id": "buyer-a", "order_total": "50.00"},
    ),
    "POST /shops/{shop_id}/coupons/redeem": Entry(
        only(INTEGRATION),
        body=lambda ids: {
            "code": Marker.COUPON,
            "buyer_id": "buyer-a",
            "order_id": "order-a2",
            "order_total": "50.00",
        },
    ),
    "GET /shops/{shop_id}/coupons/{coupon_id}": Entry(only(MEMBER, INTEGRATION)),
    "PATCH /shops/{shop_id}/coupons/{coupon_id}": Entry(
        only(MEMBER, INTEGRATION), body=lambda ids: {"usage_limit": 50}
    ),
    "POST /shops/{shop_id}/coupons/{coupon_id}/disable": Entry(only(MEMBER, INTEGRATION)),
    "GET /shops/{shop_id}/coupons/{coupon_id}/redemptions": Entry(only(MEMBER, INTEGRATION)),
    "GET /shops/{shop_id}/sales": Entry(only(MEMBER, INTEGRATION)),
    "POST /shops/{shop_id}/sales": Entry(
        only(MEMBER, INTEGRATION),
        body=lambda ids: {
            "name": "Probe",
            "discount_kind": "percent",
            "amount": "5",
            "ends_at": LATER,
        },
    ),
    "POST /shops/{shop_id}/sales/{sale_id}/end": Entry(only(MEMBER, INTEGRATION)),
    "GET /shops/{shop_id}/listings/{listing_id}/price": Entry(only(MEMBER, INTEGRATION)),
    "GET /shops/{shop_id}/audience": Entry(only(MEMBER)),
    "GET /shops/{shop_id}/sends": Entry(only(MEMBER)),
    "POST /shops/{shop_id}/sends": Entry(
        only(MEMBER), body=lambda ids: {"subject": "Probe", "body": "Probe", "draft": True}
    ),
    "POST /shops/{shop_id}/sends#foreign-coupon": Entry(
        only(MEMBER),
        body=lambda ids: {
            "subject": "Probe",
            "body": "Probe",
            "draft": True,
            "coupon_id": int(ids["coupon_id"]),
        },
        refs=True,
        also_refused=(422,),  # invalid_coupon, fields.coupon_id: not_found
    ),
    "GET /shops/{shop_id}/sends/{send_id}": Entry(only(MEMBER), shows=(Marker.SEND,)),
    "POST /shops/{shop_id}/sends/{send_id}/start": Entry(only(MEMBER)),
    "POST /shops/{shop_id}/sends/{send_id}/cancel": Entry(only(MEMBER)),
    "GET /shops/{shop_id}/sends/{send_id}/recipients": Entry(only(MEMBER)),
    "POST /shops/{shop_id}/marketing-messages": Entry(
        only(MEMBER),
        body=lambda ids: {"buyer_id": "buyer-a", "subject": "Probe", "body": "Probe"},
        refs=True,
    ),
    "GET /shops/{shop_id}/follow-ups/settings": Entry(only(MEMBER)),
    "PUT /shops/{shop_id}/follow-ups/settings": Entry(
        only(MEMBER),
        body=lambda ids: {"enabled": False, "days_after_delivery": 7, "body": "Probe"},
    ),
    "GET /shops/{shop_id}/follow-ups": Entry(only(MEMBER)),
}

# --- The pages ----------------------------------------------------------------------------
# Keyed "METHOD url-name"; the walk skips the admin, the API and static files.

PAGES: dict[str, Entry] = {
    # Signing in, links, passwords, two factors: open to all (answers depend on the link).
    "POST set_language": Entry(open_link(), body=lambda ids: {"language": "fr"}),
    "GET accounts:email_link_request": Entry(open_link()),
    "POST accounts:email_link_request": Entry(
        open_link(), body=lambda ids: {"email": Marker.BUYER_EMAIL}
    ),
    "GET accounts:email_link_sent": Entry(open_link()),
    "GET accounts:email_link_open": Entry(open_link()),
    "GET accounts:signed_link": Entry(open_link()),
    "GET accounts:password_reset": Entry(open_link()),
    "POST accounts:password_reset": Entry(
        open_link(), body=lambda ids: {"email": Marker.BUYER_EMAIL}
    ),
    "GET accounts:password_reset_done": Entry(open_link()),
    "GET accounts:password_reset_confirm": Entry(open_link(), params={"token": "reset_token"}),
    "GET accounts:password_reset_complete": Entry(open_link()),
    "GET accounts:password_change": Entry(people()),
    "GET accounts:password_change_done": Entry(people()),
    "GET accounts:oidc_start": Entry(open_link()),
    "GET accounts:oidc_callback": Entry(open_link()),
    "GET accounts:oidc_refused": Entry(open_link()),
    "GET accounts:two_factor_setup": Entry(people()),
    "GET accounts:two_factor_verify": Entry(open_link()),
    "POST accounts:two_factor_recovery_codes": Entry(people()),
    "POST accounts:two_factor_remove": Entry(people()),
    "GET web:home": Entry(anyone(BUYER, MEMBER, STAFF)),
    "GET web:login": Entry(open_link()),
    "POST web:logout": Entry(open_link()),
    "GET web:account": Entry(people(BUYER)),
    "POST web:account": Entry(
        people(BUYER), body=lambda ids: {"display_name": "", "language": "", "time_zone": ""}
    ),
    "POST web:token_create": Entry(people(), body=lambda ids: {"name": "probe"}),
    "POST web:token_revoke": Entry(only(BUYER)),
    "GET web:shop": Entry(
        anyone(BUYER, MEMBER, STAFF),
        shows=(
            Marker.SHOP_NAME,
            Marker.LISTING,
        ),
    ),
    "GET web:listing": Entry(only(BUYER, MEMBER, STAFF), shows=(Marker.CUSTOM_LISTING,)),
    # Order pages: the buyer's own order; the shop's order for its members.
    "GET web:buyer_order": Entry(
        only(BUYER),
        params={"order_id": "order_pk"},
        shows=(Marker.PERSONALISATION, Marker.NOTE_CUSTOMER, Marker.CASE, Marker.REVIEW),
    ),
    "POST web:buyer_order_answer": Entry(
        only(BUYER), params={"order_id": "order_pk"}, body=lambda ids: {"body": "probe"}
    ),
    "GET web:shop_order": Entry(
        only(MEMBER),
        params={"order_id": "order_pk"},
        shows=(Marker.PERSONALISATION, Marker.NOTE_PRIVATE, Marker.NOTE_CUSTOMER, Marker.CASE),
    ),
    "POST web:shop_order_message": Entry(
        only(MEMBER), params={"order_id": "order_pk"}, body=lambda ids: {"body": "probe"}
    ),
    "POST web:shop_order_note": Entry(
        only(MEMBER),
        params={"order_id": "order_pk"},
        body=lambda ids: {"visibility": "private", "body": "probe"},
    ),
    "POST web:shop_order_waiting": Entry(
        only(MEMBER), params={"order_id": "order_pk"}, body=lambda ids: {"missing": "phone"}
    ),
    "GET web:shop_waiting": Entry(only(MEMBER)),
    "POST web:shop_order_review_reply": Entry(
        only(MEMBER),
        params={"order_id": "order_pk", "review_id": "review_pk"},
        body=lambda ids: {"text": "probe"},
    ),
    # The shop's pages: its members.
    "GET autoreplies:auto_reply": Entry(only(MEMBER)),
    "POST autoreplies:auto_reply": Entry(only(MEMBER), body=lambda ids: {}),
    "GET autoreplies:vacation": Entry(only(MEMBER)),
    "POST autoreplies:vacation": Entry(only(MEMBER), body=lambda ids: {"message": ""}),
    "GET messaging:shop_inbox": Entry(only(MEMBER)),
    "POST messaging:shop_bulk": Entry(
        only(MEMBER),
        body=lambda ids: {"ids": [ids["conversation_id"]], "action": "archive"},
        refs=True,
        effect=folder("shop"),
    ),
    "GET messaging:inquiries": Entry(only(MEMBER)),
    "GET messaging:labels": Entry(only(MEMBER)),
    "POST messaging:labels": Entry(
        only(MEMBER), body=lambda ids: {"label_id": ids["label_id"], "name": "probe"}, refs=True
    ),
    "GET messaging:saved_replies": Entry(
        only(MEMBER), query=lambda ids: {"edit": ids["saved_reply_id"]}, shows=(Marker.SAVED_REPLY,)
    ),
    "POST messaging:saved_replies": Entry(
        only(MEMBER),
        body=lambda ids: {"saved_reply_id": ids["saved_reply_id"], "title": "t", "body": "b"},
        refs=True,
    ),
    "GET messaging:website": Entry(only(MEMBER)),
    "POST messaging:website": Entry(
        only(MEMBER), body=lambda ids: {"origins": "https://example.org"}
    ),
    "GET messaging:shop_thread": Entry(
        only(MEMBER),
        shows=(
            Marker.MESSAGE,
            Marker.SHOP_MESSAGE,
            Marker.HELD,
            Marker.LABEL,
        ),
    ),
    "POST messaging:shop_thread": Entry(only(MEMBER), body=lambda ids: {"body": "probe"}),
    "POST messaging:shop_thread_action": Entry(only(MEMBER), body=lambda ids: {"action": "read"}),
    "POST messaging:note_add": Entry(
        only(MEMBER), body=lambda ids: {"visibility": "private", "body": "probe"}
    ),
    "GET moderation:shop_report": Entry(only(MEMBER), params={"message_id": "buyer_message_id"}),
    "POST moderation:shop_report": Entry(
        only(MEMBER),
        params={"message_id": "buyer_message_id"},
        body=lambda ids: {"reason": "other", "note": "probe"},
    ),
    "GET responsiveness:dashboard": Entry(only(MEMBER, STAFF)),
    "GET responsiveness:breakdown": Entry(only(MEMBER, STAFF)),
    "GET responsiveness:breakdown_csv": Entry(only(MEMBER, STAFF)),
    "GET standards:seller": Entry(only(MEMBER, STAFF)),
    "GET promotions:home": Entry(only(MEMBER)),
    "GET promotions:coupons": Entry(only(MEMBER)),
    "POST promotions:coupons": Entry(
        only(MEMBER),
        body=lambda ids: {"code": "PROBE10", "discount_kind": "percent", "amount": "10"},
    ),
    "GET promotions:coupon": Entry(only(MEMBER), shows=(Marker.COUPON,)),
    "POST promotions:coupon_disable": Entry(only(MEMBER)),
    "GET promotions:sales": Entry(only(MEMBER)),
    "POST promotions:sales": Entry(only(MEMBER), body=lambda ids: {"name": "probe"}),
    "POST promotions:sale_end": Entry(only(MEMBER)),
    "GET promotions:sends": Entry(only(MEMBER)),
    "GET promotions:send_new": Entry(only(MEMBER)),
    "POST promotions:send_new": Entry(
        only(MEMBER), body=lambda ids: {"subject": "probe", "body": "probe"}
    ),
    "GET promotions:send": Entry(only(MEMBER)),
    "POST promotions:send_start": Entry(only(MEMBER)),
    "POST promotions:send_cancel": Entry(only(MEMBER)),
    "GET promotions:follow_ups": Entry(only(MEMBER)),
    "POST promotions:follow_ups": Entry(only(MEMBER), body=lambda ids: {"days_after_delivery": 7}),
    # The buyer's pages.
    "GET messaging:buyer_inbox": Entry(people(BUYER)),
    "POST messaging:buyer_bulk": Entry(
        only(BUYER),
        body=lambda ids: {"ids": [ids["conversation_id"]], "action": "archive"},
        effect=folder("buyer"),
    ),
    "GET messaging:buyer_thread": Entry(
        only(BUYER),
        shows=(
            Marker.MESSAGE,
            Marker.SHOP_MESSAGE,
        ),
    ),
    "POST messaging:buyer_thread": Entry(only(BUYER), body=lambda ids: {"body": "probe"}),
    "POST messaging:buyer_thread_action": Entry(only(BUYER), body=lambda ids: {"action": "read"}),
    # Asking about buyer A's custom listing is for buyer A alone. Its shop and Trust & Safety
    # read the listing anyway: whether they get the form is no matter of access, sending it is.
    "GET messaging:start": Entry(
        Rule(
            frozenset({BUYER}), frozenset({BUYER, MEMBER, STAFF}), free=frozenset({MEMBER, STAFF})
        ),
        query=lambda ids: {"kind": "listing_inquiry", "listing": ids["listing_id"]},
    ),
    "POST messaging:start": Entry(
        Rule(frozenset({BUYER}), frozenset({BUYER, MEMBER, STAFF})),
        body=lambda ids: {"kind": "listing_inquiry", "listing": ids["listing_id"], "body": "Hi"},
        also_refused=(400,),  # own_shop: the form again, with the reason
    ),
    "GET moderation:buyer_report": Entry(only(BUYER), params={"message_id": "shop_message_id"}),
    "POST moderation:buyer_report": Entry(
        only(BUYER),
        params={"message_id": "shop_message_id"},
        body=lambda ids: {"reason": "other", "note": "probe"},
    ),
    "GET consent:preferences": Entry(people(BUYER)),
    "POST consent:set": Entry(only(BUYER), body=lambda ids: {"given": ""}),
    # The unsubscribe link is a capability: whoever holds it may use it.
    "GET consent:unsubscribe": Entry(anyone(), params={"token": "unsubscribe_token"}),
    "POST consent:unsubscribe": Entry(anyone(), params={"token": "unsubscribe_token"}),
    # The one-click "stop e-mails about new messages" link: a capability too.
    "GET accounts:notifications_off": Entry(anyone(), params={"token": "notifications_off_token"}),
    "POST accounts:notifications_off": Entry(anyone(), params={"token": "notifications_off_token"}),
    # The account page's switch takes a form only: a GET is refused (405) even signed in.
    "GET accounts:notifications_switch": Entry(only(), also_refused=(405,)),
    "POST accounts:notifications_switch": Entry(
        people(), body=lambda ids: {"email_notifications": "on"}
    ),
    # A shop's public contact form.
    "GET messaging:contact": Entry(open_link()),
    "POST messaging:contact": Entry(
        open_link(),
        body=lambda ids: {"name": "Probe", "email": "probe@example.org", "body": "Hello?"},
    ),
    # Trust & Safety.
    "GET standards:queue": Entry(only(STAFF)),
    "POST standards:evaluate": Entry(only(STAFF)),
    "GET standards:evaluations": Entry(only(STAFF)),
    "GET standards:shop": Entry(only(STAFF)),
    "POST standards:action_take": Entry(
        only(STAFF), body=lambda ids: {"step": "1", "reason": "probe"}
    ),
    "POST standards:action_lift": Entry(only(STAFF), body=lambda ids: {"reason": "probe"}),
    "POST standards:flag_dismiss": Entry(
        only(STAFF), params={"flag_id": "standards_flag_id"}, body=lambda ids: {"reason": "probe"}
    ),
    "POST standards:review_reply_remove": Entry(
        only(STAFF), params={"review_id": "review_pk"}, body=lambda ids: {"reason": "probe"}
    ),
    "GET standards:settings": Entry(only(STAFF)),
    "POST standards:settings": Entry(only(STAFF), body=lambda ids: {}),
    "GET standards:audit": Entry(only(STAFF)),
    "GET standards:audit_csv": Entry(only(STAFF)),
    "GET standards:thread": Entry(only(STAFF)),
    "GET standards:outbox": Entry(only(STAFF)),
    "POST standards:outbox_retry": Entry(only(STAFF)),
    "GET standards:mailbox": Entry(only(STAFF)),
    "GET standards:mail": Entry(only(STAFF), params={"mail_id": "mail_id"}),
    "GET standards:mail_html": Entry(only(STAFF), params={"mail_id": "mail_id"}),
    "GET moderation:queue": Entry(only(STAFF)),
    "GET moderation:flag": Entry(only(STAFF), params={"flag_id": "moderation_flag_id"}),
    "POST moderation:flag_decide": Entry(
        only(STAFF), params={"flag_id": "moderation_flag_id"}, body=lambda ids: {"note": "probe"}
    ),
    "POST moderation:report_close": Entry(only(STAFF), body=lambda ids: {"note": "probe"}),
}

# Known leaks, each an xfail(strict=True) case until it is fixed: {(key, role): reason}.
# Issue 19's leaks that rows here check, fixed: Trust & Safety starting a buyer inquiry on
# another buyer's private custom listing ("POST /me/conversations#custom-listing" and "POST
# messaging:start" as staff: 201 and 302 before the fix), the recipient downloading a held
# message's file ("GET /attachments/{attachment_id}#held-message" as buyer_party).
KNOWN_LEAKS: dict[tuple[str, str], str] = {}


# --- Walking the schema and the URL map -----------------------------------------------------

API_PREFIX = "/api/v1"


def api_operations() -> list[tuple[str, dict[str, Any]]]:
    """("METHOD /path", operation) for every operation of the OpenAPI schema."""
    schema = api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            found.append((f"{method.upper()} {path.removeprefix(API_PREFIX)}", operation))
    return found


@dataclass(frozen=True)
class PagePattern:
    name: str  # "namespace:name", or the route for an unnamed pattern
    route: str
    pattern: URLPattern
    prefix: tuple[URLResolver, ...]


SKIPPED_PREFIXES = ("admin/", "api/", "static/", "media/")


def _walk(
    patterns: list[Any], route: str = "", namespace: str = "", prefix: tuple[Any, ...] = ()
) -> Iterator[PagePattern]:
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}:{p.namespace}" if namespace and p.namespace else p.namespace
            yield from _walk(
                p.url_patterns, route + str(p.pattern), inner or namespace, (*prefix, p)
            )
        else:
            full = route + str(p.pattern)
            name = f"{namespace}:{p.name}" if namespace and p.name else (p.name or full)
            yield PagePattern(name=name, route=full, pattern=p, prefix=prefix)


def page_patterns() -> list[PagePattern]:
    return [
        p
        for p in _walk(get_resolver().url_patterns)
        if not p.route.lstrip("^").startswith(SKIPPED_PREFIXES)
    ]


PARAM = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<name>[^>]+)>|\{(?:[^}:]+:)?(?P<api>[^}]+)\}")


def path_params(template: str) -> list[str]:
    return [m.group("name") or m.group("api") for m in PARAM.finditer(template)]


def fill(template: str, ids: Ids, entry: Entry) -> str:
    def value(m: re.Match[str]) -> str:
        name = m.group("name") or m.group("api")
        key = entry.params.get(name, name)
        if key not in ids:
            pytest.fail(
                f"no value for path parameter {name!r} in {template}: give shop A's / buyer "
                f"A's object for it in tests/security/world.py (api_ids / page_ids), or map "
                f"it in the entry's `params`"
            )
        return ids[key]

    return PARAM.sub(value, template)


def variants(table: dict[str, Entry], key: str) -> list[str]:
    return [k for k in table if k == key or k.startswith(key + "#")]


def _cases(keys: list[str], table: dict[str, Entry], kind: str) -> list[Any]:
    cases = []
    for key in keys:
        for variant in variants(table, key) or [key]:
            entry = table.get(variant)
            for role in entry.roles if entry and entry.roles else CASE_ROLES:
                marks = []
                if (variant, role) in KNOWN_LEAKS:
                    marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[variant, role]))
                cases.append(
                    pytest.param(variant, role, id=f"{kind} {variant} | {role}", marks=marks)
                )
    return cases


def _page_keys() -> list[str]:
    keys = []
    for p in page_patterns():
        found = [k for k in PAGES if k.split(" ", 1)[1] == p.name]
        keys += found or [f"GET {p.name}"]
    return keys


API_KEYS = [key for key, _ in api_operations()]
PAGE_KEYS = _page_keys()
PAGE_PATTERNS = {p.name: p for p in page_patterns()}


# --- Calling ----------------------------------------------------------------------------------


def role_person(role: str) -> Role:
    return {CROSS: OTHER, ONE_FACTOR: STAFF}.get(role) or Role(role)


def ids_for(world: World, role: str, entry: Entry, *, page: bool) -> Ids:
    ids = dict(world.page_ids if page else world.api_ids)
    if role == CROSS:
        ids["shop_id"] = world.page_ids["shop_b_pk"] if page else "shop-b"
    for name, key in entry.own.items():
        ids[name] = ids[key]
    return ids


def content(response: HttpResponseBase) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Expected:
    let_in: bool
    free: bool
    markers: frozenset[Marker]  # the markers this response may contain


def expected(entry: Entry, role: str, *, shop_scoped: bool, refs_a: bool) -> Expected:
    rule = entry.rule
    if role == CROSS and shop_scoped and MEMBER in rule.ok:
        # Shop B's owner, through shop B: let in where the call names no object of shop A,
        # and shown none of shop A's private data either way.
        let_in = not refs_a
        return Expected(let_in, False, PUBLIC_MARKERS if let_in else frozenset())
    if role == ONE_FACTOR:
        # Nothing but what is open to the anonymous: pages ask for the second factor first,
        # the API sees no session.
        free = ANON in rule.ok or ANON in rule.free
        return Expected(False, free, PUBLIC_MARKERS if free else frozenset())
    person = role_person(role)
    let_in, free, sees = person in rule.ok, person in rule.free, person in rule.sees
    markers: frozenset[Marker] = frozenset()
    if let_in or free or sees:
        markers = PUBLIC_MARKERS
    if sees and role != CROSS:
        markers = markers | CLEARANCE[person]
    return Expected(let_in, free, markers)


def _verdict(
    status: int,
    body: bytes,
    want: Expected,
    *,
    let_in: bool,
    refused: bool,
    shows: frozenset[Marker],
) -> list[str]:
    problems = []
    missing = sorted(m.name for m in shows if m.value.encode() not in body)
    if missing:
        problems.append(f"expected the answer to show {', '.join(missing)}")
    if status >= 500:
        problems.append(f"server error {status}")
    elif want.let_in:
        if not let_in:
            problems.append(f"expected to be let in, got {status}")
    elif not want.free and not refused:
        problems.append(f"LEAK: expected a refusal, got {status}")
    shown = sorted(m.name for m in Marker if m.value.encode() in body and m not in want.markers)
    if shown:
        problems.append(f"LEAK: the response shows {', '.join(shown)}")
    return problems


def _excerpt(body: bytes) -> str:
    return body[:600].decode("utf-8", "replace")


@pytest.fixture(autouse=True)
def _inbound_mail_on(settings: Any) -> None:
    """The inbound-mail endpoint switched on (else it is absent, 404 for all): nobody here
    holds its secret, so everyone is refused."""
    settings.INBOUND_MAIL_SECRET = "matrix-inbound-mail-secret"


@pytest.mark.parametrize(("key", "role"), _cases(API_KEYS, API, "api"))
def test_api_operation(fresh: World, api_client: Client, key: str, role: str) -> None:
    base = key.split("#", 1)[0]
    entry = API.get(key)
    if entry is None:
        pytest.fail(
            f"API operation {base} is not classified: add it to API in {HERE} with who may "
            f"call it (and a minimal valid body for a write)"
        )
    method, template = base.split(" ", 1)
    ids = ids_for(fresh, role, entry, page=False)
    path = API_PREFIX + fill(template, ids, entry)
    params = path_params(template)
    refs_a = entry.refs or any(p not in ("shop_id", "decision") for p in params)
    want = expected(entry, role, shop_scoped="shop_id" in params, refs_a=refs_a)

    client = api_client
    client.cookies.clear()
    headers: dict[str, Any] = {}
    person = role_person(role)
    if role == ONE_FACTOR:
        client.cookies[settings.SESSION_COOKIE_NAME] = fresh.sessions[Role.STAFF, 1]
    elif person is not ANON:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {fresh.tokens[person]}"
    call = getattr(client, method.lower())
    before = entry.effect(ids) if entry.effect else None
    if entry.upload:
        upload = SimpleUploadedFile("probe.png", png("probe"), content_type="image/png")
        response = call(path, {"file": upload}, **headers)
    elif entry.body is not None:
        response = call(
            path, json.dumps(entry.body(ids)), content_type="application/json", **headers
        )
    elif entry.query is not None:
        response = call(path, entry.query(ids), **headers)
    else:
        response = call(path, **headers)
    body = content(response)
    status = response.status_code

    if entry.effect:
        let_in = entry.effect(ids) != before
        refused = not let_in
    else:
        let_in = 200 <= status < 300 or status in entry.also_ok
        refused = status in (401, 403, 404, *entry.also_refused)
    shows = frozenset(entry.shows) & want.markers if want.let_in else frozenset()
    problems = _verdict(status, body, want, let_in=let_in, refused=refused, shows=shows)
    if not want.let_in and not want.free and status in (401, 403, 404):
        try:
            shape = json.loads(body)
        except ValueError:
            shape = None
        if not (isinstance(shape, dict) and {"code", "message"} <= shape.keys()):
            problems.append(f"a refusal that is not the API's JSON error: {_excerpt(body)!r}")
        if role in (ANON, ONE_FACTOR) and status != 401:
            problems.append(f"no credentials (the API sees no session) must be 401, got {status}")
    assert not problems, f"{method} {path} as {role}: {'; '.join(problems)}\n{_excerpt(body)}"


LOGIN_PATHS = ("/login/", "/account/two-factor/")


def _is_sign_in_redirect(response: HttpResponseBase) -> bool:
    location = response.get("Location", "") if response.status_code in (301, 302) else ""
    return location.startswith(LOGIN_PATHS)


@pytest.mark.parametrize(("key", "role"), _cases(PAGE_KEYS, PAGES, "page"))
def test_page(fresh: World, browser: Client, key: str, role: str) -> None:
    method, name = key.split(" ", 1)
    entry = PAGES.get(key)
    if entry is None:
        pytest.fail(
            f"page {name} is not classified: add 'GET {name}' (and 'POST {name}' if it takes "
            f"a form) to PAGES in {HERE} with who may open it"
        )
    pattern = PAGE_PATTERNS[name]
    ids = ids_for(fresh, role, entry, page=True)
    path = "/" + fill(pattern.route.lstrip("^").rstrip("$"), ids, entry)
    params = path_params(pattern.route)
    refs_a = entry.refs or any(p not in ("shop_id", "decision") for p in params)
    want = expected(entry, role, shop_scoped="shop_id" in params, refs_a=refs_a)

    client = browser
    client.cookies.clear()
    headers: dict[str, Any] = {}
    person = role_person(role)
    if role == ONE_FACTOR:
        client.cookies[settings.SESSION_COOKIE_NAME] = fresh.sessions[Role.STAFF, 1]
    elif person is INTEGRATION:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {fresh.tokens[person]}"
    elif person is not ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = fresh.sessions[person, 2]
    data = entry.body(ids) if entry.body else (entry.query(ids) if entry.query else {})
    before = entry.effect(ids) if entry.effect else None
    response = getattr(client, method.lower())(path, data, **headers)
    body = content(response)
    status = response.status_code

    to_sign_in = _is_sign_in_redirect(response)
    if entry.effect:
        let_in = entry.effect(ids) != before
        refused = not let_in
    else:
        let_in = status < 500 and status not in (403, 404, 405) and not to_sign_in
        refused = status in (403, 404, *entry.also_refused) or to_sign_in
    shows = frozenset(entry.shows) & want.markers if want.let_in else frozenset()
    problems = _verdict(status, body, want, let_in=let_in, refused=refused, shows=shows)
    assert not problems, f"{method} {path} as {role}: {'; '.join(problems)}\n{_excerpt(body)}"


# --- The tables stay in step with the code ----------------------------------------------------


def test_page_names_are_unique() -> None:
    names = [p.name for p in page_patterns()]
    twice = sorted({n for n in names if names.count(n) > 1})
    assert not twice, f"two URL patterns share these names, the matrix cannot tell them: {twice}"


def test_every_classified_operation_and_page_exists() -> None:
    live_api = set(API_KEYS)
    stale = sorted(k for k in API if k.split("#", 1)[0] not in live_api)
    names = {p.name for p in page_patterns()}
    stale += sorted(k for k in PAGES if k.split(" ", 1)[1] not in names)
    assert not stale, f"remove these rows, their endpoints are gone: {stale}"


def test_the_matrix_covers_every_operation_and_page() -> None:
    api_cases = len(_cases(API_KEYS, API, "api"))
    page_cases = len(_cases(PAGE_KEYS, PAGES, "page"))
    operations, pages = len(set(API_KEYS)), len(page_patterns())
    print(
        f"\npermission matrix: {operations} API operations ({api_cases} cases) and {pages} "
        f"page patterns ({page_cases} cases) × {len(CASE_ROLES)} roles"
    )
    assert operations >= 100
    assert pages >= 70
