"""What moderation keeps: a flag per screened message (with the scorer's evidence) and the
reports buyers and sellers make about messages they received."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.messaging.models import Conversation, Message, Side
from comptoir.shops.models import Shop

NOTE_MAX = 1000


class Flag(models.Model):
    """A message the scorer found: what it found and where (``findings``), what happened to
    the message (``outcome``), and what Trust & Safety decided (``status``)."""

    class Outcome(models.TextChoices):
        # "held" sorts before "warned": the queue lists held messages first by this column.
        HELD = "held", _("Held, not delivered")
        WARNED = "warned", _("Delivered with a warning")

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        DISMISSED = "dismissed", _("Dismissed (false positive)")
        CONFIRMED = "confirmed", _("Confirmed")
        RELEASED = "released", _("Released (delivered)")
        REJECTED = "rejected", _("Rejected (never delivered)")

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="+")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    sender_side = models.CharField(_("from"), max_length=5, choices=Side.choices)
    # Category codes (scoring.Category) that reached their threshold.
    categories = models.JSONField(_("categories"), default=list)
    # Every finding of the scorer: [{category, rule, phrase, start, end, weight}, …].
    findings = models.JSONField(_("findings"), default=list)
    outcome = models.CharField(_("outcome"), max_length=6, choices=Outcome.choices)
    status = models.CharField(
        _("status"), max_length=9, choices=Status.choices, default=Status.OPEN
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(_("flagged"))

    class Meta:
        verbose_name = _("moderation flag")
        verbose_name_plural = _("moderation flags")
        indexes = [
            models.Index(fields=["status", "outcome", "-created_at", "-id"], name="modflag_queue"),
            models.Index(fields=["shop", "-created_at"], name="modflag_shop"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="held", status__in=["open", "released", "rejected"])
                | Q(outcome="warned", status__in=["open", "dismissed", "confirmed"]),
                name="modflag_status_fits_outcome",
            ),
        ]

    def __str__(self) -> str:
        return f"{', '.join(self.categories)} #{self.message_id}"


class Report(models.Model):
    """A person reports a message they received (a buyer, or a shop's member)."""

    class Reason(models.TextChoices):
        SCAM = "scam", _("Scam or phishing")
        OFF_PLATFORM = "off_platform", _("Asks to pay or talk outside the marketplace")
        EXTORTION = "extortion", _("Review pressure or extortion")
        ADVERTISING = "advertising", _("Unwanted advertising")
        ABUSIVE = "abusive", _("Abusive or offensive")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="+")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reporter_side = models.CharField(_("reported by"), max_length=5, choices=Side.choices)
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(_("reported"))
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handling_note = models.TextField(_("staff note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        verbose_name = _("message report")
        verbose_name_plural = _("message reports")
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="modreport_queue"),
            models.Index(fields=["message"], name="modreport_message"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reporter"],
                condition=Q(status="open"),
                name="modreport_one_open_per_reporter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reason} #{self.message_id}"
