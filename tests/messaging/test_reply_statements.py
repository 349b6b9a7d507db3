"""The statements of a reply, pinned (decision 0016): each one is there for a reason, and
nothing is read that a write returns. Counted through the API, as the marketplace calls it."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import Listing
from tests.messaging.conftest import Client_

_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', re.IGNORECASE)
TASKS = "django_tasks_database_dbtaskresult"


def _shapes(client: Client_, path: str, body: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, {"body": body})
    assert response.status_code == 201, response.json()
    shapes = []
    for query in captured.captured_queries:
        sql = query["sql"].lstrip()
        verb = sql.split(None, 1)[0].upper()
        if verb in ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE"):
            continue
        match = _TABLE.search(sql)
        shapes.append(f"{verb} {match.group(1) if match else '?'}")
    return shapes


def test_a_reply_runs_its_fixed_statements_on_both_sides(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    started = as_buyer.post(
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": listing.external_id, "body": "Pre-washed?"},
    )
    assert started.status_code == 201, started.json()
    cid = started.json()["conversation_id"]
    shop_path = f"/shops/{listing.shop.external_id}/conversations/{cid}/messages"
    buyer_path = f"/me/conversations/{cid}/messages"
    # Warm up: the shop's first answer also answers the first message (two more).
    _shapes(as_seller, shop_path, "Yes, twice.")
    _shapes(as_buyer, buyer_path, "And the size?")

    seller = _shapes(as_seller, shop_path, "It is a 38.")
    buyer = _shapes(as_buyer, buyer_path, "Thank you!")

    # The e-mail's worker run: looked up or queued at most once per reply.
    assert sum(1 for s in seller if s.endswith(TASKS)) <= 1
    assert sum(1 for s in buyer if s.endswith(TASKS)) <= 1
    assert [s for s in seller if not s.endswith(TASKS)] == [
        "SELECT accounts_apitoken",  # the token, with its user
        "SELECT shops_shop",  # the shop the seller works in
        "SELECT messaging_party",  # both sides locked, with thread, shop, buyer, listing
        "SELECT consent_consent",  # screening the shop's text
        "INSERT messaging_message",
        "UPDATE messaging_conversation",
        "UPDATE messaging_party",  # the sender's side
        "UPDATE messaging_party",  # the recipient's side
        "INSERT core_outboxemail",  # the buyer's e-mail
        "UPDATE responsiveness_span",  # closed, returning its start
        "INSERT responsiveness_day",  # added to, reading nothing
        "SELECT webhooks_endpoint",
        "UPDATE messaging_foldercount",  # the shop's inbox, returning its count
        "UPDATE messaging_foldercount",  # the buyer's inbox
        "INSERT core_liveevent",  # both sides' pages, with those counts
    ]
    assert [s for s in buyer if not s.endswith(TASKS)] == [
        "SELECT accounts_apitoken",
        "SELECT messaging_party",
        "INSERT messaging_message",
        "UPDATE messaging_conversation",
        "UPDATE messaging_party",
        "UPDATE messaging_party",
        "SELECT accounts_user",  # the shop's members who get e-mails
        "INSERT core_outboxemail",
        "INSERT responsiveness_span",  # opened unless one is open
        "SELECT webhooks_endpoint",
        "UPDATE messaging_foldercount",
        "UPDATE messaging_foldercount",
        "INSERT core_liveevent",
    ]
