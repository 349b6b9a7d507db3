"""Trust & Safety through the API: the queue (held first, filters, keyset pages, pinned
queries), the decisions and their audit lines; everyone else gets 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comptoir.core.models import AuditEntry
from comptoir.moderation.models import Flag
from tests.moderation.conftest import (
    ADVERT,
    EXTORTION,
    OFF_PLATFORM,
    Client_,
    buyer_says,
    buyer_sees,
    shop_says,
    shop_sees,
)


@pytest.fixture
def flagged(as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]) -> dict[str, int]:
    """Three flagged messages: a buyer's extortion, a shop's off-platform, a held advert."""
    cid = order_thread["conversation_id"]
    return {
        "extortion": buyer_says(as_buyer, cid, EXTORTION)["id"],
        "off_platform": shop_says(as_seller, cid, OFF_PLATFORM)["id"],
        "advert": shop_says(as_seller, cid, ADVERT)["id"],
    }


def _flag(message_id: int) -> Flag:
    return Flag.objects.get(message_id=message_id)


def test_the_queue_lists_held_messages_first_then_the_newest(
    as_staff: Client_, flagged: dict[str, int]
) -> None:
    items = as_staff.get("/moderation/flags").json()["items"]
    assert [f["message_id"] for f in items] == [
        flagged["advert"],
        flagged["off_platform"],
        flagged["extortion"],
    ]
    assert items[0]["outcome"] == "held"
    assert items[0]["findings"][0]["explanation"]


def test_the_queue_filters_by_category_and_outcome(
    as_staff: Client_, flagged: dict[str, int]
) -> None:
    def ids(**query: str) -> list[int]:
        response = as_staff.get("/moderation/flags", **query)
        assert response.status_code == 200, response.json()
        return [f["message_id"] for f in response.json()["items"]]

    assert ids(category="extortion") == [flagged["extortion"]]
    assert ids(category="advertising") == [flagged["advert"]]
    assert ids(outcome="warned") == [flagged["off_platform"], flagged["extortion"]]
    assert as_staff.get("/moderation/flags", category="spam").status_code == 422


def test_the_queue_pages_by_keyset(as_staff: Client_, flagged: dict[str, int]) -> None:
    first = as_staff.get("/moderation/flags", limit=2).json()
    second = as_staff.get("/moderation/flags", limit=2, cursor=first["next_cursor"]).json()
    assert [f["message_id"] for f in first["items"] + second["items"]] == [
        flagged["advert"],
        flagged["off_platform"],
        flagged["extortion"],
    ]
    assert second["next_cursor"] is None


def test_the_queue_costs_the_same_queries_for_one_flag_or_many(
    as_buyer: Client_, as_staff: Client_, order_thread: dict[str, Any]
) -> None:
    cid = order_thread["conversation_id"]
    buyer_says(as_buyer, cid, EXTORTION)
    as_staff.get("/moderation/flags")  # warm up the token and permission caches
    with CaptureQueriesContext(connection) as one:
        assert as_staff.get("/moderation/flags").status_code == 200
    for _ in range(9):
        buyer_says(as_buyer, cid, EXTORTION)
    with CaptureQueriesContext(connection) as ten:
        items = as_staff.get("/moderation/flags").json()["items"]
    assert len(items) == 10
    assert len(ten) == len(one)
    flag_queries = [q for q in ten.captured_queries if "moderation_flag" in q["sql"]]
    assert len(flag_queries) == 1


def test_dismissing_a_false_positive_takes_the_warning_off(
    as_staff: Client_, as_seller: Client_, staff: Any, flagged: dict[str, int], order_thread: Any
) -> None:
    flag = _flag(flagged["extortion"])
    response = as_staff.post(f"/moderation/flags/{flag.id}/dismiss", {"note": "A joke."})
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "dismissed"
    assert response.json()["reviewed_by"] == str(staff)
    seen = shop_sees(as_seller, order_thread["conversation_id"])[flagged["extortion"]]
    assert seen["warnings"] == []
    line = AuditEntry.objects.get(verb="moderation.dismissed")
    assert line.actor == staff
    assert line.subject_id == flagged["extortion"]
    assert line.details["note"] == "A joke."
    assert as_staff.get("/moderation/flags").json()["items"][-1]["message_id"] != flag.message_id


def test_confirming_keeps_the_warning(
    as_staff: Client_, as_buyer: Client_, flagged: dict[str, int], order_thread: Any
) -> None:
    flag = _flag(flagged["off_platform"])
    assert as_staff.post(f"/moderation/flags/{flag.id}/confirm", {}).status_code == 200
    seen = buyer_sees(as_buyer, order_thread["conversation_id"])[flagged["off_platform"]]
    assert seen["warnings"] == ["off_platform"]
    assert AuditEntry.objects.filter(verb="moderation.confirmed").count() == 1
    assert as_staff.get("/moderation/flags", status="confirmed").json()["items"][0]["id"] == flag.id


def test_decisions_must_fit_the_flag(as_staff: Client_, flagged: dict[str, int]) -> None:
    held, warned = _flag(flagged["advert"]), _flag(flagged["extortion"])
    response = as_staff.post(f"/moderation/flags/{held.id}/dismiss", {})
    assert (response.status_code, response.json()["code"]) == (409, "flag_held")
    response = as_staff.post(f"/moderation/flags/{warned.id}/release", {})
    assert (response.status_code, response.json()["code"]) == (409, "flag_not_held")
    assert as_staff.post(f"/moderation/flags/{warned.id}/confirm", {}).status_code == 200
    response = as_staff.post(f"/moderation/flags/{warned.id}/dismiss", {})
    assert (response.status_code, response.json()["code"]) == (409, "flag_closed")
    assert as_staff.post("/moderation/flags/999999/confirm", {}).status_code == 404
    assert as_staff.post(f"/moderation/flags/{warned.id}/shrug", {}).status_code in (404, 422)
    assert AuditEntry.objects.filter(verb__startswith="moderation.").count() == 1


def test_a_note_too_long_is_refused_and_nothing_changes(
    as_staff: Client_, flagged: dict[str, int]
) -> None:
    flag = _flag(flagged["advert"])
    response = as_staff.post(f"/moderation/flags/{flag.id}/release", {"note": "x" * 1001})
    assert response.status_code == 422
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_reading_a_flag_is_audited(as_staff: Client_, staff: Any, flagged: dict[str, int]) -> None:
    flag = _flag(flagged["extortion"])
    response = as_staff.get(f"/moderation/flags/{flag.id}")
    assert response.status_code == 200
    assert response.json()["body"] == EXTORTION
    assert AuditEntry.objects.filter(verb="moderation.flag_read", actor=staff).count() == 1


def test_everyone_but_trust_and_safety_gets_404(
    as_buyer: Client_, as_seller: Client_, flagged: dict[str, int]
) -> None:
    flag = _flag(flagged["advert"])
    for client in (as_buyer, as_seller):
        assert client.get("/moderation/flags").status_code == 404
        assert client.get(f"/moderation/flags/{flag.id}").status_code == 404
        assert client.get("/moderation/reports").status_code == 404
        for decision in ("dismiss", "confirm", "release", "reject"):
            assert client.post(f"/moderation/flags/{flag.id}/{decision}", {}).status_code == 404
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN
