"""The base every Comptoir table builds on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class OutboxEmail(models.Model):
    """An e-mail written in the same transaction as its cause, sent once by a task.

    The row commits with the message (or note) that caused it, so a crash after commit
    cannot lose it; the task claims it (`sent_at` from NULL) before sending, so running the
    task twice cannot send it twice.
    """

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=40)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["sent_at", "id"], name="outbox_pending")]

    def __str__(self) -> str:
        return f"{self.reason} → {self.recipient}"


class LiveEvent(models.Model):
    """A live update for the browsers, written with its cause, fanned out by the live server.

    Used when the channel layer is in-memory (no Redis): the web workers and the live
    (WebSocket) process are different processes, so events travel through this table,
    which the live process reads every quarter of a second. Old rows are pruned.
    """

    group = models.CharField(max_length=100)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return self.group
