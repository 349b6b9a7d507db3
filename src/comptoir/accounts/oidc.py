"""Sign-in through the marketplace as OpenID Connect provider (stub until implemented)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend


class MarketplaceOIDCBackend(BaseBackend):
    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None


def is_configured() -> bool:
    from django.conf import settings

    return bool(settings.OIDC_ISSUER)


def provider_name() -> str:
    from django.conf import settings
    from django.utils.translation import gettext as _

    return settings.OIDC_PROVIDER_NAME or _("your marketplace")


def start_path(next_path: str) -> str:
    return ""
