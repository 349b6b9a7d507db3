"""E-mail notifications: written with the message, delivered once, in the recipient's language."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django_tasks_db.models import DBTaskResult

from comptoir.accounts.models import User
from comptoir.core.models import OutboxEmail
from comptoir.core.outbox import deliver_email
from tests.messaging.conftest import Client_


def test_the_e_mail_and_its_task_are_written_in_the_senders_transaction(
    inquiry: dict[str, Any],
) -> None:
    email = OutboxEmail.objects.get()
    assert email.sent_at is None
    task = DBTaskResult.objects.get(task_path="comptoir.core.outbox.deliver_email")
    assert task.args_kwargs["args"] == [email.id]


def test_running_the_task_twice_sends_the_e_mail_once(inquiry: dict[str, Any]) -> None:
    email = OutboxEmail.objects.get()
    mail.outbox.clear()
    assert deliver_email.call(email.id) is True
    assert deliver_email.call(email.id) is False
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.sent_at is not None


def test_the_recipient_reads_it_in_their_language(
    as_buyer: Client_, as_seller: Client_, inquiry: dict[str, Any], seller: User
) -> None:
    seller.language = "fr"
    seller.save()
    as_buyer.post(f"/me/conversations/{inquiry['conversation_id']}/messages", {"body": "Et?"})
    email = OutboxEmail.objects.order_by("-id").first()
    assert email is not None
    # Every e-mail of a thread has its first one's subject, so mail clients group them.
    assert email.subject == "Re: Nouvelle question : Linen apron"
    assert "Objet: Linen apron" in email.body
    assert "Annonce: Linen apron" in email.body
