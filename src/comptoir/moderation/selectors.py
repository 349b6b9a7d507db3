"""Reads for moderation: Trust & Safety's queue of flags and reports, one flag, and the
message a participant wants to report (only if their side sees it)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from comptoir.accounts.access import staff_only
from comptoir.accounts.models import User
from comptoir.core import audit
from comptoir.core.errors import DomainError, NotFound
from comptoir.core.pagination import Page, keyset_page
from comptoir.messaging.access import parties_of
from comptoir.messaging.models import Message
from comptoir.moderation.models import Flag, Report
from comptoir.moderation.scoring import Category
from comptoir.shops.access import Viewer

# Held messages first ("held" < "warned"), then the newest.
FLAG_ORDER = ("outcome", "-created_at", "-id")
REPORT_ORDER = ("-created_at", "-id")


def _choice(value: str, allowed: list[str], field: str) -> str:
    if value and value not in allowed:
        raise DomainError(
            f"invalid_{field}", _("Unknown filter value."), fields={field: "invalid_choice"}
        )
    return value


def flag_queue(
    *,
    status: str = Flag.Status.OPEN,
    category: str = "",
    outcome: str = "",
    cursor: str | None = None,
    limit: int = 50,
) -> Page[Flag]:
    """Flags by status (open by default), held messages first, newest first; one query."""
    _choice(status, Flag.Status.values, "status")
    _choice(category, [c.value for c in Category], "category")
    _choice(outcome, Flag.Outcome.values, "outcome")
    qs = Flag.objects.filter(status=status or Flag.Status.OPEN)
    if outcome:
        qs = qs.filter(outcome=outcome)
    if category:
        # JSON list of codes; the quoted code matches one element (SQLite and PostgreSQL).
        qs = qs.filter(categories__icontains=f'"{category}"')
    qs = qs.select_related("message", "message__author", "conversation", "shop", "reviewed_by")
    return keyset_page(qs, order=FLAG_ORDER, cursor=cursor, limit=limit)


def report_queue(
    *,
    status: str = Report.Status.OPEN,
    reason: str = "",
    cursor: str | None = None,
    limit: int = 50,
) -> Page[Report]:
    """Reports by status (open by default), newest first; one query."""
    _choice(status, Report.Status.values, "status")
    _choice(reason, Report.Reason.values, "reason")
    qs = Report.objects.filter(status=status or Report.Status.OPEN)
    if reason:
        qs = qs.filter(reason=reason)
    qs = qs.select_related(
        "message", "message__author", "conversation", "shop", "reporter", "handled_by"
    )
    return keyset_page(qs, order=REPORT_ORDER, cursor=cursor, limit=limit)


def flag_not_found() -> NotFound:
    return NotFound("flag_not_found", _("No such moderation flag."))


def report_not_found() -> NotFound:
    return NotFound("report_not_found", _("No such report."))


def get_flag(flag_id: int) -> Flag:
    flag = (
        Flag.objects.select_related(
            "message",
            "message__author",
            "conversation",
            "conversation__buyer",
            "shop",
            "reviewed_by",
        )
        .filter(id=flag_id)
        .first()
    )
    if flag is None:
        raise flag_not_found()
    return flag


def flag_read(staff: User, flag_id: int) -> Flag:
    """One flag with its message, for Trust & Safety; the read goes to the audit log."""
    staff_only(staff)
    flag = get_flag(flag_id)
    audit.record(
        actor=staff,
        verb="moderation.flag_read",
        shop_id=flag.shop_id,
        subject=("message", flag.message_id),
        details={"flag": flag.id},
    )
    return flag


def get_report(report_id: int) -> Report:
    report = (
        Report.objects.select_related(
            "message", "message__author", "conversation", "shop", "reporter", "handled_by"
        )
        .filter(id=report_id)
        .first()
    )
    if report is None:
        raise report_not_found()
    return report


def reports_on(message_id: int) -> list[Report]:
    """Every report on one message (the flag page shows them), oldest first."""
    return list(
        Report.objects.filter(message_id=message_id)
        .select_related("reporter", "handled_by")
        .order_by("created_at", "id")
    )


def open_report_by(user: User, message_id: int) -> Report | None:
    """The person's report on this message that Trust & Safety has not closed yet."""
    return (
        Report.objects.filter(message_id=message_id, reporter=user, status=Report.Status.OPEN)
        .order_by("-created_at")
        .first()
    )


def message_not_found() -> NotFound:
    return NotFound("message_not_found", _("No such message."))


def visible_message(viewer: Viewer, message_id: int) -> Message:
    """A message the viewer's side sees: in one of its threads (not deleted, not cleared)
    and, if held, only from this side. Anything else is missing (one query)."""
    mine = parties_of(viewer).filter(
        conversation_id=OuterRef("conversation_id"), cleared_through__lt=OuterRef("id")
    )
    message = (
        Message.objects.filter(Exists(mine), id=message_id)
        .filter(Q(held=False) | Q(sender_side=viewer.side))
        .select_related("conversation", "conversation__shop", "author")
        .first()
    )
    if message is None:
        raise message_not_found()
    return message
