"""The thresholds and automatic rules, as staff configure them (every change audited)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core import audit
from comptoir.core.errors import DomainError
from comptoir.standards.models import StandardsSettings

EDITABLE = [
    f.name
    for f in StandardsSettings._meta.concrete_fields
    if f.name not in ("id", "updated_at", "updated_by")
]


def current_settings() -> StandardsSettings:
    found = StandardsSettings.objects.filter(id=1).first()
    return found if found is not None else StandardsSettings(id=1)


@transaction.atomic
def settings_update(*, actor: User, values: dict[str, Any]) -> StandardsSettings:
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise DomainError(
            "invalid_settings",
            _("Some settings are not valid."),
            fields=dict.fromkeys(unknown, "unknown"),
        )
    config = current_settings()
    before = {name: str(getattr(config, name)) for name in EDITABLE}
    for name, value in values.items():
        setattr(config, name, value)
    try:
        config.full_clean()
    except ValidationError as error:
        raise DomainError(
            "invalid_settings",
            _("Some settings are not valid."),
            fields=dict.fromkeys(error.message_dict, "invalid"),
        ) from None
    config.updated_by = actor
    config.save()
    after = {name: str(getattr(config, name)) for name in EDITABLE}
    changes = {
        name: [before[name], after[name]] for name in EDITABLE if before[name] != after[name]
    }
    if changes:
        audit.record(actor=actor, verb="settings.changed", details={"changes": changes})
    return config
