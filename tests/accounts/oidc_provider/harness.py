"""Starting the test OpenID provider for a test module, and walking through its login form.

Nothing here stands in for the client library: Comptoir's backend talks to this provider
over HTTP exactly as it would to a marketplace.
"""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from comptoir.accounts import oidc

ROOT = Path(__file__).resolve().parents[3]
PASSWORD = "provider-pass-123"
CLIENT_ID = "comptoir-tests"
CLIENT_SECRET = "comptoir-tests-secret"
TEST_CLIENT_CALLBACK = "http://testserver/sign-in/oidc/callback/"

# The marketplace's people, by username (= `sub` = Comptoir's external_id).
PEOPLE: dict[str, dict[str, str]] = {
    "alice": {"email": "alice@example.org", "name": "Alice Martin", "locale": "fr-FR"},
    "bob": {"email": "bob@example.org", "name": "Bob Lune"},
    "carol": {"name": "Carol Sans-Mail"},  # no e-mail claim
    "dave": {
        "email": "dave@example.org",
        "given_name": "Dave",
        "family_name": "Nowak",
        "locale": "pl",
    },
    "tess": {"email": "tess@example.org", "name": "Tess Safety"},
}


@dataclass(frozen=True)
class Provider:
    issuer: str
    pid: int

    @property
    def origin(self) -> str:
        return self.issuer.removesuffix("/o")


def _private_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@contextmanager
def running_provider(redirect_uris: list[str]) -> Iterator[Provider]:
    """The provider in its own process and temporary database; stopped by its pid."""
    with tempfile.TemporaryDirectory(prefix="oidc-provider-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "OIDC_"))}
        env.update(
            {
                "DJANGO_SETTINGS_MODULE": "tests.accounts.oidc_provider.settings",
                "PYTHONPATH": str(ROOT),
                "OIDC_PROVIDER_DB": str(Path(tmp) / "provider.sqlite3"),
                "OIDC_PROVIDER_RSA_KEY": _private_key(),
                "OIDC_PROVIDER_PEOPLE": json.dumps(PEOPLE),
                "OIDC_PROVIDER_PASSWORD": PASSWORD,
                "OIDC_PROVIDER_CLIENT_ID": CLIENT_ID,
                "OIDC_PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
                "OIDC_PROVIDER_REDIRECT_URIS": json.dumps(redirect_uris),
            }
        )
        log_path = Path(tmp) / "provider.log"
        with log_path.open("w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "tests.accounts.oidc_provider.serve"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            try:
                assert proc.stdout is not None
                ready, _, _ = select.select([proc.stdout], [], [], 120)
                line = proc.stdout.readline().strip() if ready else ""
                if not line.isdigit():
                    raise RuntimeError(f"the test provider did not start:\n{log_path.read_text()}")
                provider = Provider(issuer=f"http://127.0.0.1:{line}/o", pid=proc.pid)
                _wait_for_discovery(provider, log_path)
                yield provider
            finally:
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGTERM)
                    try:
                        proc.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        os.kill(proc.pid, signal.SIGKILL)
                        proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()


def _wait_for_discovery(provider: Provider, log_path: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            url = provider.issuer + "/.well-known/openid-configuration"
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the test provider's discovery did not answer:\n{log_path.read_text()}")


def configure(settings: Any, provider: Provider, **overrides: Any) -> None:
    """Comptoir's OIDC settings pointing at the provider (the `settings` fixture's object)."""
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_PROVIDER_NAME = "Test Marketplace"
    for name, value in overrides.items():
        setattr(settings, name, value)
    oidc.clear_discovery_cache()


def through_provider(provider: Provider, authorize_url: str, username: str) -> str:
    """Sign in at the provider as `username` (its login form, then its authorization);
    returns the URL it sends the browser back to (Comptoir's callback)."""
    session = requests.Session()
    response = session.get(authorize_url, allow_redirects=False, timeout=10)
    signed_in = False
    for _ in range(10):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if not location.startswith(provider.origin + "/"):
                return location
            response = session.get(location, allow_redirects=False, timeout=10)
        elif response.status_code == 200 and 'name="password"' in response.text and not signed_in:
            signed_in = True
            response = session.post(
                response.url,
                data={
                    "username": username,
                    "password": PASSWORD,
                    "csrfmiddlewaretoken": session.cookies["provider_csrftoken"],
                },
                allow_redirects=False,
                timeout=10,
            )
        else:
            raise AssertionError(f"{response.status_code} at {response.url}: {response.text[:500]}")
    raise AssertionError("too many redirects at the provider")
