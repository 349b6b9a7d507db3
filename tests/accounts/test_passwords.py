"""Local accounts: reset and change a password, and lockout after repeated failures."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.core.models import OutboxEmail


def test_password_reset_goes_through_the_outbox_and_works_once(client: Client, buyer: User) -> None:
    response = client.post("/password/reset/", {"email": "b@example.org"})
    assert response["Location"] == "/password/reset/sent/"
    [email] = OutboxEmail.objects.filter(reason="password_reset")
    assert email.recipient == "b@example.org"
    assert email.sent_at is None
    path = re.search(r"/password/reset/[^/]+/[^/]+/", email.link).group(0)  # type: ignore[union-attr]

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    form_url = form_page.redirect_chain[-1][0]
    done = client.post(
        form_url, {"new_password1": "a-new-Passw0rd!", "new_password2": "a-new-Passw0rd!"}
    )
    assert done["Location"] == "/password/reset/done/"
    buyer.refresh_from_db()
    assert buyer.check_password("a-new-Passw0rd!")
    assert "already used or has expired" in Client().get(path, follow=True).content.decode()


def test_password_reset_says_the_same_for_an_unknown_address(client: Client, db: None) -> None:
    response = client.post("/password/reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password/reset/sent/"
    assert not OutboxEmail.objects.filter(reason="password_reset").exists()


def test_password_change(client: Client, buyer: User) -> None:
    client.force_login(buyer)
    wrong = client.post(
        "/account/password/",
        {
            "old_password": "nope",
            "new_password1": "b-new-Passw0rd!",
            "new_password2": "b-new-Passw0rd!",
        },
    )
    assert wrong.status_code == 200
    assert "incorrectly" in wrong.content.decode()
    right = client.post(
        "/account/password/",
        {
            "old_password": "buyer-pass-123",
            "new_password1": "b-new-Passw0rd!",
            "new_password2": "b-new-Passw0rd!",
        },
    )
    assert right["Location"] == "/account/password/changed/"
    buyer.refresh_from_db()
    assert buyer.check_password("b-new-Passw0rd!")


def _attempt(username: str, password: str, ip: str = "10.0.0.1") -> int:
    response = Client().post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response.status_code


def test_repeated_failures_lock_the_account_even_with_the_right_password(
    buyer: User, settings: pytest.FixtureRequest
) -> None:
    limit = settings.AXES_FAILURE_LIMIT  # type: ignore[attr-defined]
    for attempt in range(limit - 1):
        # Different addresses: the account's own count locks it.
        assert _attempt("buyer", "wrong", ip=f"10.0.1.{attempt}") == 200
    assert _attempt("buyer", "wrong", ip="10.0.2.1") == 429
    assert _attempt("buyer", "buyer-pass-123", ip="10.0.2.2") == 429
    page = Client().post(
        "/login/", {"username": "buyer", "password": "buyer-pass-123"}, REMOTE_ADDR="10.0.2.3"
    )
    assert "Too many failed sign-ins" in page.content.decode()
    assert "_auth_user_id" not in page.client.session


def test_repeated_failures_from_one_address_lock_that_address(
    buyer: User, settings: pytest.FixtureRequest
) -> None:
    limit = settings.AXES_FAILURE_LIMIT  # type: ignore[attr-defined]
    for attempt in range(limit):
        _attempt(f"guess{attempt}", "wrong", ip="10.7.7.7")
    assert _attempt("buyer", "buyer-pass-123", ip="10.7.7.7") == 429
    assert _attempt("buyer", "buyer-pass-123", ip="10.7.7.8") == 302


def test_a_success_before_the_limit_resets_the_count(buyer: User) -> None:
    for _ in range(3):
        _attempt("buyer", "wrong")
    assert _attempt("buyer", "buyer-pass-123") == 302
    for _ in range(3):
        _attempt("buyer", "wrong")
    assert _attempt("buyer", "buyer-pass-123") == 302


def test_the_account_page_offers_a_password_change_only_to_those_with_a_password(
    client: Client, buyer: User
) -> None:
    client.force_login(buyer)
    assert 'href="/account/password/"' in client.get("/account/").content.decode()
    fed_in = User.objects.create(username="mp-9", external_id="9")
    fed_in.set_unusable_password()
    fed_in.save()
    client.force_login(fed_in)
    page = client.get("/account/").content.decode()
    assert 'href="/account/password/"' not in page
    assert "You have no password here" in page
