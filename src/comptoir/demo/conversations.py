"""The demo marketplace's messages: every kind of thread, in the seller's and buyer's inboxes.

Claire (the demo seller) finds questions waiting on the inquiry board, a help request
about a broken bowl, a support ticket she closed, an order note, a website message, a
spam attempt, labels and saved replies, orders waiting on a buyer's answer; Camille (the
demo buyer) finds her side of them, and the shop's question on her order page.
Built through the messaging services, with the clock set back so times look lived-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.autoreplies.services import weekly_set
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.demo.email_replies import visitor_answers_by_email
from comptoir.demo.history import load_history
from comptoir.demo.waiting import load_waiting
from comptoir.messaging.models import Conversation, Message
from comptoir.messaging.rules import Action
from comptoir.messaging.services.contact_form import contact_form_submit
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.folders import conversations_act
from comptoir.messaging.services.library import label_create, labels_apply, saved_reply_create
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import conversation_start, order_conversation_start
from comptoir.messaging.services.tickets import ticket_close
from comptoir.orders.models import Order, OrderNote
from comptoir.orders.services import order_note_add
from comptoir.shops.access import Viewer, as_buyer, as_member
from comptoir.shops.models import Shop

BUYER, SHOP = "buyer", "shop"


@dataclass(frozen=True)
class Step:
    hours_ago: float
    side: str  # BUYER or SHOP
    body: str


@dataclass(frozen=True)
class DemoThread:
    shop: str  # shop key
    buyer: str  # buyer key
    kind: str
    steps: tuple[Step, ...]
    listing: int | None = None  # index in the shop's listings
    reason: str = ""
    subject: str = ""
    then: tuple[str, ...] = ()  # shop-side actions afterwards: "read", "archive", "spam", …
    labels: tuple[str, ...] = ()


PARIS_SAVED_REPLIES = (
    (
        "Délais d'expédition",
        "Bonjour,\n\nMerci pour votre message ! Nos pièces partent sous 2 à 3 jours ouvrés, "
        "emballées à la main. Vous recevrez le numéro de suivi dès l'envoi.\n\nClaire",
    ),
    (
        "Entretien du grès",
        "Le grès émaillé passe au lave-vaisselle et au micro-ondes. Évitez simplement les "
        "chocs thermiques (du congélateur au four).",
    ),
    (
        "Shipping times (English)",
        "Hello,\n\nThank you for your message! Our pieces ship within 2–3 working days, "
        "hand-packed. You will get the tracking number as soon as it leaves.\n\nClaire",
    ),
)
PARIS_LABELS = ("Casse", "Personnalisation", "Cadeau")

THREADS: tuple[DemoThread, ...] = (
    DemoThread(
        "paris",
        "marta",
        Conversation.Kind.LISTING_INQUIRY,
        (Step(20, BUYER, "Hello! Is the ramen bowl big enough for 700 ml of broth? Thanks."),),
        listing=0,
    ),
    DemoThread(
        "paris",
        "emma",
        Conversation.Kind.LISTING_INQUIRY,
        (Step(3, BUYER, "Hi, could you ship the teapot to Dublin before the 20th?"),),
        listing=5,
    ),
    DemoThread(
        "paris",
        "camille",
        Conversation.Kind.LISTING_INQUIRY,
        (
            Step(50, BUYER, "Bonjour, le filtre de la théière est-il amovible ?"),
            Step(
                47, SHOP, "Bonjour Camille, oui : filtre inox amovible, il passe au lave-vaisselle."
            ),
            Step(2, BUYER, "Merci beaucoup ! Je la commande pour l'anniversaire de ma sœur."),
        ),
        listing=5,
        labels=("Cadeau",),
    ),
    DemoThread(
        "paris",
        "lucas",
        Conversation.Kind.HELP_REQUEST,
        (
            Step(30, BUYER, "Bonjour, un des bols est arrivé fêlé. Je joins une photo demain."),
            Step(
                26,
                SHOP,
                "Je suis désolée ! Je vous en renvoie un dès lundi, inutile de retourner l'autre.",
            ),
            Step(5, BUYER, "C'est très gentil, merci. Le colis a été bien reçu sinon."),
        ),
        reason=Conversation.HelpReason.DAMAGED,
        labels=("Casse",),
    ),
    DemoThread(
        "paris",
        "camille",
        Conversation.Kind.SUPPORT_TICKET,
        (
            Step(70, BUYER, "Bonjour, pouvez-vous confirmer l'adresse de livraison ?"),
            Step(68, SHOP, "C'est bien 12 rue des Tanneurs, Lyon. Tout est en ordre !"),
        ),
        then=("close",),
    ),
    DemoThread(
        "paris",
        "julien",
        Conversation.Kind.ORDER_MESSAGE,
        (
            Step(
                28,
                SHOP,
                "Bonjour Julien, souhaitez-vous un mot manuscrit dans le colis ? "
                "Je peux l'emballer en cadeau.",
            ),
        ),
        labels=("Personnalisation",),
    ),
    DemoThread(
        "paris",
        "sophie",
        Conversation.Kind.SHOP_INQUIRY,
        (
            Step(200, BUYER, "Faites-vous des services de table sur commande (12 couverts) ?"),
            Step(190, SHOP, "Oui, comptez 6 semaines. Je vous envoie un devis par ici ?"),
            Step(180, BUYER, "Parfait, je reviens vers vous après les fêtes."),
        ),
        subject="Service de table sur mesure",
        then=("read", "archive"),
    ),
    DemoThread(
        "paris",
        "oliver",
        Conversation.Kind.SHOP_INQUIRY,
        (
            Step(
                9,
                BUYER,
                "Boost your shop's sales 10x!!! Buy 5,000 followers now at "
                "cheap-followers.example — pay with gift cards.",
            ),
        ),
        subject="Grow your shop FAST",
        then=("spam",),
    ),
    DemoThread(
        "warsaw",
        "kasia",
        Conversation.Kind.HELP_REQUEST,
        (Step(40, BUYER, "Dzień dobry, paczka jeszcze nie dotarła. Czy została wysłana?"),),
        reason=Conversation.HelpReason.NOT_RECEIVED,
    ),
    DemoThread(
        "warsaw",
        "zofia",
        Conversation.Kind.LISTING_INQUIRY,
        (
            Step(12, BUYER, "Czy kolczyki mają zapięcie angielskie?"),
            Step(11, SHOP, "Tak, zapięcie angielskie ze srebra 925."),
        ),
        listing=0,
    ),
)


class DemoConversations:
    """Loads THREADS for the demo `_Loader` (shops and people already exist)."""

    def __init__(self, shops: dict[str, Shop], now: datetime, say: Callable[[str], None]):
        self.shops, self.now, self.say = shops, now, say
        self.labels: dict[tuple[str, str], int] = {}

    def at(self, hours_ago: float) -> datetime:
        return self.now - timedelta(hours=hours_ago)

    def shop_viewer(self, key: str) -> Viewer:
        shop = self.shops[key]
        owner = User.objects.get(shop_memberships__shop=shop, shop_memberships__role="owner")
        return as_member(owner, shop)

    def load(self) -> None:
        paris = self.shop_viewer("paris")
        with clock.frozen_at(self.at(24 * 30)):
            for title, body in PARIS_SAVED_REPLIES:
                saved_reply_create(viewer=paris, title=title, body=body)
            for name in PARIS_LABELS:
                self.labels["paris", name] = label_create(viewer=paris, name=name).id
        written = load_history(self.shops["paris"], paris, self.now)
        self.say(
            _("%(n)d earlier questions to the Paris shop (its responsiveness)") % {"n": written}
        )
        for thread in THREADS:
            self.thread(thread)
        self.extras(paris)
        waiting = load_waiting(self.shop_viewer, self.now, self.say)
        self.say(_("%(n)d orders waiting on the buyer's answer") % {"n": waiting})
        # Claire's hours are filled in, switched off: one click turns the weekly reply on.
        weekday_hours = {day: [(9 * 60, 18 * 60)] for day in range(5)}
        weekly_set(
            shop=self.shops["paris"],
            on=False,
            text=(
                "Merci pour votre message ! L'atelier répond du lundi au vendredi, "
                "de 9 h à 18 h : je reviens vers vous très vite. — Claire"
            ),
            week=weekday_hours,
        )

    def thread(self, spec: DemoThread) -> None:
        shop_viewer = self.shop_viewer(spec.shop)
        buyer = User.objects.get(external_id=f"demo-buyer-{spec.buyer}")
        order = (
            Order.objects.filter(shop=self.shops[spec.shop], buyer=buyer)
            .order_by("-ordered_at")
            .first()
        )
        first, *rest = spec.steps
        with clock.frozen_at(self.at(first.hours_ago)):
            if spec.kind == Conversation.Kind.ORDER_MESSAGE:
                assert order is not None, spec
                message = order_conversation_start(
                    viewer=shop_viewer, order=order, draft=Draft(body=first.body)
                )
            else:
                listing = None
                if spec.listing is not None:
                    listing = Listing.objects.get(
                        external_id=f"demo-listing-{spec.shop}-{spec.listing + 1}"
                    )
                message = conversation_start(
                    viewer=as_buyer(buyer),
                    kind=spec.kind,
                    draft=Draft(body=first.body),
                    subject=spec.subject,
                    shop=self.shops[spec.shop],
                    listing=listing,
                    order=order,
                    help_reason=spec.reason,
                )
        cid = message.conversation_id
        for step in rest:
            viewer = shop_viewer if step.side == SHOP else as_buyer(buyer)
            with clock.frozen_at(self.at(step.hours_ago)):
                message_reply(viewer=viewer, conversation_id=cid, draft=Draft(body=step.body))
        with clock.frozen_at(self.at(max(spec.steps[-1].hours_ago - 0.5, 0))):
            for action in spec.then:
                if action == "close":
                    ticket_close(viewer=shop_viewer, conversation_id=cid)
                else:
                    conversations_act(viewer=shop_viewer, ids=[cid], action=Action(action))
            if spec.labels:
                labels_apply(
                    viewer=shop_viewer,
                    ids=[cid],
                    add=[self.labels[spec.shop, name] for name in spec.labels],
                )

    def extras(self, paris: Viewer) -> None:
        with clock.frozen_at(self.at(6)):
            asked = contact_form_submit(
                shop=self.shops["paris"],
                name="Hélène Martin",
                email="helene.martin@example.fr",
                subject="Atelier de poterie ?",
                body="Bonjour, proposez-vous des ateliers d'initiation le samedi ? Merci !",
            )
        visitor_answers_by_email(paris, asked.conversation_id, at=self.at(5))
        order = (
            Order.objects.filter(shop=self.shops["paris"], buyer__external_id="demo-buyer-camille")
            .order_by("-ordered_at")
            .first()
        )
        if order is not None:
            with clock.frozen_at(self.at(4)):
                order_note_add(
                    order=order,
                    author=paris.user,
                    visibility=OrderNote.Visibility.PRIVATE,
                    body="Initiales à graver : « C & T ». Vérifier l'orthographe avant cuisson.",
                )
                order_note_add(
                    order=order,
                    author=paris.user,
                    visibility=OrderNote.Visibility.CUSTOMER,
                    body="Vos pièces sont au séchage ; cuisson prévue jeudi.",
                )

    @staticmethod
    def count() -> tuple[int, int]:
        return Conversation.objects.count(), Message.objects.count()
