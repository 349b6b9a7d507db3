"""Trust & Safety see given-up e-mails (API and console) and send them again; nobody else."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.models import AuditEntry, OutboxEmail
from comptoir.core.outbox import deliver_email, message_id, queue_email
from tests.accounts.helpers import staff_client
from tests.messaging.conftest import Client_

pytestmark = pytest.mark.django_db


@pytest.fixture
def given_up() -> OutboxEmail:
    with transaction.atomic():
        email = queue_email(
            recipient="gone@example.org", subject="New message", body="b", link="", reason="r"
        )
    OutboxEmail.objects.filter(id=email.id).update(
        attempts=12, dead_at=clock.now(), next_attempt_at=None, last_error="SMTPServerDisconnected"
    )
    email.refresh_from_db()
    return email


@pytest.fixture
def waiting() -> OutboxEmail:
    with transaction.atomic():
        return queue_email(
            recipient="soon@example.org", subject="Hello", body="b", link="", reason="r"
        )


def test_staff_list_the_given_up_e_mails(
    as_staff: Client_, given_up: OutboxEmail, waiting: OutboxEmail
) -> None:
    response = as_staff.get("/outbox", status="dead")
    assert response.status_code == 200
    body = response.json()
    assert body["next_cursor"] is None
    [item] = body["items"]
    for field in ("created_at", "dead_at"):
        shown = datetime.fromisoformat(item.pop(field))  # to the millisecond
        assert abs(shown - getattr(given_up, field)) < timedelta(milliseconds=1)
    assert item == {
        "id": given_up.id,
        "recipient": "gone@example.org",
        "subject": "New message",
        "reason": "r",
        "status": "dead",
        "attempts": 12,
        "next_attempt_at": None,
        "sent_at": None,
        "last_error": "SMTPServerDisconnected",
        "message_id": message_id(given_up),
    }
    pending = as_staff.get("/outbox", status="pending").json()["items"]
    assert [e["id"] for e in pending] == [waiting.id]


def test_staff_send_a_given_up_e_mail_again_once(
    as_staff: Client_, given_up: OutboxEmail, staff: User
) -> None:
    response = as_staff.post(f"/outbox/{given_up.id}/retry")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["attempts"]) == ("pending", 0)
    assert AuditEntry.objects.get(verb="outbox.retried").actor == staff
    again = as_staff.post(f"/outbox/{given_up.id}/retry")
    assert (again.status_code, again.json()["code"]) == (409, "outbox_email_not_given_up")
    assert deliver_email.call(given_up.id) is True
    assert as_staff.post("/outbox/999999/retry").status_code == 404


def test_anyone_else_gets_404_and_changes_nothing(
    as_buyer: Client_, as_seller: Client_, given_up: OutboxEmail
) -> None:
    for client in (as_buyer, as_seller):
        assert client.get("/outbox", status="dead").status_code == 404
        assert client.post(f"/outbox/{given_up.id}/retry").status_code == 404
    given_up.refresh_from_db()
    assert given_up.dead_at is not None
    assert not AuditEntry.objects.exists()


def test_the_console_lists_them_and_sends_one_again(
    staff: User, given_up: OutboxEmail, waiting: OutboxEmail
) -> None:
    web = staff_client(staff)
    html = web.get("/staff/outbox/").content.decode()
    assert "gone@example.org" in html
    assert "soon@example.org" not in html
    assert "Given up (1)" in html
    assert "Waiting (1)" in html
    response = web.post(f"/staff/outbox/{given_up.id}/retry/")
    assert response.status_code == 302
    given_up.refresh_from_db()
    assert (given_up.dead_at, given_up.attempts) == (None, 0)
    assert "gone@example.org will be sent again" in web.get("/staff/outbox/").content.decode()


def test_the_console_is_not_found_for_others(seller: User, given_up: OutboxEmail) -> None:
    web = Client()
    web.force_login(seller)
    assert web.get("/staff/outbox/").status_code == 404
    assert web.post(f"/staff/outbox/{given_up.id}/retry/").status_code == 404
    given_up.refresh_from_db()
    assert given_up.dead_at is not None


def test_the_console_speaks_french(staff: User, given_up: Any) -> None:
    web = staff_client(staff)
    html = web.get("/staff/outbox/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Courriels sortants" in html
