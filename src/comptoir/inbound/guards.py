"""Loop guards over a mail's headers: pure functions, no ORM, no I/O.

RFC 3834: a message sent by a program (an out-of-office, a mailing list, a bounce) is never
posted in a thread and never answered, or two robots would write to each other forever.
Delivery status notifications (RFC 3464) are read for the addresses that failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Headers whose mere presence marks an automatic message (Microsoft's, and the old
# vacation programs'). X-Auto-Response-Suppress is what Exchange puts on its own
# automatic messages so that others do not answer them.
_AUTOMATIC_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-response-suppress")
# A mailing list's message is not a person's reply either.
_LIST_HEADERS = ("list-id", "list-unsubscribe")
_BULK_PRECEDENCE = frozenset({"bulk", "junk", "list", "auto_reply"})
_DAEMONS = frozenset({"mailer-daemon", "postmaster"})


def _value(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None


def automatic_reason(headers: Mapping[str, str]) -> str | None:
    """Why the mail was sent by a program ("auto_submitted", "precedence", "autoreply",
    "list"), or None for a person's mail."""
    auto = _value(headers, "auto-submitted")
    if auto is not None and auto.split(";")[0].strip().lower() not in ("", "no"):
        return "auto_submitted"
    precedence = _value(headers, "precedence")
    if precedence is not None and precedence.strip().lower() in _BULK_PRECEDENCE:
        return "precedence"
    if any(_value(headers, name) is not None for name in _AUTOMATIC_HEADERS):
        return "autoreply"
    if any(_value(headers, name) is not None for name in _LIST_HEADERS):
        return "list"
    return None


def is_null_sender(envelope_from: str) -> bool:
    """The SMTP envelope sender `<>`: bounces and other notifications (RFC 5321 4.5.5).
    ("" is an unknown sender, as over HTTP.)"""
    return envelope_from.strip() == "<>"


def is_daemon(address: str) -> bool:
    """MAILER-DAEMON@… or postmaster@…: the mail system itself writing."""
    local = address.strip().strip("<>").rpartition("@")[0] or address.strip()
    return local.lower() in _DAEMONS


def is_delivery_report(content_type: str, report_type: str) -> bool:
    """A delivery status notification: multipart/report; report-type=delivery-status."""
    return (
        content_type.lower() == "multipart/report"
        and report_type.strip().lower() == "delivery-status"
    )


@dataclass(frozen=True)
class Failure:
    """One recipient a delivery status notification says could not be reached."""

    email: str  # lower case
    reason: str  # the status and the server's words, for the seller and the staff


def failed_recipients(blocks: Sequence[Mapping[str, str]]) -> list[Failure]:
    """The addresses a DSN's per-recipient blocks (RFC 3464 2.3) report as failed.

    Only `Action: failed` counts: `delayed`, `delivered`, `relayed` and `expanded` say the
    mail is still on its way or arrived. The address is the Final-Recipient's (or the
    Original-Recipient's) of type rfc822.
    """
    found: dict[str, Failure] = {}
    for block in blocks:
        if (_value(block, "action") or "").strip().lower() != "failed":
            continue
        address = _address(_value(block, "final-recipient")) or _address(
            _value(block, "original-recipient")
        )
        if not address or address in found:
            continue
        status = (_value(block, "status") or "").strip()
        diagnostic = " ".join((_value(block, "diagnostic-code") or "").split())
        reason = "; ".join(part for part in (status, diagnostic) if part)[:500]
        found[address] = Failure(email=address, reason=reason)
    return list(found.values())


def _address(field: str | None) -> str:
    """`rfc822; someone@example.org` → `someone@example.org` (other types: "")."""
    if not field:
        return ""
    kind, _, address = field.partition(";")
    if not address:
        kind, address = "rfc822", kind
    if kind.strip().lower() != "rfc822":
        return ""
    address = address.strip().strip("<>").strip().lower()
    return address if "@" in address and " " not in address else ""


def recipient_addresses(values: Iterable[str]) -> list[str]:
    """Each address once, lower case, in the order first seen."""
    seen: dict[str, None] = {}
    for value in values:
        address = value.strip().strip("<>").strip().lower()
        if address:
            seen.setdefault(address, None)
    return list(seen)
