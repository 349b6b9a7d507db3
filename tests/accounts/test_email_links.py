"""Sign-in links by e-mail: one use, 15 minutes, the same answer for any address, limited."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from django.test import Client

from comptoir.accounts.email_links import PER_ADDRESS, PER_IP
from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.core.models import OutboxEmail

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


def ask(client: Client, email: str, next_path: str = "", ip: str = "10.1.2.3") -> int:
    with clock.frozen_at(NOW):
        response = client.post(
            "/sign-in/email/", {"email": email, "next": next_path}, REMOTE_ADDR=ip
        )
    return response.status_code


def link_in(email: OutboxEmail) -> str:
    match = re.search(r"/sign-in/email/[\w-]+/", email.link)
    assert match, email.link
    return match.group(0)


def signed_in_as(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


def test_a_buyer_without_a_password_signs_in_with_an_e_mailed_link(
    client: Client, db: None
) -> None:
    buyer = User.objects.create(username="mp-7", external_id="7", email="lea@example.org")
    buyer.set_unusable_password()
    buyer.save()

    assert ask(client, "Lea@Example.org", next_path="/messages/") == 302
    [email] = OutboxEmail.objects.filter(reason="sign_in_link")
    assert email.recipient == "lea@example.org"
    assert "15 minutes" in email.body
    path = link_in(email)

    with clock.frozen_at(NOW + timedelta(minutes=14)):
        page = client.get(path)  # a mail scanner following the link spends nothing
        assert page.status_code == 200
        assert "mp-7" in page.content.decode()
        assert signed_in_as(client) is None
        answer = client.post(path)
    assert (answer.status_code, answer["Location"]) == (302, "/messages/")
    assert signed_in_as(client) == buyer.id

    with clock.frozen_at(NOW + timedelta(minutes=14)):
        again = Client().post(path)
    assert again.status_code == 410


def test_a_link_expires_after_15_minutes(client: Client, buyer: User) -> None:
    ask(client, buyer.email)
    path = link_in(OutboxEmail.objects.get(reason="sign_in_link"))
    with clock.frozen_at(NOW + timedelta(minutes=15, seconds=1)):
        assert client.get(path).status_code == 410
        assert client.post(path).status_code == 410
    assert signed_in_as(client) is None


def test_the_answer_is_the_same_for_an_unknown_address(client: Client, buyer: User) -> None:
    with clock.frozen_at(NOW):
        known = client.post("/sign-in/email/", {"email": buyer.email}, follow=True)
        unknown = Client().post("/sign-in/email/", {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    strip = re.compile(r"b@example\.org|nobody@example\.org|csrfmiddlewaretoken\" value=\"\w+")
    assert strip.sub("", known.content.decode()) == strip.sub("", unknown.content.decode())
    assert OutboxEmail.objects.filter(reason="sign_in_link").count() == 1


def test_staff_get_no_link(client: Client, staff: User) -> None:
    assert ask(client, staff.email) == 302
    assert not OutboxEmail.objects.filter(reason="sign_in_link").exists()


def test_links_are_limited_per_address_across_clients(buyer: User) -> None:
    for attempt in range(PER_ADDRESS.limit + 3):
        # A new client and a new address each time: nothing in a session or an IP helps.
        assert ask(Client(), buyer.email, ip=f"10.0.0.{attempt}") == 302
    assert OutboxEmail.objects.filter(reason="sign_in_link").count() == PER_ADDRESS.limit


def test_links_are_limited_per_ip(client: Client, buyer: User) -> None:
    for attempt in range(PER_IP.limit):
        assert ask(client, f"someone{attempt}@example.org", ip="10.9.9.9") == 302
    assert ask(client, buyer.email, ip="10.9.9.9") == 429
    assert not OutboxEmail.objects.filter(reason="sign_in_link").exists()
    assert ask(client, buyer.email, ip="10.9.9.10") == 302


def test_a_link_never_leads_off_site(client: Client, buyer: User) -> None:
    ask(client, buyer.email, next_path="https://evil.example/")
    path = link_in(OutboxEmail.objects.get(reason="sign_in_link"))
    with clock.frozen_at(NOW + timedelta(minutes=1)):
        answer = client.post(path)
    assert answer["Location"] == "/"


def test_a_bad_address_gets_a_form_message(client: Client, db: None) -> None:
    response = client.post("/sign-in/email/", {"email": "not-an-email"})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
