"""An inbox row reads only what it shows: its labels by name, no column nor table beyond."""

from __future__ import annotations

import json

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from ninja.responses import NinjaJSONEncoder

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core.api import PageOf
from comptoir.messaging.schemas import ConversationOut
from tests.messaging.conftest import Client_
from tests.messaging.test_folders_api import ask


def list_statement(client: Client_, path: str) -> tuple[dict, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    rows = [q["sql"] for q in captured.captured_queries]
    main = next(sql for sql in rows if sql.startswith('SELECT "messaging_party"."id"'))
    return response.json(), main


def test_a_shop_list_row_shows_its_labels_by_name_from_one_query(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    first, second = ask(as_buyer, "Is it linen?"), ask(as_buyer, "Blue?")
    gift = as_seller.post("/shops/shop-1/labels", {"name": "gift"}).json()["id"]
    urgent = as_seller.post("/shops/shop-1/labels", {"name": "Anniversary"}).json()["id"]
    as_seller.post("/shops/shop-1/conversations/labels", {"ids": [first], "add": [gift, urgent]})

    page, sql = list_statement(as_seller, "/shops/shop-1/conversations")

    labels = {row["id"]: row["labels"] for row in page["items"]}
    assert labels == {
        second: [],
        first: [{"id": urgent, "name": "Anniversary"}, {"id": gift, "name": "gift"}],
    }
    buyer_row = page["items"][0]
    assert buyer_row["buyer_name"] == str(as_buyer.user)
    assert (buyer_row["shop_id"], buyer_row["listing_id"]) == ("shop-1", "listing-1")
    # Only the columns a row shows: no password, no timestamps nobody reads.
    for unread in ("password", "auto_replied_at", "marked_spam_at", "cleared_through"):
        assert unread not in sql
    # The shop's own row is the viewer's: not read again. One join; the rest are subqueries.
    assert '"shops_shop"' not in sql
    assert sql.count(" JOIN ") == 1


def test_a_buyer_list_row_names_the_shop_without_joining_the_buyer(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ask(as_buyer)
    page, sql = list_statement(as_buyer, "/me/conversations")
    row = page["items"][0]
    assert (row["shop_name"], row["buyer_name"]) == (listing.shop.name, str(as_buyer.user))
    assert row["labels"] == []
    assert '"accounts_user"' not in sql
    assert "password" not in sql
    assert sql.count(" JOIN ") == 1


def test_the_inbox_page_shows_labels_by_name(
    as_buyer: Client_, as_seller: Client_, seller: User, listing: Listing
) -> None:
    cid = ask(as_buyer, "Is it linen?")
    ids = [
        as_seller.post("/shops/shop-1/labels", {"name": name}).json()["id"]
        for name in ("zinc", "Amber")
    ]
    as_seller.post("/shops/shop-1/conversations/labels", {"ids": [cid], "add": ids})
    client = Client()
    client.force_login(seller)
    html = client.get(f"/shop/{listing.shop.id}/messages/").content.decode()
    amber = html.index('<span class="badge badge--label">Amber</span>')
    zinc = html.index('<span class="badge badge--label">zinc</span>')
    assert amber < zinc


def test_a_list_answers_exactly_what_its_schema_would_render(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    first = ask(as_buyer, "Is it linen?")
    ask(as_buyer, "Blue?")
    label = as_seller.post("/shops/shop-1/labels", {"name": "gift"}).json()["id"]
    as_seller.post("/shops/shop-1/conversations/labels", {"ids": [first], "add": [label]})
    as_seller.post(f"/shops/shop-1/conversations/{first}/messages", {"body": "Yes, linen."})
    for client, path in (
        (as_seller, "/shops/shop-1/conversations?limit=1"),
        (as_buyer, "/me/conversations"),
        (as_seller, "/shops/shop-1/inquiries"),
    ):
        response = client.client.get("/api/v1" + path, **client.auth)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json; charset=utf-8"
        validated = PageOf[ConversationOut].model_validate(json.loads(response.content))
        rendered = json.dumps(validated.model_dump(), cls=NinjaJSONEncoder)
        assert response.content.decode() == rendered


def test_a_buyer_is_named_on_the_list_as_everywhere_else(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ask(as_buyer)
    buyer = as_buyer.user
    for display, first, last in (("Ola K.", "Ola", "Kowalska"), ("", "Ola", ""), ("", "", "")):
        User.objects.filter(pk=buyer.pk).update(
            display_name=display, first_name=first, last_name=last
        )
        buyer.refresh_from_db()
        page = as_seller.get("/shops/shop-1/conversations").json()
        assert page["items"][0]["buyer_name"] == str(buyer)
