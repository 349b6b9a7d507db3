"""The loop guards, over headers alone (RFC 3834, RFC 3464)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from comptoir.inbound.guards import (
    Failure,
    automatic_reason,
    failed_recipients,
    is_daemon,
    is_delivery_report,
    is_null_sender,
    recipient_addresses,
)


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, None),
        ({"Subject": "Re: hello"}, None),
        ({"Auto-Submitted": "no"}, None),
        ({"Auto-Submitted": "No"}, None),
        ({"Auto-Submitted": " no ; comment"}, None),
        ({"Auto-Submitted": "auto-replied"}, "auto_submitted"),
        ({"Auto-Submitted": "auto-generated"}, "auto_submitted"),
        ({"auto-submitted": "auto-notified; owner-email=x@y"}, "auto_submitted"),
        ({"Precedence": "bulk"}, "precedence"),
        ({"Precedence": "junk"}, "precedence"),
        ({"Precedence": "List"}, "precedence"),
        ({"Precedence": "auto_reply"}, "precedence"),
        ({"Precedence": "first-class"}, None),
        ({"X-Autoreply": "yes"}, "autoreply"),
        ({"X-Autorespond": "Out of office"}, "autoreply"),
        ({"X-Auto-Response-Suppress": "All"}, "autoreply"),
        ({"X-AUTO-RESPONSE-SUPPRESS": "OOF"}, "autoreply"),
        ({"List-Id": "<news.example.org>"}, "list"),
        ({"List-Unsubscribe": "<mailto:leave@example.org>"}, "list"),
        ({"Auto-Submitted": "no", "Precedence": "bulk"}, "precedence"),
    ],
)
def test_a_programs_mail_is_recognised_by_its_headers(
    headers: dict[str, str], reason: str | None
) -> None:
    assert automatic_reason(headers) == reason


@given(
    st.text(min_size=1, max_size=30).filter(
        lambda v: v.split(";")[0].strip().lower() not in ("", "no")
    )
)
def test_any_auto_submitted_but_no_is_automatic(value: str) -> None:
    assert automatic_reason({"Auto-Submitted": value}) == "auto_submitted"


@given(
    st.dictionaries(
        st.sampled_from(["Subject", "From", "To", "Date", "X-Mailer"]), st.text(max_size=20)
    )
)
def test_a_persons_ordinary_headers_are_never_automatic(headers: dict[str, str]) -> None:
    assert automatic_reason(headers) is None


def test_the_null_sender_and_the_mail_system_are_recognised() -> None:
    assert is_null_sender("<>")
    assert is_null_sender(" <> ")
    assert not is_null_sender("")  # unknown (HTTP), not null
    assert not is_null_sender("anna@example.org")
    assert is_daemon("MAILER-DAEMON@mx.example.org")
    assert is_daemon("<postmaster@example.org>")
    assert not is_daemon("anna@example.org")


def test_a_delivery_report_is_multipart_report_of_delivery_status() -> None:
    assert is_delivery_report("multipart/report", "delivery-status")
    assert is_delivery_report("Multipart/Report", "Delivery-Status")
    assert not is_delivery_report("multipart/report", "disposition-notification")
    assert not is_delivery_report("multipart/mixed", "delivery-status")


def test_only_failed_recipients_are_read_from_a_report() -> None:
    blocks = [
        {"Reporting-MTA": "dns; mx.example.org"},
        {
            "Final-Recipient": "rfc822; Gone@Example.org",
            "Action": "failed",
            "Status": "5.1.1",
            "Diagnostic-Code": "smtp; 550 5.1.1 No such\n   user",
        },
        {"Final-Recipient": "rfc822; later@example.org", "Action": "delayed", "Status": "4.4.1"},
        {"Final-Recipient": "rfc822; ok@example.org", "Action": "delivered", "Status": "2.0.0"},
        {"Original-Recipient": "rfc822;orig@example.org", "Action": "FAILED"},
        {"Final-Recipient": "x400; c=fr;a=;p=x", "Action": "failed"},
        {"Final-Recipient": "rfc822; gone@example.org", "Action": "failed"},  # twice: once
    ]
    assert failed_recipients(blocks) == [
        Failure("gone@example.org", "5.1.1; smtp; 550 5.1.1 No such user"),
        Failure("orig@example.org", ""),
    ]


def test_recipients_are_listed_once_in_lower_case() -> None:
    assert recipient_addresses(["<A@x.org>", "a@x.org", " b@y.org", ""]) == ["a@x.org", "b@y.org"]
