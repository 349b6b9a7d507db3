"""Forms of the web pages: they parse, the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from comptoir.core.timezones import time_zone_names
from comptoir.messaging.services.drafts import MAX_BODY
from comptoir.orders.models import Missing
from comptoir.orders.services import AWAITING_DETAIL_MAX
from comptoir.reviews.replies import REPLY_MAX


def _zones() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


class PreferencesForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=150, required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("As my browser says")), *settings.LANGUAGES],
        required=False,
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_zones)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Say what it is for, e.g. “Order sync”."),
    )


class OrderMessageForm(forms.Form):
    """A message about an order: the seller's "Message the buyer", the buyer's answer."""

    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class AwaitBuyerForm(forms.Form):
    missing = forms.ChoiceField(
        label=_("What do you need from the buyer?"), choices=Missing.choices
    )
    detail = forms.CharField(
        label=_("Your question (optional; required for “Something else”)"),
        required=False,
        max_length=AWAITING_DETAIL_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewReplyForm(forms.Form):
    """The shop's public answer to a review."""

    text = forms.CharField(
        label=_("Your public reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ReplyRemovalForm(forms.Form):
    reason = forms.CharField(label=_("Why remove this reply?"), max_length=4000)
