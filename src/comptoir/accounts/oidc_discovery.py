"""The marketplace's OpenID Connect endpoints, read from its discovery document.

mozilla-django-oidc wants every endpoint in settings; `oidc_setting` answers its settings
hook with the endpoints of `<OIDC_ISSUER>/.well-known/openid-configuration`, fetched when
someone first signs in (never at import, nor when Django builds a backend) and kept in the
process for an hour.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from django.conf import settings
from mozilla_django_oidc.utils import import_from_settings

ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
REQUIRED_ENDPOINTS = ("authorization_endpoint", "token_endpoint", "jwks_uri")
DISCOVERY_TTL = 3600.0  # seconds a discovery document is reused in this process


class DiscoveryError(Exception):
    """The provider's discovery document could not be read or does not describe it."""


_discovered: dict[str, tuple[float, dict[str, str]]] = {}
_discovered_lock = threading.Lock()


def clear_discovery_cache() -> None:
    with _discovered_lock:
        _discovered.clear()


def discover() -> dict[str, str]:
    """The provider's endpoints as mozilla-django-oidc settings, from its discovery document.

    Fetched on first use with OIDC_TIMEOUT, then reused for DISCOVERY_TTL seconds.
    """
    issuer = settings.OIDC_ISSUER.rstrip("/")
    if not issuer:
        raise DiscoveryError("OIDC_ISSUER is empty")
    now = time.monotonic()
    with _discovered_lock:
        cached = _discovered.get(issuer)
    if cached is not None and now - cached[0] < DISCOVERY_TTL:
        return cached[1]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(
            url,
            timeout=import_from_settings("OIDC_TIMEOUT", 10),
            verify=import_from_settings("OIDC_VERIFY_SSL", True),
            proxies=import_from_settings("OIDC_PROXY", None),
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise DiscoveryError(f"{url}: {exc}") from exc
    endpoints = read_discovery(document, issuer=issuer)
    with _discovered_lock:
        _discovered[issuer] = (now, endpoints)
    return endpoints


def read_discovery(document: object, *, issuer: str) -> dict[str, str]:
    """The endpoint settings a discovery document gives; it must name `issuer` as its own."""
    if not isinstance(document, dict):
        raise DiscoveryError("the discovery document is not a JSON object")
    named = str(document.get("issuer", "")).rstrip("/")
    if named != issuer:
        raise DiscoveryError(f"the discovery document names issuer {named!r}, not {issuer!r}")
    missing = [key for key in REQUIRED_ENDPOINTS if not document.get(key)]
    if missing:
        raise DiscoveryError(f"the discovery document lacks {', '.join(missing)}")
    return {
        setting: document[key]
        for setting, key in ENDPOINTS.items()
        if isinstance(document.get(key), str) and document[key]
    }


def oidc_setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, the provider's endpoints coming from discovery."""
    if attr in ENDPOINTS:
        return discover().get(attr, default[0] if default else None)
    return import_from_settings(attr, *default)
