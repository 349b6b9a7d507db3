"""The audit log as CSV, streamed row by row; the export itself is a line of the log."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator

from django.utils import translation
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core import audit
from comptoir.standards.selectors import audit_rows


class _Line:
    def write(self, value: str) -> str:
        return value


def audit_csv_lines(*, actor: User, shop_id: int | None, verb: str = "") -> Iterator[str]:
    """Record the export now (not when the stream is read), then stream the lines."""
    audit.record(
        actor=actor, verb="audit.exported", shop_id=shop_id, details={"what": verb} if verb else {}
    )
    return _lines(shop_id, verb, translation.get_language())


def _lines(shop_id: int | None, verb: str, language: str) -> Iterator[str]:
    with translation.override(language):
        writer = csv.writer(_Line())
        yield writer.writerow(
            [_("at (UTC)"), _("by"), _("what"), _("shop"), _("subject"), _("details")]
        )
        for entry in audit_rows(shop_id=shop_id, verb=verb):
            subject = f"{entry.subject_type}:{entry.subject_id}" if entry.subject_type else ""
            yield writer.writerow(
                [
                    entry.at.strftime("%Y-%m-%d %H:%M:%S"),
                    str(entry.actor) if entry.actor else _("automatic rule"),
                    entry.verb,
                    entry.shop_id if entry.shop_id is not None else "",
                    subject,
                    json.dumps(entry.details, ensure_ascii=False, sort_keys=True),
                ]
            )
