# ruff: noqa: E501 — one message per line reads better than wrapped data.
"""A blind labelled set for the moderation scorer: 120 messages, 40 each in English, French
and Polish, written by hand without looking at the scorer, its word lists or the other
labelled sets.

Labels follow the product's rules as a careful moderator would apply them, not keywords.
Groups: ``extortion``, ``off_platform``, ``advertising`` and ``mixed`` hold positives;
``review_request`` (plain requests for a review, nothing offered) and ``hard_negative``
(ordinary messages that look close) must not be flagged. The marketplace is
``comptoir.example`` and the shop's own website is ``atelier-lune.fr``.

After its first measurement (extortion P 1.000 R 0.733, off_platform P 0.952 R 0.667,
advertising P 0.941 R 0.889) the scorer was tuned on it, so it is now a development set
too: its figures no longer estimate quality on unseen wording.
"""

from __future__ import annotations

from tests.moderation.labelled import ADV, CONSENT, EXT, NO_ORDER, OFF, Labelled, _rows

EXT_OFF = f"{EXT}+{OFF}"

# fmt: off
EN = [
    *_rows("en", "extortion", [
        ("S", "Hi Marta, if you bump your rating up to the top score I'll send you a £10 refund straight away, just message me once it's changed.", EXT),
        ("B", "The lamp arrived with a dented shade. Send me a replacement for free or my feedback is going to say exactly how bad this shop is.", EXT),
        ("S", "We noticed your 1-star comment. We'd happily refund half the price if you take it down today.", EXT),
        ("B", "I'll change my feedback to positive once you knock 20% off, that's the deal.", EXT),
        ("S", "Little thank-you from us: post a photo review of your scarf and we'll pop a free matching hat in with your next parcel!", EXT),
        ("B", "Refund me in full by friday or I put 1 star on every item I bought from u. ur choice", EXT),
        ("S", "Would you consider editing what you wrote about us? Happy to throw in a £15 voucher for your trouble.", EXT),
        ("B", "honestly I was going to write something nasty about the delay but if you cover the postage I'll keep it nice 😉", EXT),
    ]),
    *_rows("en", "off_platform", [
        ("S", "To save us both the fees, could you send the £85 by bank transfer instead? IBAN GB29 NWBK 6016 1331 9268 19, then I'll cancel the order on here.", OFF),
        ("S", "Drop me a message on WhatsApp, +44 7700 900123, easier to sort the custom sizes there and I can do you a better price off the site.", OFF),
        ("S", "Your payment is on hold. Confirm your details within 24h at https://comptoir-example.com/secure/verify or the order will be cancelled.", OFF),
        ("S", "Your parcel is being held, a £1.99 redelivery fee is due: royalmail-redelivery.co/pay?id=88213", OFF),
        ("B", "Is the armchair still available? I can pay cash or PayPal friends and family if you take it off the listing.", OFF, NO_ORDER),
        ("S", "What's your personal email? I'll send the invoice and a payment link there directly, the checkout here is playing up today.", OFF),
        ("S", "For orders over £200 we only take Amazon gift cards now, just send me the codes in this chat.", OFF),
        ("S", "You'll get a 6-digit code by text in a minute, send it to me here so I can confirm the delivery slot.", OFF),
    ]),
    *_rows("en", "advertising", [
        ("S", "Summer clearance starts tomorrow! Everything in the shop is 30% off until Sunday, don't miss it 🌞", ADV),
        ("S", "Thanks for your order! By the way, our new autumn collection just dropped — hand-dyed wool throws in six colours. Have a peek on our page.", ADV),
        ("S", "Join the Lune Club for early access to new drops and a birthday gift every year — sign up at atelier-lune.fr/club", ADV),
        ("S", "Follow us on Instagram @atelierlune for giveaways and behind-the-scenes bits!", ADV),
        ("S", "Flash sale tonight only: code MOON25 gets you 25% off any ceramic. Tell your friends!", ADV),
        ("S", "Hi again! It's been a while since your last order — here's 15% off your next one with code COMEBACK15 🙂", ADV, NO_ORDER),
    ]),
    *_rows("en", "mixed", [
        ("S", "Give us a glowing rating and I'll send you £10 back via PayPal friends and family — just drop me your PayPal email.", EXT_OFF),
        ("B", "Pay me back £30 on Revolut (+44 7700 900456) or my review goes up tonight with the photos.", EXT_OFF),
    ]),
    *_rows("en", "review_request", [
        ("S", "Hope the teapot arrived safe and sound! If you have a minute, a review really helps a small shop like ours.", ""),
        ("S", "Hi Tom, just checking the jacket fits. Would you mind rating your purchase when you get a chance?", ""),
        ("S", "Your order was delivered on Tuesday. Feedback is always welcome, good or bad — it helps us improve.", ""),
        ("S", "thank u for buying!! if u liked it pls give us some stars, means the world x", ""),
    ]),
    *_rows("en", "hard_negative", [
        ("S", "Sorry to see your review about the cracked mug, that shouldn't have happened. I've posted a replacement today: https://www.royalmail.com/track-your-item#/tracking-results/QF123456789GB", ""),
        ("B", "My number for the courier is 07700 900789, I'm at work until 6 so they can ring ahead.", ""),
        ("B", "I paid through the site on Monday but the order still says pending — can you confirm you got it?", ""),
        ("S", "Yes, the WELCOME10 code still works on your basket, it'll take 10% off at checkout.", ""),
        ("S", "Hi Jess, as a Lune Club member you get first dibs: our winter sale opens tomorrow with 25% off everything.", "", CONSENT),
        ("B", "Really disappointed, the colour is nothing like the photos. I'll be writing an honest review so others know what to expect.", ""),
        ("S", "I've processed a full refund for the missing item, it should show on your card in 3–5 working days.", ""),
        ("B", "Great, the sale went through, just waiting on dispatch now. Thanks!", ""),
        ("S", "Yes, you can pay with PayPal — it's one of the options at checkout on Comptoir, just pick it on the payment page.", "", NO_ORDER),
        ("S", "You asked about care instructions — there's a full guide on our website atelier-lune.fr/care, hope it helps!", ""),
        ("B", "I left 2 stars because it took three weeks to arrive, nothing personal. The product itself is fine.", ""),
        ("S", "Thank you so much for the lovely review, glad the rug suits the room!", ""),
    ]),
]

FR = [
    *_rows("fr", "extortion", [
        ("S", "Bonjour, si vous passez votre note à 5 étoiles je vous rembourse les frais de port, promis.", EXT),
        ("B", "Soit vous me remboursez intégralement, soit je poste un commentaire incendiaire avec photos. À vous de voir.", EXT),
        ("S", "J'ai vu votre évaluation négative... Je vous propose un geste commercial de 20 € si vous acceptez de la retirer.", EXT),
        ("B", "je modifie mon avis si vous m'envoyez le coussin assorti gratos, sinon il reste comme ça", EXT),
        ("S", "Un petit mot sympa sur notre boutique = un bon de 10 % sur votre prochaine commande 😊", EXT),
        ("B", "Je vous préviens, sans geste de votre part je vous colle une étoile et je préviens tout le monde.", EXT),
        ("S", "Madame, nous serions prêts à vous offrir la livraison gratuite sur vos prochains achats si vous remontiez un peu votre note. Cordialement", EXT),
        ("B", "bjr, colis arrivé abimé. Remboursez moi 15e et jlaisse une bonne eval, sinon ça sera pas joli", EXT),
    ]),
    *_rows("fr", "off_platform", [
        ("S", "Pour éviter les frais du site, vous pouvez me faire un virement directement : FR76 3000 6000 0112 3456 7890 189. J'annule la commande ici après.", OFF),
        ("S", "Envoyez moi un message sur WhatsApp au 06 12 34 56 78, je vous fais un meilleur prix en direct.", OFF),
        ("S", "Votre compte Comptoir est suspendu. Réactivez-le ici : http://c0mptoir.example-login.net/reactivation", OFF),
        ("S", "Votre colis est en attente, des frais de 2,99 € sont à régler : laposte-suivi-colis.info/paiement", OFF),
        ("B", "Bonjour, l'article est dispo ? Je peux payer par Lydia si vous me donnez votre numéro, comme ça pas de commission.", OFF, NO_ORDER),
        ("S", "Pouvez-vous me communiquer votre adresse e-mail perso et votre numéro de portable ? J'en ai besoin pour finaliser le paiement de mon côté.", OFF),
        ("S", "Pour ce montant j'accepte seulement les recharges PCS ou Transcash, envoyez-moi les codes ici svp", OFF),
        ("S", "Pour la remise en main propre, scannez ce QR code et réglez les 45 € directement, on annulera la commande sur le site.", OFF),
    ]),
    *_rows("fr", "advertising", [
        ("S", "Les soldes d'hiver commencent mercredi ! Jusqu'à -40 % sur toute la boutique ❄️", ADV),
        ("S", "Merci pour votre commande ! Au passage, découvrez notre nouvelle collection printemps : des bougies parfumées coulées à la main.", ADV),
        ("S", "Inscrivez-vous à notre newsletter sur atelier-lune.fr et recevez 10 % de réduction sur votre prochaine commande.", ADV),
        ("S", "Suivez-nous sur Insta @atelier.lune pour ne rien rater de nos ventes privées 💫", ADV),
        ("S", "Vente flash ce week-end seulement : 2 achetés = le 3e offert !!", ADV),
        ("S", "Bonjour, devenez membre du Club Lune : points fidélité, cadeaux et avant-premières. C'est gratuit !", ADV),
    ]),
    *_rows("fr", "mixed", [
        ("S", "Si vous laissez un bon avis, je vous rembourse 10 € par virement, envoyez-moi juste votre RIB sur WhatsApp.", EXT_OFF),
        ("B", "Vous me versez 20 € sur Lydia au 07 98 76 54 32 et je retire mon commentaire. Sinon il reste.", EXT_OFF),
    ]),
    *_rows("fr", "review_request", [
        ("S", "Bonjour, j'espère que le vase vous plaît ! Si vous avez deux minutes, un petit avis nous aiderait beaucoup.", ""),
        ("S", "N'hésitez pas à noter votre achat une fois le colis reçu, merci d'avance !", ""),
        ("S", "Votre commande a été livrée. Votre retour nous intéresse, qu'il soit positif ou négatif.", ""),
        ("S", "coucou, contente que le sac soit bien arrivé :) si tu as le temps laisse nous une note, ça aide vraiment une petite boutique", ""),
    ]),
    *_rows("fr", "hard_negative", [
        ("S", "Désolée pour votre avis, le bol n'aurait jamais dû arriver fêlé. Je vous en renvoie un neuf dès demain, sans frais.", ""),
        ("B", "Mon numéro pour le livreur : 06 45 67 89 01, l'interphone ne marche pas.", ""),
        ("S", "Votre colis est parti, vous pouvez le suivre ici : https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901", ""),
        ("S", "Oui, le code BIENVENUE10 fonctionne toujours, il faut juste le saisir avant de valider le panier.", ""),
        ("S", "Bonjour Claire, comme vous êtes inscrite à notre newsletter, en avant-première : -20 % sur la nouvelle collection dès ce soir.", "", CONSENT),
        ("B", "Franchement déçue, la couleur ne correspond pas du tout. Je vais laisser un avis honnête pour prévenir les autres acheteurs.", ""),
        ("B", "J'ai payé via le site hier, le montant est bien débité. Vous pouvez me confirmer que c'est bon de votre côté ?", ""),
        ("S", "Le remboursement de 32,50 € a été effectué, il apparaîtra sur votre compte sous 5 jours ouvrés.", ""),
        ("B", "Super, la vente est passée, j'attends plus que l'expédition. Merci !", ""),
        ("S", "Oui on accepte PayPal, c'est proposé directement au moment du paiement sur Comptoir.", "", NO_ORDER),
        ("B", "Bonjour, vous faites une réduction si je prends les deux lampes ?", "", NO_ORDER),
        ("S", "Merci beaucoup pour votre gentil commentaire, ça nous fait très plaisir !", ""),
    ]),
]

PL = [
    *_rows("pl", "extortion", [
        ("S", "Dzień dobry, jeśli zmieni Pani ocenę na pozytywną, zwrócę 30 zł na konto od razu.", EXT),
        ("B", "Albo zwrot całej kwoty, albo wystawiam negatywny komentarz i opisuję wszystko ze zdjęciami.", EXT),
        ("S", "Widzę Pana opinię... Proponuję rabat 25% na kolejne zakupy w zamian za jej usunięcie.", EXT),
        ("B", "zmienie opinie jak dorzucicie gratis drugi kubek, inaczej zostaje jedna gwiazdka", EXT),
        ("S", "Za opinię ze zdjęciem produktu wysyłamy mały prezent-niespodziankę 🎁", EXT),
        ("B", "Jak do jutra nie bedzie zwrotu za wysylke to dostaniecie ode mnie 1 gwiazdke na wszystkim co kupilam", EXT),
        ("S", "Czy byłaby Pani skłonna poprawić ocenę? W ramach przeprosin mogę przesłać bon na 50 zł.", EXT),
        ("B", "Dajcie mi 20% rabatu to wystawie super komentarz, umowa?", EXT),
    ]),
    *_rows("pl", "off_platform", [
        ("S", "Żeby nie płacić prowizji, proszę zrobić przelew bezpośrednio na konto 61 1090 1014 0000 0712 1981 2874, a zamówienie tutaj anuluję.", OFF),
        ("S", "Najszybciej będzie BLIKiem na telefon 600 123 456, wtedy wysyłam od ręki.", OFF),
        ("S", "Twoja paczka czeka na dopłatę 1,50 zł. Opłać tutaj: inpost-paczka-dostawa.pl/oplata", OFF),
        ("B", "Zapłaciłam już, kliknij w link żeby odebrać środki: comptoir-example.com/odbior-srodkow i podaj dane karty", OFF),
        ("B", "Jest jeszcze dostępne? Mogę zapłacić Revolutem albo w krypto, tylko wtedy poza stroną.", OFF, NO_ORDER),
        ("S", "Napisz do mnie na Signalu albo SMS 512 345 678, tam się dogadamy co do ceny.", OFF),
        ("S", "Prosze podac swoj prywatny email i numer telefonu, wysle tam szczegoly platnosci.", OFF),
        ("S", "Podaj proszę kod z SMS-a, który właśnie przyszedł, to tylko do potwierdzenia wysyłki.", OFF),
    ]),
    *_rows("pl", "advertising", [
        ("S", "Wielka wyprzedaż! Do niedzieli -30% na cały asortyment 🔥", ADV),
        ("S", "Dziękujemy za zakup! Zajrzyj też do naszej nowej kolekcji jesiennej – ręcznie robione swetry już dostępne.", ADV),
        ("S", "Zapisz się do naszego newslettera i odbierz kod -10% na kolejne zamówienie.", ADV),
        ("S", "Obserwuj nas na Instagramie @atelierlune, co tydzień konkursy z nagrodami!", ADV),
        ("S", "Tylko dziś: przy zakupie dwóch świec trzecia gratis. Zapraszamy!", ADV),
        ("S", "Dolacz do klubu stalego klienta - zbierasz punkty, dostajesz rabaty i prezent na urodziny", ADV),
    ]),
    *_rows("pl", "mixed", [
        ("S", "Za pozytywną opinię oddam 20 zł BLIKiem, tylko podaj mi swój numer telefonu.", EXT_OFF),
        ("B", "Przelej mi 50 zł na konto 12 3456 7890 1234 5678 9012 3456 to usunę negatywa. Inaczej zostaje.", EXT_OFF),
    ]),
    *_rows("pl", "review_request", [
        ("S", "Mamy nadzieję, że lampa się podoba! Będziemy wdzięczni za opinię, to bardzo pomaga małym sklepom.", ""),
        ("S", "Dzień dobry, czy mogłaby Pani ocenić zakup, gdy znajdzie chwilę? Dziękujemy!", ""),
        ("S", "Paczka doręczona. Każdy komentarz, także krytyczny, jest dla nas cenny.", ""),
        ("S", "dzieki za zakupy :) jak bedziesz miec chwile to wystaw nam pare gwiazdek, bardzo pomoze", ""),
    ]),
    *_rows("pl", "hard_negative", [
        ("S", "Przykro nam z powodu Pani opinii. Nowy wazon już wysłany bez dodatkowych kosztów: https://inpost.pl/sledzenie-przesylek?number=520000011223344556677889", ""),
        ("B", "Mój numer dla kuriera: 601 234 567, domofon nie działa.", ""),
        ("B", "Zapłaciłem przez stronę, pieniądze zeszły z konta. Możecie potwierdzić, że doszło?", ""),
        ("S", "Tak, kod RABAT10 nadal działa, wystarczy wpisać go w koszyku.", ""),
        ("S", "Jako subskrybentka newslettera ma Pani wcześniejszy dostęp: wyprzedaż startuje jutro, -25% na wszystko.", "", CONSENT),
        ("B", "Jestem bardzo rozczarowana jakością, szwy się prują po tygodniu. Napiszę szczerą opinię, żeby inni wiedzieli.", ""),
        ("S", "Zwrot 89 zł został zlecony, środki powinny być na koncie w ciągu 3-5 dni roboczych.", ""),
        ("B", "Sprzedaż przeszła, czekam tylko na wysyłkę. Dzięki!", ""),
        ("S", "Tak, można płacić BLIKiem – to jedna z opcji przy płatności na Comptoir.", "", NO_ORDER),
        ("S", "Wysłane kurierem DPD, link do śledzenia: https://tracktrace.dpd.com.pl/parcelDetails?p1=0000123456789U", ""),
        ("B", "Czy jest jakaś zniżka przy zakupie trzech sztuk?", "", NO_ORDER),
        ("S", "Instrukcja pielęgnacji jest na naszej stronie atelier-lune.fr/pielegnacja, tak jak Pani prosiła.", ""),
    ]),
]

# fmt: on

BLIND: list[Labelled] = [*EN, *FR, *PL]
