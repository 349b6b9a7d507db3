"""The demo's orders waiting on a buyer's answer: the Shop Manager's list, with a deadline
still ahead and one passed, and Camille's own order, where she sees the shop's question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from comptoir.core import clock
from comptoir.messaging.order_threads import order_ask_buyer
from comptoir.orders.models import Missing, Order
from comptoir.shops.access import Viewer

# (shop key, buyer's marketplace id, hours ago, what is missing, the shop's words)
WAITING = (
    (
        "paris",
        "demo-buyer-camille",
        20,
        Missing.ADDRESS,
        "Votre adresse indique « Bât. B » : quel est le code d'entrée pour le livreur ?",
    ),
    (
        "paris",
        "demo-buyer-julien",
        30,
        Missing.PERSONALISATION,
        "Quel prénom souhaitez-vous au dos du bol ? (10 lettres au plus)",
    ),
    (
        "warsaw",
        "demo-buyer-kasia",
        24 * 6,
        Missing.PHONE,
        "Kurier prosi o numer telefonu do odbiorcy. / The courier needs your phone number.",
    ),
)


def load_waiting(
    shop_viewer: Callable[[str], Viewer], now: datetime, say: Callable[[str], None]
) -> int:
    """Ask each buyer through the order's thread; returns how many orders wait."""
    asked = 0
    for shop_key, buyer_id, hours_ago, missing, detail in WAITING:
        viewer = shop_viewer(shop_key)
        order = (
            Order.objects.select_related("shop", "buyer")
            .filter(shop=viewer.shop, buyer__external_id=buyer_id, status=Order.Status.PAID)
            .order_by("-ordered_at")
            .first()
        )
        if order is None:
            continue
        with clock.frozen_at(now - timedelta(hours=hours_ago)):
            order_ask_buyer(viewer=viewer, order=order, missing=missing, detail=detail)
        asked += 1
    return asked
