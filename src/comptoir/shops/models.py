"""Shops, the people who run them, and their five policy sections."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptoir.core.models import TimeStampedModel


class Shop(TimeStampedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", pgettext_lazy("shop status", "Active")
        PAUSED = "paused", pgettext_lazy("shop status", "Paused")
        SUSPENDED = "suspended", pgettext_lazy("shop status", "Suspended")
        REVOKED = "revoked", pgettext_lazy("shop status", "Revoked")

    external_id = models.CharField(_("marketplace id"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=140, unique=True)
    about = models.TextField(_("about"), blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.ACTIVE
    )
    searchable = models.BooleanField(
        _("in search"), default=True, help_text=_("Off when staff removed the shop from search.")
    )
    vacation_mode = models.BooleanField(_("vacation mode"), default=False)
    vacation_message = models.TextField(_("vacation message"), blank=True)
    vacation_starts_on = models.DateField(_("vacation starts"), null=True, blank=True)
    vacation_ends_on = models.DateField(_("vacation ends"), null=True, blank=True)
    payout_hold = models.BooleanField(_("payouts on hold"), default=False)
    first_sale_at = models.DateTimeField(_("first sale"), null=True, blank=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ShopMember", related_name="shops"
    )

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["active", "paused", "suspended", "revoked"]),
                name="shop_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(vacation_ends_on__isnull=True)
                | Q(vacation_starts_on__isnull=True)
                | Q(vacation_ends_on__gte=models.F("vacation_starts_on")),
                name="shop_vacation_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def in_search(self) -> bool:
        """Whether buyers find this shop's listings in search."""
        return self.status == self.Status.ACTIVE and self.searchable and not self.vacation_mode

    @property
    def accepts_orders(self) -> bool:
        return self.status == self.Status.ACTIVE


class ShopMember(TimeStampedModel):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        STAFF = "staff", _("Staff")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shop_memberships"
    )
    role = models.CharField(_("role"), max_length=8, choices=Role.choices, default=Role.STAFF)

    class Meta:
        verbose_name = _("shop member")
        verbose_name_plural = _("shop members")
        constraints = [
            models.UniqueConstraint(fields=["shop", "user"], name="shop_member_once"),
            models.UniqueConstraint(
                fields=["shop"], condition=Q(role="owner"), name="shop_one_owner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.shop} ({self.role})"


class ShopPolicy(TimeStampedModel):
    """One of the five sections of a shop's policies: template options plus free text."""

    class Section(models.TextChoices):
        SHIPPING = "shipping", _("Shipping")
        PAYMENT = "payment", _("Payment options")
        RETURNS = "returns", _("Returns & exchanges")
        PRIVACY = "privacy", _("Privacy")
        MORE_INFO = "more_info", _("More information")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="policies")
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    options = models.JSONField(_("options"), default=dict, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("shop policy")
        verbose_name_plural = _("shop policies")
        constraints = [
            models.UniqueConstraint(fields=["shop", "section"], name="shop_policy_section_once")
        ]

    def __str__(self) -> str:
        return f"{self.shop}: {self.get_section_display()}"
