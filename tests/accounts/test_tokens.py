"""Personal API tokens: shown once, stored hashed, revocable, announced by e-mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command

from comptoir.accounts.models import ApiToken, User
from comptoir.accounts.services import api_token_create, api_token_revoke, user_for_token
from comptoir.core.errors import DomainError, NotFound


def test_a_token_authenticates_its_owner_and_only_its_hash_is_kept(buyer: User) -> None:
    issued = api_token_create(user=buyer, name="Accounting export")

    stored = ApiToken.objects.get(id=issued.token.id)
    assert issued.secret.startswith("cpt_" + stored.prefix)
    assert issued.secret not in (stored.key_hash, stored.prefix, stored.name)
    assert user_for_token(issued.secret) == buyer
    assert ApiToken.objects.get(id=stored.id).last_used_at is not None


def test_a_revoked_or_wrong_token_authenticates_nobody(buyer: User) -> None:
    issued = api_token_create(user=buyer, name="Old script")
    api_token_revoke(user=buyer, token_id=issued.token.id)

    assert user_for_token(issued.secret) is None
    assert user_for_token(issued.secret[:-1] + "x") is None
    assert user_for_token("not-a-token") is None


def test_nobody_revokes_someone_elses_token(buyer: User, seller: User) -> None:
    issued = api_token_create(user=buyer, name="Mine")
    with pytest.raises(NotFound):
        api_token_revoke(user=seller, token_id=issued.token.id)
    assert user_for_token(issued.secret) == buyer


def test_a_token_needs_a_name(buyer: User) -> None:
    with pytest.raises(DomainError) as err:
        api_token_create(user=buyer, name="   ")
    assert err.value.code == "name_required"
    assert not ApiToken.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker commits, like the real one
def test_the_owner_is_told_by_email_through_the_task_worker(buyer: User) -> None:
    api_token_create(user=buyer, name="Shop sync")

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["b@example.org"]
    assert "Shop sync" in mail.outbox[0].body
    assert "/account/" in mail.outbox[0].body
