"""Forms of the seller's coupon and sale pages: they parse what was typed; the services
decide (and their field codes are put back on the form in the seller's words)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Listing
from comptoir.core.errors import DomainError
from comptoir.promotions.models import DiscountKind

PROBLEMS: dict[str, Promise] = {
    "required": _("This field is required."),
    "too_short": _("At least 3 characters."),
    "too_long": _("This is too long."),
    "invalid_characters": _("Use only letters, digits and dashes."),
    "not_positive": _("It must be more than zero."),
    "over_100": _("A percentage cannot be more than 100."),
    "too_many_decimals": _("At most two decimals."),
    "too_large": _("This amount is too large."),
    "negative": _("It cannot be negative."),
    "invalid": _("This value is not valid."),
    "at_least_one": _("At least 1, or leave it empty for no limit."),
    "ends_before_start": _("The end must be after the start."),
    "in_the_past": _("The end must be in the future."),
    "below_uses": _("The code has already been used more times than that."),
    "unknown_listing": _("Choose listings of this shop."),
    "invalid_choice": _("Choose one of the options."),
}
# Service field names that a form shows under another name.
FIELD_NAMES = {"listing_ids": "listings"}


def add_domain_errors(form: forms.BaseForm, error: DomainError) -> None:
    """Put a service's refusal on the form: each field's problem on its field, the
    message on the form when no field explains it (a code taken goes on the code)."""
    placed = False
    for name, code in error.fields.items():
        name = FIELD_NAMES.get(name, name)
        if name in form.fields:
            form.add_error(name, str(PROBLEMS.get(code, code)))
            placed = True
    if error.code == "coupon_code_taken" and "code" in form.fields:
        form.add_error("code", error.message)
        placed = True
    if not placed:
        form.add_error(None, error.message)


def _moment(label: Any, help_text: Any, *, required: bool) -> forms.DateTimeField:
    """A date and time typed in the viewer's own time zone (the page's active one)."""
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


def _money(label: Any, *, required: bool = True, help_text: Any = "") -> forms.Field:
    return forms.DecimalField(
        label=label, required=required, max_digits=10, decimal_places=2, help_text=help_text
    )


class CouponForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        help_text=_("3 to 40 letters, digits or dashes. Buyers may type it in any case."),
    )
    discount_kind = forms.ChoiceField(label=_("Discount"), choices=DiscountKind.choices)
    amount = _money(_("Amount"), help_text=_("A percentage, or an amount in the shop's currency."))
    minimum_order = _money(
        _("Minimum order"), required=False, help_text=_("Optional. An order equal to it qualifies.")
    )
    usage_limit = forms.IntegerField(
        label=_("Usage limit"), required=False, help_text=_("Orders in all. Empty: no limit.")
    )
    per_buyer_limit = forms.IntegerField(
        label=_("Uses per buyer"), required=False, help_text=_("Empty: no limit.")
    )
    starts_at = _moment(_("Starts"), _("Empty: now."), required=False)
    ends_at = _moment(
        _("Ends"), _("Optional. The code stops working at this moment."), required=False
    )


class SaleForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("For you: buyers see the price.")
    )
    discount_kind = forms.ChoiceField(label=_("Discount"), choices=DiscountKind.choices)
    amount = _money(_("Amount"), help_text=_("A percentage, or an amount in the shop's currency."))
    all_listings = forms.BooleanField(label=_("All listings"), required=False, initial=True)
    listings = forms.ModelMultipleChoiceField(
        label=_("Chosen listings"),
        queryset=Listing.objects.none(),
        to_field_name="external_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the sale is not on all listings."),
    )
    starts_at = _moment(_("Starts"), _("Empty: now."), required=False)
    ends_at = _moment(_("Ends"), _("The sale price stops at this moment."), required=True)

    def __init__(self, *args: object, listings: QuerySet[Listing], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["listings"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = listings
