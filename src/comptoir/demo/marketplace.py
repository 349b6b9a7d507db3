"""The demo marketplace `comptoir serve` loads into an empty database, built through the services.

Four shops in four time zones, their listings, a dozen buyers, about eighty orders over
the last 120 days in every status, reviews and cases. Times are relative to
`clock.now()`; everything else comes from a fixed random seed, so every demo looks alike.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comptoir.accounts.models import User
from comptoir.accounts.services import integration_account_create, staff_create
from comptoir.cases.models import Case
from comptoir.cases.services import case_upsert, order_case_eligibility
from comptoir.catalog.services import listing_upsert, shipping_profile_upsert
from comptoir.core import clock
from comptoir.core.errors import Conflict
from comptoir.core.outbox import site_link
from comptoir.demo.conversations import DemoConversations
from comptoir.demo.mailbox import keep_in_mailbox, last_outbox_id
from comptoir.demo.promotions import DemoPromotions
from comptoir.demo.second_factor import enrol_demo_staff
from comptoir.orders.models import Order
from comptoir.orders.services import (
    BuyerInput,
    ItemInput,
    OrderInput,
    order_buyer_messaged,
    order_upsert,
)
from comptoir.reviews.models import Review
from comptoir.reviews.services import review_reply, review_upsert
from comptoir.shops.access import Viewer
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import PolicyInput, shop_member_add, shop_member_upsert, shop_upsert
from comptoir.standards.evaluation import evaluate_now
from comptoir.standards.ladder import action_take
from comptoir.standards.models import Action


@dataclass(frozen=True)
class DemoLogin:
    role: str  # "buyer" | "seller" | "staff"
    username: str
    password: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(role="buyer", username="buyer", password="demo-buyer"),  # noqa: S106
    DemoLogin(role="seller", username="seller", password="demo-seller"),  # noqa: S106
    DemoLogin(role="staff", username="staff", password="demo-staff"),  # noqa: S106
)
INTEGRATION_USERNAME = "marketplace-sync"
RANDOM_SEED = 20260301
RANDOM_ORDERS = 66

PARIS, WARSAW, NEW_YORK, KOLKATA = "paris", "warsaw", "new-york", "kolkata"
DEMO_BUYER = "camille"


def _shop_id(key: str) -> str:
    return f"demo-shop-{key}"


def demo_is_loaded() -> bool:
    """Whether the demo marketplace is in the database (its Paris shop is the marker)."""
    return Shop.objects.filter(external_id=_shop_id(PARIS)).exists()


# --- The cast -------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoBuyer:
    key: str
    first_name: str
    last_name: str
    language: str
    address: dict[str, str]

    @property
    def external_id(self) -> str:
        return f"demo-buyer-{self.key}"

    @property
    def email(self) -> str:
        return f"{self.key}@demo.comptoir.example"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def _address(line1: str, postcode: str, city: str, country: str) -> dict[str, str]:
    return {"line1": line1, "postcode": postcode, "city": city, "country": country}


BUYERS: tuple[DemoBuyer, ...] = (
    DemoBuyer(
        DEMO_BUYER,
        "Camille",
        "Laurent",
        "fr",
        _address("12 rue des Martyrs", "75009", "Paris", "FR"),
    ),
    DemoBuyer(
        "julien", "Julien", "Moreau", "fr", _address("4 place Bellecour", "69002", "Lyon", "FR")
    ),
    DemoBuyer(
        "sophie",
        "Sophie",
        "Martin",
        "fr",
        _address("27 quai des Chartrons", "33000", "Bordeaux", "FR"),
    ),
    DemoBuyer(
        "lucas", "Lucas", "Dubois", "fr", _address("Rue Haute 112", "1000", "Bruxelles", "BE")
    ),
    DemoBuyer(
        "piotr",
        "Piotr",
        "Kowalski",
        "pl",
        _address("ul. Floriańska 15/3", "31-019", "Kraków", "PL"),
    ),
    DemoBuyer(
        "zofia", "Zofia", "Zielińska", "pl", _address("ul. Długa 8", "80-827", "Gdańsk", "PL")
    ),
    DemoBuyer(
        "kasia",
        "Katarzyna",
        "Lewandowska",
        "pl",
        _address("ul. Piotrkowska 101/7", "90-425", "Łódź", "PL"),
    ),
    DemoBuyer("marta", "Marta", "Nowak", "pl", _address("ul. Ruska 46", "50-079", "Wrocław", "PL")),
    DemoBuyer(
        "emma", "Emma", "Thompson", "en", _address("14 Canonbury Lane", "N1 2AS", "London", "GB")
    ),
    DemoBuyer(
        "oliver", "Oliver", "Bennett", "en", _address("3 Merrion Square", "D02", "Dublin", "IE")
    ),
    DemoBuyer(
        "aisha", "Aisha", "Khan", "en", _address("Keizersgracht 220", "1016 DZ", "Amsterdam", "NL")
    ),
    DemoBuyer(
        "noah", "Noah", "Williams", "en", _address("88 Atlantic Ave", "11201", "Brooklyn, NY", "US")
    ),
)
BUYER_BY_KEY = {b.key: b for b in BUYERS}


@dataclass(frozen=True)
class DemoShop:
    key: str
    name: str
    time_zone: str
    currency: str
    about: str
    country: str
    carrier: str
    tracking_format: str  # "{n}" is replaced by digits
    owner: tuple[str, str]  # (external id, display name)
    policies: tuple[PolicyInput, ...]
    shop_reply_language: str
    extra: dict[str, Any] = field(default_factory=dict)


SHOPS: tuple[DemoShop, ...] = (
    DemoShop(
        key=PARIS,
        name="Atelier Terre & Feu",
        time_zone="Europe/Paris",
        currency="EUR",
        about=(
            "Céramiques tournées à la main dans notre atelier du 11e arrondissement. "
            "Grès et porcelaine, émaux maison, petites séries. "
            "Hand-thrown stoneware and porcelain from a small Paris studio."
        ),
        country="FR",
        carrier="Colissimo",
        tracking_format="6A{n}",
        owner=("demo-seller", "Claire Fontaine"),
        shop_reply_language="fr",
        # The studio's own website shows its contact form (Shop Manager → Your website).
        extra={"embed_origins": ["https://www.atelier-terre-et-feu.example"]},
        policies=(
            PolicyInput(
                "shipping",
                {
                    "ships_internationally": True,
                    "customs_paid_by_buyer": True,
                    "tracking_always": True,
                },
                "Chaque pièce est emballée à la main dans du carton recyclé et du papier de soie. "
                "Envoi en Colissimo suivi sous 1 à 3 jours ouvrés.",
            ),
            PolicyInput(
                "payment",
                {"methods": ["card", "paypal", "gift_card"]},
                "Paiement sécurisé par la place de marché.",
            ),
            PolicyInput(
                "returns",
                {
                    "accepts_returns": True,
                    "accepts_exchanges": True,
                    "window_days": 14,
                    "buyer_pays_return_shipping": True,
                    "non_returnable": ["custom"],
                },
                "Écrivez-nous avant tout retour. Les pièces sur mesure ne sont ni reprises "
                "ni échangées, sauf défaut.",
            ),
            PolicyInput(
                "privacy",
                {"uses_data_only_for_orders": True, "marketing_with_consent_only": True},
                "Vos coordonnées servent uniquement à préparer et suivre votre commande.",
            ),
            PolicyInput(
                "more_info",
                {},
                "Chaque pièce est unique : de légères variations d'émail font partie du charme "
                "du fait-main. Toutes nos pièces passent au lave-vaisselle.",
            ),
        ),
    ),
    DemoShop(
        key=WARSAW,
        name="Bursztynowa Pracownia",
        time_zone="Europe/Warsaw",
        currency="PLN",
        about=(
            "Biżuteria z bursztynu bałtyckiego i srebra próby 925, ręcznie robiona w Warszawie. "
            "Baltic amber and sterling silver jewellery, handmade in Warsaw."
        ),
        country="PL",
        carrier="InPost",
        tracking_format="6{n}",
        owner=("demo-owner-warsaw", "Agnieszka Wiśniewska"),
        shop_reply_language="pl",
        policies=(
            PolicyInput(
                "shipping",
                {
                    "ships_internationally": True,
                    "customs_paid_by_buyer": True,
                    "tracking_always": True,
                },
                "Wysyłka InPost Paczkomat lub Pocztą Polską, zawsze z numerem śledzenia.",
            ),
            PolicyInput(
                "payment",
                {"methods": ["card", "paypal", "bank_transfer"]},
                "Przelewy tradycyjne księgujemy w ciągu jednego dnia roboczego.",
            ),
            PolicyInput(
                "returns",
                {
                    "accepts_returns": True,
                    "accepts_exchanges": False,
                    "window_days": 30,
                    "buyer_pays_return_shipping": False,
                    "non_returnable": ["custom", "sale"],
                },
                "Zwrot w ciągu 30 dni od doręczenia — koszt odesłania pokrywamy my.",
            ),
            PolicyInput(
                "privacy",
                {"uses_data_only_for_orders": True, "marketing_with_consent_only": True},
                "Dane przetwarzamy zgodnie z RODO, wyłącznie w celu realizacji zamówienia.",
            ),
            PolicyInput(
                "more_info",
                {},
                "Każdy bursztyn ma certyfikat autentyczności. Amber is never treated or pressed.",
            ),
        ),
    ),
    DemoShop(
        key=NEW_YORK,
        name="Hudson Street Prints",
        time_zone="America/New_York",
        currency="USD",
        about=(
            "Risograph, letterpress and screen prints of New York, printed to order "
            "in a shared studio in Red Hook, Brooklyn."
        ),
        country="US",
        carrier="USPS",
        tracking_format="9400{n}",
        owner=("demo-owner-new-york", "Maya Goldberg"),
        shop_reply_language="en",
        policies=(
            PolicyInput(
                "shipping",
                {
                    "ships_internationally": True,
                    "customs_paid_by_buyer": True,
                    "tracking_always": False,
                },
                "Prints ship flat between boards, or rolled in a tube above 18×24 in.",
            ),
            PolicyInput("payment", {"methods": ["card", "paypal"]}, ""),
            PolicyInput(
                "returns",
                {"accepts_returns": False, "accepts_exchanges": True, "window_days": 30},
                "Prints are made to order; if yours arrives damaged we reprint it.",
            ),
            PolicyInput(
                "privacy",
                {"uses_data_only_for_orders": True, "marketing_with_consent_only": True},
                "We never share your address with anyone but the carrier.",
            ),
            PolicyInput(
                "more_info",
                {},
                "Shop paused while the studio moves to a new space — back soon!",
            ),
        ),
    ),
    DemoShop(
        key=KOLKATA,
        name="Kantha House Kolkata",
        time_zone="Asia/Kolkata",
        currency="INR",
        about=(
            "Kantha quilts, block prints and handloom silk from women's cooperatives "
            "in West Bengal. Every piece names the artisan who stitched it."
        ),
        country="IN",
        carrier="India Post",
        tracking_format="EE{n}IN",
        owner=("demo-owner-kolkata", "Ananya Banerjee"),
        shop_reply_language="en",
        policies=(
            PolicyInput(
                "shipping",
                {
                    "ships_internationally": True,
                    "customs_paid_by_buyer": True,
                    "tracking_always": True,
                },
                "Registered air mail with tracking; 10 to 20 days to Europe.",
            ),
            PolicyInput("payment", {"methods": ["card", "paypal", "bank_transfer"]}, ""),
            PolicyInput(
                "returns",
                {
                    "accepts_returns": True,
                    "accepts_exchanges": True,
                    "window_days": 21,
                    "buyer_pays_return_shipping": True,
                },
                "Returns within 21 days of delivery, in original condition.",
            ),
            PolicyInput(
                "privacy",
                {"uses_data_only_for_orders": True, "marketing_with_consent_only": True},
                "",
            ),
            PolicyInput(
                "more_info",
                {},
                "Natural dyes may bleed at the first wash: wash cold, apart, and dry in shade.",
            ),
        ),
        extra={"vacation": True},
    ),
)
SHOP_BY_KEY = {s.key: s for s in SHOPS}


@dataclass(frozen=True)
class DemoProfile:
    shop: str
    external_id: str
    name: str
    processing: tuple[int, int]
    transit: tuple[int, int]
    cost: Decimal


PROFILES: tuple[DemoProfile, ...] = (
    DemoProfile(
        PARIS, "demo-sp-paris", "Colissimo suivi — France & UE", (1, 3), (2, 5), Decimal("6.90")
    ),
    DemoProfile(
        WARSAW,
        "demo-sp-warsaw",
        "InPost Paczkomat / Poczta Polska",
        (1, 2),
        (2, 6),
        Decimal("14.99"),
    ),
    DemoProfile(
        KOLKATA, "demo-sp-kolkata", "India Post registered air", (3, 5), (10, 20), Decimal("950.00")
    ),
)
PROFILE_BY_SHOP = {p.shop: p for p in PROFILES}
# The New York prints are made to order with their own processing time and no carrier
# estimate (so their orders have a ship-by date but no estimated delivery).
NEW_YORK_PROCESSING = (2, 4)
NEW_YORK_TRANSIT = (4, 9)  # what actually happens, not promised to buyers


@dataclass(frozen=True)
class DemoListing:
    title: str
    price: str
    specifications: dict[str, str]
    description: str = ""
    quantity: int = 5
    state: str = "active"


LISTINGS: dict[str, tuple[DemoListing, ...]] = {
    PARIS: (
        DemoListing(
            "Bol à ramen en grès — émail céladon",
            "38.00",
            {
                "taille": "Ø 18 cm, h 9 cm",
                "couleur": "céladon",
                "matière": "grès",
                "contenance": "900 ml",
            },
            "Un grand bol tourné à la main, émail céladon brillant à l'intérieur, "
            "grès brut à l'extérieur.",
            8,
        ),
        DemoListing(
            "Tasse à café en grès, émail « Nuit »",
            "24.00",
            {"size": "200 ml", "colour": "bleu nuit", "material": "grès", "dishwasher": "oui"},
            "Tasse sans anse, émail bleu profond qui se casse en brun sur les arêtes.",
            20,
        ),
        DemoListing(
            "Assiette plate 27 cm — grès moucheté",
            "32.00",
            {"size": "Ø 27 cm", "colour": "blanc moucheté", "material": "grès chamotté"},
            "Assiette plate pour tous les jours, émail satiné.",
            24,
        ),
        DemoListing(
            "Vase soliflore en porcelaine",
            "29.00",
            {"size": "h 16 cm", "colour": "blanc", "material": "porcelaine de Limoges"},
            "Porcelaine fine, translucide à la lumière.",
            6,
        ),
        DemoListing(
            "Set de 4 bols à céréales",
            "96.00",
            {"size": "Ø 15 cm", "colour": "assortis", "material": "grès", "pieces": "4"},
            "Quatre bols, quatre émaux : céladon, nuit, miel, blanc moucheté.",
            3,
        ),
        DemoListing(
            "Théière en grès 1 L",
            "85.00",
            {"capacity": "1 L", "colour": "miel", "material": "grès", "filter": "inox"},
            "Théière avec filtre inox amovible, anse en rotin.",
            2,
        ),
        DemoListing(
            "Stoneware butter dish — Breton style",
            "42.00",
            {"size": "12 × 9 cm", "colour": "sea green", "material": "stoneware"},
            "A covered butter dish for salted Breton butter, glazed inside and out.",
            0,
            "sold_out",
        ),
    ),
    WARSAW: (
        DemoListing(
            "Kolczyki z bursztynem bałtyckim — srebro 925",
            "189.00",
            {"rozmiar": "2,5 cm", "kolor": "koniakowy", "materiał": "bursztyn, srebro 925"},
            "Lekkie kolczyki na bigach, bursztyn koniakowy polerowany ręcznie.",
            12,
        ),
        DemoListing(
            "Naszyjnik z bursztynu koniakowego",
            "349.00",
            {"length": "45 cm", "colour": "koniakowy", "material": "bursztyn bałtycki"},
            "Naszyjnik z okrągłych koralików, zapięcie na śrubkę.",
            4,
        ),
        DemoListing(
            "Baltic amber ring, silver 925, adjustable",
            "229.00",
            {"size": "regulowany 14–18", "colour": "miodowy", "material": "bursztyn, srebro 925"},
            "An adjustable ring with a honey-coloured cabochon.",
            7,
        ),
        DemoListing(
            "Bransoletka z bursztynu mlecznego",
            "159.00",
            {"size": "17 cm, elastyczna", "colour": "mleczny", "material": "bursztyn bałtycki"},
            "Bransoletka na gumce z bursztynu mlecznego (królewskiego).",
            9,
        ),
        DemoListing(
            "Wisior — zielony bursztyn, kropla",
            "279.00",
            {"size": "3 cm", "colour": "zielony", "material": "bursztyn, srebro 925"},
            "Green amber teardrop pendant on a 45 cm sterling chain.",
            5,
        ),
        DemoListing(
            "Broszka ważka — bursztyn i srebro",
            "199.00",
            {"size": "5 × 4 cm", "colour": "koniakowy", "material": "bursztyn, srebro oksydowane"},
            "Broszka w kształcie ważki, skrzydła z plasterków bursztynu.",
            3,
        ),
        DemoListing(
            "Spinki do mankietów z bursztynem",
            "249.00",
            {"size": "1,8 cm", "colour": "wiśniowy", "material": "bursztyn, srebro 925"},
            "",
            0,
            "inactive",
        ),
    ),
    NEW_YORK: (
        DemoListing(
            "Brooklyn Bridge at dusk — risograph print A3",
            "35.00",
            {
                "size": "A3 (29.7 × 42 cm)",
                "colour": "fluo pink, federal blue",
                "material": "Munken 170 g",
            },
            "Two-colour risograph, signed and numbered, edition of 100.",
            40,
        ),
        DemoListing(
            "Central Park map — screen print 18×24 in",
            "60.00",
            {"size": "18 × 24 in", "colour": "green, cream", "material": "French Paper 100 lb"},
            "A hand-pulled two-layer screen print of the park's paths.",
            15,
        ),
        DemoListing(
            "Mind the subway tiles — letterpress poster",
            "48.00",
            {"size": "12 × 18 in", "colour": "black, red", "material": "cotton paper"},
            "Printed on a 1930s Vandercook from hand-set type.",
            20,
        ),
        DemoListing(
            "Coney Island Cyclone — linocut A4",
            "28.00",
            {"size": "A4", "colour": "black", "material": "Japanese kozo paper"},
            "",
            25,
        ),
        DemoListing(
            "Hudson River botanicals — set of 3 prints",
            "75.00",
            {"size": "8 × 10 in each", "colour": "sepia", "material": "archival matte"},
            "Three plants of the riverbanks, from 19th-century herbarium plates.",
            10,
        ),
        DemoListing(
            "NYC water towers — giclée print 12×16 in",
            "42.00",
            {"size": "12 × 16 in", "colour": "full colour", "material": "Hahnemühle Photo Rag"},
            "",
            30,
        ),
    ),
    KOLKATA: (
        DemoListing(
            "Kantha stitch throw — vintage cotton",
            "4800.00",
            {"size": "150 × 220 cm", "colour": "multicolour", "material": "vintage cotton saris"},
            "Five layers of old saris stitched together with running kantha stitch.",
            6,
        ),
        DemoListing(
            "Hand-block printed tablecloth 150×250",
            "3200.00",
            {"size": "150 × 250 cm", "colour": "indigo", "material": "cotton"},
            "Printed with carved teak blocks and natural indigo.",
            8,
        ),
        DemoListing(
            "Murshidabad silk scarf — indigo",
            "2600.00",
            {"size": "180 × 55 cm", "colour": "indigo", "material": "Murshidabad silk"},
            "",
            10,
        ),
        DemoListing(
            "Jamdani cotton cushion cover 45×45",
            "1400.00",
            {"size": "45 × 45 cm", "colour": "off-white, grey", "material": "jamdani cotton"},
            "Handwoven on a pit loom in Nadia district.",
            14,
        ),
        DemoListing(
            "Kantha quilt, queen size",
            "9800.00",
            {"size": "230 × 260 cm", "colour": "rust, ochre", "material": "cotton"},
            "",
            2,
        ),
    ),
}
CUSTOM_LISTING = DemoListing(
    "Service à thé personnalisé pour Camille — 2 tasses + théière",
    "165.00",
    {"pieces": "3", "colour": "céladon", "material": "grès", "engraving": "C & T"},
    "Commande sur mesure : théière 1 L et deux tasses, initiales gravées sous le pied.",
    1,
)


def _listing_id(shop: str, index: int) -> str:
    return f"demo-listing-{shop}-{index + 1}"


CUSTOM_LISTING_ID = "demo-listing-paris-custom-camille"

# --- Words -----------------------------------------------------------------------------

REVIEW_TEXTS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "high": (
            "Magnifique, encore plus beau qu'en photo. Emballage soigné, merci !",
            "Parfait, livraison rapide et un petit mot écrit à la main dans le colis.",
            "Très belle qualité, je recommande cette boutique les yeux fermés.",
            "Conforme à la description, très bien emballé.",
        ),
        "mid": ("Joli, mais la couleur est un peu plus terne qu'en photo.",),
        "low": (
            "Arrivé cassé, et il a fallu plusieurs relances pour avoir une réponse.",
            "Rien à voir avec les photos. Déçue.",
        ),
    },
    "pl": {
        "high": (
            "Przepiękne! Szybka wysyłka i staranne opakowanie. Polecam!",
            "Wszystko zgodne z opisem, bardzo dziękuję.",
            "Cudowna biżuteria, kupię jeszcze na prezent.",
        ),
        "mid": ("Ładne, ale rozmiar mniejszy, niż się spodziewałam.",),
        "low": (
            "Przesyłka szła trzy tygodnie, a kamień jest inny niż na zdjęciu.",
            "Produkt niezgodny z opisem, kontakt ze sprzedawcą utrudniony.",
        ),
    },
    "en": {
        "high": (
            "Gorgeous — even better in person. Beautifully packed.",
            "Exactly as described and arrived quickly. Thank you!",
            "Lovely quality, my second order from this shop.",
            "Perfect gift, my mother loved it.",
        ),
        "mid": ("Nice, though it took a while to arrive.",),
        "low": (
            "Arrived damaged and nobody answered my messages for days.",
            "Not what the photos showed at all. Disappointed.",
        ),
    },
}
SELLER_REPLIES: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "high": ("Merci beaucoup, ravie que la pièce vous plaise !",),
        "low": (
            "Toutes nos excuses : nous vous avons renvoyé une pièce neuve, "
            "bien mieux protégée cette fois.",
        ),
    },
    "pl": {
        "high": ("Dziękujemy serdecznie, zapraszamy ponownie!",),
        "low": ("Bardzo nam przykro. Napisaliśmy do Pani z propozycją zwrotu pieniędzy.",),
    },
    "en": {
        "high": ("Thank you so much — enjoy it!",),
        "low": ("We're so sorry. We've written to you about a refund or a replacement.",),
    },
}
PERSONALISATIONS = {
    "fr": ("Initiales : C.L.", "Merci d'ajouter un mot : « Joyeux anniversaire Papa »"),
    "pl": ("Grawer: „Dla Mamy”", "Proszę o pudełko prezentowe"),
    "en": ("Gift wrap please", "Please add a card: 'Happy anniversary, love T.'"),
}

# --- Order plans ---------------------------------------------------------------------


@dataclass
class OrderPlan:
    shop: str
    buyer: str
    listings: tuple[int, ...]  # indexes into LISTINGS[shop]; -1 is the custom listing
    ordered_ago: float  # days before now
    shipped_after: float | None = None  # days after the order
    delivered_after: float | None = None  # days after shipping
    cancelled_after: float | None = None  # days after the order
    quantities: tuple[int, ...] = ()
    personalisation: str = ""
    review: tuple[int, bool] | None = None  # (stars, with the shop's reply)


@dataclass(frozen=True)
class CasePlan:
    order: OrderPlan
    type: str
    message_ago: float  # days before now the buyer first wrote about the order
    opened_ago: float
    status: str = "open"
    resolution: str = ""
    settled_ago: float | None = None  # when it was escalated, resolved or closed
    description: str = ""
    variant: str = ""  # of a not-as-described case


def _case_plans() -> tuple[CasePlan, ...]:
    return (
        CasePlan(
            OrderPlan(WARSAW, DEMO_BUYER, (0,), 20, shipped_after=1.5),
            "non_delivery",
            message_ago=5,
            opened_ago=2.5,
            description="Paczka nie dotarła, status śledzenia nie zmienia się od dwóch tygodni. "
            "The parcel never arrived.",
        ),
        CasePlan(
            OrderPlan(
                PARIS, "emma", (5,), 45, shipped_after=2, delivered_after=3, review=(2, True)
            ),
            "not_as_described",
            variant="partial_delivery",
            message_ago=39,
            opened_ago=36,
            status="resolved",
            resolution="replacement",
            settled_ago=33,
            description="Only the teapot arrived: the two cups of the set are missing.",
        ),
        CasePlan(
            OrderPlan(NEW_YORK, "oliver", (1,), 60, shipped_after=3, delivered_after=6),
            "not_as_described",
            variant="differs_from_listing",
            message_ago=50,
            opened_ago=47,
            status="escalated",
            settled_ago=40,
            description="The print is 12×16, not 18×24 as the listing says.",
        ),
        CasePlan(
            OrderPlan(KOLKATA, "sophie", (0,), 75, shipped_after=11, delivered_after=18),
            "not_as_described",
            variant="replacement_not_delivered",
            message_ago=49,
            opened_ago=47,
            status="resolved",
            resolution="refund",
            settled_ago=44,
            description="Le coussin de remplacement promis après l'erreur de couleur n'est "
            "jamais arrivé.",
        ),
        CasePlan(
            OrderPlan(
                WARSAW, "piotr", (4,), 30, shipped_after=1, delivered_after=4, review=(1, True)
            ),
            "not_as_described",
            variant="differs_from_listing",
            message_ago=24,
            opened_ago=21,
            status="closed",
            settled_ago=15,
            description="Bursztyn jest żółty, a nie zielony jak na zdjęciach.",
        ),
        CasePlan(
            OrderPlan(PARIS, "lucas", (4,), 14),
            "not_as_described",
            variant="not_shipped_in_time",
            message_ago=4,
            opened_ago=1,
            description="Toujours pas expédié : la date d'envoi est dépassée depuis 10 jours.",
        ),
        CasePlan(
            OrderPlan(WARSAW, "emma", (3,), 10, shipped_after=1, delivered_after=3),
            "damaged",
            message_ago=4,
            opened_ago=1.5,
            description="The elastic snapped the first time I put the bracelet on.",
        ),
    )


def _demo_buyer_plans() -> tuple[OrderPlan, ...]:
    """Camille's own orders (her case is among the case plans)."""
    return (
        OrderPlan(PARIS, DEMO_BUYER, (0, 1), 34, 2, 2, quantities=(1, 2), review=(5, True)),
        OrderPlan(
            PARIS,
            DEMO_BUYER,
            (-1,),
            1,
            personalisation="Initiales « C & T » sous chaque pièce, s'il vous plaît.",
        ),
        OrderPlan(NEW_YORK, DEMO_BUYER, (0,), 70, 3, 7),
        OrderPlan(KOLKATA, DEMO_BUYER, (2,), 95, cancelled_after=1),
    )


def _fixed_plans() -> tuple[OrderPlan, ...]:
    """Orders that make sure every situation is on show, whatever the dice say."""
    return (
        OrderPlan(WARSAW, "kasia", (1,), 9),  # paid, past its ship-by date
        OrderPlan(PARIS, "julien", (2, 3), 2.5),  # paid, still in time
        OrderPlan(PARIS, "marta", (1,), 5, shipped_after=2),  # in transit, with tracking
        OrderPlan(WARSAW, "zofia", (2,), 40, 1, 3, review=(2, False)),
        OrderPlan(NEW_YORK, "noah", (3,), 28, 2, 4, review=(5, True)),
        OrderPlan(PARIS, "sophie", (6,), 110, cancelled_after=0.2),
    )


def _random_plans(rng: random.Random) -> list[OrderPlan]:
    """Everyday orders: mostly delivered, some in transit, a few cancelled or late."""
    plans: list[OrderPlan] = []
    others = [b.key for b in BUYERS if b.key != DEMO_BUYER]
    shop_weights = {PARIS: 32, WARSAW: 30, NEW_YORK: 20, KOLKATA: 18}
    for _i in range(RANDOM_ORDERS):
        shop = rng.choices(list(shop_weights), weights=list(shop_weights.values()))[0]
        # New York paused 12 days ago; Kolkata went on vacation 4 days ago.
        earliest = {NEW_YORK: 13.0, KOLKATA: 5.0}.get(shop, 0.2)
        ago = round(rng.uniform(earliest, 120), 2)
        count = len(LISTINGS[shop])
        picks = tuple(sorted(rng.sample(range(count), 2 if rng.random() < 0.2 else 1)))
        plan = OrderPlan(shop, rng.choice(others), picks, ago)
        plan.quantities = tuple(2 if rng.random() < 0.12 else 1 for _ in picks)
        if rng.random() < 0.06:
            plan.cancelled_after = round(rng.uniform(0.05, 2), 2)
        else:
            processing, transit = _promised(shop)
            late = rng.random() < 0.1
            shipped = rng.uniform(
                processing[0] * 0.5, processing[1] + (rng.uniform(1, 4) if late else 0)
            )
            plan.shipped_after = round(shipped, 2)
            lost = rng.random() < 0.03
            if not lost:
                plan.delivered_after = round(rng.uniform(transit[0], transit[1] + 1), 2)
        if rng.random() < 0.1:
            language = BUYER_BY_KEY[plan.buyer].language
            plan.personalisation = rng.choice(PERSONALISATIONS[language])
        if rng.random() < 0.55:
            stars = rng.choices([5, 4, 3, 2, 1], weights=[62, 26, 6, 4, 2])[0]
            plan.review = (stars, rng.random() < (0.8 if stars <= 2 else 0.3))
        plans.append(plan)
    return plans


def _promised(shop: str) -> tuple[tuple[int, int], tuple[int, int]]:
    profile = PROFILE_BY_SHOP.get(shop)
    if profile is None:
        return NEW_YORK_PROCESSING, NEW_YORK_TRANSIT
    return profile.processing, profile.transit


# --- Loading ---------------------------------------------------------------------------


class _Loader:
    def __init__(self, progress: Callable[[str], None] | None) -> None:
        self.say = progress or (lambda _line: None)
        self.now = clock.now().replace(second=0, microsecond=0)
        self.today = self.now.date()
        self.rng = random.Random(RANDOM_SEED)
        self.shops: dict[str, Shop] = {}
        self.order_count = 0
        self.tracking = 0

    def ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    def run(self) -> tuple[DemoLogin, ...]:
        self.say(_("Demo accounts…"))
        seller, _buyer = self.people()
        self.say(_("Demo shops and their policies…"))
        for spec in SHOPS:
            self.shop(spec, status=Shop.Status.ACTIVE)
        self.members(seller)
        self.say(_("Demo listings…"))
        self.catalog()
        self.say(_("Demo orders, reviews and cases…"))
        plans = [*_demo_buyer_plans(), *_fixed_plans(), *_random_plans(self.rng)]
        for plan in sorted(plans, key=lambda p: -p.ordered_ago):
            self.order(plan)
        for case in _case_plans():
            self.case(case)
        self.reply_in_comptoir(seller)
        promotions = DemoPromotions(self.shops, self.now, self.say)
        self.say(
            _("%(n)d buyers agreed to a shop's news at checkout") % {"n": promotions.consents()}
        )
        self.say(_("Demo messages…"))
        DemoConversations(self.shops, self.now, self.say).load()
        self.say(_("Demo coupons, sale, news to past buyers and check-ins…"))
        promotions.load()
        staff = self.staff()
        self.say(_("Service standards: evaluating the demo shops…"))
        evaluate_now()
        # After these orders (orders need a shop that takes them), Trust & Safety paused
        # New York for two weeks: its shop page, listings and badges say so (issue 21).
        action_take(
            actor=staff,
            shop_id=self.shops[NEW_YORK].id,
            step=Action.Step.TEMPORARY,
            measures=[Action.Measure.PAUSE_SHOP],
            reason=(
                "Several orders went past their ship-by date without tracking. New orders "
                "are paused while the shop ships its backlog."
            ),
            ends_on=self.today + timedelta(days=14),
        )
        return DEMO_LOGINS

    def people(self) -> tuple[User, User]:
        logins = {login.role: login for login in DEMO_LOGINS}
        seller = User.objects.create_user(
            username=logins["seller"].username,
            password=logins["seller"].password,
            external_id=SHOP_BY_KEY[PARIS].owner[0],
            email="claire@demo.comptoir.example",
            first_name="Claire",
            last_name="Fontaine",
            display_name=SHOP_BY_KEY[PARIS].owner[1],
            language="fr",
            time_zone="Europe/Paris",
        )
        camille = BUYER_BY_KEY[DEMO_BUYER]
        buyer = User.objects.create_user(
            username=logins["buyer"].username,
            password=logins["buyer"].password,
            external_id=camille.external_id,
            email=camille.email,
            first_name=camille.first_name,
            last_name=camille.last_name,
            display_name=camille.name,
            language=camille.language,
            time_zone="Europe/Paris",
        )
        return seller, buyer

    def staff(self) -> User:
        login = next(login for login in DEMO_LOGINS if login.role == "staff")
        user = staff_create(
            username=login.username,
            email="trust-and-safety@demo.comptoir.example",
            password=login.password,
        )
        User.objects.filter(pk=user.pk).update(
            first_name="Inès", last_name="Durand", display_name="Inès (Trust & Safety)"
        )
        enrol_demo_staff(user)  # staff sign in with a second factor: a published demo key
        # The marketplace's own software: it signs in with API tokens, never a password.
        integration_account_create(username=INTEGRATION_USERNAME, display_name="Marketplace sync")
        return user

    def shop(self, spec: DemoShop, *, status: str) -> None:
        vacation: dict[str, Any] = {}
        if spec.extra.get("vacation"):
            vacation = {
                "vacation_mode": True,
                "vacation_message": (
                    "We are closed for Durga Puja until the date below. Orders placed now "
                    "ship when we are back; messages are answered on our return. "
                    "Shubho Pujo! 🪔"
                ),
                "vacation_starts_on": self.today - timedelta(days=4),
                "vacation_ends_on": self.today + timedelta(days=10),
            }
        shop, _outcome = shop_upsert(
            external_id=_shop_id(spec.key),
            name=spec.name,
            time_zone=spec.time_zone,
            currency=spec.currency,
            status=status,
            about=spec.about,
            policies=spec.policies,
            embed_origins=spec.extra.get("embed_origins"),
            **vacation,
        )
        self.shops[spec.key] = shop

    def members(self, seller: User) -> None:
        shop_member_add(shop=self.shops[PARIS], user=seller, role=ShopMember.Role.OWNER)
        for spec in SHOPS:
            if spec.key == PARIS:
                continue
            external_id, name = spec.owner
            shop_member_upsert(
                shop=self.shops[spec.key],
                user_external_id=external_id,
                role=ShopMember.Role.OWNER,
                email=f"{external_id.removeprefix('demo-')}@demo.comptoir.example",
                display_name=name,
            )
        shop_member_add(shop=self.shops[WARSAW], user=seller, role=ShopMember.Role.STAFF)

    def catalog(self) -> None:
        for profile in PROFILES:
            shipping_profile_upsert(
                shop=self.shops[profile.shop],
                external_id=profile.external_id,
                name=profile.name,
                processing_days=profile.processing,
                delivery_days=profile.transit,
                origin_country=SHOP_BY_KEY[profile.shop].country,
                cost=profile.cost,
            )
        for shop_key, listings in LISTINGS.items():
            shop_profile = PROFILE_BY_SHOP.get(shop_key)
            for index, item in enumerate(listings):
                listing_upsert(
                    shop=self.shops[shop_key],
                    external_id=_listing_id(shop_key, index),
                    title=item.title,
                    price=Decimal(item.price),
                    description=item.description,
                    specifications=item.specifications,
                    quantity=item.quantity,
                    state=item.state,
                    shipping_profile_external_id=shop_profile.external_id if shop_profile else None,
                    processing_days=None if shop_profile else NEW_YORK_PROCESSING,
                )
        listing_upsert(
            shop=self.shops[PARIS],
            external_id=CUSTOM_LISTING_ID,
            title=CUSTOM_LISTING.title,
            price=Decimal(CUSTOM_LISTING.price),
            description=CUSTOM_LISTING.description,
            specifications=CUSTOM_LISTING.specifications,
            quantity=1,
            shipping_profile_external_id=PROFILE_BY_SHOP[PARIS].external_id,
            processing_days=(7, 14),
            private_for_external_id=BUYER_BY_KEY[DEMO_BUYER].external_id,
        )

    def order(self, plan: OrderPlan) -> Order:
        spec = SHOP_BY_KEY[plan.shop]
        buyer = BUYER_BY_KEY[plan.buyer]
        self.order_count += 1
        external_id = f"demo-order-{1000 + self.order_count}"
        ordered_at = self.ago(plan.ordered_ago)
        items = []
        for n, index in enumerate(plan.listings):
            listing = CUSTOM_LISTING if index < 0 else LISTINGS[plan.shop][index]
            listing_id = CUSTOM_LISTING_ID if index < 0 else _listing_id(plan.shop, index)
            items.append(
                ItemInput(
                    title=listing.title,
                    unit_price=Decimal(listing.price),
                    quantity=plan.quantities[n] if n < len(plan.quantities) else 1,
                    listing_external_id=listing_id,
                    personalisation=plan.personalisation if n == 0 else "",
                )
            )
        shipped_at = delivered_at = cancelled_at = None
        status = Order.Status.PAID
        if plan.cancelled_after is not None:
            status = Order.Status.CANCELLED
            cancelled_at = min(ordered_at + timedelta(days=plan.cancelled_after), self.now)
        elif plan.shipped_after is not None and plan.shipped_after < plan.ordered_ago:
            status = Order.Status.SHIPPED
            shipped_at = ordered_at + timedelta(days=plan.shipped_after)
            if plan.delivered_after is not None:
                arrival = shipped_at + timedelta(days=plan.delivered_after)
                if arrival <= self.now:
                    status = Order.Status.DELIVERED
                    delivered_at = arrival
        carrier = number = ""
        # New York ships small prints by plain letter, without tracking, now and then.
        if shipped_at is not None and not (plan.shop == NEW_YORK and self.rng.random() < 0.3):
            self.tracking += 1
            carrier = spec.carrier
            digits = f"{self.rng.randrange(10**10):010d}{self.tracking:02d}"
            number = spec.tracking_format.format(n=digits)
        address = {"name": buyer.name, **buyer.address}
        order, _outcome = order_upsert(
            shop=self.shops[plan.shop],
            data=OrderInput(
                external_id=external_id,
                buyer=BuyerInput(
                    external_id=buyer.external_id,
                    email=buyer.email,
                    display_name=buyer.name,
                    language=buyer.language,
                ),
                status=status,
                ordered_at=ordered_at,
                items=items,
                shipped_at=shipped_at,
                delivered_at=delivered_at,
                cancelled_at=cancelled_at,
                tracking_carrier=carrier,
                tracking_number=number,
                shipping_address=address,
            ),
        )
        if plan.review is not None and delivered_at is not None:
            self.review(order, plan, delivered_at)
        return order

    def review(self, order: Order, plan: OrderPlan, delivered_at: datetime) -> None:
        stars, replied = plan.review or (5, False)
        reviewed_at = min(delivered_at + timedelta(days=self.rng.uniform(0.5, 9)), self.ago(0.1))
        tier = "low" if stars <= 2 else "mid" if stars == 3 else "high"
        language = BUYER_BY_KEY[plan.buyer].language
        text = self.rng.choice(REVIEW_TEXTS[language][tier])
        reply, replied_at = "", None
        if replied:
            shop_language = SHOP_BY_KEY[plan.shop].shop_reply_language
            reply = self.rng.choice(SELLER_REPLIES[shop_language]["low" if stars <= 2 else "high"])
            replied_at = min(reviewed_at + timedelta(hours=self.rng.uniform(2, 40)), self.now)
        review_upsert(
            shop=self.shops[plan.shop],
            external_id=f"demo-review-{order.external_id.removeprefix('demo-order-')}",
            order_external_id=order.external_id,
            stars=stars,
            text=text,
            reviewed_at=reviewed_at,
            seller_reply=reply,
            seller_replied_at=replied_at,
        )

    def reply_in_comptoir(self, seller: User) -> None:
        """Claire answered her shop's latest unanswered low review in Comptoir an hour ago:
        her order page shows the reply, editable for 72 hours, and the buyer's page too."""
        paris = self.shops[PARIS]
        review = (
            Review.objects.filter(shop=paris, seller_reply="")
            .order_by("stars", "-reviewed_at")
            .first()
        )
        if review is None:
            return
        with clock.frozen_at(max(self.now - timedelta(hours=1), review.reviewed_at)):
            review_reply(
                viewer=Viewer(user=seller, shop=paris),
                review=review,
                text=(
                    "Merci d'avoir pris le temps d'écrire. Je suis désolée : je vous ai écrit "
                    "pour trouver une solution, un échange ou un remboursement, comme vous "
                    "préférez. Claire"
                ),
            )

    def case(self, plan: CasePlan) -> None:
        order = self.order(plan.order)
        order_buyer_messaged(order=order, at=self.ago(plan.message_ago))
        order.refresh_from_db()
        opened_at = self.ago(plan.opened_ago)
        eligibility = order_case_eligibility(order, opened_at, variant=plan.variant)
        if not eligibility:  # a mistake in the plans above, not something a user can cause
            raise RuntimeError(f"demo case on {order.external_id}: {eligibility.code}")
        shop = self.shops[plan.order.shop]
        external_id = f"demo-case-{order.external_id.removeprefix('demo-order-')}"
        with clock.frozen_at(opened_at):
            case_upsert(
                shop=shop,
                external_id=external_id,
                order_external_id=order.external_id,
                type=plan.type,
                variant=plan.variant,
                description=plan.description,
                opened_at=opened_at,
            )
        if plan.status != Case.Status.OPEN and plan.settled_ago is not None:
            with clock.frozen_at(self.ago(plan.settled_ago)):
                case_upsert(
                    shop=shop,
                    external_id=external_id,
                    order_external_id=order.external_id,
                    type=plan.type,
                    variant=plan.variant,
                    status=plan.status,
                    resolution=plan.resolution,
                    description=plan.description,
                    opened_at=opened_at,
                )


def load_demo(*, progress: Callable[[str], None] | None = None) -> tuple[DemoLogin, ...]:
    """Build the demo marketplace in one transaction and answer its logins.

    Raises `Conflict` when the demo is loaded already or its usernames are taken.
    """
    with transaction.atomic():
        if demo_is_loaded():
            raise Conflict("demo_loaded", _("The demo marketplace is already loaded."))
        usernames = [login.username for login in DEMO_LOGINS] + [INTEGRATION_USERNAME]
        taken = sorted(
            User.objects.filter(username__in=usernames).values_list("username", flat=True)
        )
        if taken:
            raise Conflict(
                "demo_usernames_taken",
                _("The demo marketplace needs the usernames %(names)s, which are taken.")
                % {"names": ", ".join(taken)},
            )
        first_mail = last_outbox_id()
        logins = _Loader(progress).run()
        kept = keep_in_mailbox(after_id=first_mail)
    if progress is not None and kept:
        progress(
            ngettext(
                "%(n)d e-mail to the demo's people is in the local mailbox, never sent: %(link)s",
                "%(n)d e-mails to the demo's people are in the local mailbox, never sent: %(link)s",
                kept,
            )
            % {"n": kept, "link": site_link("/staff/mail/")}
        )
    if progress is not None:
        progress(_("Demo marketplace loaded."))
    return logins
