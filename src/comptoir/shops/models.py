"""Shops, the people who run them, and their five policy sections."""

from __future__ import annotations

from datetime import UTC

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptoir.core import clock
from comptoir.core.models import TimeStampedModel
from comptoir.shops.standing import Standing, standing_of


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
    embed_origins = models.JSONField(
        _("website origins"),
        default=list,
        blank=True,
        help_text=_(
            "The shop's own websites that may show its contact form in a frame, "
            "e.g. https://www.example.com (at most 10)."
        ),
    )
    # Trust & Safety measures in force (standards app). They sit beside what the
    # marketplace sets, so a later PUT of the shop cannot undo a measure by accident.
    staff_search_removal = models.BooleanField(_("removed from search by staff"), default=False)
    staff_paused = models.BooleanField(_("paused by staff"), default=False)
    staff_payout_hold = models.BooleanField(_("payouts held by staff"), default=False)
    staff_no_promotions = models.BooleanField(_("promotions suspended by staff"), default=False)
    staff_revoked = models.BooleanField(_("privileges revoked by staff"), default=False)
    # The end dates of the two measures that change the shop's status, so every page and
    # the API name the measure and its end without reading the standards app's actions.
    staff_pause_ends_on = models.DateField(_("paused by staff until"), null=True, blank=True)
    staff_revocation_ends_on = models.DateField(_("revoked by staff until"), null=True, blank=True)

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
        return (
            self.accepts_orders
            and self.searchable
            and not self.vacation_mode
            and not self.staff_search_removal
        )

    @property
    def standing(self) -> Standing:
        """The status everyone reads (API, badges, buyer pages): the marketplace's, unless
        a pause or a revocation by Trust & Safety is in force (`shops.standing`)."""
        return standing_of(self, clock.now().astimezone(UTC).date())

    @property
    def accepts_orders(self) -> bool:
        return self.standing.active

    @property
    def payouts_held(self) -> bool:
        return self.payout_hold or self.staff_payout_hold or self.staff_revoked

    @property
    def may_send_promotions(self) -> bool:
        """Marketing to past buyers: a privilege staff may suspend."""
        return self.accepts_orders and not self.staff_no_promotions

    @property
    def staff_measures(self) -> list[str]:
        """The Trust & Safety measures in force, by their API names."""
        names = {
            "search_removal": self.staff_search_removal,
            "pause_shop": self.staff_paused,
            "payout_hold": self.staff_payout_hold,
            "no_promotions": self.staff_no_promotions,
            "revocation": self.staff_revoked,
        }
        return [name for name, on in names.items() if on]


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
