"""Idempotent writes keyed by the marketplace's own ids."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

M = TypeVar("M", bound=models.Model)


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


def upsert(
    model: type[M], *, key: Mapping[str, Any], values: Mapping[str, Any]
) -> tuple[M, Outcome]:
    """Create the row `key` identifies, or bring it to `values`; untouched when equal.

    The same call twice writes nothing the second time (not even `updated_at`). Must run
    inside a transaction; the row is locked while it is compared.
    """
    obj = model._default_manager.select_for_update().filter(**key).first()
    if obj is None:
        try:
            with transaction.atomic():
                return model._default_manager.create(**key, **values), Outcome.CREATED
        except IntegrityError:
            # Someone created it between our read and our insert; take theirs.
            obj = model._default_manager.select_for_update().filter(**key).first()
            if obj is None:
                raise
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if not changed:
        return obj, Outcome.UNCHANGED
    for name in changed:
        setattr(obj, name, values[name])
    update_fields = changed + (["updated_at"] if hasattr(obj, "updated_at") else [])
    obj.save(update_fields=update_fields)
    return obj, Outcome.UPDATED
