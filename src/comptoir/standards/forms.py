"""Forms of the standards pages: they parse, the ladder and the settings service decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comptoir.core.converters import ID_MAX
from comptoir.core.errors import DomainError
from comptoir.standards.config import EDITABLE
from comptoir.standards.ladder import REASON_MAX
from comptoir.standards.models import Action, Flag, StandardsSettings

# The services' field codes, as a person reads them (by field first, then in general).
PROBLEMS: dict[tuple[str, str], Promise] = {
    ("measures", "required"): _("Choose at least one measure for a temporary step."),
    ("measures", "not_allowed"): _("Measures are taken only with a temporary step."),
    ("ends_on", "not_in_future"): _("The end date must be after today."),
    ("reason", "too_long"): _("The reason is too long."),
}
GENERAL: dict[str, Promise] = {
    "required": _("This field is required."),
    "invalid_choice": _("Choose one of the options."),
    "invalid": _("This value is not valid."),
    "unknown": _("This setting does not exist."),
}


def add_domain_errors(form: forms.BaseForm, error: DomainError) -> None:
    """Put a service's refusal on the form: each field's problem on its field, the
    message on the form when no field explains it."""
    placed = False
    for name, code in error.fields.items():
        if name in form.fields:
            form.add_error(name, str(PROBLEMS.get((name, code)) or GENERAL.get(code) or code))
            placed = True
    if not placed:
        form.add_error(None, error.message)


class ActionForm(forms.Form):
    step = forms.TypedChoiceField(label=_("Step"), choices=Action.Step.choices, coerce=int)
    measures = forms.MultipleChoiceField(
        label=_("Measures"),
        choices=Action.Measure.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a temporary step: at least one. A revocation brings them all."),
    )
    flag_kind = forms.ChoiceField(
        label=_("Flag acted on"),
        choices=[("", _("None")), *Flag.Kind.choices],
        required=False,
        help_text=_("The flag leaves the queue until the shop is re-evaluated."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The seller reads it."),
    )
    ends_on = forms.DateField(
        label=_("Ends on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the step stops at the start of this day."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class SettingsForm(forms.ModelForm):
    class Meta:
        model = StandardsSettings
        fields = EDITABLE


class AuditFilterForm(forms.Form):
    shop = forms.IntegerField(label=_("Shop"), required=False, min_value=1, max_value=ID_MAX)
    verb = forms.ChoiceField(label=_("What"), required=False)
    cursor = forms.CharField(required=False)

    def __init__(self, *args: Any, verbs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        verb_field = self.fields["verb"]
        assert isinstance(verb_field, forms.ChoiceField)
        verb_field.choices = [("", _("Everything")), *verbs]
