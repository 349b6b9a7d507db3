"""Attachments: streamed to disk while they arrive, checked from their bytes, then stored."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler
from django.db import transaction
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.errors import DomainError, NotFound
from comptoir.messaging.filetypes import FileRejected, sniff
from comptoir.messaging.models import Attachment

MAX_FILE_BYTES = 100 * 1024 * 1024
MAX_PENDING = 30  # uploaded but not yet sent, per person
PENDING_TTL = timedelta(hours=24)


class FileTooLarge(DomainError):
    status = 413


class CappedUploadHandler(TemporaryFileUploadHandler):
    """Every upload goes to a temporary file chunk by chunk, never into memory as a whole.

    A file that passes MAX_FILE_BYTES is dropped on the spot (the rest of it is read and
    thrown away) and its field is listed in `request.oversize_uploads`.
    """

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > MAX_FILE_BYTES:
            request = self.request
            oversize = getattr(request, "oversize_uploads", [])
            oversize.append(self.field_name)
            request.oversize_uploads = oversize  # type: ignore[union-attr]
            self.file.close()
            raise SkipFile()
        return super().receive_data_chunk(raw_data, start)


def too_large() -> FileTooLarge:
    return FileTooLarge(
        "file_too_large",
        _("A file may be at most %(mb)d MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
        fields={"file": "too_large"},
    )


_REJECTIONS = {
    "unsupported_file_type": lambda: _("Only JPG, GIF, PNG and PDF files can be attached."),
    "damaged_image": lambda: _("This image is damaged and cannot be read."),
    "image_too_large": lambda: _("Images may be at most 10,000 × 10,000 pixels."),
}


def _safe_name(name: str, extension: str) -> str:
    stem = PurePath(name or "file").stem[:100] or "file"
    try:
        clean = get_valid_filename(stem)
    except Exception:
        clean = "file"
    return f"{clean}.{extension}"


def attachment_upload(*, user: User, upload: UploadedFile) -> Attachment:
    """Check a received file and keep it, waiting to be sent with a message.

    The file is copied to storage before the database transaction opens, so a large
    upload never holds the database's write lock; a refused row removes the copy.
    """
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise too_large()
    try:
        sniffed = sniff(upload.file)  # type: ignore[arg-type]
    except FileRejected as rejected:
        raise DomainError(
            rejected.code, _REJECTIONS[rejected.code](), fields={"file": rejected.code}
        ) from None
    pending_attachments_prune(uploader=user)
    if Attachment.objects.filter(uploader=user, message__isnull=True).count() >= MAX_PENDING:
        raise DomainError(
            "too_many_uploads",
            _("Send or remove the files you uploaded before adding more."),
        )
    attachment = Attachment(
        uploader=user,
        name=_safe_name(upload.name or "", sniffed.extension),
        content_type=sniffed.content_type,
        size=upload.size or 0,
        width=sniffed.width,
        height=sniffed.height,
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{sniffed.extension}", upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


def pending_attachments_prune(*, uploader: User | None = None) -> int:
    """Remove files uploaded more than a day ago and never sent (one person's, or all).

    Run for the uploader at each upload; `comptoir manage` can run it for everyone.
    """
    stale = Attachment.objects.filter(
        message__isnull=True, created_at__lt=clock.now() - PENDING_TTL
    )
    if uploader is not None:
        stale = stale.filter(uploader=uploader)
    removed = 0
    for attachment in stale.iterator():
        attachment.file.delete(save=False)
        attachment.delete()
        removed += 1
    return removed


def attachment_not_found() -> NotFound:
    return NotFound("attachment_not_found", _("No such file."))
