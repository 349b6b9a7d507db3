"""People: buyers, shop members and marketplace staff share one user table."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from comptoir.core.models import TimeStampedModel
from comptoir.core.prepared import Prepared


class User(AbstractUser):
    """A person. Buyer by default; a seller through shop membership; staff by permission."""

    external_id = models.CharField(
        _("marketplace id"), max_length=64, unique=True, null=True, blank=True
    )
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # New-message e-mails (List-Unsubscribe turns them off in one click; the account page
    # turns them back on). Sign-in links and password resets are always sent.
    email_notifications = models.BooleanField(_("e-mail me about new messages"), default=True)
    buying_revoked = models.BooleanField(
        _("buying privileges revoked"),
        default=False,
        help_text=_("Set by Trust & Safety with a shop's revocation: no new orders or questions."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = [
            ("trust_and_safety", _("Can watch and act on every shop's service level")),
            ("marketplace_integration", _("Can feed marketplace data through the API")),
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @cached_property
    def is_trust_and_safety(self) -> bool:
        """What `has_perm("accounts.trust_and_safety")` says (active superusers have every
        permission; others through their own or a group's), in one prepared query rather
        than the two of Django's permission cache: most requests ask it."""
        if not self.is_active:
            return False
        return self.is_superuser or bool(_TRUST_AND_SAFETY.run(self.pk, self.pk))


class ApiToken(TimeStampedModel):
    """A personal API token. Only a hash is kept; the secret is shown once, at creation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class SignInLink(models.Model):
    """A one-time sign-in link sent by e-mail; only a hash of its secret is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    next_path = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"))
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in link")
        verbose_name_plural = _("sign-in links")
        indexes = [models.Index(fields=["expires_at"], name="signinlink_expiry")]

    def __str__(self) -> str:
        return f"{self.user_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class UsedSignedLink(models.Model):
    """The `jti` of a marketplace-signed link already used: a second use is a replay."""

    jti = models.CharField(max_length=200, unique=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["expires_at"], name="usedsignedlink_expiry")]

    def __str__(self) -> str:
        return self.jti


_TRUST_AND_SAFETY = Prepared(
    lambda user_id, same_user_id: Permission.objects.filter(
        Q(user__id=user_id) | Q(group__user__id=same_user_id),
        content_type__app_label="accounts",
        codename="trust_and_safety",
    ).only("id")[:1],
    -7_000_051,
    -7_000_052,
)
