"""The demo's relationships: who agreed to hear from which shop, the Paris shop's codes,
sale, news to its past buyers and check-ins after delivery, and what moderation caught.

Claire (the demo seller) finds a coupon half used, a sale running, a send finished with
the buyers left out for lack of consent, check-ins sent, a buyer's review threat marked on
her inbox, and a Warsaw colleague's advert held for Trust & Safety. Camille (the demo
buyer) agreed to the Paris shop's news: she finds its message with the code, and a warning
on a Kolkata seller's request to pay outside, which she reported. Inès (staff) finds both in
the moderation console. Built through the services, the clock set back where it matters.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.consent.services import consent_set
from comptoir.core import clock
from comptoir.messaging.models import Conversation
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.starting import conversation_start, order_conversation_start
from comptoir.moderation.models import Report
from comptoir.moderation.services import report_create
from comptoir.orders.models import Order
from comptoir.promotions.audiences import AudienceSpec
from comptoir.promotions.coupons import CouponInput, coupon_create, coupon_redeem
from comptoir.promotions.followups import FollowUpInput, follow_up_settings_set, follow_ups_run
from comptoir.promotions.sales import SaleInput, sale_create
from comptoir.promotions.sends import SendInput, send_batches, send_new
from comptoir.shops.access import Viewer, as_buyer, as_member
from comptoir.shops.models import Shop

SEED = 20261128
AGREE = 0.6  # share of buyers who tick "news and offers from this shop" at checkout
# Always agreeing (the demo buyer, to see the Paris news) or never (to see advertising held).
AGREES = {
    ("demo-buyer-camille", "demo-shop-paris"): True,
    ("demo-buyer-kasia", "demo-shop-warsaw"): False,
}

SEND_SUBJECT = "La collection de printemps est arrivée"
SEND_BODY = (
    "Bonjour,\n\nMerci d'avoir choisi l'Atelier pour vos arts de la table. Nos nouveaux bols "
    "et pichets en grès émaillé sont en boutique cette semaine, en petites séries.\n\n"
    "Claire"
)
FOLLOW_UP = (
    "Bonjour {buyer},\n\nVotre commande {order} est bien arrivée ? Si quelque chose ne va "
    "pas, répondez simplement à ce message : on trouve une solution ensemble.\n\n{shop}"
)
# What moderation catches (each is scored for real when it is written).
BUYER_THREAT = (
    "The glaze has a small chip. Refund me 20 euros or I will leave a 1-star review on your shop."
)
WARSAW_ADVERT = (
    "Dziękujemy za zamówienie! Wielka wyprzedaż w ten weekend: -30% na wszystko w sklepie "
    "z kodem LATO30."
)
KOLKATA_OFF_PLATFORM = (
    "Sorry your order was cancelled. If you still want the scarf, pay me directly by bank "
    "transfer to avoid the marketplace fees, IBAN IN12 3456 7890 1234, and I ship it at once."
)


class DemoPromotions:
    def __init__(self, shops: dict[str, Shop], now: datetime, say: Callable[[str], None]):
        self.shops, self.now, self.say = shops, now, say
        self.rng = random.Random(SEED)

    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def owner(self, key: str) -> Viewer:
        shop = self.shops[key]
        user = User.objects.get(shop_memberships__shop=shop, shop_memberships__role="owner")
        return as_member(user, shop)

    # --- before the messages: consent given at checkout --------------------------------

    def consents(self) -> int:
        """Each buyer's answer at their first order from a shop; one later unsubscribes."""
        seen: set[tuple[int, int]] = set()
        agreed = 0
        orders = Order.objects.select_related("buyer", "shop").order_by("ordered_at", "id")
        for order in orders:
            pair = (order.buyer_id, order.shop_id)
            if pair in seen:
                continue
            seen.add(pair)
            key = (order.buyer.external_id or "", order.shop.external_id)
            if not AGREES.get(key, self.rng.random() < AGREE):
                continue
            consent_set(
                buyer_id=order.buyer_id,
                shop_id=order.shop_id,
                given=True,
                source="checkout",
                reference=order.external_id,
                at=order.ordered_at,
            )
            agreed += 1
        return agreed

    # --- after the messages ------------------------------------------------------------

    def load(self) -> None:
        paris, warsaw = self.owner("paris"), self.owner("warsaw")
        self.offers(paris, warsaw)
        self.send(paris)
        follow_up_settings_set(
            shop=self.shops["paris"],
            data=FollowUpInput(enabled=True, days_after_delivery=3, body=FOLLOW_UP),
        )
        checked_in = follow_ups_run()
        self.say(_("%(n)d check-ins after delivery") % {"n": checked_in})
        self.moderation(warsaw)

    def offers(self, paris: Viewer, warsaw: Viewer) -> None:
        shop = self.shops["paris"]
        with clock.frozen_at(self.ago(20)):
            merci = coupon_create(
                shop=shop,
                actor=paris.user,
                data=CouponInput(
                    code="MERCI10",
                    discount_kind="percent",
                    amount=Decimal("10"),
                    ends_at=self.ago(-40),
                    minimum_order=Decimal("30"),
                    usage_limit=50,
                    per_buyer_limit=1,
                ),
            )
        recent = Order.objects.filter(
            shop=shop, ordered_at__gte=self.ago(19), total__gte=Decimal("30")
        ).select_related("buyer")
        buyers: set[int] = set()
        for order in recent.order_by("ordered_at"):
            if order.buyer_id in buyers or len(buyers) == 6:  # once each, as the code says
                continue
            buyers.add(order.buyer_id)
            with clock.frozen_at(order.ordered_at):
                coupon_redeem(
                    shop=shop,
                    code=merci.code,
                    buyer_id=order.buyer.external_id or "",
                    order_id=order.external_id,
                    order_total=order.total,
                )
        with clock.frozen_at(self.ago(60)):
            coupon_create(
                shop=shop,
                actor=paris.user,
                data=CouponInput(
                    code="BIENVENUE",
                    discount_kind="amount",
                    amount=Decimal("5"),
                    ends_at=self.ago(30),
                ),
            )
        listings = Listing.objects.filter(shop=shop).order_by("external_id")
        with clock.frozen_at(self.ago(2)):
            sale_create(
                shop=shop,
                actor=paris.user,
                data=SaleInput(
                    name="Soldes d'hiver",
                    discount_kind="percent",
                    amount=Decimal("15"),
                    ends_at=self.ago(-12),
                    all_listings=False,
                    listing_ids=[listing.external_id for listing in listings[:3]],
                ),
            )
        with clock.frozen_at(self.ago(5)):
            coupon_create(
                shop=self.shops["warsaw"],
                actor=warsaw.user,
                data=CouponInput(
                    code="DZIEKUJE15",
                    discount_kind="percent",
                    amount=Decimal("15"),
                    usage_limit=20,
                ),
            )
        self.say(_("Coupon codes and a sale (MERCI10 used %(n)d times)") % {"n": len(buyers)})

    def send(self, paris: Viewer) -> None:
        """News to every past buyer of the Paris shop, six days ago, with MERCI10."""
        merci = self.shops["paris"].coupons.get(code="MERCI10")
        with clock.frozen_at(self.ago(6)):
            campaign = send_new(
                viewer=paris,
                data=SendInput(
                    subject=SEND_SUBJECT,
                    body=SEND_BODY,
                    audience=AudienceSpec(),
                    coupon_id=merci.id,
                ),
            )
            send_batches(campaign_id=campaign.id)
        campaign.refresh_from_db()
        self.say(
            _("News sent to %(sent)d past buyers, %(left)d left out without consent")
            % {"sent": campaign.sent, "left": campaign.left_out}
        )

    def moderation(self, warsaw: Viewer) -> None:
        """A review threat, an advert held, a request to pay outside reported."""
        paris_shop = self.shops["paris"]
        marta = User.objects.get(external_id="demo-buyer-marta")
        with clock.frozen_at(self.ago(0.4)):
            conversation_start(
                viewer=as_buyer(marta),
                kind=Conversation.Kind.HELP_REQUEST,
                draft=Draft(body=BUYER_THREAT),
                order=Order.objects.filter(shop=paris_shop, buyer=marta).latest("ordered_at"),
                help_reason=Conversation.HelpReason.DAMAGED,
            )
        kasia = User.objects.get(external_id="demo-buyer-kasia")
        with clock.frozen_at(self.ago(0.2)):
            order_conversation_start(
                viewer=warsaw,
                order=Order.objects.filter(shop=self.shops["warsaw"], buyer=kasia).latest(
                    "ordered_at"
                ),
                draft=Draft(body=WARSAW_ADVERT),
            )
        camille = User.objects.get(external_id="demo-buyer-camille")
        kolkata = self.owner("kolkata")
        with clock.frozen_at(self.ago(1.5)):
            message = order_conversation_start(
                viewer=kolkata,
                order=Order.objects.filter(shop=self.shops["kolkata"], buyer=camille).latest(
                    "ordered_at"
                ),
                draft=Draft(body=KOLKATA_OFF_PLATFORM),
            )
        with clock.frozen_at(self.ago(1.2)):
            report_create(
                viewer=as_buyer(camille),
                message_id=message.id,
                reason=Report.Reason.OFF_PLATFORM,
                note="They want me to pay by bank transfer outside the marketplace.",
            )
