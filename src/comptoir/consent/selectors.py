"""Who consents to a shop's marketing. Every marketing path asks here, at send time."""

from __future__ import annotations

from comptoir.consent.models import Consent, ConsentChange
from comptoir.core.prepared import Prepared


def has_consent(*, buyer_id: int, shop_id: int, lock: bool = False) -> bool:
    """Whether the buyer consents now; `lock` holds their consent row to the caller's commit
    (a withdrawal being written waits for the send, and the next send sees it)."""
    if not lock:
        return bool(_GIVEN.run(buyer_id, shop_id))
    rows = Consent.objects.filter(buyer_id=buyer_id, shop_id=shop_id).select_for_update()
    return rows.filter(given=True).exists()


# Screening asks it for every seller's message: compiled once (core.prepared).
_GIVEN = Prepared(
    lambda buyer_id, shop_id: Consent.objects.filter(
        buyer_id=buyer_id, shop_id=shop_id, given=True
    ).only("id")[:1],
    -7_000_031,
    -7_000_032,
)


def consents_of(*, buyer_id: int) -> list[Consent]:
    """A buyer's consents, every shop they ever answered (their account page)."""
    return list(
        Consent.objects.filter(buyer_id=buyer_id).select_related("shop").order_by("shop__name")
    )


def history(*, buyer_id: int, shop_id: int) -> list[ConsentChange]:
    return list(
        ConsentChange.objects.filter(buyer_id=buyer_id, shop_id=shop_id).order_by("at", "id")
    )
