# ruff: noqa: E501 — one message per line reads better than wrapped data.
"""A second labelled set, written after the first scorer with phrasings its lexicons were
not written next to. It has since been used as the DEVELOPMENT set: its misses were read
and the rules broadened by concept to cover them (offers said to soften a review, review
changes bound to an offer, deadlines before a bad review, payment apps, "between us" and
personal accounts, fee dodging, SMS, loyalty clubs and early access). Its figures are
therefore no longer a held-out measure of how the scorer generalises; a blind set is. Same
shape as ``labelled.py``; its figures are reported, not asserted."""

from __future__ import annotations

from tests.moderation.labelled import ADV, CONSENT, EXT, NO_ORDER, OFF, Labelled, _rows

HELD_OUT: list[Labelled] = [
    *_rows(
        "en",
        "extortion",
        [
            ("B", "A little partial refund would make my rating much kinder, just saying.", EXT),
            ("S", "Happy to knock 15% off your next purchase once your feedback is amended.", EXT),
            (
                "B",
                "Pay for the return label now, or the whole world hears how bad this shop is in my feedback.",
                EXT,
            ),
            ("S", "We'll add a bonus item to your parcel for a 5-star rating.", EXT),
            ("B", "You have until tomorrow, then the one-star review goes live.", EXT),
        ],
    ),
    *_rows(
        "en",
        "off_platform",
        [
            ("S", "Text me on +44 7700 900777 and we can sort the payment between us.", OFF),
            ("S", "Pay with Revolut to my personal account and I'll ship today.", OFF),
            ("S", "Security check required: https://comptoir-examp1e.com/verify", OFF),
            ("B", "Drop me an email at tom.r@example.net and we'll skip the site fees.", OFF),
        ],
    ),
    *_rows(
        "en",
        "advertising",
        [
            ("S", "Spring clearance: everything must go, up to 60% off!", ADV),
            ("S", "Join our VIP club for early access to drops.", ADV),
        ],
    ),
    *_rows(
        "en",
        "hard_negative",
        [
            ("S", "A review would really help us, thank you for choosing our shop!", ""),
            ("B", "I gave one star because it arrived broken, sorry but that's what happened.", ""),
            (
                "S",
                "Your parcel is with Royal Mail: https://www.royalmail.com/track-your-item#/tracking-results/AB123456789GB",
                "",
            ),
            ("S", "As promised, here is the 5€ refund for the scratched lid.", ""),
            ("B", "Please ask the driver to ring 07700 900888 when outside.", ""),
            ("S", "Sorry for the mix-up, we've sent the right size today.", ""),
        ],
    ),
    *_rows(
        "fr",
        "extortion",
        [
            ("B", "Un petit remboursement rendrait mon évaluation bien plus clémente.", EXT),
            (
                "S",
                "On vous offre la livraison de votre prochaine commande dès que votre avis est corrigé.",
                EXT,
            ),
            ("B", "Vous avez jusqu'à demain, ensuite je publie un avis à une étoile.", EXT),
            ("S", "Une note de 5 étoiles et on glisse un article bonus dans votre colis.", EXT),
            ("B", "Remboursez ou je préviens tout le monde dans les commentaires.", EXT),
        ],
    ),
    *_rows(
        "fr",
        "off_platform",
        [
            (
                "S",
                "Envoyez-moi un SMS au 07 11 22 33 44, on s'arrangera pour le paiement entre nous.",
                OFF,
            ),
            ("S", "Payez avec Lydia sur mon compte perso et j'expédie aujourd'hui.", OFF),
            (
                "S",
                "Contrôle de sécurité obligatoire : https://comptoir-examp1e.com/verification",
                OFF,
            ),
            ("B", "Écrivez-moi à paul.m@example.net, on évitera la commission du site.", OFF),
        ],
    ),
    *_rows(
        "fr",
        "advertising",
        [
            ("S", "Déstockage de printemps : tout doit disparaître, jusqu'à -60 % !", ADV),
            ("S", "Rejoignez notre club VIP pour un accès en avant-première.", ADV),
        ],
    ),
    *_rows(
        "fr",
        "hard_negative",
        [
            ("S", "Un avis nous aiderait beaucoup, merci d'avoir choisi notre boutique !", ""),
            (
                "B",
                "J'ai mis une étoile parce que c'est arrivé cassé, désolée mais c'est la vérité.",
                "",
            ),
            (
                "S",
                "Votre colis est chez Chronopost : https://www.chronopost.fr/tracking-no-cms/suivi-page?listeNumerosLT=XY123",
                "",
            ),
            ("S", "Comme promis, voici le remboursement de 5 € pour le couvercle rayé.", ""),
            ("B", "Le livreur peut sonner au 07 55 44 33 22 en arrivant.", ""),
            ("S", "Désolés pour l'erreur, nous avons envoyé la bonne taille aujourd'hui.", ""),
        ],
    ),
    *_rows(
        "pl",
        "extortion",
        [
            ("B", "Mały zwrot pieniędzy sprawiłby, że moja ocena byłaby łagodniejsza.", EXT),
            ("S", "Darmowa wysyłka przy następnym zamówieniu, gdy tylko poprawisz opinię.", EXT),
            ("B", "Macie czas do jutra, potem publikuję opinię na jedną gwiazdkę.", EXT),
            ("S", "Ocena 5 gwiazdek i dorzucimy gratisowy produkt do paczki.", EXT),
            ("B", "Oddajcie kasę albo opiszę wszystko w komentarzu.", EXT),
        ],
    ),
    *_rows(
        "pl",
        "off_platform",
        [
            ("S", "Napisz SMS-a na 600 111 222, dogadamy płatność między nami.", OFF),
            ("S", "Zapłać Revolutem na moje prywatne konto, wyślę dziś.", OFF),
            (
                "S",
                "Wymagana kontrola bezpieczeństwa: https://comptoir-examp1e.com/weryfikacja",
                OFF,
            ),
            ("B", "Napisz do mnie na piotr.n@example.net, ominiemy prowizję serwisu.", OFF),
        ],
    ),
    *_rows(
        "pl",
        "advertising",
        [
            ("S", "Wiosenna wyprzedaż magazynu: wszystko musi zniknąć, do -60%!", ADV),
            ("S", "Dołącz do naszego klubu VIP i zyskaj wcześniejszy dostęp.", ADV),
        ],
    ),
    *_rows(
        "pl",
        "hard_negative",
        [
            ("S", "Opinia bardzo by nam pomogła, dziękujemy za wybór naszego sklepu!", ""),
            ("B", "Dałam jedną gwiazdkę, bo przyszło zepsute, przykro mi, ale tak było.", ""),
            (
                "S",
                "Paczka jest w Poczcie Polskiej: https://emonitoring.poczta-polska.pl/?numer=00359007738912345678",
                "",
            ),
            ("S", "Tak jak obiecaliśmy, zwracamy 20 zł za porysowaną pokrywkę.", ""),
            ("B", "Kurier może zadzwonić pod 600 444 555, gdy będzie pod domem.", ""),
            ("S", "Przepraszamy za pomyłkę, dziś wysłaliśmy właściwy rozmiar.", ""),
            ("S", "Nowości już w sklepie, z kodem LUNE10 taniej o 10%.", "", CONSENT),
        ],
    ),
]

__all__ = ["ADV", "EXT", "HELD_OUT", "NO_ORDER", "OFF"]
