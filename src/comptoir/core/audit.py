"""The audit log: every staff action and every staff read, written with its cause.

`record` joins the caller's transaction, so a refused action leaves no line and a line
never describes something that did not happen.
"""

from __future__ import annotations

from typing import Any

from comptoir.core import clock
from comptoir.core.models import AuditEntry


def record(
    *,
    actor: Any,
    verb: str,
    shop_id: int | None = None,
    subject: tuple[str, int] | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one line. `actor` is a user, or None for an automatic rule."""
    subject_type, subject_id = subject if subject is not None else ("", None)
    return AuditEntry.objects.create(
        at=clock.now(),
        actor=actor,
        verb=verb,
        shop_id=shop_id,
        subject_type=subject_type,
        subject_id=subject_id,
        details=details or {},
    )
