"""Sign-in through the marketplace as OpenID Connect provider (stub until implemented)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend


class MarketplaceOIDCBackend(BaseBackend):
    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None
