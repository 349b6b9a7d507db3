"""The event registry other apps add their events to."""

from __future__ import annotations

import pytest

from comptoir.webhooks import events


def test_ping_is_built_in() -> None:
    assert events.is_known("webhook.ping")
    assert "webhook.ping" in dict(events.described())


def test_an_app_registers_its_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "EVENTS", dict(events.EVENTS))
    events.register("shop.measures_changed", "Measures on a shop changed.")
    assert events.is_known("shop.measures_changed")
    assert ("shop.measures_changed", "Measures on a shop changed.") in events.described()
    names = [name for name, _text in events.described()]
    assert names == sorted(names)


@pytest.mark.parametrize("name", ["ping", "Shop.Changed", "shop..changed", "shop.changed.", "1.x"])
def test_names_are_dotted_lower_case_words(name: str) -> None:
    with pytest.raises(ValueError, match="dotted"):
        events.register(name, "nope")
