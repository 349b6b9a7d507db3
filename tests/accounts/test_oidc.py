"""Sign-in through the marketplace (OpenID Connect), against a real provider on localhost.

Comptoir's side is Django's test client; the provider is tests/accounts/oidc_provider, in
its own process, reached over HTTP by the client library and by `through_provider` (which
fills the provider's login form the way a browser would).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory
from django.urls import reverse

from comptoir.accounts import oidc, oidc_discovery
from comptoir.accounts.entry import entry_link
from comptoir.accounts.models import User
from comptoir.accounts.services import buyer_upsert, staff_create
from comptoir.core.outbox import site_link
from tests.accounts.oidc_provider.harness import (
    TEST_CLIENT_CALLBACK,
    Provider,
    configure,
    running_provider,
    through_provider,
)

START = "/sign-in/oidc/"
REFUSED = "/sign-in/oidc/refused/"


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider([TEST_CLIENT_CALLBACK]) as running:
        yield running


@pytest.fixture
def oidc_on(settings: Any, provider: Provider) -> Iterator[Provider]:
    configure(settings, provider)
    yield provider
    oidc.clear_discovery_cache()


def sign_in(client: Client, provider: Provider, username: str, next_path: str = "/") -> Any:
    """The whole round trip; returns Comptoir's answer to the provider's callback."""
    start = client.get(START, {"next": next_path})
    assert start.status_code == 302, start
    callback = urlsplit(through_provider(provider, start["Location"], username))
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == TEST_CLIENT_CALLBACK
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_as(client: Client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def refusal_page(client: Client) -> str:
    page = client.get(REFUSED)
    assert page.status_code == 403
    return str(page.content.decode())


# --- The round trip -----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_buyer_fed_in_by_the_marketplace_signs_in_lands_on_next_and_is_refreshed(
    client: Client, oidc_on: Provider
) -> None:
    alice = buyer_upsert(external_id="alice", email="old@example.org", display_name="A.")
    users = User.objects.count()

    answer = sign_in(client, oidc_on, "alice", next_path="/messages/")

    assert answer.status_code == 302
    assert answer["Location"] == "/messages/"
    assert signed_in_as(client) == alice
    alice.refresh_from_db()
    assert (alice.email, alice.display_name, alice.language) == (
        "alice@example.org",
        "Alice Martin",
        "fr",
    )
    assert User.objects.count() == users
    assert client.get("/messages/").status_code == 200


@pytest.mark.django_db
def test_someone_new_with_an_e_mail_is_created_just_in_time_with_no_permission(
    client: Client, oidc_on: Provider
) -> None:
    answer = sign_in(client, oidc_on, "dave")

    assert answer.status_code == 302
    assert answer["Location"] == "/"
    dave = User.objects.get(external_id="dave")
    assert signed_in_as(client) == dave
    assert (dave.email, dave.display_name, dave.language) == (
        "dave@example.org",
        "Dave Nowak",
        "pl",
    )
    assert not dave.has_usable_password()
    assert not dave.is_staff
    assert not dave.is_superuser
    assert dave.get_all_permissions() == set()
    assert not dave.shop_memberships.exists()


@pytest.mark.django_db
def test_the_match_is_by_marketplace_id_never_by_e_mail(client: Client, oidc_on: Provider) -> None:
    # A local account with Alice's address is not Alice's account.
    local = User.objects.create_user(username="local", email="alice@example.org", password="x" * 12)

    sign_in(client, oidc_on, "alice")

    alice = User.objects.get(external_id="alice")
    assert alice != local
    assert signed_in_as(client) == alice
    local.refresh_from_db()
    assert local.external_id is None


@pytest.mark.django_db
def test_someone_unknown_without_an_e_mail_is_refused_with_the_page(
    client: Client, oidc_on: Provider
) -> None:
    users = User.objects.count()

    answer = sign_in(client, oidc_on, "carol")

    assert answer.status_code == 302
    assert answer["Location"] == REFUSED
    assert signed_in_as(client) is None
    assert User.objects.count() == users
    page = refusal_page(client)
    assert "Your marketplace account isn't known to Comptoir" in page
    assert "add an e-mail address to your account on Test Marketplace" in page


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["staff account", "permission only"])
def test_trust_and_safety_may_not_sign_in_through_the_marketplace(
    client: Client, oidc_on: Provider, how: str
) -> None:
    if how == "staff account":
        tess = staff_create(username="tess", email="tess@example.org", password="x" * 12)
        tess.external_id = "tess"
        tess.save()
    else:
        tess = buyer_upsert(external_id="tess", email="tess@example.org")
        tess.user_permissions.add(Permission.objects.get(codename="trust_and_safety"))
    assert tess.is_trust_and_safety

    answer = sign_in(client, oidc_on, "tess")

    assert answer["Location"] == REFUSED
    assert signed_in_as(client) is None
    page = refusal_page(client)
    assert "Trust & Safety and back-office accounts cannot sign in through" in page
    assert "second factor" in page


@pytest.mark.django_db
def test_a_disabled_account_is_refused(client: Client, oidc_on: Provider) -> None:
    alice = buyer_upsert(external_id="alice", email="alice@example.org")
    alice.is_active = False
    alice.save()

    answer = sign_in(client, oidc_on, "alice")

    assert answer["Location"] == REFUSED
    assert signed_in_as(client) is None
    assert "This account is disabled" in refusal_page(client)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "http://testserver/messages/",  # absolute, even to this host
    ],
)
def test_an_unsafe_next_is_never_followed(client: Client, oidc_on: Provider, unsafe: str) -> None:
    buyer_upsert(external_id="alice", email="alice@example.org")

    answer = sign_in(client, oidc_on, "alice", next_path=unsafe)

    assert answer.status_code == 302
    assert answer["Location"] == "/"
    assert signed_in_as(client) is not None


@pytest.mark.django_db
def test_someone_already_signed_in_goes_straight_to_a_safe_next(
    client: Client, oidc_on: Provider
) -> None:
    client.force_login(buyer_upsert(external_id="alice", email="alice@example.org"))
    assert client.get(START, {"next": "/messages/"})["Location"] == "/messages/"
    assert client.get(START, {"next": "//evil.example"})["Location"] == "/"


@pytest.mark.django_db
def test_the_authorization_request_uses_pkce_s256_state_and_nonce(
    client: Client, oidc_on: Provider
) -> None:
    start = client.get(START, {"next": "/messages/"})

    authorize = urlsplit(start["Location"])
    query = {k: v[0] for k, v in parse_qs(authorize.query).items()}
    assert f"{authorize.scheme}://{authorize.netloc}{authorize.path}" == (
        oidc_on.issuer + "/authorize/"
    )
    assert query["code_challenge_method"] == "S256"
    assert query["redirect_uri"] == TEST_CLIENT_CALLBACK
    kept = client.session["oidc_states"][query["state"]]
    assert kept["nonce"] == query["nonce"]
    digest = hashlib.sha256(kept["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == query["code_challenge"]


@pytest.mark.django_db
def test_the_provider_refuses_a_sign_in_without_pkce(
    client: Client, settings: Any, oidc_on: Provider
) -> None:
    """The provider requires PKCE: the successful round trips above did use it."""
    settings.OIDC_USE_PKCE = False
    buyer_upsert(external_id="alice", email="alice@example.org")

    answer = sign_in(client, oidc_on, "alice")

    assert answer["Location"] == REFUSED
    assert signed_in_as(client) is None
    assert "was cancelled or did not complete" in refusal_page(client)


@pytest.mark.django_db
def test_a_callback_cannot_be_replayed(client: Client, oidc_on: Provider) -> None:
    buyer_upsert(external_id="alice", email="alice@example.org")
    start = client.get(START)
    callback = urlsplit(through_provider(oidc_on, start["Location"], "alice"))
    assert client.get(f"{callback.path}?{callback.query}").status_code == 302
    client.logout()

    again = client.get(f"{callback.path}?{callback.query}")

    assert again.status_code == 302
    assert again["Location"] == REFUSED
    assert signed_in_as(client) is None


# --- Discovery ------------------------------------------------------------------------


@pytest.mark.django_db
def test_discovery_is_read_on_first_use_and_kept(oidc_on: Provider) -> None:
    oidc.MarketplaceOIDCBackend()  # builds without asking the provider anything
    assert not oidc_discovery._discovered

    first = oidc.discover()

    assert first["OIDC_OP_TOKEN_ENDPOINT"] == oidc_on.issuer + "/token/"
    assert first["OIDC_OP_JWKS_ENDPOINT"] == oidc_on.issuer + "/.well-known/jwks.json"
    assert oidc.discover() is first


@pytest.mark.django_db
def test_a_provider_that_does_not_answer_gets_a_page_not_an_error(
    client: Client, settings: Any, unused_port: int
) -> None:
    settings.OIDC_ISSUER = f"http://127.0.0.1:{unused_port}"
    settings.OIDC_TIMEOUT = 2
    oidc.clear_discovery_cache()

    answer = client.get(START)

    assert answer.status_code == 503
    assert "is not answering right now" in answer.content.decode()


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_discovery_document_must_name_its_issuer() -> None:
    document = {
        "issuer": "https://other.example",
        "authorization_endpoint": "https://m.example/a",
        "token_endpoint": "https://m.example/t",
        "jwks_uri": "https://m.example/k",
    }
    with pytest.raises(oidc.DiscoveryError):
        oidc.read_discovery(document, issuer="https://m.example")
    with pytest.raises(oidc.DiscoveryError):
        oidc.read_discovery({"issuer": "https://m.example"}, issuer="https://m.example")
    document["issuer"] = "https://m.example/"
    assert oidc.read_discovery(document, issuer="https://m.example") == {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://m.example/a",
        "OIDC_OP_TOKEN_ENDPOINT": "https://m.example/t",
        "OIDC_OP_JWKS_ENDPOINT": "https://m.example/k",
    }


# --- Off ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_no_issuer_the_pages_answer_404_and_the_backend_does_nothing(
    client: Client, settings: Any
) -> None:
    settings.OIDC_ISSUER = ""
    oidc.clear_discovery_cache()
    alice = buyer_upsert(external_id="alice", email="alice@example.org")

    for path in (START, "/sign-in/oidc/callback/?code=x&state=y", REFUSED):
        assert client.get(path).status_code == 404, path
    request = RequestFactory().get("/sign-in/oidc/callback/", {"code": "x", "state": "y"})
    backend = oidc.MarketplaceOIDCBackend()
    assert backend.authenticate(request, nonce="n", code_verifier="v") is None
    assert backend.get_user(alice.pk) is None
    assert not oidc.is_configured()
    assert entry_link("/messages/1/") == site_link("/messages/1/")


@pytest.mark.django_db
def test_the_backend_ignores_a_password_sign_in_even_with_code_and_state(
    rf: RequestFactory, oidc_on: Provider
) -> None:
    request = rf.post("/login/?code=x&state=y")
    assert oidc.MarketplaceOIDCBackend().authenticate(request, username="a", password="b") is None
    assert not oidc_discovery._discovered  # never went to the provider


# --- Links in e-mails -----------------------------------------------------------------


@pytest.mark.django_db
def test_an_e_mail_link_signs_in_through_the_marketplace_when_it_is_on(
    settings: Any, oidc_on: Provider
) -> None:
    alice = buyer_upsert(external_id="alice", email="alice@example.org")
    local = User.objects.create_user(username="local", email="l@example.org")
    staff = staff_create(username="staff", email="s@example.org", password="x" * 12)
    staff.external_id = "staff-1"
    staff.save()

    expected = settings.SITE_URL.rstrip("/") + "/sign-in/oidc/?next=%2Fmessages%2F7%2F"
    assert entry_link("/messages/7/") == expected
    assert entry_link("/messages/7/", recipient=alice) == expected
    # Who signs in locally gets the page itself (the sign-in page takes over with ?next=).
    assert entry_link("/messages/7/", recipient=local) == site_link("/messages/7/")
    assert entry_link("/messages/7/", recipient=staff) == site_link("/messages/7/")
    assert oidc.start_path() == reverse("accounts:oidc_start")


# --- Plain rules ----------------------------------------------------------------------


LANGUAGES = ("en", "fr", "pl")


def test_claims_give_the_id_and_details_and_nothing_else() -> None:
    person = oidc.read_claims(
        {
            "sub": "m-42",
            "email": " ann@example.org ",
            "given_name": "Ann",
            "family_name": "Lee",
            "locale": "pl_PL",
            "roles": ["admin"],
            "groups": ["trust_and_safety"],
        },
        id_claim="sub",
        languages=LANGUAGES,
    )
    assert person == oidc.Person(
        external_id="m-42", email="ann@example.org", display_name="Ann Lee", language="pl"
    )


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ({"sub": 42}, ("42", "", "", "")),
        ({"sub": True}, ("", "", "", "")),
        ({"sub": "x" * 65}, ("", "", "", "")),
        ({"uid": "u-1", "sub": "s"}, ("s", "", "", "")),
        ({"sub": "s", "email": "not-an-address"}, ("s", "", "", "")),
        ({"sub": "s", "email": "a@example.org", "email_verified": False}, ("s", "", "", "")),
        (
            {"sub": "s", "email": "a@example.org", "email_verified": True},
            ("s", "a@example.org", "", ""),
        ),
        ({"sub": "s", "name": "Zoé", "given_name": "Z"}, ("s", "", "Zoé", "")),
        ({"sub": "s", "locale": "de-DE"}, ("s", "", "", "")),
        ({"sub": "s", "locale": "FR"}, ("s", "", "", "fr")),
    ],
)
def test_claims_that_cannot_be_used_are_left_out(
    claims: dict[str, Any], expected: tuple[str, str, str, str]
) -> None:
    person = oidc.read_claims(claims, id_claim="sub", languages=LANGUAGES)
    assert (person.external_id, person.email, person.display_name, person.language) == expected


def test_the_id_claim_is_configurable() -> None:
    person = oidc.read_claims({"sub": "s", "uid": "u-1"}, id_claim="uid", languages=LANGUAGES)
    assert person.external_id == "u-1"


@pytest.mark.parametrize(
    "payload",
    [
        {"iss": "https://other.example", "aud": "c"},
        {"iss": "https://m.example", "aud": "someone-else"},
        {"iss": "https://m.example", "aud": ["c", "d"], "azp": "d"},
    ],
)
def test_an_id_token_for_another_issuer_or_client_is_rejected(payload: dict[str, Any]) -> None:
    from django.core.exceptions import SuspiciousOperation

    with pytest.raises(SuspiciousOperation):
        oidc.check_id_token(payload, issuer="https://m.example", client_id="c")


def test_an_id_token_for_us_passes() -> None:
    oidc.check_id_token(
        {"iss": "https://m.example/", "aud": "c"}, issuer="https://m.example", client_id="c"
    )
    oidc.check_id_token(
        {"iss": "https://m.example", "aud": ["c", "d"], "azp": "c"},
        issuer="https://m.example",
        client_id="c",
    )
