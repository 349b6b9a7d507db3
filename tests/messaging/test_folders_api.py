"""Each side's folders: read state, archive, spam, trash, delete forever, one or many at once."""

from __future__ import annotations

from typing import Any

import pytest

from comptoir.catalog.models import Listing
from comptoir.messaging.models import Party
from comptoir.messaging.rules import (
    Action,
    RuleBroken,
    SideState,
    apply_action,
    counter_deltas,
    on_message_received,
)
from tests.messaging.conftest import Client_, assert_counters_exact, deliver_all

FOLDERS = ("inbox", "archive", "spam", "trash", "deleted")


def ask(client: Client_, body: str = "Hello?") -> int:
    response = client.post(
        "/me/conversations", {"kind": "listing_inquiry", "listing_id": "listing-1", "body": body}
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["conversation_id"])


def act(client: Client_, prefix: str, ids: list[int], action: str) -> Any:
    return client.post(f"{prefix}/conversations/actions", {"ids": ids, "action": action})


def shop_folder(cid: int) -> tuple[str, int]:
    party = Party.objects.get(conversation_id=cid, side="shop")
    return party.folder, party.unread_count


def test_read_and_unread_move_the_unread_counters(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ids = [ask(as_buyer), ask(as_buyer)]
    assert as_seller.get("/shops/shop-1/folders").json()["unread"]["inbox"] == 2
    done = act(as_seller, "/shops/shop-1", ids, "read")
    assert done.status_code == 200
    assert done.json()["counts"]["unread"]["inbox"] == 0
    assert as_seller.get("/shops/shop-1/conversations", folder="unread").json()["items"] == []
    act(as_seller, "/shops/shop-1", ids[:1], "unread")
    unread = as_seller.get("/shops/shop-1/conversations", folder="unread").json()["items"]
    assert [t["id"] for t in unread] == ids[:1]
    assert_counters_exact()


def test_archiving_and_a_new_message_brings_it_back_to_the_inbox(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    act(as_seller, "/shops/shop-1", [cid], "archive")
    assert shop_folder(cid)[0] == "archive"
    assert as_seller.get("/shops/shop-1/conversations").json()["items"] == []
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Any news?"})
    assert shop_folder(cid) == ("inbox", 2)
    # The buyer's copy is unaffected by what the shop does.
    assert Party.objects.get(conversation_id=cid, side="buyer").folder == "inbox"
    assert_counters_exact()


def test_a_thread_in_spam_stays_there_and_sends_no_e_mail(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    deliver_all()
    act(as_seller, "/shops/shop-1", [cid], "spam")
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Buy followers!"})
    assert shop_folder(cid)[0] == "spam"
    assert deliver_all() == []
    spam = as_seller.get("/shops/shop-1/conversations", folder="spam").json()["items"]
    assert [t["id"] for t in spam] == [cid]
    act(as_seller, "/shops/shop-1", [cid], "not_spam")
    assert shop_folder(cid)[0] == "inbox"
    assert_counters_exact()


def test_trash_restore_and_delete_forever_keep_the_other_sides_copy(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer, "First question")
    act(as_seller, "/shops/shop-1", [cid], "trash")
    assert shop_folder(cid)[0] == "trash"
    act(as_seller, "/shops/shop-1", [cid], "restore")
    assert shop_folder(cid)[0] == "inbox"
    act(as_seller, "/shops/shop-1", [cid], "trash")
    gone = act(as_seller, "/shops/shop-1", [cid], "delete_forever")
    assert gone.status_code == 200
    assert as_seller.get(f"/shops/shop-1/conversations/{cid}").status_code == 404
    for folder in ("inbox", "archive", "spam", "trash"):
        assert as_seller.get("/shops/shop-1/conversations", folder=folder).json()["items"] == []
    # The buyer still has the whole thread.
    assert len(as_buyer.get(f"/me/conversations/{cid}").json()["messages"]) == 1
    # The buyer writes again: the shop sees the thread anew, with the new message only.
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Second question"})
    thread = as_seller.get(f"/shops/shop-1/conversations/{cid}").json()
    assert [m["body"] for m in thread["messages"]] == ["Second question"]
    assert thread["conversation"]["folder"] == "inbox"
    assert_counters_exact()


def test_restoring_what_is_not_in_trash_is_refused_and_nothing_moves(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    in_trash, in_inbox = ask(as_buyer), ask(as_buyer)
    act(as_seller, "/shops/shop-1", [in_trash], "trash")
    refused = act(as_seller, "/shops/shop-1", [in_trash, in_inbox], "restore")
    assert refused.status_code == 409
    assert refused.json()["code"] == "not_in_trash"
    assert refused.json()["fields"] == {"ids": str(in_inbox)}
    assert shop_folder(in_trash)[0] == "trash"  # all or nothing
    forever = act(as_seller, "/shops/shop-1", [in_inbox], "delete_forever")
    assert (forever.status_code, forever.json()["code"]) == (409, "not_in_trash")
    assert_counters_exact()


def test_bulk_limits_and_unknown_ids(
    as_buyer: Client_, as_seller: Client_, as_other_buyer: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    too_many = act(as_seller, "/shops/shop-1", list(range(1, 502)), "archive")
    assert (too_many.status_code, too_many.json()["code"]) == (422, "too_many_conversations")
    none = act(as_seller, "/shops/shop-1", [], "archive")
    assert (none.status_code, none.json()["code"]) == (422, "no_conversations")
    unknown = act(as_seller, "/shops/shop-1", [cid, 999_999], "archive")
    assert (unknown.status_code, unknown.json()["code"]) == (404, "conversation_not_found")
    others = act(as_other_buyer, "/me", [cid], "trash")
    assert others.status_code == 404
    bad_action = act(as_seller, "/shops/shop-1", [cid], "explode")
    assert (bad_action.status_code, bad_action.json()["code"]) == (422, "invalid_payload")
    assert shop_folder(cid)[0] == "inbox"


def test_five_hundred_threads_move_at_once(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ids = [ask(as_buyer, f"Question {i}") for i in range(500)]
    done = act(as_seller, "/shops/shop-1", ids, "archive")
    assert done.status_code == 200
    assert done.json()["counts"]["threads"] == {"inbox": 0, "archive": 500, "spam": 0, "trash": 0}
    assert done.json()["counts"]["unread"]["archive"] == 500
    assert_counters_exact()


# --- The pure rules, exhaustively ---------------------------------------------------------


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("unread", [0, 1, 3])
@pytest.mark.parametrize("action", list(Action))
def test_every_action_from_every_folder(folder: str, unread: int, action: Action) -> None:
    state = SideState(folder=folder, unread=unread)
    allowed = {
        Action.ARCHIVE: {"inbox", "archive"},
        Action.INBOX: {"inbox", "archive"},
        Action.SPAM: {"inbox", "archive", "spam", "trash"},
        Action.NOT_SPAM: {"spam"},
        Action.TRASH: {"inbox", "archive", "spam", "trash"},
        Action.RESTORE: {"trash"},
        Action.DELETE_FOREVER: {"trash"},
        Action.READ: {"inbox", "archive", "spam", "trash"},
        Action.UNREAD: {"inbox", "archive", "spam", "trash"},
    }[action]
    if folder not in allowed:
        with pytest.raises(RuleBroken):
            apply_action(state, action)
        return
    after = apply_action(state, action)
    if action is Action.READ:
        assert after == SideState(folder, 0)
    elif action is Action.UNREAD:
        assert after == SideState(folder, max(unread, 1))
    elif action is Action.DELETE_FOREVER:
        assert after == SideState("deleted", 0)
    else:
        assert after.unread == unread
    # Counter changes always balance: what leaves one folder arrives in another.
    deltas = counter_deltas(state, after)
    if after.folder != "deleted":
        assert sum(t for t, _ in deltas.values()) == 0


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_new_message_only_brings_back_archived_or_deleted_threads(folder: str) -> None:
    after = on_message_received(SideState(folder=folder, unread=0))
    expected = "inbox" if folder in ("inbox", "archive", "deleted") else folder
    assert after == SideState(expected, 1)
