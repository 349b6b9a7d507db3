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
