"""The listener protocol: apps downstream of messaging are called in one written-down order."""

from __future__ import annotations

import pytest

from comptoir.messaging import listeners
from comptoir.messaging.listeners import Listener, OutgoingMessage, Screening


def test_moderation_then_auto_replies_then_responsiveness_then_webhooks() -> None:
    called = [(type(x).__module__, type(x).__name__, x.order) for x in listeners.registered()]
    assert called == [
        ("comptoir.moderation.screening", "Moderation", 10),
        ("comptoir.autoreplies.apply", "AutoReplies", 20),
        ("comptoir.responsiveness.receivers", "Responsiveness", 30),
        ("comptoir.messaging.webhook_events", "WebhookEvents", 40),
    ]


def test_an_order_number_belongs_to_one_listener_and_registering_again_replaces() -> None:
    class Another(Listener):
        order = 10

    with pytest.raises(ValueError, match="taken by Moderation"):
        listeners.register(Another())
    before = listeners.registered()
    listeners.register(type(before[0])())
    assert [type(x) for x in listeners.registered()] == [type(x) for x in before]


def test_screenings_are_put_together_all_warnings_held_if_any_holds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Warns(Listener):
        order = 41

        def screen(self, message: OutgoingMessage) -> Screening | None:
            return Screening(warnings=("a", "b"), detail="w")

    class Holds(Listener):
        order = 42

        def screen(self, message: OutgoingMessage) -> Screening | None:
            return Screening(warnings=("b", "c"), hold=True, detail="h")

    monkeypatch.setattr(listeners, "_listeners", [Warns(), Holds()])
    message = OutgoingMessage(conversation=None, sender_side="shop", body="x", marketing=False)  # type: ignore[arg-type]
    together = listeners.screen(message)
    assert together == Screening(warnings=("a", "b", "c"), hold=True, detail=["w", "h"])
    monkeypatch.setattr(listeners, "_listeners", [])
    assert listeners.screen(message).clean
