"""The promotions API: sales and coupons (offers), sends to past buyers and follow-ups."""

from __future__ import annotations

from ninja import Router

from comptoir.promotions.api_offers import router as offers
from comptoir.promotions.api_sends import router as sends

router = Router()
router.add_router("", offers)
router.add_router("", sends)
