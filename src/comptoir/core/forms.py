"""What every web form does with a service's refusal."""

from __future__ import annotations

from django import forms

from comptoir.core.errors import DomainError


def add_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal on its field when the form has it, else on the form."""
    for name in error.fields:
        if name in form.fields:
            form.add_error(name, error.message)
            return
    form.add_error(None, error.message)
