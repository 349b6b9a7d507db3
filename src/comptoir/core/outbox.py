"""E-mail notifications: queued in the writer's transaction, delivered once by a task."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django_tasks import task

from comptoir.core import clock
from comptoir.core.models import OutboxEmail
from comptoir.core.tasks import enqueue_with_transaction


def site_link(path: str) -> str:
    """An absolute link into the web app (SITE_URL + path)."""
    return settings.SITE_URL.rstrip("/") + path


def queue_email(
    *,
    recipient: str,
    subject: str,
    body: str,
    link: str,
    reason: str,
    headers: dict[str, str] | None = None,
) -> OutboxEmail:
    """Write the e-mail and its delivery task in the current transaction."""
    email = OutboxEmail.objects.create(
        recipient=recipient,
        subject=subject,
        body=body,
        link=link,
        reason=reason,
        headers=headers or {},
    )
    enqueue_with_transaction(deliver_email, email.id)
    return email


@task()
def deliver_email(email_id: int) -> bool:
    """Send one queued e-mail, at most once: the claim and the send share a transaction.

    If sending fails the claim rolls back and a later run may try again; once the claim
    has committed, no run sends it again.
    """
    with transaction.atomic():
        claimed = OutboxEmail.objects.filter(id=email_id, sent_at__isnull=True).update(
            sent_at=clock.now()
        )
        if not claimed:
            return False
        email = OutboxEmail.objects.get(id=email_id)
        body = email.body if not email.link else f"{email.body}\n\n{email.link}\n"
        EmailMessage(email.subject, body, None, [email.recipient], headers=email.headers).send()
    return True
