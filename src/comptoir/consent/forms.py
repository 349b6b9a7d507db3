"""The buyer's switch for one shop: the form parses, `consent_set` records."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ConsentForm(forms.Form):
    # An unticked box is not sent at all: absent means "no news and offers".
    given = forms.BooleanField(
        label=_("Send me news and offers"),
        required=False,
        widget=forms.CheckboxInput(attrs={"role": "switch"}),
    )
