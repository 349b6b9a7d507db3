"""Webhooks reach public addresses only: not Comptoir's own services, not the cloud's
metadata service, not the office network (unless staff list an internal receiver)."""

from __future__ import annotations

import ipaddress
import json
from typing import Any

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create
from comptoir.webhooks import addresses
from comptoir.webhooks.models import Delivery, Endpoint
from comptoir.webhooks.services import emit
from tests.webhooks.conftest import Receiver, run_first_attempts

EVENT = "webhook.ping"


def create(user: User, url: str) -> Any:
    secret = api_token_create(user=user, name="hooks").secret
    return Client().post(
        "/api/v1/webhooks",
        data=json.dumps({"url": url, "events": []}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:6379/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://172.16.5.4/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[fe80::1]/",
        "http://[fd00::1]/",
        "http://localhost:5432/",
        "http://api.localhost/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://2130706433/",
    ],
)
def test_private_targets_are_refused_when_the_endpoint_is_made(
    integration_user: User, url: str
) -> None:
    answer = create(integration_user, url)
    assert answer.status_code == 422, answer.content
    assert answer.json()["code"] in ("url_not_allowed", "invalid_url")
    assert not Endpoint.objects.exists()


def test_public_targets_are_accepted(integration_user: User) -> None:
    # Not resolvable from this sandbox: accepted, and checked again at every connection.
    assert create(integration_user, "https://hooks.marketplace.example/comptoir").status_code == 201


def test_a_name_resolving_to_a_private_address_is_refused() -> None:
    with pytest.raises(addresses.Refused):
        addresses.resolve("localhost", 80)


def test_staff_can_allow_an_internal_receiver(
    integration_user: User, receiver: Receiver, settings: Any
) -> None:
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.0/8"]
    assert create(integration_user, receiver.url).status_code == 201
    emit(event=EVENT, payload={"n": 1})
    assert run_first_attempts() == [True]
    assert len(receiver.requests) == 1


def test_the_check_is_made_again_at_connect_time(
    integration_user: User, receiver: Receiver, settings: Any
) -> None:
    assert create(integration_user, receiver.url).status_code == 201  # allowed then
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = []  # no longer
    emit(event=EVENT, payload={"n": 1})
    assert run_first_attempts() == [False]
    assert receiver.requests == []  # nothing reached it
    delivery = Delivery.objects.get()
    assert delivery.last_status_code is None
    assert delivery.last_error.startswith("Refused: ")


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),  # noqa: S104
        ("::1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:8.8.8.8", True),
        ("fc00::1", False),
        ("ff02::1", False),
        ("198.18.0.1", False),
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert addresses.is_public(ipaddress.ip_address(address)) is public
