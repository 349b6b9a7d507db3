"""The base every Comptoir table builds on."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class OutboxEmail(models.Model):
    """An e-mail written in the same transaction as its cause: the truth about what to send.

    The row commits with the message (or note) that caused it, so a crash after commit
    cannot lose it. A worker claims it (`attempts` + 1, `next_attempt_at` moved a lease
    ahead) in a short transaction, sends it outside any transaction, then records the
    outcome: sent, a retry after a back-off, or given up (a dead letter that Trust &
    Safety can send again). Decision 0009.
    """

    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    # The HTML alternative of `body` (empty: a plain-text e-mail).
    html = models.TextField(_("HTML body"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=40)
    # Extra mail headers, e.g. List-Unsubscribe on marketing (RFC 8058 one-click).
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a worker may take it next: now for a new row, after the back-off for a retry,
    # the end of the lease while a worker holds it; empty once sent or given up.
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    dead_at = models.DateTimeField(_("given up"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            models.Index(fields=["sent_at", "id"], name="outbox_pending"),
            models.Index(fields=["next_attempt_at", "id"], name="outbox_due"),
            models.Index(fields=["dead_at", "id"], name="outbox_dead"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} → {self.recipient}"


class BouncedAddress(models.Model):
    """An address mail servers said they cannot deliver to (a delivery status notification).

    Written when a bounce comes back (inbound mail); read to warn the seller that a buyer
    or visitor does not get their e-mails, and by the outbox, which stops sending to it.
    Cleared when the person proves the address works again (they write to us from it).
    """

    email = models.EmailField(_("address"), max_length=254, unique=True)  # lower case
    first_bounced_at = models.DateTimeField(_("first bounce"))
    last_bounced_at = models.DateTimeField(_("last bounce"))
    bounces = models.PositiveIntegerField(_("bounces"), default=1)
    last_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("bounced address")
        verbose_name_plural = _("bounced addresses")

    def __str__(self) -> str:
        return self.email


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


class AuditEntry(models.Model):
    """One line of the append-only audit log: what a staff member (or a rule) did or read.

    Nothing in Comptoir edits or deletes a line: the admin and the API only list them, and
    the database refuses an UPDATE (both vendors) and a DELETE (PostgreSQL) with a trigger.
    `shop_id` and the subject are plain values, not foreign keys, so a line outlives what
    it speaks of.
    """

    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty when an automatic rule acted."),
    )
    verb = models.CharField(_("what"), max_length=40)
    shop_id = models.BigIntegerField(_("shop"), null=True, blank=True)
    subject_type = models.CharField(_("subject type"), max_length=40, blank=True)
    subject_id = models.BigIntegerField(_("subject"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at", "id"], name="audit_at"),
            models.Index(fields=["shop_id", "at", "id"], name="audit_shop"),
            models.Index(fields=["subject_type", "subject_id", "at"], name="audit_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}"


class RateCounter(models.Model):
    """How often one thing happened in one fixed window: rate limits every process shares.

    Kept in the database (not a process's memory) so a limit holds across every web worker,
    process and host. `key` is a hash of the limit's scope and who it counts (an address,
    an IP), so no address is stored in clear.
    """

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="ratecounter_once")
        ]
        indexes = [models.Index(fields=["window_start"], name="ratecounter_window")]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.window_start:%Y-%m-%d %H:%M} = {self.count}"
