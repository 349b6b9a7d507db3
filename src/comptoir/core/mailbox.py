"""The local mailbox: with no EMAIL_URL, each e-mail is kept as one .eml file to read later.

A newcomer trying Comptoir has no mail server: instead of printing whole e-mails on the
terminal (thousands of lines that push the demo's logins out of sight), the backend
writes each one under EMAIL_FILE_PATH and prints one line. Trust & Safety read them at
/staff/mail/ (standards.mailbox_views); any mail client opens the files too.

File names sort by the time they were written and never collide across processes:
`<UTC time to the microsecond>Z-<random>.eml`. A file appears whole or not at all
(written to a hidden temporary file, then renamed). A name is also the mail's id on the
staff page: only names of exactly that shape are ever opened, so no id reaches outside
the folder.
"""

from __future__ import annotations

import email.policy
import os
import re
import secrets
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage as ParsedMail
from email.parser import BytesParser
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.utils.translation import gettext as _

from comptoir.core.errors import DomainError, NotFound
from comptoir.core.mime import part_text

BACKEND = "comptoir.core.mailbox.MailboxBackend"

# 20260302T101500123456Z-0f3a9c51d2e47b86.eml
MAIL_ID = re.compile(r"\A(\d{8}T\d{12})Z-[0-9a-f]{16}\.eml\Z")
_TIME_FORMAT = "%Y%m%dT%H%M%S%f"
MAX_READ = 25 * 1024 * 1024  # a file larger than this is not opened on the staff page


def mailbox_in_use() -> bool:
    """Whether e-mails go to the local mailbox (no EMAIL_URL) rather than a mail server."""
    return bool(settings.EMAIL_BACKEND == BACKEND)


def mailbox_folder() -> Path:
    return Path(settings.EMAIL_FILE_PATH)


def mailbox_has_mail() -> bool:
    """Whether the mailbox holds at least one e-mail (stops at the first)."""
    try:
        with os.scandir(mailbox_folder()) as entries:
            return any(MAIL_ID.match(entry.name) for entry in entries)
    except FileNotFoundError:
        return False


# --- writing ------------------------------------------------------------------------------


class MailboxBackend(BaseEmailBackend):
    """A Django e-mail backend that keeps each e-mail as a file and prints one line for it.

    `quiet=True` prints nothing (the demo says how many it wrote, in one line).
    """

    def __init__(
        self,
        *,
        file_path: str | None = None,
        stream: IO[str] | None = None,
        quiet: bool = False,
        fail_silently: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.folder = Path(file_path) if file_path else mailbox_folder()
        self.stream = stream
        self.quiet = quiet

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        written = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                path = write_mail(message, folder=self.folder)
            except Exception:
                if not self.fail_silently:
                    raise
                continue
            written += 1
            if not self.quiet:
                self._say(message, path)
        return written

    def _say(self, message: EmailMessage, path: Path) -> None:
        stream = self.stream or sys.stderr
        subject = " ".join(str(message.subject).split())
        to = ", ".join(message.recipients())
        stream.write(f"mail → {to}: {subject} ({_shown(path)})\n")
        stream.flush()


def write_mail(message: EmailMessage, *, folder: Path | None = None) -> Path:
    """Write one e-mail as a new .eml file, atomically; answer its path."""
    folder = folder or mailbox_folder()
    folder.mkdir(parents=True, exist_ok=True)
    data = message.message().as_bytes()
    name = new_mail_id()
    fd, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return folder / name


def new_mail_id(at: datetime | None = None) -> str:
    """A file name that sorts by time; 64 random bits keep two processes' names apart."""
    at = (at or datetime.now(UTC)).astimezone(UTC)
    return f"{at.strftime(_TIME_FORMAT)}Z-{secrets.token_hex(8)}.eml"


def _shown(path: Path) -> str:
    """The path as the terminal shows it: relative to the working folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# --- reading (the staff page) -----------------------------------------------------------


@dataclass(frozen=True)
class MailSummary:
    id: str
    written_at: datetime
    to: str
    subject: str


@dataclass(frozen=True)
class MailboxPage:
    items: list[MailSummary]
    next_cursor: str | None
    total: int


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True)
class Mail:
    id: str
    written_at: datetime
    to: str
    subject: str
    headers: list[tuple[str, str]]
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)


def written_at(mail_id: str) -> datetime:
    match = MAIL_ID.match(mail_id)
    if match is None:
        raise ValueError(mail_id)
    return datetime.strptime(match.group(1), _TIME_FORMAT).replace(tzinfo=UTC)


def _mail_ids(folder: Path) -> list[str]:
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    return [e.name for e in entries if MAIL_ID.match(e.name) and e.is_file(follow_symlinks=False)]


def mailbox_page(*, cursor: str | None, limit: int) -> MailboxPage:
    """The mailbox newest first, `limit` at a time; `cursor` is the last id of a page."""
    if cursor is not None and not MAIL_ID.match(cursor):
        raise DomainError("mailbox_bad_cursor", _("This page link is not valid."))
    folder = mailbox_folder()
    ids = sorted(_mail_ids(folder), reverse=True)
    total = len(ids)
    if cursor is not None:
        ids = [mail_id for mail_id in ids if mail_id < cursor]
    page = ids[:limit]
    items = []
    for mail_id in page:
        parsed = _parse(folder / mail_id, headers_only=True)
        if parsed is None:  # removed meanwhile, or too large
            continue
        items.append(
            MailSummary(
                id=mail_id,
                written_at=written_at(mail_id),
                to=_header(parsed, "To"),
                subject=_header(parsed, "Subject"),
            )
        )
    next_cursor = page[-1] if len(ids) > limit else None
    return MailboxPage(items=items, next_cursor=next_cursor, total=total)


def read_mail(mail_id: str) -> Mail:
    """One e-mail of the mailbox, by its file name; NotFound for any other name."""
    if not MAIL_ID.match(mail_id):
        raise NotFound("mail_not_found", _("No such e-mail."))
    parsed = _parse(mailbox_folder() / mail_id, headers_only=False)
    if parsed is None:
        raise NotFound("mail_not_found", _("No such e-mail."))
    text = _part(parsed, "plain")
    html = _part(parsed, "html")
    attachments = []
    for part in parsed.iter_attachments():
        payload = part.get_payload(decode=True)
        attachments.append(
            Attachment(
                filename=part.get_filename() or "",
                content_type=part.get_content_type(),
                size=len(payload) if isinstance(payload, bytes) else 0,
            )
        )
    return Mail(
        id=mail_id,
        written_at=written_at(mail_id),
        to=_header(parsed, "To"),
        subject=_header(parsed, "Subject"),
        headers=[(name, _clean(value)) for name, value in parsed.items()],
        text=text,
        html=html,
        attachments=attachments,
    )


def _parse(path: Path, *, headers_only: bool) -> ParsedMail | None:
    folder = mailbox_folder().resolve()
    try:
        if path.resolve().parent != folder or path.is_symlink():
            return None
        if path.stat().st_size > MAX_READ:
            return None
        with path.open("rb") as file:
            parsed = BytesParser(policy=email.policy.default).parse(file, headersonly=headers_only)
    except OSError:
        return None
    assert isinstance(parsed, ParsedMail)
    return parsed


def _header(parsed: ParsedMail, name: str) -> str:
    value = parsed.get(name)
    return _clean(value) if value is not None else ""


def _clean(value: Any) -> str:
    try:
        text = str(value)
    except Exception:  # a header the parser could not decode: show it as written
        text = repr(value)
    return " ".join(text.split())


def _part(parsed: ParsedMail, subtype: str) -> str:
    part = parsed.get_body(preferencelist=(subtype,))
    if part is None or part.get_content_subtype() != subtype:
        return ""
    return part_text(part)
