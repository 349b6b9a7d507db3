"""The moderation API: Trust & Safety's queue and decisions under /moderation, and a
participant's report on a message (a buyer under /me, a shop under /shops/{shop_id}, as
in the messaging API). Staff endpoints answer 404 to everyone else."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from comptoir.accounts.access import request_user, staff_user
from comptoir.core.api import ERRORS, PageOf, Paging
from comptoir.core.schemas import BodyIn
from comptoir.moderation import selectors, services
from comptoir.moderation.models import NOTE_MAX, Flag, Report
from comptoir.moderation.pages import category_text, rule_text
from comptoir.shops.access import as_buyer, member_viewer

router = Router(tags=["moderation"])

Category = Literal["extortion", "off_platform", "advertising"]
ReasonCode = Literal["scam", "off_platform", "extortion", "advertising", "abusive", "other"]


class FindingOut(Schema):
    category: str
    rule: str
    explanation: str = Field(description="The rule in words, in the reader's language.")
    phrase: str = Field(description="Quoted from the message: body[start:end].")
    start: int
    end: int
    weight: float = Field(description="Below 0: context that clears the message.")


class ModerationFlagOut(Schema):
    id: int
    message_id: int
    conversation_id: int
    shop_id: str = Field(description="The marketplace's id of the shop.")
    shop_name: str
    sender_side: Literal["buyer", "shop"]
    body: str
    categories: list[str]
    categories_text: list[str]
    outcome: Literal["held", "warned"]
    status: Literal["open", "dismissed", "confirmed", "released", "rejected"]
    findings: list[FindingOut]
    created_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    note: str


class ReportOut(Schema):
    id: int
    message_id: int
    conversation_id: int
    shop_id: str
    shop_name: str
    reporter_side: Literal["buyer", "shop"]
    reason: ReasonCode
    reason_text: str
    note: str
    body: str = Field(description="The reported message.")
    sender_side: Literal["buyer", "shop"]
    created_at: datetime
    status: Literal["open", "closed"]
    handled_by: str | None
    handled_at: datetime | None
    handling_note: str


class MyReportOut(Schema):
    id: int
    message_id: int
    reason: ReasonCode
    note: str
    status: Literal["open", "closed"]
    created_at: datetime


class FlagQuery(Paging):
    status: Literal["open", "dismissed", "confirmed", "released", "rejected"] = "open"
    category: Category | None = None
    outcome: Literal["held", "warned"] | None = None


class ReportQuery(Paging):
    status: Literal["open", "closed"] = "open"
    reason: ReasonCode | None = None


class DecisionNoteIn(BodyIn):
    note: str = Field("", max_length=NOTE_MAX, description="Why (kept in the audit log).")


class ReportIn(BodyIn):
    reason: ReasonCode
    note: str = Field("", max_length=NOTE_MAX)


def flag_out(flag: Flag) -> dict[str, Any]:
    return {
        "id": flag.id,
        "message_id": flag.message_id,
        "conversation_id": flag.conversation_id,
        "shop_id": flag.shop.external_id,
        "shop_name": flag.shop.name,
        "sender_side": flag.sender_side,
        "body": flag.message.body,
        "categories": flag.categories,
        "categories_text": [category_text(c) for c in flag.categories],
        "outcome": flag.outcome,
        "status": flag.status,
        "findings": [
            {**f, "explanation": rule_text(f["category"], f["rule"])} for f in flag.findings
        ],
        "created_at": flag.created_at,
        "reviewed_by": str(flag.reviewed_by) if flag.reviewed_by else None,
        "reviewed_at": flag.reviewed_at,
        "note": flag.note,
    }


def report_out(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "message_id": report.message_id,
        "conversation_id": report.conversation_id,
        "shop_id": report.shop.external_id,
        "shop_name": report.shop.name,
        "reporter_side": report.reporter_side,
        "reason": report.reason,
        "reason_text": report.get_reason_display(),
        "note": report.note,
        "body": report.message.body,
        "sender_side": report.message.sender_side,
        "created_at": report.created_at,
        "status": report.status,
        "handled_by": str(report.handled_by) if report.handled_by else None,
        "handled_at": report.handled_at,
        "handling_note": report.handling_note,
    }


def my_report_out(report: Report) -> dict[str, Any]:
    return {
        "id": report.id,
        "message_id": report.message_id,
        "reason": report.reason,
        "note": report.note,
        "status": report.status,
        "created_at": report.created_at,
    }


# --- Trust & Safety -----------------------------------------------------------------------


@router.get(
    "/moderation/flags",
    response={200: PageOf[ModerationFlagOut], **ERRORS},
    summary="Trust & Safety: flagged messages, held ones first",
)
def flag_list(request: HttpRequest, filters: Query[FlagQuery]) -> dict[str, Any]:
    staff_user(request)
    page = selectors.flag_queue(
        status=filters.status,
        category=filters.category or "",
        outcome=filters.outcome or "",
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [flag_out(f) for f in page.items], "next_cursor": page.next_cursor}


@router.get(
    "/moderation/flags/{int:flag_id}",
    response={200: ModerationFlagOut, **ERRORS},
    summary="Trust & Safety: one flagged message with its evidence (audited)",
)
def flag_detail(request: HttpRequest, flag_id: int) -> dict[str, Any]:
    return flag_out(selectors.flag_read(request_user(request), flag_id))


DECISIONS = {
    "dismiss": services.flag_dismiss,
    "confirm": services.flag_confirm,
    "release": services.held_release,
    "reject": services.held_reject,
}


@router.post(
    "/moderation/flags/{int:flag_id}/{decision}",
    response={200: ModerationFlagOut, **ERRORS},
    summary="Trust & Safety: dismiss or confirm a warning; release or reject a held message",
)
def flag_decide(
    request: HttpRequest,
    flag_id: int,
    decision: Literal["dismiss", "confirm", "release", "reject"],
    payload: DecisionNoteIn,
) -> dict[str, Any]:
    staff = staff_user(request)
    DECISIONS[decision](actor=staff, flag_id=flag_id, note=payload.note)
    return flag_out(selectors.get_flag(flag_id))


@router.get(
    "/moderation/reports",
    response={200: PageOf[ReportOut], **ERRORS},
    summary="Trust & Safety: messages people reported, newest first",
)
def report_list(request: HttpRequest, filters: Query[ReportQuery]) -> dict[str, Any]:
    staff_user(request)
    page = selectors.report_queue(
        status=filters.status,
        reason=filters.reason or "",
        cursor=filters.cursor,
        limit=filters.limit,
    )
    return {"items": [report_out(r) for r in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/moderation/reports/{int:report_id}/close",
    response={200: ReportOut, **ERRORS},
    summary="Trust & Safety: close a report",
)
def report_close(request: HttpRequest, report_id: int, payload: DecisionNoteIn) -> dict[str, Any]:
    staff = staff_user(request)
    services.report_close(actor=staff, report_id=report_id, note=payload.note)
    return report_out(selectors.get_report(report_id))


# --- Participants ---------------------------------------------------------------------------


@router.post(
    "/me/messages/{int:message_id}/reports",
    response={201: MyReportOut, **ERRORS},
    summary="Report a message a shop sent me",
)
def my_report(request: HttpRequest, message_id: int, payload: ReportIn) -> Status[dict[str, Any]]:
    report = services.report_create(
        viewer=as_buyer(request_user(request)),
        message_id=message_id,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(201, my_report_out(report))


@router.post(
    "/shops/{shop_id}/messages/{int:message_id}/reports",
    response={201: MyReportOut, **ERRORS},
    summary="Report a message a buyer sent the shop",
)
def shop_report(
    request: HttpRequest, shop_id: str, message_id: int, payload: ReportIn
) -> Status[dict[str, Any]]:
    report = services.report_create(
        viewer=member_viewer(request_user(request), external_id=shop_id),
        message_id=message_id,
        reason=payload.reason,
        note=payload.note,
    )
    return Status(201, my_report_out(report))
