"""How API callers prove who they are: a personal token (the browser's session is
`core.api.SessionAuth`, with its CSRF rule), and the integration's permission."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from comptoir.accounts.services import user_for_token
from comptoir.core.api import require_permission


class BearerToken(HttpBearer):
    """`Authorization: Bearer cpt_…`, a personal API token (create one on your account page)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


INTEGRATION_PERMISSION = "accounts.marketplace_integration"


def require_integration(request: HttpRequest) -> None:
    """Feeding or reading marketplace data takes the integration permission."""
    require_permission(request, INTEGRATION_PERMISSION)
