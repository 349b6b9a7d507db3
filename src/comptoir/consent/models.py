"""A buyer's marketing consent, per shop: where it stands now, and every change to it.

Consent sits right after shops (decision 0014): orders record it at checkout, messaging
refuses marketing without it, moderation reads it, promotions sends only with it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comptoir.shops.models import Shop


class Source(models.TextChoices):
    CHECKOUT = "checkout", _("At checkout")
    ACCOUNT = "account", _("From the buyer's account")
    UNSUBSCRIBE = "unsubscribe", _("Unsubscribe link")
    API = "api", _("Through the API")
    IMPORT = "import", _("Imported from the marketplace")


class Consent(models.Model):
    """Whether `buyer` accepts marketing from `shop`, as of its last change.

    No row means never asked: no consent. Withdrawal keeps the row (given=False).
    """

    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="marketing_consents"
    )
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="marketing_consents")
    given = models.BooleanField(_("consents to marketing"))
    changed_at = models.DateTimeField(_("changed"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)

    class Meta:
        verbose_name = _("marketing consent")
        verbose_name_plural = _("marketing consents")
        constraints = [
            models.UniqueConstraint(fields=["buyer", "shop"], name="consent_one_per_pair"),
        ]
        indexes = [
            models.Index(
                fields=["shop", "buyer"], name="consent_shop_given", condition=Q(given=True)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.buyer_id}→{self.shop_id}: {self.given}"


class ConsentChange(models.Model):
    """One change of consent, kept for good: when, how, and from what to what."""

    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="+")
    given = models.BooleanField(_("consents to marketing"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    at = models.DateTimeField(_("when"))
    # The marketplace's order id at checkout, the campaign of an unsubscribe link, …
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("consent change")
        verbose_name_plural = _("consent changes")
        indexes = [models.Index(fields=["buyer", "shop", "at"], name="consentchange_pair")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.source}: {self.given}"
