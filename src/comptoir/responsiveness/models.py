"""What responsiveness keeps: each waiting span, each first message, and daily rollups.

Spans and first messages are written when the messages are (responsiveness.recording);
a shop's `Day` rows are recomputed from them for the days an event touched, so every
dashboard and listing page reads `Day` rows only. `comptoir rebuild-responsiveness`
derives all three from the raw messages again and reports any difference.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.messaging.models import Conversation, Message
from comptoir.shops.models import Shop


class Span(models.Model):
    """From a buyer's message to the shop's next message in the thread (open: not yet)."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="+")
    opened_by = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(_("received"))
    closed_by = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Left out: the thread is marked spam by the shop / the opening message needs no answer.
    spam = models.BooleanField(default=False)
    no_response_needed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("waiting span")
        verbose_name_plural = _("waiting spans")
        indexes = [models.Index(fields=["shop", "closed_at"], name="span_shop_closed")]
        constraints = [
            models.UniqueConstraint(fields=["opened_by"], name="span_one_per_message"),
            models.UniqueConstraint(
                fields=["conversation"],
                condition=Q(closed_at__isnull=True),
                name="span_one_open_per_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.opened_at:%Y-%m-%d %H:%M} → {self.closed_at}"


class FirstMessage(models.Model):
    """The first message a shop received in a thread the buyer (or a visitor) started."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting (less than 24 hours)")
        ANSWERED = "answered", _("Answered within 24 hours")
        LATE = "late", _("Answered after 24 hours")
        UNANSWERED = "unanswered", _("Not answered within 24 hours")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    conversation = models.OneToOneField(Conversation, on_delete=models.CASCADE, related_name="+")
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    received_at = models.DateTimeField(_("received"))
    deadline = models.DateTimeField(_("answer by"))
    answer = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_automatically = models.BooleanField(default=False)
    # Settled once: pending until answered or until its 24 hours pass (recording.settle).
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    spam = models.BooleanField(default=False)
    no_response_needed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("first message")
        verbose_name_plural = _("first messages")
        indexes = [
            models.Index(fields=["shop", "received_at", "id"], name="first_shop_received"),
            models.Index(
                fields=["shop", "deadline"], name="first_pending", condition=Q(outcome="pending")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.conversation_id}: {self.outcome}"

    @property
    def excluded(self) -> bool:
        return self.spam or self.no_response_needed


class Day(models.Model):
    """One shop's figures for one day (UTC), read by every dashboard and listing page.

    Messages: `spans` closed that day (not left out) with their total and median length
    (a median NULL with spans is not computed yet: replies leave it to a periodic job);
    first messages received that day that were answered within 24 hours / were not
    (settled only: a pending one counts nowhere yet). Orders: `orders` placed that day,
    `due_orders` whose ship-by date is that day (not cancelled) and `on_time` of them
    shipped with tracking by it; `ratings` and `rating_sum` of reviews left that day.
    """

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    spans = models.PositiveIntegerField(default=0)
    # In microseconds, so that rollups recomputed in any order are equal to the last digit.
    span_total_us = models.BigIntegerField(default=0)
    span_median_us = models.BigIntegerField(null=True, blank=True)
    answered = models.PositiveIntegerField(default=0)
    missed = models.PositiveIntegerField(default=0)
    orders = models.PositiveIntegerField(default=0)
    due_orders = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    ratings = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("day of figures")
        verbose_name_plural = _("days of figures")
        constraints = [
            models.UniqueConstraint(fields=["shop", "day"], name="day_one_per_shop"),
        ]
        indexes = [
            # The days whose median replies left to compute (recording.fill_medians).
            models.Index(
                fields=["shop", "day"],
                name="day_median_due",
                condition=Q(span_median_us__isnull=True, spans__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.day}"
