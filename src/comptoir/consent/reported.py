"""Consent the marketplace reports (at checkout, by import, through the API).

The marketplace re-sends what it knows whenever it likes: the whole order on every status
change, an old export during an import. A statement dated before the buyer's latest
change must not undo it (a buyer who unsubscribed on Tuesday is not subscribed again by
Monday's order being re-sent), so it records nothing; a statement that repeats where
consent stands records nothing either (`consent_set`).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from comptoir.consent.models import Consent
from comptoir.consent.services import consent_set
from comptoir.core import clock


@transaction.atomic
def consent_reported(
    *,
    buyer_id: int,
    shop_id: int,
    given: bool,
    source: str,
    reference: str = "",
    at: datetime | None = None,
) -> Consent:
    """Record what the marketplace says the buyer chose at `at` (now when omitted).

    A time ahead of our clock is taken as now (a marketplace clock running fast is no
    reason to refuse a buyer's choice, nor to date it in the future). Returns the consent
    as it stands after the statement.
    """
    now = clock.now()
    at = min(at or now, now)
    current = Consent.objects.select_for_update().filter(buyer_id=buyer_id, shop_id=shop_id).first()
    if current is not None and at < current.changed_at:
        return current
    return consent_set(
        buyer_id=buyer_id,
        shop_id=shop_id,
        given=given,
        source=source,
        reference=reference,
        at=at,
    )
