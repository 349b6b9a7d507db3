"""Giving and withdrawing marketing consent: recorded with its time and source, at once."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.consent.models import Consent, ConsentChange, Source
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.webhooks.services import emit

CONSENT_CHANGED = "buyer.marketing_consent_changed"


@transaction.atomic
def consent_set(
    *,
    buyer_id: int,
    shop_id: int,
    given: bool,
    source: str,
    reference: str = "",
    at: datetime | None = None,
) -> Consent:
    """Record the buyer's choice for the shop. Saying the same again records nothing new."""
    if source not in Source.values:
        raise DomainError(
            "invalid_source", _("Unknown consent source."), fields={"source": "invalid_choice"}
        )
    at = at or clock.now()
    current = (
        Consent.objects.select_for_update(of=("self",))
        .select_related("buyer", "shop")
        .filter(buyer_id=buyer_id, shop_id=shop_id)
        .first()
    )
    if current is not None and current.given == given:
        return current
    if current is None:
        current = Consent.objects.create(
            buyer_id=buyer_id, shop_id=shop_id, given=given, changed_at=at, source=source
        )
    else:
        current.given, current.changed_at, current.source = given, at, source
        current.save(update_fields=["given", "changed_at", "source"])
    ConsentChange.objects.create(
        buyer_id=buyer_id,
        shop_id=shop_id,
        given=given,
        source=source,
        at=at,
        reference=reference[:100],
    )
    # The marketplace hears of every change (say, to stop its own e-mails for this shop).
    emit(
        event=CONSENT_CHANGED,
        payload={
            "shop_id": current.shop.external_id,
            "buyer_id": current.buyer.external_id,
            "given": given,
            "source": source,
            "at": at.isoformat(),
            "reference": reference[:100],
        },
    )
    return current
