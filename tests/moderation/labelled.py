# ruff: noqa: E501 — one message per line reads better than wrapped data.
"""The moderation scorer's labelled set: messages written by hand in English, French and
Polish, each with its context and the categories a moderator would flag.

Written before the scorer and not tuned to it. Groups: ``extortion``, ``off_platform``,
``advertising`` and ``mixed`` hold positives; ``review_request`` (plain requests for a
review, nothing offered) and ``hard_negative`` (ordinary messages that look close) hold
messages that must not be flagged. The shop's website is ``atelier-lune.fr``.
"""

from __future__ import annotations

from dataclasses import dataclass

EXT = "extortion"
OFF = "off_platform"
ADV = "advertising"
SHOP_DOMAIN = "atelier-lune.fr"


@dataclass(frozen=True)
class Labelled:
    lang: str
    group: str
    side: str
    text: str
    expected: frozenset[str]
    about_order: bool = True
    marketing_consent: bool = False


def _rows(lang: str, group: str, rows: list[tuple]) -> list[Labelled]:
    out = []
    for row in rows:
        side, text, expected, *options = row
        opts = dict(options[0]) if options else {}
        cats = frozenset(c for c in expected.split("+") if c)
        out.append(Labelled(lang, group, {"B": "buyer", "S": "shop"}[side], text, cats, **opts))
    return out


NO_ORDER = {"about_order": False}
CONSENT = {"marketing_consent": True}

EN = [
    *_rows(
        "en",
        "extortion",
        [
            ("B", "Refund me today or I post a 1-star review everywhere.", EXT),
            (
                "B",
                "I'd hate to have to leave 1 star, but if the refund isn't sorted by Friday that's what will happen.",
                EXT,
            ),
            ("B", "If you send me a free replacement I'll give you 5 stars.", EXT),
            ("B", "Give me a 30% discount and I'll write a glowing review.", EXT),
            ("S", "I'll refund you 5€ if you change your review to 5 stars.", EXT),
            ("S", "We can offer you a full refund if you remove your negative feedback.", EXT),
            (
                "S",
                "Leave us a 5-star review and we'll send you a free gift with your next order.",
                EXT,
            ),
            (
                "S",
                "Please update your review — we'll refund the shipping as soon as it's changed.",
                EXT,
            ),
            (
                "B",
                "Unless you cover the return postage, my review will reflect how I've been treated.",
                EXT,
            ),
            ("S", "If you delete the bad review, I can send you a new one for free.", EXT),
            ("B", "Fix this or everyone will read about it in my review.", EXT),
            ("S", "We'd be happy to give you a 10% coupon in exchange for a positive review.", EXT),
            ("B", "Send me a partial refund and I'll take down my review.", EXT),
            ("S", "Write a 5 star review and send us a screenshot to get your cashback.", EXT),
            ("B", "I'm going to leave negative feedback unless you refund me.", EXT),
        ],
    ),
    *_rows(
        "en",
        "off_platform",
        [
            (
                "S",
                "To speed things up, please pay by bank transfer to IBAN FR76 3000 6000 0112 3456 7890 189 instead of through the site.",
                OFF,
            ),
            ("S", "Message me on WhatsApp at +44 7700 900123, it's easier.", OFF),
            (
                "B",
                "Can you send me a PayPal request as friends and family? I'll pay you directly, cheaper for both of us.",
                OFF,
            ),
            (
                "S",
                "Your payment is on hold. Verify your account here: http://c0mptoir-secure.com/login",
                OFF,
            ),
            (
                "S",
                "Please confirm your order at https://comptoir.example.verify-login.ru/account",
                OFF,
            ),
            ("B", "I can pay with Amazon gift cards, just tell me your email.", OFF),
            (
                "S",
                "We only accept payment by gift card now: buy a Steam card and send me the code.",
                OFF,
            ),
            (
                "S",
                "Scan this QR code to complete the payment outside the platform, it avoids fees.",
                OFF,
            ),
            ("S", "Contact us on Telegram @lune_shop for a better price.", OFF),
            (
                "S",
                "Please send your email address so we can deal with this directly, without the marketplace.",
                OFF,
            ),
            ("B", "Can I just pay you in Bitcoin? Send me your wallet address.", OFF),
            ("S", "We can do it via Western Union, it's faster.", OFF),
            (
                "S",
                "What's your phone number? I'll call you to arrange the sale privately.",
                OFF,
                NO_ORDER,
            ),
            (
                "S",
                "Your account will be suspended. Log in at comptoir-example.help to keep it.",
                OFF,
            ),
        ],
    ),
    *_rows(
        "en",
        "advertising",
        [
            ("S", "Our new collection is here! Use code SPRING20 for 20% off everything.", ADV),
            ("S", "Big summer sale: -30% on all candles this weekend only.", ADV),
            ("S", "Follow us on Instagram for exclusive offers!", ADV),
            ("S", "Subscribe to our newsletter and get 10% off your next purchase.", ADV),
            ("S", "Black Friday: everything at half price, don't miss out!", ADV),
            (
                "S",
                "Hi! It's been a while, we miss you. Here's a discount code COMEBACK15 for your next order.",
                ADV,
                NO_ORDER,
            ),
            (
                "S",
                "Check out our new arrivals on www.atelier-lune.fr, free shipping this week!",
                ADV,
            ),
            ("S", "Limited offer: buy 2 get 1 free on all mugs until Sunday.", ADV),
            ("S", "Flash sale! 40% off for the next 24 hours.", ADV),
            ("S", "New products just dropped - be the first to shop them.", ADV),
        ],
    ),
    *_rows(
        "en",
        "mixed",
        [
            (
                "S",
                "Flash sale 50% off if you order on our WhatsApp +33 6 12 34 56 78",
                "advertising+off_platform",
            ),
            ("S", "5 stars = 10€ back via PayPal friends and family", "extortion+off_platform"),
        ],
    ),
    *_rows(
        "en",
        "review_request",
        [
            ("S", "Could you leave a review?", ""),
            ("S", "If you're happy with your order, we'd love it if you left a review.", ""),
            ("S", "Thanks for your purchase! Feedback helps small shops like ours.", ""),
            ("S", "Your opinion matters to us, please take a minute to rate your order.", ""),
            ("S", "When you have a moment, a review would mean a lot to us.", ""),
            ("S", "We hope you love it. Don't hesitate to leave us a review!", ""),
            ("S", "If anything is wrong, tell us before leaving a review so we can fix it.", ""),
        ],
    ),
    *_rows(
        "en",
        "hard_negative",
        [
            ("B", "I will leave a review once it arrives.", ""),
            ("B", "The item broke after two days, I'm really disappointed.", ""),
            ("B", "I already left a 5-star review, thanks again!", ""),
            (
                "S",
                "Here is your tracking link: https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
                "",
            ),
            ("B", "For the delivery, the courier can call me at 07700 900456.", ""),
            (
                "S",
                "Sorry about the delay. As an apology, here is a coupon code SORRY10 for 10% off your next order.",
                "",
            ),
            ("B", "Do you have any discount codes?", ""),
            ("S", "Yes, as you asked, you can use code WELCOME10 at checkout.", "", NO_ORDER),
            ("B", "I paid with PayPal on the site, can you confirm you received it?", ""),
            ("S", "We've refunded you 5€ for the late delivery.", ""),
            ("B", "The review I left was about the courier, not you.", ""),
            (
                "S",
                "We saw your review and we're sorry. We've sent a replacement; no need to change anything.",
                "",
            ),
            ("S", "Tracking: https://www.dhl.com/en/express/tracking.html?AWB=1234567890", ""),
            (
                "B",
                "The email on my order is wrong, it should be jane.doe@example.org, for the invoice.",
                "",
            ),
            (
                "S",
                "Could you give us a phone number for the courier? The carrier needs one to deliver.",
                "",
            ),
            ("S", "Our new collection is out: 20% off with code LUNE20.", "", CONSENT),
            ("B", "Your sale prices are great, I bought three!", ""),
            ("S", "Your order was placed before the sale, so I've refunded the difference.", ""),
            ("B", "Is this item still on sale? The listing says -20%.", "", NO_ORDER),
            ("S", "For your safety, never pay outside Comptoir and never share your password.", ""),
            ("S", "Thanks for the honest review, we've improved the packaging since.", ""),
            ("B", "If it arrives broken again I'll ask for a refund.", ""),
            ("S", "The size guide you asked for is on our site atelier-lune.fr.", "", NO_ORDER),
        ],
    ),
]

FR = [
    *_rows(
        "fr",
        "extortion",
        [
            ("B", "Remboursez-moi aujourd'hui ou je mets 1 étoile partout.", EXT),
            (
                "B",
                "Je n'aimerais pas devoir laisser un avis négatif, mais sans remboursement d'ici vendredi, c'est ce que je ferai.",
                EXT,
            ),
            ("B", "Si vous m'envoyez un remplacement gratuit, je vous mets 5 étoiles.", EXT),
            ("B", "Faites-moi une remise de 30 % et je vous laisse un super avis.", EXT),
            ("S", "Je vous rembourse si vous retirez votre avis.", EXT),
            ("S", "Nous vous offrons 10 € si vous modifiez votre commentaire en 5 étoiles.", EXT),
            (
                "S",
                "Laissez-nous un avis 5 étoiles et recevez un cadeau avec votre prochaine commande.",
                EXT,
            ),
            (
                "S",
                "Merci de supprimer votre avis négatif, en échange nous vous remboursons les frais de port.",
                EXT,
            ),
            (
                "B",
                "Sans geste commercial de votre part, mon avis reflétera la façon dont j'ai été traité.",
                EXT,
            ),
            ("B", "Je vais laisser une mauvaise évaluation si vous ne me remboursez pas.", EXT),
            ("S", "Un bon d'achat de 15 € vous attend contre un avis positif.", EXT),
            ("B", "Envoyez-moi un remboursement partiel et je retire mon avis.", EXT),
            (
                "S",
                "Postez un avis 5★ et envoyez-nous la capture d'écran pour obtenir votre remboursement.",
                EXT,
            ),
            ("B", "Réglez le problème, sinon tout le monde le lira dans mon commentaire.", EXT),
            ("S", "Si vous changez votre note, je vous fais un geste commercial.", EXT),
        ],
    ),
    *_rows(
        "fr",
        "off_platform",
        [
            (
                "S",
                "Pour aller plus vite, réglez par virement sur l'IBAN FR76 3000 6000 0112 3456 7890 189 plutôt que sur le site.",
                OFF,
            ),
            ("S", "Écrivez-moi sur WhatsApp au 06 12 34 56 78, c'est plus simple.", OFF),
            ("B", "Je peux vous payer directement par PayPal entre amis, ça évite les frais.", OFF),
            (
                "S",
                "Votre paiement est bloqué. Vérifiez votre compte ici : http://comptoir-verification.fr/connexion",
                OFF,
            ),
            (
                "S",
                "Confirmez votre commande sur https://comptoir.example.securite-compte.com/login",
                OFF,
            ),
            ("B", "Je peux payer en cartes cadeaux Amazon, donnez-moi votre adresse e-mail.", OFF),
            (
                "S",
                "Nous acceptons uniquement les cartes PCS ou Transcash, envoyez-nous le code.",
                OFF,
            ),
            ("S", "Scannez ce QR code pour payer hors plateforme, sans frais.", OFF),
            ("S", "Contactez-nous sur Telegram pour un meilleur prix.", OFF),
            (
                "S",
                "Donnez-moi votre adresse mail pour qu'on règle ça directement, sans passer par le site.",
                OFF,
            ),
            ("B", "Je peux payer en crypto ? Envoyez-moi l'adresse de votre portefeuille.", OFF),
            ("S", "On peut passer par Western Union, c'est plus rapide.", OFF),
            (
                "S",
                "Quel est votre numéro de téléphone ? Je vous appelle pour conclure la vente en direct.",
                OFF,
                NO_ORDER,
            ),
            (
                "S",
                "Votre compte va être suspendu, connectez-vous sur cornptoir.example pour le garder.",
                OFF,
            ),
        ],
    ),
    *_rows(
        "fr",
        "advertising",
        [
            (
                "S",
                "Notre nouvelle collection est arrivée ! Code PRINTEMPS20 pour -20 % sur tout.",
                ADV,
            ),
            (
                "S",
                "Grandes soldes d'été : -30 % sur toutes les bougies ce week-end seulement.",
                ADV,
            ),
            ("S", "Suivez-nous sur Instagram pour des offres exclusives !", ADV),
            ("S", "Abonnez-vous à notre newsletter et recevez 10 % de réduction.", ADV),
            ("S", "Black Friday : tout à moitié prix, ne ratez pas ça !", ADV),
            (
                "S",
                "Cela fait longtemps ! Voici un code promo RETOUR15 pour votre prochaine commande.",
                ADV,
                NO_ORDER,
            ),
            (
                "S",
                "Découvrez nos nouveautés sur www.atelier-lune.fr, livraison offerte cette semaine !",
                ADV,
            ),
            (
                "S",
                "Offre limitée : 2 achetés, le 3e offert sur tous les mugs jusqu'à dimanche.",
                ADV,
            ),
            ("S", "Vente flash ! -40 % pendant 24 heures.", ADV),
            (
                "S",
                "Nos nouveaux produits viennent d'arriver, soyez les premiers à en profiter.",
                ADV,
            ),
        ],
    ),
    *_rows(
        "fr",
        "mixed",
        [
            (
                "S",
                "Promo -50 % si vous commandez via notre WhatsApp 06 12 34 56 78",
                "advertising+off_platform",
            ),
            ("S", "5 étoiles = 10 € remboursés par PayPal entre proches", "extortion+off_platform"),
        ],
    ),
    *_rows(
        "fr",
        "review_request",
        [
            ("S", "N'hésitez pas à laisser un avis !", ""),
            ("S", "Si vous êtes satisfait, un petit avis nous ferait très plaisir.", ""),
            (
                "S",
                "Merci pour votre achat ! Votre avis aide les petites boutiques comme la nôtre.",
                "",
            ),
            ("S", "Votre opinion compte : prenez une minute pour noter votre commande.", ""),
            ("S", "Quand vous aurez un moment, pourriez-vous laisser une évaluation ?", ""),
            ("S", "Nous espérons que l'article vous plaît. Pensez à laisser un commentaire !", ""),
            (
                "S",
                "En cas de souci, contactez-nous avant de laisser un avis, nous trouverons une solution.",
                "",
            ),
        ],
    ),
    *_rows(
        "fr",
        "hard_negative",
        [
            ("B", "Je laisserai un avis dès réception.", ""),
            ("B", "L'article s'est cassé au bout de deux jours, je suis très déçue.", ""),
            ("B", "J'ai déjà laissé 5 étoiles, merci encore !", ""),
            (
                "S",
                "Voici votre suivi : https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
                "",
            ),
            ("B", "Pour la livraison, le livreur peut m'appeler au 06 98 76 54 32.", ""),
            (
                "S",
                "Désolés pour le retard. Pour nous excuser, voici un code de réduction PARDON10 pour votre prochaine commande.",
                "",
            ),
            ("B", "Avez-vous des codes promo ?", ""),
            (
                "S",
                "Oui, comme demandé, vous pouvez utiliser le code BIENVENUE10 au moment de payer.",
                "",
                NO_ORDER,
            ),
            ("B", "J'ai payé par PayPal sur le site, pouvez-vous confirmer la réception ?", ""),
            ("S", "Nous vous avons remboursé 5 € pour le retard de livraison.", ""),
            ("B", "Mon avis concernait le transporteur, pas vous.", ""),
            (
                "S",
                "Nous avons vu votre avis et nous en sommes désolés. Un remplacement est parti, vous n'avez rien à modifier.",
                "",
            ),
            (
                "S",
                "Colis expédié en Colissimo, suivi : https://www.colissimo.fr/portail_colissimo/suivre.do?parcelnumber=6A123",
                "",
            ),
            (
                "B",
                "L'adresse e-mail de ma commande est fausse, la bonne est marie.dupont@example.org, pour la facture.",
                "",
            ),
            (
                "S",
                "Pouvez-vous nous donner un numéro de téléphone pour le transporteur ? Il en a besoin pour livrer.",
                "",
            ),
            ("S", "La nouvelle collection est en ligne : -20 % avec le code LUNE20.", "", CONSENT),
            ("B", "Vos soldes sont super, j'en ai pris trois !", ""),
            (
                "S",
                "Votre commande a été passée avant les soldes, je vous ai remboursé la différence.",
                "",
            ),
            (
                "B",
                "Cet article est-il toujours en promotion ? L'annonce indique -20 %.",
                "",
                NO_ORDER,
            ),
            (
                "S",
                "Par sécurité, ne payez jamais en dehors de Comptoir et ne communiquez jamais votre mot de passe.",
                "",
            ),
            ("S", "Merci pour votre avis honnête, nous avons amélioré l'emballage depuis.", ""),
            ("B", "S'il arrive encore cassé, je demanderai un remboursement.", ""),
            (
                "S",
                "Le guide des tailles que vous demandiez est sur notre site atelier-lune.fr.",
                "",
                NO_ORDER,
            ),
        ],
    ),
]

PL = [
    *_rows(
        "pl",
        "extortion",
        [
            ("B", "Zwróćcie mi pieniądze dziś albo wystawię jedną gwiazdkę wszędzie.", EXT),
            (
                "B",
                "Nie chciałbym wystawiać negatywnej opinii, ale jeśli do piątku nie będzie zwrotu, tak zrobię.",
                EXT,
            ),
            ("B", "Jeśli wyślecie mi nowy egzemplarz za darmo, dam 5 gwiazdek.", EXT),
            ("B", "Dajcie mi 30% rabatu, a napiszę świetną opinię.", EXT),
            ("S", "Zwrócę pieniądze, jeśli usuniesz negatywną opinię.", EXT),
            ("S", "Oddamy Panu 20 zł, jeśli zmieni Pan ocenę na 5 gwiazdek.", EXT),
            (
                "S",
                "Wystaw nam opinię 5 gwiazdek, a dostaniesz prezent do następnego zamówienia.",
                EXT,
            ),
            ("S", "Prosimy o usunięcie komentarza, w zamian zwrócimy koszty wysyłki.", EXT),
            ("B", "Bez rekompensaty moja opinia pokaże, jak zostałem potraktowany.", EXT),
            ("B", "Wystawię negatywny komentarz, jeśli nie oddacie pieniędzy.", EXT),
            ("S", "Za pozytywną opinię czeka na Ciebie bon 50 zł.", EXT),
            ("B", "Oddajcie część pieniędzy, to usunę opinię.", EXT),
            ("S", "Dodaj opinię 5★ i wyślij nam zrzut ekranu, a zwrócimy Ci 10%.", EXT),
            ("B", "Naprawcie to, inaczej wszyscy przeczytają o tym w mojej opinii.", EXT),
            ("S", "Jeśli poprawisz ocenę, damy Ci rabat na kolejne zakupy.", EXT),
        ],
    ),
    *_rows(
        "pl",
        "off_platform",
        [
            (
                "S",
                "Proszę zapłacić przelewem na konto PL61 1090 1014 0000 0712 1981 2874, nie przez serwis.",
                OFF,
            ),
            ("S", "Napisz do mnie na WhatsAppie, numer 600 123 456.", OFF),
            ("B", "Mogę zapłacić BLIKIEM na telefon, podaj numer.", OFF),
            (
                "S",
                "Płatność wstrzymana. Zweryfikuj konto: http://komptoir-weryfikacja.pl/logowanie",
                OFF,
            ),
            ("S", "Potwierdź zamówienie na https://comptoir.example.logowanie-konto.xyz/", OFF),
            ("B", "Mogę zapłacić kartą podarunkową Google Play, podaj e-mail.", OFF),
            ("S", "Przyjmujemy tylko karty podarunkowe Paysafecard, wyślij kod.", OFF),
            ("S", "Zeskanuj kod QR i zapłać poza platformą, bez prowizji.", OFF),
            ("S", "Skontaktuj się z nami na Telegramie, będzie taniej.", OFF),
            (
                "S",
                "Podaj swój adres e-mail, załatwimy to bezpośrednio, bez pośrednictwa serwisu.",
                OFF,
            ),
            ("B", "Mogę zapłacić w kryptowalucie? Podaj adres portfela.", OFF),
            ("S", "Możemy rozliczyć się przez Western Union, szybciej.", OFF),
            (
                "S",
                "Jaki jest Pana numer telefonu? Zadzwonię i dogadamy się poza serwisem.",
                OFF,
                NO_ORDER,
            ),
            (
                "S",
                "Twoje konto zostanie zablokowane, zaloguj się na comptoir-example.pl aby je zachować.",
                OFF,
            ),
        ],
    ),
    *_rows(
        "pl",
        "advertising",
        [
            ("S", "Nowa kolekcja już jest! Kod WIOSNA20 daje -20% na wszystko.", ADV),
            ("S", "Wielka letnia wyprzedaż: -30% na wszystkie świece tylko w ten weekend.", ADV),
            ("S", "Obserwuj nas na Instagramie, aby otrzymywać ekskluzywne oferty!", ADV),
            ("S", "Zapisz się do naszego newslettera i otrzymaj 10% zniżki.", ADV),
            ("S", "Black Friday: wszystko za pół ceny, nie przegap!", ADV),
            (
                "S",
                "Dawno Cię nie było! Oto kod rabatowy WRACAJ15 na kolejne zakupy.",
                ADV,
                NO_ORDER,
            ),
            ("S", "Sprawdź nowości na www.atelier-lune.fr, darmowa dostawa w tym tygodniu!", ADV),
            ("S", "Oferta limitowana: kup 2, trzeci gratis na wszystkie kubki do niedzieli.", ADV),
            ("S", "Promocja błyskawiczna! -40% przez 24 godziny.", ADV),
            ("S", "Nasze nowe produkty właśnie się pojawiły, bądź pierwszy!", ADV),
        ],
    ),
    *_rows(
        "pl",
        "mixed",
        [
            (
                "S",
                "Promocja -50% jeśli zamówisz przez WhatsApp 600 123 456",
                "advertising+off_platform",
            ),
            (
                "S",
                "5 gwiazdek = 20 zł zwrotu przez BLIK na numer 600 123 456",
                "extortion+off_platform",
            ),
        ],
    ),
    *_rows(
        "pl",
        "review_request",
        [
            ("S", "Zostaw opinię!", ""),
            ("S", "Jeśli jesteś zadowolony, będzie nam miło, jeśli wystawisz opinię.", ""),
            ("S", "Dziękujemy za zakup! Twoja opinia pomaga małym sklepom.", ""),
            ("S", "Twoje zdanie jest dla nas ważne, oceń proszę zamówienie.", ""),
            ("S", "Gdy znajdziesz chwilę, czy mógłbyś wystawić ocenę?", ""),
            ("S", "Mamy nadzieję, że produkt się podoba. Zachęcamy do wystawienia komentarza!", ""),
            (
                "S",
                "Jeśli coś jest nie tak, napisz do nas przed wystawieniem opinii, znajdziemy rozwiązanie.",
                "",
            ),
        ],
    ),
    *_rows(
        "pl",
        "hard_negative",
        [
            ("B", "Wystawię opinię, jak paczka dotrze.", ""),
            ("B", "Produkt zepsuł się po dwóch dniach, jestem bardzo rozczarowana.", ""),
            ("B", "Już wystawiłam 5 gwiazdek, dziękuję jeszcze raz!", ""),
            (
                "S",
                "Link do śledzenia: https://inpost.pl/sledzenie-przesylek?number=123456789012345678901234",
                "",
            ),
            ("B", "Kurier może do mnie dzwonić pod numer 600 987 654.", ""),
            (
                "S",
                "Przepraszamy za opóźnienie. W ramach przeprosin kod rabatowy PRZEPRASZAM10 na kolejne zamówienie.",
                "",
            ),
            ("B", "Macie jakieś kody rabatowe?", ""),
            ("S", "Tak, zgodnie z prośbą, kod WITAJ10 działa przy płatności.", "", NO_ORDER),
            ("B", "Zapłaciłem przez PayPal na stronie, możecie potwierdzić?", ""),
            ("S", "Zwróciliśmy 10 zł za opóźnioną dostawę.", ""),
            ("B", "Moja opinia dotyczyła kuriera, nie Was.", ""),
            (
                "S",
                "Widzieliśmy opinię, przepraszamy. Wysłaliśmy nowy produkt, nie musi Pan niczego zmieniać.",
                "",
            ),
            (
                "S",
                "Paczka nadana DPD, numer śledzenia: https://tracktrace.dpd.com.pl/parcelDetails?p1=0000123456789",
                "",
            ),
            (
                "B",
                "Adres e-mail w zamówieniu jest błędny, prawidłowy to jan.kowalski@example.org, do faktury.",
                "",
            ),
            ("S", "Prosimy o numer telefonu dla kuriera, bez niego nie doręczy paczki.", ""),
            ("S", "Nowa kolekcja w sklepie: -20% z kodem LUNE20.", "", CONSENT),
            ("B", "Świetna wyprzedaż, kupiłem trzy!", ""),
            ("S", "Zamówienie złożono przed wyprzedażą, zwróciłem różnicę.", ""),
            ("B", "Czy ten produkt jest nadal w promocji? W ogłoszeniu jest -20%.", "", NO_ORDER),
            ("S", "Dla bezpieczeństwa nigdy nie płać poza Comptoir i nie podawaj hasła.", ""),
            ("S", "Dziękujemy za szczerą opinię, poprawiliśmy już pakowanie.", ""),
            ("B", "Jeśli znów przyjdzie zepsute, poproszę o zwrot pieniędzy.", ""),
            (
                "S",
                "Tabela rozmiarów, o którą Pan pytał, jest na naszej stronie atelier-lune.fr.",
                "",
                NO_ORDER,
            ),
        ],
    ),
]

LABELLED: list[Labelled] = [*EN, *FR, *PL]
