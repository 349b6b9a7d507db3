"""Names, places, products and sentences the seed generator draws from (English, French, Polish).

Data, not interface: none of it is translated.
"""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("en", "fr", "pl")

FIRST_NAMES = {
    "en": (
        "Emma",
        "Oliver",
        "Amelia",
        "Jack",
        "Isla",
        "Harry",
        "Ava",
        "George",
        "Mia",
        "Noah",
        "Grace",
        "Leo",
        "Chloe",
        "Arthur",
        "Ella",
        "Oscar",
        "Lily",
        "Henry",
        "Aisha",
        "Samuel",
        "Hannah",
        "James",
        "Ruby",
        "Thomas",
        "Zoe",
        "Daniel",
        "Freya",
        "Ethan",
        "Maya",
        "Liam",
    ),
    "fr": (
        "Camille",
        "Louise",
        "Léa",
        "Manon",
        "Chloé",
        "Inès",
        "Juliette",
        "Zoé",
        "Sarah",
        "Alice",
        "Lucas",
        "Hugo",
        "Louis",
        "Gabriel",
        "Arthur",
        "Jules",
        "Raphaël",
        "Adam",
        "Théo",
        "Paul",
        "Élodie",
        "Mathilde",
        "Margaux",
        "Antoine",
        "Julien",
        "Sophie",
        "Nicolas",
        "Céline",
        "Baptiste",
        "Amélie",
    ),
    "pl": (
        "Anna",
        "Maria",
        "Katarzyna",
        "Małgorzata",
        "Agnieszka",
        "Zofia",
        "Julia",
        "Maja",
        "Zuzanna",
        "Hanna",
        "Piotr",
        "Krzysztof",
        "Andrzej",
        "Tomasz",
        "Paweł",
        "Michał",
        "Jakub",
        "Kacper",
        "Szymon",
        "Antoni",
        "Marta",
        "Ewa",
        "Joanna",
        "Magdalena",
        "Łukasz",
        "Mateusz",
        "Wojciech",
        "Aleksandra",
        "Natalia",
        "Bartłomiej",
    ),
}
LAST_NAMES = {
    "en": (
        "Smith",
        "Jones",
        "Taylor",
        "Brown",
        "Williams",
        "Wilson",
        "Johnson",
        "Davies",
        "Patel",
        "Wright",
        "Walker",
        "Thompson",
        "Robinson",
        "White",
        "Hughes",
        "Edwards",
        "Green",
        "Hall",
        "Wood",
        "Harris",
        "Khan",
        "Martin",
        "Clarke",
        "Lewis",
        "Bennett",
        "Murphy",
        "O'Brien",
    ),
    "fr": (
        "Martin",
        "Bernard",
        "Dubois",
        "Thomas",
        "Robert",
        "Richard",
        "Petit",
        "Durand",
        "Leroy",
        "Moreau",
        "Simon",
        "Laurent",
        "Lefèvre",
        "Michel",
        "Garcia",
        "David",
        "Bertrand",
        "Roux",
        "Vincent",
        "Fournier",
        "Morel",
        "Girard",
        "André",
        "Mercier",
        "Dupont",
        "Lambert",
        "Faure",
    ),
    "pl": (
        "Nowak",
        "Wójcik",
        "Kowalczyk",
        "Woźniak",
        "Mazur",
        "Krawczyk",
        "Kaczmarek",
        "Zając",
        "Król",
        "Wieczorek",
        "Wróbel",
        "Stępień",
        "Dudek",
        "Pawlak",
        "Walczak",
        "Sikora",
        "Baran",
        "Michalak",
        "Szewczyk",
        "Ostrowski",
        "Kubiak",
        "Wilk",
        "Lis",
        "Mazurek",
        "Kołodziej",
    ),
}


@dataclass(frozen=True)
class Place:
    city: str
    postcode: str  # "#" is a digit
    country: str
    time_zone: str


PLACES = {
    "en": (
        Place("London", "N# #AB", "GB", "Europe/London"),
        Place("Manchester", "M## #QT", "GB", "Europe/London"),
        Place("Edinburgh", "EH# #XY", "GB", "Europe/London"),
        Place("Dublin", "D0#", "IE", "Europe/Dublin"),
        Place("Amsterdam", "10## AB", "NL", "Europe/Amsterdam"),
        Place("Berlin", "10###", "DE", "Europe/Berlin"),
        Place("Copenhagen", "1###", "DK", "Europe/Copenhagen"),
        Place("New York", "10###", "US", "America/New_York"),
        Place("Toronto", "M5V #A#", "CA", "America/Toronto"),
    ),
    "fr": (
        Place("Paris", "750##", "FR", "Europe/Paris"),
        Place("Lyon", "6900#", "FR", "Europe/Paris"),
        Place("Marseille", "130##", "FR", "Europe/Paris"),
        Place("Bordeaux", "330##", "FR", "Europe/Paris"),
        Place("Nantes", "440##", "FR", "Europe/Paris"),
        Place("Lille", "590##", "FR", "Europe/Paris"),
        Place("Bruxelles", "10##", "BE", "Europe/Brussels"),
        Place("Genève", "12##", "CH", "Europe/Zurich"),
        Place("Montréal", "H2X #A#", "CA", "America/Toronto"),
    ),
    "pl": (
        Place("Warszawa", "00-###", "PL", "Europe/Warsaw"),
        Place("Kraków", "31-###", "PL", "Europe/Warsaw"),
        Place("Gdańsk", "80-###", "PL", "Europe/Warsaw"),
        Place("Wrocław", "50-###", "PL", "Europe/Warsaw"),
        Place("Poznań", "61-###", "PL", "Europe/Warsaw"),
        Place("Łódź", "90-###", "PL", "Europe/Warsaw"),
        Place("Lublin", "20-###", "PL", "Europe/Warsaw"),
    ),
}
STREETS = {
    "en": ("High Street", "Station Road", "Church Lane", "Park Avenue", "Mill Road", "King Street"),
    "fr": (
        "rue de la Paix",
        "avenue Jean Jaurès",
        "rue Victor Hugo",
        "place de la République",
        "boulevard Voltaire",
        "rue des Lilas",
    ),
    "pl": (
        "ul. Mickiewicza",
        "ul. Długa",
        "ul. Kościuszki",
        "ul. Słowackiego",
        "al. Jerozolimskie",
        "ul. Polna",
    ),
}


def street_line(language: str, street: str, number: int) -> str:
    return f"{number} {street}" if language in ("en", "fr") else f"{street} {number}"


@dataclass(frozen=True)
class ShopRegion:
    time_zone: str
    currency: str
    country: str
    language: str
    carrier: str
    tracking: str  # "#" is a digit
    weight: int
    city: str


SHOP_REGIONS = (
    ShopRegion("Europe/Paris", "EUR", "FR", "fr", "Colissimo", "6A###########", 18, "Paris"),
    ShopRegion(
        "Europe/Warsaw", "PLN", "PL", "pl", "InPost", "6###################", 16, "Warszawa"
    ),
    ShopRegion("Europe/Berlin", "EUR", "DE", "en", "DHL", "00340434##########", 10, "Berlin"),
    ShopRegion("Europe/London", "GBP", "GB", "en", "Royal Mail", "RN#########GB", 10, "London"),
    ShopRegion("Europe/Brussels", "EUR", "BE", "fr", "bpost", "3232#########", 5, "Bruxelles"),
    ShopRegion("Europe/Madrid", "EUR", "ES", "en", "Correos", "PQ##########", 5, "Madrid"),
    ShopRegion("Europe/Rome", "EUR", "IT", "en", "Poste Italiane", "RR#########IT", 5, "Roma"),
    ShopRegion("Europe/Amsterdam", "EUR", "NL", "en", "PostNL", "3S##########", 5, "Amsterdam"),
    ShopRegion("America/New_York", "USD", "US", "en", "USPS", "9400############", 8, "Brooklyn"),
    ShopRegion("America/Los_Angeles", "USD", "US", "en", "UPS", "1Z###########", 4, "Los Angeles"),
    ShopRegion("America/Toronto", "CAD", "CA", "en", "Canada Post", "LM#########CA", 3, "Toronto"),
    ShopRegion("Asia/Kolkata", "INR", "IN", "en", "India Post", "EE#########IN", 5, "Kolkata"),
    ShopRegion("Asia/Tokyo", "JPY", "JP", "en", "Japan Post", "EJ#########JP", 3, "Kyoto"),
    ShopRegion("Australia/Sydney", "AUD", "AU", "en", "Australia Post", "33####", 3, "Sydney"),
)


@dataclass(frozen=True)
class Product:
    names: dict[str, str]  # by language
    price_cents: tuple[int, int]  # in EUR-like units; scaled by currency
    sizes: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    key: str
    shop_names: dict[str, tuple[str, ...]]  # "{last}", "{city}", "{first}" filled in
    products: tuple[Product, ...]
    colours: tuple[str, ...]
    materials: tuple[str, ...]


CATEGORIES = (
    Category(
        "ceramics",
        {
            "en": ("{last} Pottery", "Clay & Kiln {city}", "{first}'s Stoneware"),
            "fr": ("Atelier Terre de {city}", "Céramiques {last}", "La Tournerie {first}"),
            "pl": ("Pracownia Ceramiki {last}", "Glina i Ogień {city}", "Kamionka {first}"),
        },
        (
            Product(
                {"en": "Stoneware mug", "fr": "Tasse en grès", "pl": "Kubek kamionkowy"},
                (1800, 3500),
                ("250 ml", "300 ml", "400 ml"),
            ),
            Product(
                {"en": "Ramen bowl", "fr": "Bol à ramen", "pl": "Miska do ramenu"},
                (2800, 4800),
                ("Ø 16 cm", "Ø 18 cm", "Ø 20 cm"),
            ),
            Product(
                {"en": "Dinner plate", "fr": "Assiette plate", "pl": "Talerz płytki"},
                (2200, 3800),
                ("Ø 25 cm", "Ø 27 cm", "Ø 29 cm"),
            ),
            Product(
                {"en": "Bud vase", "fr": "Vase soliflore", "pl": "Wazonik"},
                (1900, 4500),
                ("h 12 cm", "h 16 cm", "h 22 cm"),
            ),
            Product(
                {"en": "Teapot", "fr": "Théière", "pl": "Dzbanek do herbaty"},
                (6500, 11000),
                ("0.6 L", "1 L", "1.2 L"),
            ),
        ),
        ("celadon", "midnight blue", "speckled white", "honey", "sage green", "charcoal"),
        ("stoneware", "porcelain", "earthenware", "grès chamotté"),
    ),
    Category(
        "jewellery",
        {
            "en": ("{first} & Amber", "Silver Thread {city}", "{last} Jewellery"),
            "fr": ("Bijoux {last}", "L'Éclat de {city}", "Les Bijoux de {first}"),
            "pl": ("Bursztynowa Pracownia {last}", "Srebro i Bursztyn {city}", "Biżuteria {first}"),
        },
        (
            Product(
                {
                    "en": "Amber earrings",
                    "fr": "Boucles d'oreilles ambre",
                    "pl": "Kolczyki z bursztynem",
                },
                (2900, 8900),
                ("2 cm", "2.5 cm", "3 cm"),
            ),
            Product(
                {"en": "Pendant necklace", "fr": "Collier pendentif", "pl": "Naszyjnik z wisiorem"},
                (3900, 14900),
                ("40 cm", "45 cm", "50 cm"),
            ),
            Product(
                {"en": "Stacking ring", "fr": "Bague fine", "pl": "Pierścionek"},
                (2500, 7900),
                ("size 50", "size 52", "size 54", "size 56", "adjustable"),
            ),
            Product(
                {"en": "Beaded bracelet", "fr": "Bracelet perles", "pl": "Bransoletka"},
                (1900, 6900),
                ("16 cm", "17 cm", "18 cm", "elastic"),
            ),
            Product(
                {"en": "Brooch", "fr": "Broche", "pl": "Broszka"},
                (2900, 8900),
                ("3 cm", "4 cm", "5 cm"),
            ),
        ),
        ("cognac amber", "honey amber", "green amber", "milky amber", "silver", "gold"),
        ("sterling silver 925", "Baltic amber and silver", "gold-plated brass", "14k gold"),
    ),
    Category(
        "prints",
        {
            "en": ("{city} Print Shop", "{last} Press", "Paper & Ink {first}"),
            "fr": ("Atelier Gravure {last}", "Les Affiches de {city}", "Estampes {first}"),
            "pl": ("Grafika {last}", "Plakaty {last}", "Pracownia Druku {first}"),
        },
        (
            Product(
                {
                    "en": "Risograph print",
                    "fr": "Impression risographie",
                    "pl": "Druk risograficzny",
                },
                (1500, 4500),
                ("A4", "A3", "30 × 40 cm"),
            ),
            Product(
                {"en": "Linocut", "fr": "Linogravure", "pl": "Linoryt"},
                (2500, 9000),
                ("A4", "A3", "50 × 70 cm"),
            ),
            Product(
                {
                    "en": "City map poster",
                    "fr": "Affiche carte de ville",
                    "pl": "Plakat mapa miasta",
                },
                (2000, 6000),
                ("30 × 40 cm", "50 × 70 cm", "18 × 24 in"),
            ),
            Product(
                {
                    "en": "Botanical print set",
                    "fr": "Lot d'estampes botaniques",
                    "pl": "Zestaw grafik botanicznych",
                },
                (3500, 9000),
                ("3 × A5", "3 × A4"),
            ),
        ),
        ("black", "indigo", "fluo pink", "sepia", "full colour", "green and cream"),
        ("Munken 170 g", "cotton paper 300 g", "Japanese kozo paper", "Hahnemühle Photo Rag"),
    ),
    Category(
        "textiles",
        {
            "en": ("{city} Loom", "{last} Textiles", "Thread & Block {first}"),
            "fr": ("Le Lin de {city}", "Tissages {last}", "Atelier Textile {first}"),
            "pl": ("Tkalnia {last}", "Len i Wełna {last}", "Pracownia Tkaniny {first}"),
        },
        (
            Product(
                {"en": "Linen tea towel", "fr": "Torchon en lin", "pl": "Lniana ściereczka"},
                (1200, 2400),
                ("50 × 70 cm",),
            ),
            Product(
                {
                    "en": "Block-printed tablecloth",
                    "fr": "Nappe imprimée au bloc",
                    "pl": "Obrus drukowany ręcznie",
                },
                (4500, 12000),
                ("150 × 150 cm", "150 × 250 cm"),
            ),
            Product(
                {"en": "Kantha throw", "fr": "Plaid kantha", "pl": "Narzuta kantha"},
                (6000, 16000),
                ("130 × 180 cm", "150 × 220 cm"),
            ),
            Product(
                {"en": "Cushion cover", "fr": "Housse de coussin", "pl": "Poszewka na poduszkę"},
                (1800, 4500),
                ("40 × 40 cm", "45 × 45 cm", "50 × 50 cm"),
            ),
            Product(
                {"en": "Silk scarf", "fr": "Foulard en soie", "pl": "Jedwabna apaszka"},
                (3500, 9500),
                ("70 × 70 cm", "180 × 55 cm"),
            ),
        ),
        ("natural", "indigo", "rust", "ochre", "off-white", "forest green"),
        ("linen", "cotton", "silk", "wool", "vintage cotton saris"),
    ),
    Category(
        "woodwork",
        {
            "en": ("{last} Woodcraft", "Oak & Ash {city}", "{first}'s Workshop"),
            "fr": ("Ébénisterie {last}", "Le Bois de {city}", "Atelier Copeaux {first}"),
            "pl": ("Stolarnia {last}", "Drewno i Dłuto {city}", "Warsztat {first}"),
        },
        (
            Product(
                {"en": "Chopping board", "fr": "Planche à découper", "pl": "Deska do krojenia"},
                (2500, 6500),
                ("30 × 20 cm", "40 × 25 cm", "50 × 30 cm"),
            ),
            Product(
                {"en": "Carved spoon", "fr": "Cuillère sculptée", "pl": "Łyżka rzeźbiona"},
                (1500, 3500),
                ("18 cm", "22 cm", "28 cm"),
            ),
            Product(
                {"en": "Serving bowl", "fr": "Saladier en bois", "pl": "Misa drewniana"},
                (4500, 12000),
                ("Ø 24 cm", "Ø 30 cm"),
            ),
            Product(
                {"en": "Wall shelf", "fr": "Étagère murale", "pl": "Półka ścienna"},
                (5500, 15000),
                ("60 cm", "80 cm", "100 cm"),
            ),
        ),
        ("natural", "oiled", "dark walnut", "whitewashed"),
        ("oak", "walnut", "cherry", "ash", "olive wood", "beech"),
    ),
    Category(
        "leather",
        {
            "en": ("{last} Leather Co.", "Saddle & Stitch {city}", "{first}'s Leather"),
            "fr": ("Maroquinerie {last}", "Cuir de {city}", "L'Atelier de {first}"),
            "pl": ("Kaletnictwo {last}", "Skórzane Rzeczy {last}", "Pracownia {first}"),
        },
        (
            Product(
                {"en": "Card wallet", "fr": "Porte-cartes", "pl": "Etui na karty"},
                (2500, 5500),
                ("10 × 7 cm",),
            ),
            Product(
                {"en": "Tote bag", "fr": "Sac cabas", "pl": "Torba shopper"},
                (9000, 22000),
                ("38 × 40 cm", "42 × 45 cm"),
            ),
            Product(
                {"en": "Belt", "fr": "Ceinture", "pl": "Pasek"},
                (3500, 8000),
                ("85 cm", "90 cm", "95 cm", "100 cm"),
            ),
            Product(
                {"en": "Notebook cover", "fr": "Couverture de carnet", "pl": "Okładka na notes"},
                (3000, 6500),
                ("A5", "A6"),
            ),
        ),
        ("tan", "cognac", "black", "dark brown", "olive"),
        ("vegetable-tanned leather", "full-grain leather", "waxed canvas and leather"),
    ),
    Category(
        "candles",
        {
            "en": ("{city} Candle Co.", "{last} & Wick", "{first}'s Candles"),
            "fr": ("Bougies {last}", "La Chandellerie de {city}", "Cire & Mèche {first}"),
            "pl": ("Świece {last}", "Wosk i Knot {city}", "Świecarnia {first}"),
        },
        (
            Product(
                {"en": "Soy candle", "fr": "Bougie de soja", "pl": "Świeca sojowa"},
                (1400, 3200),
                ("180 g", "250 g", "400 g"),
            ),
            Product(
                {
                    "en": "Beeswax taper pair",
                    "fr": "Paire de bougies en cire d'abeille",
                    "pl": "Para świec z wosku pszczelego",
                },
                (1200, 2600),
                ("20 cm", "25 cm", "30 cm"),
            ),
            Product(
                {"en": "Wax melts", "fr": "Fondants parfumés", "pl": "Wosk zapachowy"},
                (700, 1500),
                ("6 pieces", "12 pieces"),
            ),
        ),
        ("fig", "lavender", "cedar", "sea salt", "amber", "unscented"),
        ("soy wax", "beeswax", "rapeseed wax"),
    ),
    Category(
        "knitwear",
        {
            "en": ("{last} Knits", "Wool & Needles {city}", "{first} Knitwear"),
            "fr": ("Tricots {last}", "La Laine de {city}", "Les Mailles de {first}"),
            "pl": ("Dziergane {last}", "Wełniane Sploty {last}", "Sweterki {first}"),
        },
        (
            Product(
                {"en": "Merino beanie", "fr": "Bonnet mérinos", "pl": "Czapka z merino"},
                (2500, 4500),
                ("S/M", "M/L"),
            ),
            Product(
                {"en": "Cable-knit jumper", "fr": "Pull torsadé", "pl": "Sweter w warkocze"},
                (9000, 18000),
                ("XS", "S", "M", "L", "XL"),
            ),
            Product(
                {"en": "Chunky scarf", "fr": "Grosse écharpe", "pl": "Gruby szalik"},
                (3500, 7500),
                ("180 × 30 cm", "200 × 35 cm"),
            ),
            Product(
                {"en": "Baby cardigan", "fr": "Gilet bébé", "pl": "Sweterek niemowlęcy"},
                (3000, 6000),
                ("0–3 m", "3–6 m", "6–12 m"),
            ),
        ),
        ("oatmeal", "charcoal", "mustard", "bottle green", "rose", "navy"),
        ("merino wool", "alpaca", "organic cotton", "mohair and silk"),
    ),
)

# Multiplier from the EUR-like product prices to each currency.
CURRENCY_SCALE = {
    "EUR": 1.0,
    "PLN": 4.3,
    "GBP": 0.86,
    "USD": 1.08,
    "CAD": 1.47,
    "INR": 90.0,
    "JPY": 160.0,
    "AUD": 1.65,
}

SHOP_ABOUT = {
    "en": "Small-batch {category}, made by hand in {city}. Every order is packed with care.",
    "fr": "{category} en petites séries, faits main à {city}. Emballés avec soin.",
    "pl": "{category} w małych seriach, robione ręcznie. Pracownia: {city}. Pakujemy starannie.",
}
CATEGORY_WORDS = {
    "ceramics": {"en": "ceramics", "fr": "Céramiques", "pl": "Ceramika"},
    "jewellery": {"en": "jewellery", "fr": "Bijoux", "pl": "Biżuteria"},
    "prints": {"en": "prints", "fr": "Estampes", "pl": "Grafiki"},
    "textiles": {"en": "textiles", "fr": "Textiles", "pl": "Tkaniny"},
    "woodwork": {"en": "woodwork", "fr": "Objets en bois", "pl": "Przedmioty z drewna"},
    "leather": {"en": "leather goods", "fr": "Articles en cuir", "pl": "Wyroby skórzane"},
    "candles": {"en": "candles", "fr": "Bougies", "pl": "Świece"},
    "knitwear": {"en": "knitwear", "fr": "Tricots", "pl": "Dzianiny"},
}
VACATION_MESSAGES = {
    "en": "We're on holiday! Orders placed now ship when we're back; messages answered then.",
    "fr": "Nous sommes en congés ! Les commandes partiront à notre retour. Merci !",
    "pl": "Jesteśmy na urlopie! Zamówienia wyślemy po powrocie. Dziękujemy za cierpliwość.",
}
POLICY_TEXTS = {
    "shipping": {
        "en": "Packed in recycled materials and shipped with the carrier below.",
        "fr": "Emballé dans des matériaux recyclés, expédié par le transporteur indiqué.",
        "pl": "Pakujemy w materiały z recyklingu i wysyłamy wskazanym przewoźnikiem.",
    },
    "payment": {
        "en": "Payment is handled securely by the marketplace.",
        "fr": "Le paiement est sécurisé par la place de marché.",
        "pl": "Płatności obsługuje bezpiecznie platforma.",
    },
    "returns": {
        "en": "Please message us before sending anything back.",
        "fr": "Merci de nous écrire avant tout retour.",
        "pl": "Prosimy o wiadomość przed odesłaniem produktu.",
    },
    "privacy": {
        "en": "We use your details only to send and support your order.",
        "fr": "Vos données servent uniquement à expédier et suivre votre commande.",
        "pl": "Twoje dane wykorzystujemy wyłącznie do realizacji zamówienia.",
    },
    "more_info": {
        "en": "Handmade: small variations make each piece unique.",
        "fr": "Fait main : de petites variations rendent chaque pièce unique.",
        "pl": "Rękodzieło: drobne różnice czynią każdą rzecz wyjątkową.",
    },
}
PERSONALISATIONS = {
    "en": ("Gift wrap please", "Initials: A.K.", "Please add a card: Happy birthday!"),
    "fr": ("Paquet cadeau svp", "Initiales : M.D.", "Un petit mot : Joyeux anniversaire !"),
    "pl": ("Proszę o zapakowanie na prezent", "Inicjały: K.W.", "Liścik: Wszystkiego najlepszego!"),
}
REVIEWS = {
    "en": {
        "high": (
            "Beautiful, even better in person.",
            "Arrived quickly and perfectly packed.",
            "Exactly as described. Thank you!",
            "Lovely quality, will order again.",
            "Bought as a gift and it was a hit.",
        ),
        "mid": ("Nice, but smaller than I expected.", "Good, though shipping took a while."),
        "low": (
            "Arrived broken and the shop took days to answer.",
            "Not like the photos at all.",
            "Never got a reply to my messages.",
        ),
    },
    "fr": {
        "high": (
            "Superbe, encore plus beau en vrai.",
            "Reçu très vite, emballage parfait.",
            "Conforme à la description, merci !",
            "Très belle qualité, je recommande.",
            "Offert en cadeau, un vrai succès.",
        ),
        "mid": ("Joli, mais plus petit que prévu.", "Bien, mais la livraison a été longue."),
        "low": (
            "Arrivé cassé, et aucune réponse pendant des jours.",
            "Rien à voir avec les photos.",
            "Aucune réponse à mes messages.",
        ),
    },
    "pl": {
        "high": (
            "Piękne, na żywo jeszcze ładniejsze.",
            "Szybka wysyłka, świetnie zapakowane.",
            "Zgodne z opisem, dziękuję!",
            "Świetna jakość, polecam.",
            "Kupione na prezent — wielka radość.",
        ),
        "mid": ("Ładne, ale mniejsze, niż myślałam.", "Dobre, choć przesyłka szła długo."),
        "low": (
            "Przyszło uszkodzone, sprzedawca nie odpisywał.",
            "Zupełnie inne niż na zdjęciach.",
            "Brak odpowiedzi na wiadomości.",
        ),
    },
}
SELLER_REPLIES = {
    "en": {
        "high": ("Thank you so much!", "So glad you like it — enjoy!"),
        "low": ("We're very sorry. We've written to you to put this right.",),
    },
    "fr": {
        "high": ("Merci beaucoup !", "Ravis que cela vous plaise !"),
        "low": ("Toutes nos excuses, nous vous avons écrit pour arranger cela.",),
    },
    "pl": {
        "high": ("Dziękujemy serdecznie!", "Cieszymy się, że się podoba!"),
        "low": ("Bardzo przepraszamy, napisaliśmy do Pani/Pana w tej sprawie.",),
    },
}
CASE_TEXTS = {
    "non_delivery": {
        "en": "The parcel never arrived and tracking has not moved.",
        "fr": "Le colis n'est jamais arrivé, le suivi ne bouge plus.",
        "pl": "Paczka nie dotarła, śledzenie stoi w miejscu.",
    },
    "not_as_described": {
        "en": "The item is not what the listing described.",
        "fr": "L'article ne correspond pas à la description.",
        "pl": "Produkt niezgodny z opisem.",
    },
    "damaged": {
        "en": "The item arrived damaged.",
        "fr": "L'article est arrivé abîmé.",
        "pl": "Produkt dotarł uszkodzony.",
    },
    "late": {
        "en": "The order was not sent on time.",
        "fr": "La commande n'a pas été expédiée à temps.",
        "pl": "Zamówienie nie zostało wysłane na czas.",
    },
}

# --- Conversations (`comptoir seed --conversations`) ---------------------------------
# Subjects a person typed. Threads started without one store an empty subject (named in
# the reader's language when shown, see messaging/subjects.py); a listing inquiry stores
# the listing's title.
TYPED_SUBJECTS: dict[str, dict[str, tuple[str, ...]]] = {
    "listing_inquiry": {
        "en": ("Question about {title}", "{title}: still available?", "About the {title}"),
        "fr": ("Question sur {title}", "{title} : encore disponible ?", "À propos de : {title}"),
        "pl": ("Pytanie o {title}", "{title}: czy jest dostępne?", "W sprawie: {title}"),
    },
    "shop_inquiry": {
        "en": (
            "Custom order",
            "Shipping abroad",
            "Wholesale enquiry",
            "A gift for a wedding",
            "Restock?",
        ),
        "fr": (
            "Commande sur mesure",
            "Livraison à l'étranger",
            "Demande pour revendeurs",
            "Un cadeau de mariage",
            "Réassort ?",
        ),
        "pl": (
            "Zamówienie indywidualne",
            "Wysyłka za granicę",
            "Zapytanie hurtowe",
            "Prezent na ślub",
            "Nowa dostawa?",
        ),
    },
    "support_ticket": {
        "en": ("Invoice needed", "Tracking link broken", "Charged twice", "Return request"),
        "fr": (
            "Besoin d'une facture",
            "Lien de suivi cassé",
            "Débité deux fois",
            "Demande de retour",
        ),
        "pl": ("Potrzebna faktura", "Link do śledzenia nie działa", "Podwójna płatność", "Zwrot"),
    },
    "marketing": {
        "en": ("Our spring collection is here", "New in the shop", "A little thank-you"),
        "fr": ("Notre collection de printemps est là", "Du nouveau en boutique", "Un petit merci"),
        "pl": ("Nasza wiosenna kolekcja już jest", "Nowości w sklepie", "Małe podziękowanie"),
    },
    "order_message": {
        "en": ("Your parcel has shipped", "Gift wrapping?", "Small delay", "Address check"),
        "fr": (
            "Votre colis est parti",
            "Emballage cadeau ?",
            "Petit retard",
            "Vérification d'adresse",
        ),
        "pl": ("Paczka wysłana", "Pakowanie na prezent?", "Małe opóźnienie", "Sprawdzenie adresu"),
    },
    "contact_form": {
        "en": ("Collaboration", "Your workshops", "Wholesale", "Press enquiry", "Market stall"),
        "fr": ("Collaboration", "Vos ateliers", "Revendeurs", "Demande presse", "Stand au marché"),
        "pl": ("Współpraca", "Wasze warsztaty", "Hurt", "Zapytanie prasowe", "Stoisko na targu"),
    },
}
HELP_SUBJECTS: dict[str, dict[str, str]] = {
    "not_received": {
        "en": "Where is my parcel?",
        "fr": "Où est mon colis ?",
        "pl": "Gdzie jest moja paczka?",
    },
    "damaged": {"en": "Arrived broken", "fr": "Arrivé cassé", "pl": "Przyszło rozbite"},
    "not_as_described": {
        "en": "Not like the photos",
        "fr": "Pas comme sur les photos",
        "pl": "Inne niż na zdjęciach",
    },
    "wrong_item": {
        "en": "Wrong item received",
        "fr": "Mauvais article reçu",
        "pl": "Przyszedł zły produkt",
    },
    "change_or_cancel": {
        "en": "Change my order",
        "fr": "Modifier ma commande",
        "pl": "Zmiana zamówienia",
    },
    "personalisation": {
        "en": "Engraving text",
        "fr": "Texte de la gravure",
        "pl": "Tekst grawerunku",
    },
    "other": {
        "en": "A question about my order",
        "fr": "Une question sur ma commande",
        "pl": "Pytanie o zamówienie",
    },
}
# The first message of a thread, by kind ({title}: the listing, {order}: the order).
OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "listing_inquiry": {
        "en": (
            "Is the {title} still available?",
            "Could you make the {title} in a larger size?",
            "How long would the {title} take to arrive?",
            "Do you offer gift wrapping for the {title}?",
            "Could I order two of the {title}? The listing shows only one.",
            "Is the colour of the {title} true to the photos?",
            "Could you tell me the exact dimensions of the {title}?",
            "Can the {title} be personalised with initials?",
        ),
        "fr": (
            "Le modèle « {title} » est-il toujours disponible ?",
            "Pourriez-vous faire « {title} » dans une taille plus grande ?",
            "Combien de temps faut-il pour recevoir « {title} » ?",
            "Proposez-vous un emballage cadeau pour « {title} » ?",
            "Serait-il possible d'en commander deux ? L'annonce « {title} » n'en indique qu'un.",
            "La couleur de « {title} » est-elle fidèle aux photos ?",
            "Pourriez-vous m'indiquer les dimensions exactes de « {title} » ?",
            "Peut-on personnaliser « {title} » avec des initiales ?",
        ),
        "pl": (
            "Czy „{title}” jest jeszcze dostępne?",
            "Czy mogą Państwo wykonać „{title}” w większym rozmiarze?",
            "Ile trwa wysyłka „{title}”?",
            "Czy „{title}” można zapakować na prezent?",
            "Czy mogę zamówić dwie sztuki? W ogłoszeniu „{title}” jest tylko jedna.",
            "Czy kolor „{title}” jest taki jak na zdjęciach?",
            "Jakie są dokładne wymiary „{title}”?",
            "Czy „{title}” można spersonalizować inicjałami?",
        ),
    },
    "shop_inquiry": {
        "en": (
            "Do you take custom orders? I'm looking for something for my sister's wedding.",
            "Do you ship to Belgium? I couldn't find it in your policies.",
            "I love your work! Will you restock soon?",
            "Do you have a workshop I could visit?",
            "Are you planning a sale before the holidays?",
            "We'd like around 40 pieces for a company event. Could you quote a price?",
            "Can I pay by bank transfer?",
        ),
        "fr": (
            (
                "Acceptez-vous les commandes sur mesure ? Je cherche "
                "un cadeau pour le mariage de ma sœur."
            ),
            "Livrez-vous en Belgique ? Je n'ai rien trouvé dans vos conditions.",
            "J'adore votre travail ! Allez-vous réapprovisionner bientôt ?",
            "Avez-vous un atelier que l'on peut visiter ?",
            "Prévoyez-vous des soldes avant les fêtes ?",
            (
                "Nous aimerions une quarantaine de pièces pour un "
                "séminaire. Pourriez-vous faire un devis ?"
            ),
            "Puis-je payer par virement ?",
        ),
        "pl": (
            "Czy przyjmują Państwo zamówienia indywidualne? Szukam prezentu na ślub siostry.",
            "Czy wysyłacie do Niemiec? Nie znalazłam tego w regulaminie.",
            "Uwielbiam Wasze prace! Czy będzie dostawa nowych rzeczy?",
            "Czy można odwiedzić Waszą pracownię?",
            "Czy planujecie wyprzedaż przed świętami?",
            "Potrzebujemy około 40 sztuk na firmowe wydarzenie. Czy mogę prosić o wycenę?",
            "Czy mogę zapłacić przelewem?",
        ),
    },
    "support_ticket": {
        "en": (
            "I need help with order {order}: the tracking link gives an error.",
            "Could you send me a VAT invoice for order {order}?",
            "I was charged twice for order {order}.",
            "I would like to return order {order}. How do I proceed?",
        ),
        "fr": (
            "J'ai besoin d'aide pour la commande {order} : le lien de suivi renvoie une erreur.",
            "Pourriez-vous m'envoyer une facture avec TVA pour la commande {order} ?",
            "J'ai été débité deux fois pour la commande {order}.",
            "Je souhaite retourner la commande {order}. Comment faire ?",
        ),
        "pl": (
            "Potrzebuję pomocy z zamówieniem {order}: link do śledzenia pokazuje błąd.",
            "Czy mogę prosić o fakturę VAT do zamówienia {order}?",
            "Za zamówienie {order} pobrano opłatę dwa razy.",
            "Chcę zwrócić zamówienie {order}. Jak to zrobić?",
        ),
    },
    "marketing": {
        "en": (
            "Thank you for your order last season! Our new pieces are in the shop this week.",
            "You told us you would like news: the spring collection is out, with 15 % off "
            "until Sunday for our past customers.",
        ),
        "fr": (
            "Merci pour votre commande de la saison passée ! Nos nouvelles pièces sont en "
            "boutique cette semaine.",
            "Vous avez accepté nos nouvelles : la collection de printemps est sortie, avec "
            "15 % de remise jusqu'à dimanche pour nos clients.",
        ),
        "pl": (
            "Dziękujemy za zamówienie w zeszłym sezonie! W tym tygodniu w sklepie są nowe rzeczy.",
            "Zgodzili się Państwo na nowości: wiosenna kolekcja już jest, z rabatem 15 % do "
            "niedzieli dla naszych klientów.",
        ),
    },
    "order_message": {
        "en": (
            "Your order {order} is on its way! The tracking should update within a day.",
            "Thank you for your order {order}. Quick question: would you like it gift-wrapped?",
            (
                "A small delay on order {order}: we are waiting for "
                "materials. It ships early next week."
            ),
            "The address on order {order} has no flat number. Could you confirm it?",
        ),
        "fr": (
            "Votre commande {order} est en route ! Le suivi sera actif d'ici un jour.",
            (
                "Merci pour votre commande {order}. Petite question : "
                "souhaitez-vous un emballage cadeau ?"
            ),
            (
                "Un petit retard sur la commande {order} : nous attendons "
                "des fournitures. Envoi en début de semaine."
            ),
            (
                "L'adresse de la commande {order} n'a pas de numéro "
                "d'appartement. Pourriez-vous la confirmer ?"
            ),
        ),
        "pl": (
            "Zamówienie {order} jest już w drodze! Śledzenie zadziała w ciągu doby.",
            "Dziękujemy za zamówienie {order}. Krótkie pytanie: czy zapakować je na prezent?",
            (
                "Małe opóźnienie zamówienia {order}: czekamy na "
                "materiały. Wyślemy na początku tygodnia."
            ),
            (
                "W adresie zamówienia {order} brakuje numeru "
                "mieszkania. Czy mogą Państwo go potwierdzić?"
            ),
        ),
    },
    "contact_form": {
        "en": (
            "I saw your stall at the Sunday market: do you also sell to shops?",
            "I'm writing for a lifestyle magazine: could we feature two of your pieces?",
            "Do you run workshops for beginners?",
        ),
        "fr": (
            "J'ai vu votre stand au marché dimanche : vendez-vous aussi aux boutiques ?",
            "J'écris pour un magazine déco : pourrions-nous présenter deux de vos créations ?",
            "Proposez-vous des ateliers pour débutants ?",
        ),
        "pl": (
            "Widziałam Wasze stoisko na niedzielnym targu: czy sprzedajecie też do sklepów?",
            "Piszę dla magazynu wnętrzarskiego: czy moglibyśmy pokazać dwie Wasze prace?",
            "Czy prowadzicie warsztaty dla początkujących?",
        ),
    },
}
HELP_OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "not_received": {
        "en": (
            "My order {order} has not arrived and the tracking has not moved for a week.",
            (
                "Order {order} was due last week and I still have "
                "nothing. Could you check with the carrier?"
            ),
        ),
        "fr": (
            "Ma commande {order} n'est pas arrivée et le suivi ne bouge plus depuis une semaine.",
            (
                "La commande {order} devait arriver la semaine dernière. "
                "Pourriez-vous vérifier auprès du transporteur ?"
            ),
        ),
        "pl": (
            "Moje zamówienie {order} nie dotarło, a śledzenie przesyłki stoi od tygodnia.",
            (
                "Zamówienie {order} miało przyjść w zeszłym tygodniu. Czy "
                "mogą Państwo sprawdzić u przewoźnika?"
            ),
        ),
    },
    "damaged": {
        "en": (
            "The parcel for order {order} arrived today, but the item is broken. Photos attached.",
            "Order {order} arrived with a crack along the side. The box was crushed.",
        ),
        "fr": (
            (
                "Le colis de la commande {order} est arrivé aujourd'hui, "
                "mais l'objet est cassé. Photos jointes."
            ),
            "La commande {order} est arrivée fêlée sur le côté. Le carton était écrasé.",
        ),
        "pl": (
            (
                "Paczka z zamówieniem {order} dotarła dziś, ale produkt "
                "jest rozbity. Zdjęcia w załączniku."
            ),
            "Zamówienie {order} przyszło pęknięte z boku. Karton był zgnieciony.",
        ),
    },
    "not_as_described": {
        "en": (
            (
                "The item from order {order} looks quite different from "
                "the photos: the colour is much darker."
            ),
            "Order {order}: the size is not what the listing says.",
        ),
        "fr": (
            (
                "L'article de la commande {order} ne ressemble pas aux "
                "photos : la couleur est bien plus foncée."
            ),
            "Commande {order} : la taille ne correspond pas à l'annonce.",
        ),
        "pl": (
            (
                "Produkt z zamówienia {order} wygląda inaczej niż na "
                "zdjęciach: kolor jest dużo ciemniejszy."
            ),
            "Zamówienie {order}: rozmiar nie zgadza się z opisem.",
        ),
    },
    "wrong_item": {
        "en": (
            "I received someone else's item in order {order}.",
            "Order {order} came in the wrong colour.",
        ),
        "fr": (
            "J'ai reçu l'article de quelqu'un d'autre dans la commande {order}.",
            "La commande {order} est arrivée dans la mauvaise couleur.",
        ),
        "pl": (
            "W zamówieniu {order} przyszedł cudzy produkt.",
            "Zamówienie {order} przyszło w złym kolorze.",
        ),
    },
    "change_or_cancel": {
        "en": (
            "Could I still change the colour on order {order}?",
            "I ordered by mistake: could you cancel order {order} before it ships?",
        ),
        "fr": (
            "Est-il encore possible de changer la couleur de la commande {order} ?",
            "J'ai commandé par erreur : pourriez-vous annuler la commande {order} avant l'envoi ?",
        ),
        "pl": (
            "Czy mogę jeszcze zmienić kolor w zamówieniu {order}?",
            "Zamówiłam przez pomyłkę: czy można anulować zamówienie {order} przed wysyłką?",
        ),
    },
    "personalisation": {
        "en": (
            "I forgot the personalisation on order {order}: could you engrave “M & J”?",
            "For order {order}, please write “Happy birthday Zosia” on the card.",
        ),
        "fr": (
            (
                "J'ai oublié la personnalisation de la commande "
                "{order} : pourriez-vous graver « M & J » ?"
            ),
            "Pour la commande {order}, merci d'écrire « Joyeux anniversaire Lou » sur la carte.",
        ),
        "pl": (
            "Zapomniałam o personalizacji w zamówieniu {order}: czy można wygrawerować „M & J”?",
            "Do zamówienia {order} proszę dopisać na kartce „Sto lat, Zosiu”.",
        ),
    },
    "other": {
        "en": (
            "I have a question about order {order}: is an invoice included in the parcel?",
            "Order {order}: can I still change the delivery address?",
        ),
        "fr": (
            "J'ai une question sur la commande {order} : la facture est-elle dans le colis ?",
            "Commande {order} : puis-je encore changer l'adresse de livraison ?",
        ),
        "pl": (
            "Mam pytanie o zamówienie {order}: czy faktura jest w paczce?",
            "Zamówienie {order}: czy mogę jeszcze zmienić adres dostawy?",
        ),
    },
}
CONTACT_SPAM: dict[str, str] = {
    "en": "Boost your sales! Cheap SEO and 10,000 followers for your shop, guaranteed.",
    "fr": "Boostez vos ventes ! Référencement pas cher et 10 000 abonnés garantis.",
    "pl": "Zwiększ sprzedaż! Tanie SEO i 10 000 obserwujących dla Twojego sklepu, gwarantowane.",
}
SHOP_REPLIES: dict[str, tuple[str, ...]] = {
    "en": (
        "Thank you for your message!",
        "Yes, it is still available and can ship tomorrow.",
        "We can do that; it adds about a week to the making time.",
        "I'm so sorry about this. We'll send a replacement today.",
        "Could you send a photo so we can see what happened?",
        "I've checked with the carrier: the parcel is at the local depot.",
        "I've refunded the shipping cost to your card.",
        "The dimensions are in the listing photos: 12 cm high, 9 cm wide.",
        "Of course, I've added a note to your order.",
        "We only ship within Europe for now, sorry!",
    ),
    "fr": (
        "Merci pour votre message !",
        "Oui, il est toujours disponible et peut partir demain.",
        "C'est possible ; comptez une semaine de fabrication en plus.",
        "Je suis vraiment désolée. Nous vous envoyons un remplacement aujourd'hui.",
        "Pourriez-vous m'envoyer une photo pour que nous voyions ce qui s'est passé ?",
        "J'ai vérifié auprès du transporteur : le colis est au dépôt local.",
        "Je vous ai remboursé les frais de port.",
        "Les dimensions sont sur les photos de l'annonce : 12 cm de haut, 9 cm de large.",
        "Bien sûr, j'ai ajouté une note à votre commande.",
        "Pour l'instant nous livrons seulement en Europe, désolés !",
    ),
    "pl": (
        "Dziękujemy za wiadomość!",
        "Tak, jest dostępne i może wyjść jutro.",
        "Da się zrobić; to wydłuży wykonanie o około tydzień.",
        "Bardzo przepraszamy. Dziś wyślemy nowy egzemplarz.",
        "Czy mogą Państwo przesłać zdjęcie, żebyśmy zobaczyli, co się stało?",
        "Sprawdziłam u przewoźnika: paczka jest w lokalnym oddziale.",
        "Zwróciliśmy koszt wysyłki na kartę.",
        "Wymiary są na zdjęciach w ogłoszeniu: 12 cm wysokości, 9 cm szerokości.",
        "Oczywiście, dodałam notatkę do zamówienia.",
        "Na razie wysyłamy tylko w Europie, przepraszamy!",
    ),
}
BUYER_REPLIES: dict[str, tuple[str, ...]] = {
    "en": (
        "Thank you, that's perfect!",
        "Great, I'll order today.",
        "Here is the photo of the damage.",
        "Any news on this?",
        "It arrived this morning, thank you!",
        "Could you also add a gift note?",
        "No problem, I can wait.",
        "That would be lovely, thanks.",
        "Sorry, one more question: do you ship on Saturdays?",
        "I'd prefer a refund, please.",
    ),
    "fr": (
        "Merci, c'est parfait !",
        "Super, je commande aujourd'hui.",
        "Voici la photo des dégâts.",
        "Avez-vous des nouvelles ?",
        "Reçu ce matin, merci !",
        "Pourriez-vous aussi ajouter un petit mot ?",
        "Pas de souci, je peux attendre.",
        "Ce serait parfait, merci.",
        "Pardon, encore une question : expédiez-vous le samedi ?",
        "Je préférerais un remboursement, s'il vous plaît.",
    ),
    "pl": (
        "Dziękuję, idealnie!",
        "Super, zamawiam dzisiaj.",
        "Przesyłam zdjęcie uszkodzenia.",
        "Czy coś już wiadomo?",
        "Dotarło dziś rano, dziękuję!",
        "Czy można dołączyć liścik?",
        "Nie ma problemu, poczekam.",
        "Byłoby super, dziękuję.",
        "Przepraszam, jeszcze jedno pytanie: czy wysyłacie w soboty?",
        "Wolałabym zwrot pieniędzy.",
    ),
}
ASIDES: dict[str, tuple[str, ...]] = {
    "en": (
        "It's for a birthday at the end of the month.",
        "I'm in no hurry.",
        "Thanks again for your patience.",
        "My neighbour bought one last year and loves it.",
        "I'm away next week, so the sooner the better.",
    ),
    "fr": (
        "C'est pour un anniversaire à la fin du mois.",
        "Rien ne presse.",
        "Merci encore pour votre patience.",
        "Ma voisine en a acheté un l'an dernier et l'adore.",
        "Je pars la semaine prochaine, donc le plus tôt sera le mieux.",
    ),
    "pl": (
        "To prezent urodzinowy na koniec miesiąca.",
        "Nie spieszy mi się.",
        "Jeszcze raz dziękuję za cierpliwość.",
        "Sąsiadka kupiła taki rok temu i jest zachwycona.",
        "W przyszłym tygodniu wyjeżdżam, więc im szybciej, tym lepiej.",
    ),
}
GREETINGS: dict[str, tuple[str, ...]] = {
    "en": ("Hello,", "Hi,", "Hi there,", "Good morning,", "Good evening,"),
    "fr": ("Bonjour,", "Bonsoir,", "Bonjour à vous,", "Coucou,"),
    "pl": ("Dzień dobry,", "Witam,", "Cześć,", "Dobry wieczór,"),
}
SHOP_GREETINGS: dict[str, tuple[str, ...]] = {
    "en": ("Hello {first},", "Hi {first},", "Dear {first},"),
    "fr": ("Bonjour {first},", "Bonsoir {first},", "Bonjour,"),
    "pl": ("Dzień dobry,", "Witam serdecznie,", "Cześć {first},"),
}
SIGN_OFFS: dict[str, tuple[str, ...]] = {
    "en": ("Thanks!", "Thank you,", "Best wishes,", "Many thanks,", "Cheers,"),
    "fr": ("Merci !", "Merci d'avance,", "Bonne journée,", "Cordialement,", "Belle journée,"),
    "pl": (
        "Dziękuję!",
        "Pozdrawiam,",
        "Z góry dziękuję,",
        "Miłego dnia,",
        "Serdecznie pozdrawiam,",
    ),
}
SHOP_SIGN_OFFS: dict[str, tuple[str, ...]] = {
    "en": ("Best wishes,", "Thank you,", "Warmly,"),
    "fr": ("Belle journée,", "À bientôt,", "Bien à vous,"),
    "pl": ("Pozdrawiamy,", "Dziękujemy,", "Serdeczności,"),
}
