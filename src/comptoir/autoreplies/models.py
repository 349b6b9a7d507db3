"""A shop's auto-replies: the weekly one (availability hours) and the temporary one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from comptoir.core.models import TimeStampedModel
from comptoir.shops.models import Shop


class AutoReplySettings(TimeStampedModel):
    """One row per shop. The week is stored as {"0": [[540, 1080]], …}: weekday (Monday 0)
    to the available spans, in minutes since local midnight in the shop's time zone."""

    shop = models.OneToOneField(Shop, on_delete=models.CASCADE, related_name="autoreplies")
    weekly_on = models.BooleanField(_("weekly auto-reply on"), default=False)
    weekly_text = models.TextField(_("weekly auto-reply text"), blank=True)
    week = models.JSONField(_("available hours"), default=dict, blank=True)
    temporary_on = models.BooleanField(_("temporary auto-reply on"), default=False)
    temporary_text = models.TextField(_("temporary auto-reply text"), blank=True)
    temporary_starts_at = models.DateTimeField(_("from"), null=True, blank=True)
    temporary_ends_at = models.DateTimeField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("auto-reply settings")
        verbose_name_plural = _("auto-reply settings")

    def __str__(self) -> str:
        return str(self.shop)
