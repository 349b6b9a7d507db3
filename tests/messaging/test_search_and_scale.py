"""Search, and lists that cost the same number of queries whatever their length."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.catalog.models import Listing
from comptoir.messaging.search import search_words
from tests.messaging.conftest import Client_
from tests.messaging.test_folders_api import act, ask


def found(client: Client_, prefix: str, **query: Any) -> list[int]:
    response = client.get(f"{prefix}/conversations", **query)
    assert response.status_code == 200, response.json()
    return [t["id"] for t in response.json()["items"]]


def test_search_finds_words_in_subjects_and_messages_as_prefixes(
    as_buyer: Client_, as_seller: Client_, as_other_buyer: Client_, listing: Listing
) -> None:
    parcel = ask(as_buyer, "My parcel never arrived in Kraków")
    colour = ask(as_buyer, "Do you have it in green?")
    as_seller.post(f"/shops/shop-1/conversations/{colour}/messages", {"body": "Émeraude only"})
    assert found(as_seller, "/shops/shop-1", q="parcel") == [parcel]
    assert found(as_seller, "/shops/shop-1", q="PARC arriv") == [parcel]
    assert found(as_seller, "/shops/shop-1", q="krakow") == [parcel]  # accents folded
    assert found(as_seller, "/shops/shop-1", q="emeraude") == [colour]
    assert sorted(found(as_seller, "/shops/shop-1", q="linen apron")) == sorted([parcel, colour])
    assert found(as_seller, "/shops/shop-1", q="parcel green") == []
    assert found(as_seller, "/shops/shop-1", q="zeppelin") == []
    # Punctuation and operators are words, not query syntax.
    assert found(as_seller, "/shops/shop-1", q='"parcel" * (') == [parcel]
    # Folders and labels narrow the search; others' threads never show.
    act(as_seller, "/shops/shop-1", [parcel], "archive")
    assert found(as_seller, "/shops/shop-1", q="parcel") == []
    assert found(as_seller, "/shops/shop-1", q="parcel", folder="archive") == [parcel]
    assert found(as_other_buyer, "/me", q="parcel") == []
    assert found(as_buyer, "/me", q="parcel") == [parcel]


def test_search_words_are_bounded() -> None:
    assert search_words("a-b c_d  Łódź!") == ["a", "b", "c_d", "łódź"]
    assert len(search_words(" ".join(f"w{i}" for i in range(50)))) == 8


def test_keyset_pages_walk_the_whole_inbox_without_repeats(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ids = [ask(as_buyer, f"Question {i}") for i in range(7)]
    seen: list[int] = []
    cursor = None
    while True:
        query: dict[str, Any] = {"limit": 3}
        if cursor:
            query["cursor"] = cursor
        page = as_seller.get("/shops/shop-1/conversations", **query).json()
        seen += [t["id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(ids))


def count_queries(client: Client_, path: str, **query: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **query)
    assert response.status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_1_thread_and_for_50(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    first = ask(as_buyer)
    label = as_seller.post("/shops/shop-1/labels", {"name": "A"}).json()["id"]
    as_seller.post("/shops/shop-1/conversations/labels", {"ids": [first], "add": [label]})
    one = count_queries(as_seller, "/shops/shop-1/conversations")
    buyer_one = count_queries(as_buyer, "/me/conversations")
    board_one = count_queries(as_seller, "/shops/shop-1/inquiries")
    ids = [ask(as_buyer, f"Q{i}") for i in range(49)]
    as_seller.post("/shops/shop-1/conversations/labels", {"ids": ids, "add": [label]})
    assert count_queries(as_seller, "/shops/shop-1/conversations") == one
    assert count_queries(as_buyer, "/me/conversations") == buyer_one
    assert count_queries(as_seller, "/shops/shop-1/inquiries") == board_one
    assert one <= 6


def test_the_thread_costs_the_same_queries_for_1_message_and_for_200(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    path = f"/shops/shop-1/conversations/{cid}"
    as_seller.get(path)  # the token's first use of the day is recorded once
    one = count_queries(as_seller, path)
    for i in range(199):
        side = as_seller if i % 2 else as_buyer
        prefix = "/shops/shop-1" if i % 2 else "/me"
        assert side.post(f"{prefix}/conversations/{cid}/messages", {"body": f"m{i}"}).status_code
    assert len(as_seller.get(path).json()["messages"]) == 200
    assert count_queries(as_seller, path) == one
    assert one <= 8
