"""The events Comptoir can send to webhook endpoints: a name and what it means.

Apps that emit events register their names from their AppConfig.ready, e.g.
`events.register("shop.measures_changed", _("…"))`; `emit` and the subscription API
accept registered names only.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Dotted lower-case words: "shop.standards_action_taken", "webhook.ping".
NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$")
PING = "webhook.ping"

EVENTS: dict[str, str | Promise] = {}


def register(name: str, description: str | Promise) -> None:
    """Make `name` known; registering it again replaces its description."""
    if not NAME.match(name):
        raise ValueError(f"webhook event names are dotted lower-case words, not {name!r}")
    EVENTS[name] = description


def is_known(name: str) -> bool:
    return name in EVENTS


def described() -> list[tuple[str, str]]:
    """Every known event and its description (in the active language), by name."""
    return [(name, str(EVENTS[name])) for name in sorted(EVENTS)]


register(PING, _("A test delivery, sent when you ask for one (POST /webhooks/{id}/ping)."))
