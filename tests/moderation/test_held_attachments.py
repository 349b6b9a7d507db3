"""The files of a held message (issue 19): its sender's side and Trust & Safety open them,
the recipient gets 404 while it is held and after it is rejected, and the file once it is
released; anyone else, always 404."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.moderation.models import Flag
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import shop_member_add
from tests.messaging.test_filetypes import PDF, make_png
from tests.moderation.conftest import ADVERT, Client_, buyer_sees, shop_sees


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)


def held_advert(as_seller: Client_, conversation_id: int) -> dict[str, Any]:
    """The shop's advert to a buyer who never agreed to its news, with a photo and a PDF."""
    ids = [
        as_seller.upload("collection.png", make_png(40, 30)).json()["id"],
        as_seller.upload("catalogue.pdf", PDF).json()["id"],
    ]
    response = as_seller.post(
        f"/shops/shop-1/conversations/{conversation_id}/messages",
        {"body": ADVERT, "attachment_ids": ids},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["held"] is True
    return dict(response.json())


def opens(reader: Client_, url: str) -> int:
    response = reader.client.get(url, **reader.auth)
    if response.status_code == 200:
        b"".join(response.streaming_content)  # the file itself, read to the end
    else:
        assert response.json()["code"] == "attachment_not_found"
    return int(response.status_code)


def statuses(urls: list[str], **readers: Client_) -> dict[str, set[int]]:
    return {name: {opens(reader, url) for url in urls} for name, reader in readers.items()}


@pytest.mark.parametrize("decision", ["release", "reject"])
def test_a_held_messages_files_reach_the_recipient_only_once_released(
    as_buyer: Client_,
    as_seller: Client_,
    as_other_buyer: Client_,
    as_staff: Client_,
    order_thread: dict[str, Any],
    decision: str,
) -> None:
    cid = order_thread["conversation_id"]
    sent = held_advert(as_seller, cid)
    urls = [a["url"] for a in sent["attachments"]]
    assert [a["url"] for a in shop_sees(as_seller, cid)[sent["id"]]["attachments"]] == urls
    assert sent["id"] not in buyer_sees(as_buyer, cid)
    readers = {
        "buyer": as_buyer,
        "seller": as_seller,
        "stranger": as_other_buyer,
        "staff": as_staff,
    }

    held = statuses(urls, **readers)
    assert held == {"buyer": {404}, "seller": {200}, "stranger": {404}, "staff": {200}}

    flag = Flag.objects.get(message_id=sent["id"])
    decided = as_staff.post(f"/moderation/flags/{flag.id}/{decision}", {})
    assert decided.status_code == 200, decided.json()

    after = statuses(urls, **readers)
    buyer = {"release": {200}, "reject": {404}}[decision]
    assert after == {"buyer": buyer, "seller": {200}, "stranger": {404}, "staff": {200}}
    if decision == "release":
        shown = buyer_sees(as_buyer, cid)[sent["id"]]["attachments"]
        assert [a["url"] for a in shown] == urls


def test_another_member_of_the_sending_shop_opens_a_held_file(
    as_seller: Client_, order_thread: dict[str, Any], shop: Shop
) -> None:
    colleague = User.objects.create_user(username="colleague")
    shop_member_add(shop=shop, user=colleague, role=ShopMember.Role.STAFF)
    sent = held_advert(as_seller, order_thread["conversation_id"])
    assert opens(Client_(colleague), sent["attachments"][0]["url"]) == 200


def test_the_recipient_cannot_open_a_held_file_from_the_web_page_either(
    as_seller: Client_, buyer: User, order_thread: dict[str, Any]
) -> None:
    sent = held_advert(as_seller, order_thread["conversation_id"])
    page = Client()
    page.force_login(buyer)  # a session, as the thread page's links are followed
    for attachment in sent["attachments"]:
        assert page.get(attachment["url"]).status_code == 404


def test_opening_a_file_costs_one_query_more_than_a_missing_one(
    as_buyer: Client_, as_seller: Client_, order_thread: dict[str, Any]
) -> None:
    """A missing file costs the sign-in and one query (the file with its message); an open
    one, one more: the reader's side of the thread (was 3 for a buyer, 4 for a seller, with
    the permission asked first)."""
    cid = order_thread["conversation_id"]
    photo = as_seller.upload("photo.png", make_png(40, 30)).json()["id"]
    reply = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages",
        {"body": "Here is the photo.", "attachment_ids": [photo]},
    )
    url = reply.json()["attachments"][0]["url"]
    extra = {}
    for name, reader in (("buyer", as_buyer), ("seller", as_seller)):
        with CaptureQueriesContext(connection) as missing:
            assert opens(reader, f"/api/v1/attachments/{photo + 1000}") == 404
        with CaptureQueriesContext(connection) as opened:
            assert opens(reader, url) == 200
        extra[name] = len(opened) - len(missing)
    assert extra == {"buyer": 1, "seller": 1}
