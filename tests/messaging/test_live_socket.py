"""The live-update WebSocket: staff hear nothing before their second factor."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from django_otp import DEVICE_ID_SESSION_KEY

from comptoir.accounts.models import User
from comptoir.messaging.consumers import InboxConsumer
from tests.accounts.helpers import confirmed_device

pytestmark = pytest.mark.django_db(transaction=True)


def connect(user: User, session: dict[str, Any]) -> tuple[bool, Any]:
    """Open the socket as the browser would (the ASGI messages channels' own test
    communicator sends; it is not importable without daphne)."""

    async def attempt() -> tuple[bool, Any]:
        scope = {
            "type": "websocket",
            "path": "/ws/inbox/",
            "headers": [],
            "subprotocols": [],
            "user": user,
            "session": session,
        }
        communicator = ApplicationCommunicator(InboxConsumer.as_asgi(), scope)
        await communicator.send_input({"type": "websocket.connect"})
        answer = await communicator.receive_output(timeout=5)
        if answer["type"] == "websocket.accept":
            await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
            await communicator.wait(timeout=5)
            return True, None
        return False, answer.get("code")

    return async_to_sync(attempt)()


def test_a_buyer_connects(buyer: User) -> None:
    assert connect(buyer, {})[0] is True


def test_staff_without_their_second_factor_are_refused(staff: User) -> None:
    assert connect(staff, {}) == (False, 4403)
    device = confirmed_device(staff)
    assert connect(staff, {DEVICE_ID_SESSION_KEY: device.persistent_id})[0] is True


def test_another_persons_device_does_not_count(staff: User, buyer: User) -> None:
    others = confirmed_device(buyer)
    assert connect(staff, {DEVICE_ID_SESSION_KEY: others.persistent_id}) == (False, 4403)
