"""Webhook endpoints the marketplace subscribed, and each event's delivery to one of them."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.core.models import TimeStampedModel
from comptoir.webhooks.signing import URL_MAX_LENGTH


class Endpoint(TimeStampedModel):
    """A URL of the marketplace's software that receives events, signed with `secret`.

    The secret is kept as is (it signs every delivery, so it cannot be hashed) and is
    shown once, in the answer that created the endpoint.
    """

    url = models.URLField(_("URL"), max_length=URL_MAX_LENGTH)
    secret = models.CharField(_("secret"), max_length=100)
    events = models.JSONField(
        _("events"),
        default=list,
        blank=True,
        help_text=_("Names of the events sent to this URL; empty means every event."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Nothing is sent to an inactive endpoint.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url

    def wants(self, event: str) -> bool:
        return not self.events or event in self.events


class Delivery(models.Model):
    """One event for one endpoint: written with its cause, sent (and retried) by the worker.

    `next_attempt_at` is when the next attempt is due; it is empty once the event was
    delivered or given up. A sender claims a delivery by moving `next_attempt_at` forward
    and counting the attempt, so two workers never send the same attempt.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    endpoint = models.ForeignKey(
        Endpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
        db_index=False,  # the listing index and the unique constraint lead with it
    )
    event = models.CharField(_("event"), max_length=100)
    event_id = models.UUIDField(_("event id"))
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("created"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(
        _("last status code"), null=True, blank=True
    )
    last_error = models.TextField(_("last error"), blank=True)
    gave_up_at = models.DateTimeField(_("gave up"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_id"], name="webhook_event_once"),
        ]
        indexes = [
            models.Index(fields=["endpoint", "created_at", "id"], name="webhook_delivery_list"),
            # The retry sweep: only deliveries still to send, by when they are due.
            models.Index(
                fields=["next_attempt_at"],
                name="webhook_delivery_due",
                condition=Q(delivered_at__isnull=True, gave_up_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id}"

    @property
    def status(self) -> Delivery.Status:
        if self.delivered_at is not None:
            return self.Status.DELIVERED
        if self.gave_up_at is not None:
            return self.Status.FAILED
        return self.Status.RETRYING if self.attempts else self.Status.PENDING
