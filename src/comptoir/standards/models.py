"""Service-level standards: what staff configure, what each evaluation found, what staff did.

The audit log itself is `core.AuditEntry` (shared with messaging's staff thread reads).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from comptoir.shops.models import Shop
from comptoir.standards import rules

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _percent(label: StrOrPromise, default: str) -> models.DecimalField:
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        default=Decimal(default),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(100))],
    )


def _count(
    label: StrOrPromise, default: int, *, low: int = 1, high: int = 3650
) -> models.IntegerField:
    return models.IntegerField(
        label, default=default, validators=[MinValueValidator(low), MaxValueValidator(high)]
    )


class StandardsSettings(models.Model):
    """The thresholds and automatic rules Trust & Safety configure (one row, id 1)."""

    rate_window_days = _count(_("dissatisfaction window (days)"), 90)
    dissatisfaction_rate = _percent(_("dissatisfaction rate (%)"), "1")
    dissatisfied_since_first_sale = _count(_("dissatisfied orders since the first sale"), 3)
    dissatisfied_recent = _count(_("dissatisfied orders recently"), 2)
    recent_days = _count(_("recently (days)"), 60)
    late_window_days = _count(_("late shipping window (days)"), 30)
    late_share = _percent(_("late shipments (%)"), "10")
    late_minimum = _count(_("late shipments at least"), 3)
    unanswered_window_days = _count(_("unanswered messages window (days)"), 30)
    unanswered_share = _percent(_("unanswered messages (%)"), "20")
    unanswered_minimum = _count(_("unanswered messages at least"), 3)
    surge_factor = models.DecimalField(
        _("surge: times the weekly average"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(3),
        validators=[MinValueValidator(Decimal("1.1"))],
    )
    surge_minimum_orders = _count(_("surge: orders in a week at least"), 10)
    surge_strain_floor = _percent(_("surge: late or unanswered above (%)"), "5")
    review_after_days = _count(_("re-evaluate after an action (days)"), 90)
    auto_recommendation = models.BooleanField(
        _("send recommendations automatically"),
        default=True,
        help_text=_("A newly flagged shop gets the advice at once, without waiting for staff."),
    )
    auto_warning = models.BooleanField(
        _("send e-mail warnings automatically"),
        default=False,
        help_text=_(
            "A shop flagged again after a recommendation gets the warning without waiting "
            "for staff. Later steps are always a person's decision."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("standards settings")
        verbose_name_plural = _("standards settings")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="standards_settings_one")]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def thresholds(self) -> rules.Thresholds:
        def share(value: Decimal) -> Fraction:
            return Fraction(value) / 100

        return rules.Thresholds(
            rate_window_days=self.rate_window_days,
            dissatisfaction_rate=share(self.dissatisfaction_rate),
            dissatisfied_since_first_sale=self.dissatisfied_since_first_sale,
            dissatisfied_recent=self.dissatisfied_recent,
            recent_days=self.recent_days,
            late_window_days=self.late_window_days,
            late_share=share(self.late_share),
            late_minimum=self.late_minimum,
            unanswered_window_days=self.unanswered_window_days,
            unanswered_share=share(self.unanswered_share),
            unanswered_minimum=self.unanswered_minimum,
            surge_factor=Fraction(self.surge_factor),
            surge_minimum_orders=self.surge_minimum_orders,
            surge_strain_floor=share(self.surge_strain_floor),
            review_after_days=self.review_after_days,
        )


class Evaluation(models.Model):
    """One run of the evaluation over every shop."""

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", _("Daily")
        ON_DEMAND = "on_demand", _("On demand")

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    day = models.DateField(_("day"))
    trigger = models.CharField(_("trigger"), max_length=12, choices=Trigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.RUNNING)
    progress = models.CharField(_("progress"), max_length=40, blank=True)
    started_at = models.DateTimeField(_("started"))
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    shops_evaluated = models.IntegerField(_("shops evaluated"), default=0)
    shops_flagged = models.IntegerField(_("shops flagged"), default=0)
    flags_raised = models.IntegerField(_("new flags"), default=0)
    flags_cleared = models.IntegerField(_("flags cleared"), default=0)
    automatic_actions = models.IntegerField(_("automatic actions"), default=0)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["day"],
                condition=Q(trigger="scheduled") & ~Q(state="failed"),
                name="evaluation_scheduled_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} ({self.state})"


class Health(models.Model):
    """One shop's figures on one evaluation day: the queue's columns and the trend."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="health")
    day = models.DateField(_("day"))
    orders = models.IntegerField(_("orders"), default=0)
    dissatisfied = models.IntegerField(_("dissatisfied orders"), default=0)
    dissatisfaction_rate = models.FloatField(_("dissatisfaction rate"), null=True)
    dissatisfied_since_first_sale = models.IntegerField(default=0)
    dissatisfied_recent = models.IntegerField(default=0)
    non_delivery_cases = models.IntegerField(_("non-delivery cases"), default=0)
    not_as_described_cases = models.IntegerField(_("not-as-described cases"), default=0)
    low_reviews = models.IntegerField(_("1–2 star reviews"), default=0)
    late = models.IntegerField(_("late shipments"), default=0)
    due = models.IntegerField(_("orders due"), default=0)
    late_rate = models.FloatField(_("late shipping rate"), null=True)
    unanswered = models.IntegerField(_("unanswered messages"), default=0)
    first_messages = models.IntegerField(_("first messages"), default=0)
    unanswered_rate = models.FloatField(_("unanswered rate"), null=True)
    orders_last_week = models.IntegerField(default=0)
    weekly_average = models.FloatField(default=0)
    flags = models.JSONField(_("flags"), default=list)

    class Meta:
        verbose_name = _("shop health")
        verbose_name_plural = _("shop health")
        constraints = [models.UniqueConstraint(fields=["shop", "day"], name="health_once_a_day")]
        indexes = [models.Index(fields=["day", "shop"], name="health_day")]

    def __str__(self) -> str:
        return f"{self.shop_id} @ {self.day}"


class Flag(models.Model):
    """A reason a shop needs review, open from the evaluation that raised it until one no
    longer finds it (or staff dismiss it)."""

    class Kind(models.TextChoices):
        DISSATISFACTION = rules.FlagKind.DISSATISFACTION, _("Order dissatisfaction")
        LATE_SHIPPING = rules.FlagKind.LATE_SHIPPING, _("Late shipping")
        UNANSWERED = rules.FlagKind.UNANSWERED, _("Unanswered messages")
        SURGE = rules.FlagKind.SURGE, _("Unmanageable surge in orders")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="standards_flags")
    kind = models.CharField(_("reason"), max_length=24, choices=Kind.choices)
    raised_on = models.DateField(_("raised"))
    seen_on = models.DateField(_("last seen"))
    cleared_on = models.DateField(_("cleared"), null=True, blank=True)
    value = models.FloatField(_("figure"))
    threshold = models.FloatField(_("threshold"))
    evidence = models.JSONField(_("evidence"), default=dict)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    dismiss_reason = models.TextField(_("why dismissed"), blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["shop", "kind"],
                condition=Q(cleared_on__isnull=True),
                name="flag_open_once",
            )
        ]
        indexes = [models.Index(fields=["cleared_on", "shop"], name="flag_open")]

    def __str__(self) -> str:
        return f"{self.shop_id}: {self.kind}"


AUTOMATIC_REASONS = {
    rules.FlagKind.DISSATISFACTION: _(
        "Automatic rule: the share of orders with a case or a 1–2 star review reached "
        "the threshold."
    ),
    rules.FlagKind.LATE_SHIPPING: _("Automatic rule: too many orders shipped late."),
    rules.FlagKind.UNANSWERED: _("Automatic rule: too many first messages left unanswered."),
    rules.FlagKind.SURGE: _("Automatic rule: orders rose faster than the shop keeps up with."),
}


class Action(models.Model):
    """A step of the escalation ladder, taken by a person or by an automatic rule."""

    class Step(models.IntegerChoices):
        RECOMMENDATION = rules.Step.RECOMMENDATION, _("Recommendation")
        WARNING = rules.Step.WARNING, _("E-mail warning")
        TEMPORARY = rules.Step.TEMPORARY, _("Temporary measures")
        REVOCATION = rules.Step.REVOCATION, _("Revocation")

    class Measure(models.TextChoices):
        SEARCH_REMOVAL = rules.Measure.SEARCH_REMOVAL, _("Removal from search")
        PAUSE_SHOP = rules.Measure.PAUSE_SHOP, pgettext_lazy("measure", "Shop paused")
        PAYOUT_HOLD = rules.Measure.PAYOUT_HOLD, _("Payouts held")
        NO_PROMOTIONS = rules.Measure.NO_PROMOTIONS, _("No promotions to past buyers")

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="standards_actions")
    step = models.PositiveSmallIntegerField(_("step"), choices=Step.choices)
    measures = models.JSONField(_("measures"), default=list, blank=True)
    reason = models.TextField(_("reason"))
    flag_kind = models.CharField(_("for"), max_length=24, choices=Flag.Kind.choices, blank=True)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    automatic = models.BooleanField(_("automatic rule"), default=False)
    taken_at = models.DateTimeField(_("taken"))
    taken_on = models.DateField(_("day"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    lifted_at = models.DateTimeField(_("lifted"), null=True, blank=True)
    lifted_on = models.DateField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(_("why lifted"), blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["-taken_at", "-id"]
        indexes = [
            models.Index(fields=["shop", "taken_at"], name="action_shop"),
            models.Index(fields=["ends_on"], name="action_ends", condition=Q(ended_at=None)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(step__in=[1, 2, 3, 4]), name="action_step_valid"),
            models.CheckConstraint(
                condition=Q(automatic=False) | Q(step__in=[1, 2]),
                name="action_automatic_first_two_steps",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shop_id}: {self.get_step_display()}"

    def as_rule(self) -> rules.Action:
        return rules.Action(
            step=rules.Step(self.step),
            on=self.taken_on,
            lifted_on=self.lifted_on,
            ends_on=self.ends_on,
        )

    @property
    def shown_reason(self) -> str:
        """The reason in the reader's language when a rule wrote it; a person's own words
        as written."""
        if self.automatic and self.flag_kind in AUTOMATIC_REASONS:
            return str(AUTOMATIC_REASONS[rules.FlagKind(self.flag_kind)])
        return self.reason

    def measure_set(self) -> frozenset[rules.Measure]:
        return frozenset(rules.Measure(m) for m in self.measures)
