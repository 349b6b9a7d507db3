"""Forms of the web pages: they parse, the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from comptoir.core.timezones import time_zone_names


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
