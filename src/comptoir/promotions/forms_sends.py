"""The seller's forms for sends to past buyers and for the check-in after delivery."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from comptoir.catalog.models import Listing
from comptoir.core.errors import DomainError
from comptoir.promotions import followups, sends
from comptoir.promotions.audiences import MAX_MIN_ORDERS, AudienceSpec
from comptoir.promotions.models import Audience, Coupon
from comptoir.shops.models import Shop

PROBLEMS = {
    "required": _("Fill this in."),
    "too_long": _("This is too long."),
    "not_found": _("Pick one from the list."),
    "not_usable": _("This code is off, ended or used up."),
    "before_start": _("The last day comes before the first."),
    "out_of_range": _("Out of range."),
    "invalid_choice": _("Pick one from the list."),
    "no_consenting_buyers": _("Nobody in this audience agreed to receive news and offers."),
}
FIELD_NAMES = {"listing_id": "listing", "coupon_id": "coupon", "audience": "audience"}


def add_domain_errors(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal on the form: each field's problem on its field, the message on
    the form when no field explains it."""
    placed = False
    for name, code in error.fields.items():
        name = FIELD_NAMES.get(name, name)
        if name in form.fields:
            form.add_error(name, str(PROBLEMS.get(code, code)))
            placed = True
    if not placed or error.code == "no_consenting_buyers":
        form.add_error(None, error.message)


class SendForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Who"),
        choices=[c for c in Audience.choices if c[0] != Audience.SINGLE],
        initial=Audience.ALL,
        widget=forms.RadioSelect,
    )
    listing = forms.ModelChoiceField(
        label=_("Listing they bought"), queryset=Listing.objects.none(), required=False
    )
    bought_from = forms.DateField(
        label=_("Bought from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Days in your shop's time zone, both included."),
    )
    bought_until = forms.DateField(
        label=_("Bought until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    min_orders = forms.IntegerField(
        label=_("At least this many orders"),
        required=False,
        min_value=1,
        max_value=MAX_MIN_ORDERS,
        initial=2,
    )
    subject = forms.CharField(label=_("Subject"), max_length=sends.SUBJECT_MAX)
    body = forms.CharField(
        label=_("Message"), max_length=sends.BODY_MAX, widget=forms.Textarea(attrs={"rows": 8})
    )
    coupon = forms.ModelChoiceField(
        label=_("Coupon code (optional)"),
        queryset=Coupon.objects.none(),
        required=False,
        empty_label=_("No code"),
        help_text=_("Added under your message, in each buyer's language."),
    )
    # What the seller last checked, so a changed audience is checked again before sending.
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, shop: Shop, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        listing_field = self.fields["listing"]
        coupon_field = self.fields["coupon"]
        assert isinstance(listing_field, forms.ModelChoiceField)
        assert isinstance(coupon_field, forms.ModelChoiceField)
        listing_field.queryset = Listing.objects.filter(shop=shop).order_by("title", "id")
        coupon_field.queryset = sends.usable_coupons(shop)

    def spec(self) -> AudienceSpec:
        data = self.cleaned_data
        listing = data.get("listing")
        return AudienceSpec(
            kind=data["audience"],
            listing_id=listing.id if listing is not None else None,
            bought_from=data.get("bought_from"),
            bought_until=data.get("bought_until"),
            min_orders=data.get("min_orders"),
        )

    def send_input(self) -> sends.SendInput:
        coupon = self.cleaned_data.get("coupon")
        return sends.SendInput(
            subject=self.cleaned_data["subject"],
            body=self.cleaned_data["body"],
            audience=self.spec(),
            coupon_id=coupon.id if coupon is not None else None,
        )


def spec_key(spec: AudienceSpec) -> str:
    """The audience as a short string (the form's `checked` field)."""
    return "|".join(
        str(v or "")
        for v in (spec.kind, spec.listing_id, spec.bought_from, spec.bought_until, spec.min_orders)
    )


class FollowUpForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send a check-in after delivery"), required=False)
    days_after_delivery = forms.IntegerField(
        label=_("Days after delivery"),
        min_value=followups.DAYS_MIN,
        max_value=followups.DAYS_MAX,
    )
    body = forms.CharField(
        label=_("Message"),
        max_length=followups.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "{buyer}, {order} and {shop} are replaced by the buyer's name, the order "
            "number and your shop's name."
        ),
    )

    def follow_up_input(self) -> followups.FollowUpInput:
        return followups.FollowUpInput(
            enabled=self.cleaned_data["enabled"],
            days_after_delivery=self.cleaned_data["days_after_delivery"],
            body=self.cleaned_data["body"],
        )
