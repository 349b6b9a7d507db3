"""Reply addresses: one per person and thread, unguessable, not editable, expiring."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import override_settings

from comptoir.core import clock
from comptoir.messaging.models import Side
from comptoir.messaging.reply_addresses import (
    BadReplyAddress,
    read_reply_address,
    reply_address,
)


@override_settings(MAIL_REPLY_DOMAIN="reply.example.org")
def test_an_address_reads_back_as_its_thread_side_and_person() -> None:
    address = reply_address(conversation_id=812, side=Side.SHOP, user_id=45)
    assert address.startswith("reply+")
    assert address.endswith("@reply.example.org")
    assert len(address.partition("@")[0]) <= 64
    target = read_reply_address(address.upper())  # some servers change the case
    assert (target.conversation_id, target.side, target.user_id) == (812, Side.SHOP, 45)
    visitor = read_reply_address(reply_address(conversation_id=9, side=Side.BUYER, user_id=None))
    assert (visitor.side, visitor.user_id) == (Side.BUYER, None)


@override_settings(MAIL_REPLY_DOMAIN="reply.example.org")
def test_an_edited_address_is_refused_as_forged() -> None:
    address = reply_address(conversation_id=812, side=Side.BUYER, user_id=45)
    for edited in (
        address.replace("812-", "813-", 1),  # another thread
        address.replace("-b45-", "-b46-", 1),  # another person
        address.replace("-b45-", "-s45-", 1),  # the other side
        address.replace("-b45-", "-v0-", 1),  # the visitor
    ):
        with pytest.raises(BadReplyAddress) as refused:
            read_reply_address(edited)
        assert refused.value.reason == "forged"
    for unknown in ("seller@example.org", "reply+nonsense@reply.example.org", ""):
        with pytest.raises(BadReplyAddress) as refused:
            read_reply_address(unknown)
        assert refused.value.reason == "unknown"


@override_settings(MAIL_REPLY_DOMAIN="reply.example.org", MAIL_REPLY_MAX_AGE_DAYS=30)
def test_an_address_runs_out() -> None:
    with clock.frozen_at(clock.now() - timedelta(days=31)):
        old = reply_address(conversation_id=1, side=Side.BUYER, user_id=2)
    with pytest.raises(BadReplyAddress) as refused:
        read_reply_address(old)
    assert refused.value.reason == "expired"
    with clock.frozen_at(clock.now() - timedelta(days=29)):
        recent = reply_address(conversation_id=1, side=Side.BUYER, user_id=2)
    assert read_reply_address(recent).conversation_id == 1


def test_no_domain_no_reply_address() -> None:
    assert reply_address(conversation_id=1, side=Side.BUYER, user_id=2) == ""
