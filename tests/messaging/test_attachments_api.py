"""Attachments: checked from their bytes, at most 3 per message, 100 MB, 10,000 px a side."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import TemporaryUploadedFile

from comptoir.catalog.models import Listing
from comptoir.messaging.models import Attachment, Message
from comptoir.messaging.uploads import CappedUploadHandler
from tests.messaging.conftest import Client_
from tests.messaging.test_filetypes import PDF, make_gif, make_jpeg, make_png
from tests.messaging.test_folders_api import ask


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return tmp_path / "media"


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def upload(client: Client_, name: str, content: bytes) -> Any:
    return client.upload(name, content)


def test_files_are_uploaded_attached_and_opened_by_both_sides_only(
    as_buyer: Client_,
    as_seller: Client_,
    as_other_buyer: Client_,
    listing: Listing,
    media: Path,
) -> None:
    cid = ask(as_buyer)
    photo = upload(as_seller, "../../etc/photo.PNG", make_png(640, 480))
    assert photo.status_code == 201, photo.json()
    assert photo.json()["content_type"] == "image/png"
    assert (photo.json()["width"], photo.json()["height"]) == (640, 480)
    assert photo.json()["name"] == "photo.png"
    invoice = upload(as_seller, "invoice.pdf", PDF)
    reply = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages",
        {"body": "Here you go", "attachment_ids": [photo.json()["id"], invoice.json()["id"]]},
    )
    assert reply.status_code == 201
    names = [a["name"] for a in reply.json()["attachments"]]
    assert names == ["photo.png", "invoice.pdf"]

    url = reply.json()["attachments"][0]["url"]
    for reader in (as_buyer, as_seller):
        got = reader.client.get(url, **reader.auth)
        assert got.status_code == 200
        assert got["Content-Type"] == "image/png"
        assert got["X-Content-Type-Options"] == "nosniff"
        assert b"".join(got.streaming_content) == make_png(640, 480)
    pdf = as_buyer.client.get(reply.json()["attachments"][1]["url"], **as_buyer.auth)
    assert pdf["Content-Disposition"].startswith("attachment;")
    stranger = as_other_buyer.client.get(url, **as_other_buyer.auth)
    assert (stranger.status_code, stranger.json()["code"]) == (404, "attachment_not_found")
    # An attachment is sent once: it cannot be reused in another message.
    reuse = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages",
        {"body": "again", "attachment_ids": [photo.json()["id"]]},
    )
    assert (reuse.status_code, reuse.json()["code"]) == (404, "attachment_not_found")
    assert len(stored_files(media)) == 2


def test_a_fourth_attachment_is_refused_and_nothing_is_sent(
    as_buyer: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    ids = [upload(as_buyer, f"p{i}.gif", make_gif(10, 10)).json()["id"] for i in range(4)]
    refused = as_buyer.post(
        f"/me/conversations/{cid}/messages", {"body": "photos", "attachment_ids": ids}
    )
    assert (refused.status_code, refused.json()["code"]) == (422, "too_many_attachments")
    assert Message.objects.count() == 1
    assert Attachment.objects.filter(message__isnull=False).count() == 0
    sent = as_buyer.post(
        f"/me/conversations/{cid}/messages", {"body": "photos", "attachment_ids": ids[:3]}
    )
    assert sent.status_code == 201


def test_someone_elses_upload_cannot_be_attached(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    cid = ask(as_buyer)
    theirs = upload(as_buyer, "a.jpg", make_jpeg(20, 20)).json()["id"]
    refused = as_seller.post(
        f"/shops/shop-1/conversations/{cid}/messages", {"body": "x", "attachment_ids": [theirs]}
    )
    assert (refused.status_code, refused.json()["code"]) == (404, "attachment_not_found")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("setup.png", b"MZ\x90\x00" + b"\x00" * 200, "unsupported_file_type"),
        ("notes.pdf", b"just some text, not a pdf", "unsupported_file_type"),
        ("huge.png", make_png(12_000, 100), "image_too_large"),
        ("tall.jpg", make_jpeg(100, 10_001), "image_too_large"),
        ("broken.png", make_png(10, 10)[:20], "damaged_image"),
    ],
)
def test_bad_files_are_refused_with_a_clear_code_and_not_stored(
    as_buyer: Client_, media: Path, name: str, content: bytes, code: str
) -> None:
    response = upload(as_buyer, name, content)
    assert (response.status_code, response.json()["code"]) == (422, code)
    assert response.json()["fields"] == {"file": code}
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_a_file_over_100_mb_is_refused_while_it_streams(
    as_buyer: Client_, media: Path, tmp_path: Path
) -> None:
    big = make_png(100, 100) + b"\x00" * (101 * 1024 * 1024)
    response = upload(as_buyer, "big.png", big)
    assert (response.status_code, response.json()["code"]) == (413, "file_too_large")
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
    leftovers = [p for p in tmp_path.iterdir() if p.is_file() and os.path.getsize(p) > 0]
    assert leftovers == []


def test_a_missing_file_is_a_clear_error(as_buyer: Client_) -> None:
    response = as_buyer.client.post("/api/v1/uploads", {}, **as_buyer.auth)
    assert (response.status_code, response.json()["code"]) == (422, "file_required")


def test_uploads_stream_to_a_temporary_file_even_when_small() -> None:
    handler = CappedUploadHandler()
    handler.new_file("file", "a.png", "image/png", 10)
    handler.receive_data_chunk(b"\x89PNG", 0)
    received = handler.file_complete(4)
    assert isinstance(received, TemporaryUploadedFile)  # never held in memory as a whole
    received.close()


def test_files_never_sent_are_removed_after_a_day(as_buyer: Client_, media: Path) -> None:
    from datetime import timedelta

    from comptoir.core import clock

    stale = upload(as_buyer, "old.gif", make_gif(5, 5)).json()["id"]
    with clock.frozen_at(clock.now() + timedelta(hours=25)):
        fresh = upload(as_buyer, "new.gif", make_gif(5, 5)).json()["id"]
    assert list(Attachment.objects.values_list("id", flat=True)) == [fresh]
    assert len(stored_files(media)) == 1
    assert stale != fresh
