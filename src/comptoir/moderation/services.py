"""Trust & Safety's decisions on flags and reports, and a participant's report.

Each decision is one transaction with its audit line (``core.audit.record``): the flag's
new status, what it does to the message (warnings taken off, a held message delivered),
and the line either all commit or none.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comptoir.accounts.access import staff_only
from comptoir.accounts.models import User
from comptoir.core import audit, clock
from comptoir.core.errors import Conflict, DomainError
from comptoir.messaging.models import Message
from comptoir.messaging.services.held import held_message_release
from comptoir.moderation.models import NOTE_MAX, Flag, Report
from comptoir.moderation.scoring import Category
from comptoir.moderation.selectors import (
    flag_not_found,
    open_report_by,
    report_not_found,
    visible_message,
)
from comptoir.shops.access import Viewer


def _note(note: str) -> str:
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise DomainError(
            "note_too_long",
            _("A note holds at most %(n)d characters.") % {"n": NOTE_MAX},
            fields={"note": "too_long"},
        )
    return note


def _open_flag(actor: User, flag_id: int, outcome: str) -> Flag:
    """The flag, locked; open and of this outcome, else a 409 that says what to do."""
    staff_only(actor)
    flag = Flag.objects.select_for_update().filter(id=flag_id).first()
    if flag is None:
        raise flag_not_found()
    if flag.status != Flag.Status.OPEN:
        raise Conflict(
            "flag_closed",
            _("This flag was already reviewed: %(status)s.")
            % {"status": flag.get_status_display()},
        )
    if flag.outcome != outcome:
        if flag.outcome == Flag.Outcome.HELD:
            raise Conflict("flag_held", _("This message is held: release it or reject it."))
        raise Conflict("flag_not_held", _("This message was delivered: dismiss or confirm."))
    return flag


def _close(flag: Flag, actor: User, status: str, note: str, verb: str) -> Flag:
    flag.status, flag.reviewed_by, flag.reviewed_at, flag.note = status, actor, clock.now(), note
    flag.save(update_fields=["status", "reviewed_by", "reviewed_at", "note"])
    audit.record(
        actor=actor,
        verb=verb,
        shop_id=flag.shop_id,
        subject=("message", flag.message_id),
        details={"flag": flag.id, "categories": flag.categories, "note": note},
    )
    return flag


def _take_warnings_off(message_id: int, categories: list[str]) -> None:
    """The recipient no longer sees these warnings on the message (staff found it fine)."""
    message = Message.objects.select_for_update().filter(id=message_id).first()
    if message is None:
        return
    kept = [w for w in message.warnings if w not in categories]
    if kept != message.warnings:
        Message.objects.filter(pk=message_id).update(warnings=kept)


@transaction.atomic
def flag_dismiss(*, actor: User, flag_id: int, note: str = "") -> Flag:
    """A false positive: the warnings come off the message."""
    note = _note(note)
    flag = _open_flag(actor, flag_id, Flag.Outcome.WARNED)
    _take_warnings_off(flag.message_id, flag.categories)
    return _close(flag, actor, Flag.Status.DISMISSED, note, "moderation.dismissed")


@transaction.atomic
def flag_confirm(*, actor: User, flag_id: int, note: str = "") -> Flag:
    """The scorer was right: the warning stays and the shop's record keeps the flag."""
    note = _note(note)
    flag = _open_flag(actor, flag_id, Flag.Outcome.WARNED)
    return _close(flag, actor, Flag.Status.CONFIRMED, note, "moderation.confirmed")


@transaction.atomic
def held_release(*, actor: User, flag_id: int, note: str = "") -> Flag:
    """Deliver a held message now; it is not advertising after all, so that warning goes."""
    note = _note(note)
    flag = _open_flag(actor, flag_id, Flag.Outcome.HELD)
    held_message_release(message_id=flag.message_id)
    _take_warnings_off(flag.message_id, [Category.ADVERTISING.value])
    return _close(flag, actor, Flag.Status.RELEASED, note, "moderation.released")


@transaction.atomic
def held_reject(*, actor: User, flag_id: int, note: str = "") -> Flag:
    """The held message is never delivered (it stays visible to its sender, marked held)."""
    note = _note(note)
    flag = _open_flag(actor, flag_id, Flag.Outcome.HELD)
    return _close(flag, actor, Flag.Status.REJECTED, note, "moderation.rejected")


@transaction.atomic
def report_create(*, viewer: Viewer, message_id: int, reason: str, note: str = "") -> Report:
    """A participant reports a message from the other side that their side can see.

    404 for a message they cannot see; 409 ``already_reported`` while their report on it is
    open.
    """
    if reason not in Report.Reason.values:
        raise DomainError(
            "invalid_reason", _("Choose a reason for the report."), fields={"reason": "invalid"}
        )
    note = _note(note)
    message = visible_message(viewer, message_id)
    if message.sender_side == viewer.side:
        raise DomainError("own_message", _("You cannot report a message from your own side."))
    already = Conflict("already_reported", _("You already reported this message."))
    if open_report_by(viewer.user, message.id) is not None:
        raise already
    try:
        with transaction.atomic():
            return Report.objects.create(
                message=message,
                conversation_id=message.conversation_id,
                shop_id=message.conversation.shop_id,
                reporter=viewer.user,
                reporter_side=viewer.side,
                reason=reason,
                note=note,
                created_at=clock.now(),
            )
    except IntegrityError as exc:  # the same report sent twice at once
        raise already from exc


@transaction.atomic
def report_close(*, actor: User, report_id: int, note: str = "") -> Report:
    """Trust & Safety looked at the report (and acted elsewhere if needed)."""
    staff_only(actor)
    note = _note(note)
    report = Report.objects.select_for_update().filter(id=report_id).first()
    if report is None:
        raise report_not_found()
    if report.status != Report.Status.OPEN:
        raise Conflict("report_closed", _("This report is already closed."))
    report.status, report.handled_by, report.handled_at = Report.Status.CLOSED, actor, clock.now()
    report.handling_note = note
    report.save(update_fields=["status", "handled_by", "handled_at", "handling_note"])
    audit.record(
        actor=actor,
        verb="moderation.report_closed",
        shop_id=report.shop_id,
        subject=("message", report.message_id),
        details={"report": report.id, "reason": report.reason, "note": note},
    )
    return report
