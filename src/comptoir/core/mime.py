"""Reading e-mails: the text of one MIME part, whatever its declared charset says."""

from __future__ import annotations

from email.message import Message


def part_text(part: Message) -> str:
    """The decoded text of `part`; with an unknown or lying charset, its bytes as UTF-8
    with the undecodable ones replaced (a mail is shown or read, never refused for it)."""
    try:
        return str(part.get_content())  # type: ignore[attr-defined]
    except (LookupError, UnicodeError, ValueError):
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
