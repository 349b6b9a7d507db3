"""The test provider's claims: `sub` is the username (the marketplace id), then the person's
e-mail, name and locale as the harness described them (none for someone without)."""

from __future__ import annotations

import json
import os
from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator

PEOPLE: dict[str, dict[str, str]] = json.loads(os.environ.get("OIDC_PROVIDER_PEOPLE", "{}"))


class MarketplaceValidator(OAuth2Validator):
    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        username = request.user.get_username()
        return {"sub": username, **PEOPLE.get(username, {})}
