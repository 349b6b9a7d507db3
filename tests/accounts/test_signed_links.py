"""Links the marketplace signs: each way a link can be wrong is refused, and nothing changes."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.signed_links import sign_link
from comptoir.core import clock

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def claims(**overrides: Any) -> dict[str, Any]:
    base = {
        "sub": "buyer-1",
        "aud": settings.SIGNED_LINK_AUDIENCE,
        "iat": int(NOW.timestamp()),
        "exp": int((NOW + timedelta(minutes=5)).timestamp()),
        "jti": secrets.token_hex(8),
        "next": "/messages/",
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def token(key: str | bytes | None = None, algorithm: str = "HS256", **overrides: Any) -> str:
    return jwt.encode(claims(**overrides), key or settings.SIGNED_LINK_SECRET, algorithm=algorithm)


def open_link(client: Client, value: str) -> Any:
    with clock.frozen_at(NOW + timedelta(seconds=10)):
        return client.get("/sign-in/link/", {"token": value})


def signed_in_as(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def refused(response: Any, code: str, status: int = 400) -> None:
    assert response.status_code == status
    assert f'data-code="{code}"' in response.content.decode()


def test_a_signed_link_signs_the_buyer_in_and_opens_the_page(client: Client, buyer: User) -> None:
    response = open_link(client, token(next="/messages/?folder=archive"))

    assert response.status_code == 302
    assert response["Location"] == "/messages/?folder=archive"
    assert signed_in_as(client) == buyer.id
    assert client.get("/messages/").status_code == 200


def test_the_command_line_link_works_once(client: Client, buyer: User) -> None:
    with clock.frozen_at(NOW):
        path = sign_link(external_id="buyer-1", next_path="/account/")
    with clock.frozen_at(NOW + timedelta(minutes=1)):
        first = client.get(path)
        second = Client().get(path)
    assert (first.status_code, first["Location"]) == (302, "/account/")
    refused(second, "link_used")


def test_a_used_link_is_refused_the_second_time(client: Client, buyer: User) -> None:
    value = token()
    assert open_link(client, value).status_code == 302
    other = Client()
    refused(open_link(other, value), "link_used")
    assert signed_in_as(other) is None


def test_an_expired_link_is_refused(client: Client, buyer: User) -> None:
    value = token()
    with clock.frozen_at(NOW + timedelta(minutes=6)):
        response = client.get("/sign-in/link/", {"token": value})
    refused(response, "link_expired")
    assert signed_in_as(client) is None


def test_a_link_living_longer_than_five_minutes_is_refused(client: Client, buyer: User) -> None:
    too_long = int((NOW + timedelta(hours=1)).timestamp())
    refused(open_link(client, token(exp=too_long)), "link_lifetime_too_long")
    assert signed_in_as(client) is None


@pytest.mark.parametrize("missing", ["exp", "iat", "jti", "sub", "aud"])
def test_a_link_without_a_required_claim_is_refused(
    client: Client, buyer: User, missing: str
) -> None:
    value = jwt.encode(
        {k: v for k, v in claims().items() if k != missing},
        settings.SIGNED_LINK_SECRET,
        algorithm="HS256",
    )
    refused(open_link(client, value), "link_invalid")
    assert signed_in_as(client) is None


def test_a_tampered_link_is_refused(client: Client, buyer: User, staff: User) -> None:
    header, payload, signature = token().split(".")
    forged = jwt.utils.base64url_encode(
        jwt.utils.base64url_decode(payload).replace(b"buyer-1", b"buyer-2")
    ).decode()
    refused(open_link(client, f"{header}.{forged}.{signature}"), "link_invalid")
    refused(open_link(client, "not-a-token"), "link_invalid")
    assert signed_in_as(client) is None


def test_a_link_signed_with_another_key_is_refused(client: Client, buyer: User) -> None:
    refused(open_link(client, token(key="not-the-shared-secret-" * 2)), "link_invalid")
    unsigned = jwt.encode(claims(), None, algorithm="none")
    refused(open_link(client, unsigned), "link_invalid")
    assert signed_in_as(client) is None


def test_a_link_for_another_audience_is_refused(client: Client, buyer: User) -> None:
    refused(open_link(client, token(aud="another-app")), "link_wrong_audience")


def test_a_link_for_an_unknown_person_is_refused(client: Client, buyer: User) -> None:
    refused(open_link(client, token(sub="nobody-here")), "unknown_user", 403)
    buyer.is_active = False
    buyer.save(update_fields=["is_active"])
    refused(open_link(client, token()), "unknown_user", 403)
    assert signed_in_as(client) is None


def test_staff_never_sign_in_by_link(client: Client, staff: User) -> None:
    staff.external_id = "staff-1"
    staff.save(update_fields=["external_id"])
    refused(open_link(client, token(sub="staff-1")), "staff_not_by_link", 403)
    assert signed_in_as(client) is None


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/messages/",
        "/\\evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        "/messages/\r\nLocation: https://evil.example/",
    ],
)
def test_a_link_to_another_site_is_refused(client: Client, buyer: User, target: str) -> None:
    refused(open_link(client, token(next=target)), "link_unsafe_target")
    assert signed_in_as(client) is None


def test_rs256_links_are_checked_with_the_marketplace_public_key(
    client: Client, buyer: User, settings: Any
) -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    settings.SIGNED_LINK_PUBLIC_KEY = public_pem
    # With a public key configured, the shared secret no longer signs anything.
    refused(open_link(client, token()), "link_invalid")
    assert open_link(client, token(key=private, algorithm="RS256")).status_code == 302
    assert signed_in_as(client) == buyer.id


def test_the_python_example_in_the_docs_makes_a_working_link(client: Client, buyer: User) -> None:
    import re
    import time
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "sign-in.md").read_text()
    snippet = re.search(r"```python\n(.*?)```", doc, re.S).group(1)  # type: ignore[union-attr]
    names: dict[str, Any] = {
        "buyer_id": "buyer-1",
        "path": "/messages/",
        "SECRET": settings.SIGNED_LINK_SECRET,
    }
    exec(snippet, names)  # noqa: S102 (our own documentation)
    with clock.frozen_at(datetime.fromtimestamp(time.time(), tz=UTC)):
        response = client.get("/sign-in/link/", {"token": names["token"]})
    assert (response.status_code, response["Location"]) == (302, "/messages/")
