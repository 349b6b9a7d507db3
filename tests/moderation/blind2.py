# ruff: noqa: E501 — one message per line reads better than wrapped data.
"""A second blind labelled set for the moderation scorer: 120 messages, 40 each in English,
French and Polish, written by hand without looking at the scorer, its word lists or the
other labelled sets, after the scorer was last tuned.

Same groups and labelling rules as ``labelled.py``. The scenarios and wording were chosen
to read like real buyer/shop chat (typos, missing accents, Polish without diacritics,
SMS-style French, emoji), not to hit or dodge any particular phrase. Some hard negatives
are deliberately close calls (a buyer reporting a phishing text, a shop asking for a phone
number the carrier needs, BLIK offered at the marketplace checkout); the labels say what a
moderator would decide, not what a keyword list would catch.
"""

from __future__ import annotations

from tests.moderation.labelled import ADV, CONSENT, EXT, NO_ORDER, OFF, Labelled, _rows

EXT_OFF = f"{EXT}+{OFF}"

# fmt: off
EN = [
    *_rows("en", "extortion", [
        ("S", "Hi Sarah, really sorry about the pulled thread on the throw. If you could bump your review up to 5 stars I'll refund the full £42 today, no need to send it back.", EXT),
        ("B", "The candle tunnelled after two burns. Send a replacement by Friday or I'm leaving 1 star and posting about this shop in my candle group. Simple as.", EXT),
        ("B", "ok I'll take my 1 star down if you knock £20 off and cover the return postage. otherwise it stays up", EXT),
        ("B", "I'd hate to have to write an honest review about the chipped mug... I think a 30% discount might help me see things more positively, if you get my meaning", EXT),
        ("S", "Hello, I've seen your 2-star rating. I can offer you a £15 voucher if you'd be willing to take it down, or change it to 4 stars at least.", EXT),
        ("B", "Last chance. Full refund by tonight or the review goes up, with photos. Your call.", EXT),
        ("S", "Quick one!! Leave a review mentioning the lamp before Sunday and we'll send £5 back to your card x", EXT),
        ("S", "Hi, you bought one of our ceramic bowls back in the spring. We're giving a free set of coasters to past customers who leave us a five-star rating on our shop page, just reply with a screenshot!", EXT, NO_ORDER),
    ]),
    *_rows("en", "off_platform", [
        ("S", "To avoid comptoir fees pls pay the £60 by bank transfer to my personal account, sort code 20-45-77, acc 43218876, J Moreau. I'll ship same day once it lands.", OFF),
        ("S", "Royal Mail: your parcel could not be delivered. A £1.99 redelivery fee is due, pay here within 24h: https://royalmail-redelivery-uk.com/fee?ref=88412", OFF),
        ("S", "Comptoir Security Team: unusual activity was detected on your account. Verify your identity at https://comptoir-example.account-check.co/login or your account will be suspended.", OFF, NO_ORDER),
        ("B", "hey can u send me ur whatsapp? easier to chat there than on this app lol", OFF),
        ("S", "Hi, to release your order please send me the 6-digit code you've just received by text. It's part of the buyer protection check.", OFF),
        ("S", "I can do it for £35 instead of £40 if you send it PayPal friends and family rather than through the site, saves us both the fees", OFF),
        ("S", "Hi! Saw you favourited our linen throw 😊 I've got loads more off-site and cheaper, message me on Telegram @lune_atelier_deals", OFF, NO_ORDER),
        ("B", "Rather not put my card details in here tbh. Can I just Revolut you? Send me your number", OFF),
    ]),
    *_rows("en", "advertising", [
        ("S", "Thanks for your order! Psst, our autumn sale starts Friday, 25% off all candles with code AUTUMN25 🍂", ADV),
        ("S", "Hi there! We've just launched a new ceramics range, come and have a look at atelier-lune.fr/new ✨", ADV, NO_ORDER),
        ("S", "Don't forget to sign up to our newsletter for early access to new throws and subscriber-only discounts: atelier-lune.fr/newsletter", ADV),
        ("S", "Your order's on its way. Also this week only: buy any 2 scarves and get the 3rd one free!", ADV),
        ("S", "BLACK FRIDAY AT ATELIER LUNE 🖤 up to 40% off lamps & ceramics, this weekend only, don't miss out!!", ADV, NO_ORDER),
        ("S", "Hope you're enjoying the mug! If you fancy the matching plates, LUNE10 gets you 10% off your next order", ADV),
    ]),
    *_rows("en", "mixed", [
        ("S", "If you change your rating to 5 stars I'll refund £10 straight away, just give me your PayPal email so I can send it outside the platform", EXT_OFF),
        ("B", "Refund the £38 to my bank directly, IBAN GB29 NWBK 6016 1331 9268 19, today. Not going through comptoir's return nonsense. Otherwise it's a 1-star review.", EXT_OFF),
    ]),
    *_rows("en", "review_request", [
        ("S", "Hi Tom, hope the lamp arrived safely! If you have a minute, a review would really help our little shop. Thanks so much 🙏", ""),
        ("S", "Thank you for your order. Once you've had a chance to use the throw, we'd love to hear what you think; you can leave a rating from your orders page on comptoir.example.", ""),
        ("S", "hiya, just checking in! if ur happy with the candles would u mind leaving a quick review? no pressure at all x", ""),
        ("S", "Dear customer, your feedback matters to us. Please consider rating your purchase when convenient. Kind regards, Atelier Lune", ""),
    ]),
    *_rows("en", "hard_negative", [
        ("B", "Already left you 5 stars, the scarf is gorgeous! Thanks again 😍", ""),
        ("S", "So sorry the vase arrived broken. I've issued a full refund through comptoir, no need to send it back. Apologies again.", ""),
        ("B", "Hi, do you have any discount codes at the moment? Thinking of ordering 3 candles for Christmas presents", "", NO_ORDER),
        ("S", "Hi! Since you asked, WELCOME10 still works for 10% off your first order here, it just goes in at checkout.", "", NO_ORDER),
        ("S", "Hi Emma, as you're subscribed to our updates: the winter throws are back in stock and subscribers get 15% off this week with WINTER15.", "", CONSENT),
        ("S", "You can pay by card, Apple Pay or PayPal at checkout on comptoir.example. All payments go through the platform so you're covered.", "", NO_ORDER),
        ("S", "Just a heads-up: comptoir will never ask for your card details or an SMS code in a message. If anyone does, please report them.", ""),
        ("B", "I got a weird text saying I owe £2.99 in customs fees for my parcel, with a link. Was that from you? Didn't click it", ""),
        ("S", "You're welcome to browse more of our work on atelier-lune.fr, but please keep ordering through comptoir so you're protected.", "", NO_ORDER),
        ("S", "Sorry the parcel was late! I've tucked a little lavender sachet in to say sorry, nothing you need to do.", ""),
        ("B", "Honestly disappointed, the colour is nothing like the photos. I'm returning it and I'll mention the colour in my review so others know what to expect.", ""),
        ("B", "Thanks for sorting the replacement so fast. I've updated my review from 3 to 5 stars myself, you deserve it", ""),
    ]),
]

FR = [
    *_rows("fr", "extortion", [
        ("S", "Bonjour Claire, désolée pour le retard. Si vous passez votre avis à 5 étoiles je vous rembourse les frais de port (4,90 €) dès aujourd'hui.", EXT),
        ("B", "Soit vous me renvoyez un plaid neuf, soit je mets 1 étoile et je raconte tout dans mon avis. Vous avez jusqu'à demain midi.", EXT),
        ("S", "coucou ! un ptit avis 5 étoiles et on vous offre la bougie de votre choix sur la prochaine commande 🕯️", EXT),
        ("B", "Vu l'état du vase à l'arrivée, un remboursement de moitié me semble raisonnable. Ça m'éviterait d'avoir à détailler tout ça dans mon évaluation...", EXT),
        ("S", "Madame, je vous propose un bon d'achat de 20 € en échange de la suppression de votre commentaire négatif. Cordialement.", EXT),
        ("B", "jveux etre remboursé en entier sinon jte met une note pourrie et je signale ta boutique partout, c clair ?", EXT),
        ("B", "Je veux bien retirer mon avis à 2 étoiles, mais seulement si vous m'envoyez l'écharpe bleue gratuitement. Sinon il reste.", EXT),
        ("S", "Bonjour ! Vous avez commandé chez nous l'an dernier : laissez-nous 5 étoiles sur notre page boutique et recevez 15 € sur votre prochaine commande.", EXT, NO_ORDER),
    ]),
    *_rows("fr", "off_platform", [
        ("S", "Pour éviter les frais de la plateforme, faites-moi plutôt un virement sur mon compte perso : FR76 3000 4000 0312 3456 7890 143. J'expédie dès réception.", OFF),
        ("S", "Comptoir : votre compte sera désactivé sous 24h. Confirmez vos coordonnées bancaires ici https://comptoir-exemple-verification.fr/compte", OFF, NO_ORDER),
        ("S", "Colissimo : votre colis est en attente, des frais de réexpédition de 2,30 € sont à régler sur colissimo-suivi-livraison.info avant demain.", OFF),
        ("B", "vous pouvez me donner votre numéro ? on s'arrangera par sms plutôt qu'ici", OFF),
        ("S", "Payez par Lydia au 06 12 34 56 78 svp, c'est plus simple et ça vous évite les frais 👍", OFF),
        ("S", "Bonjour, pour débloquer votre paiement merci de m'indiquer le code à 6 chiffres reçu par SMS. C'est la procédure de sécurité Comptoir.", OFF),
        ("S", "Je vends aussi hors du site, en moins cher. Ajoutez-moi sur WhatsApp au +33 7 81 22 40 19 et je vous envoie le catalogue.", OFF, NO_ORDER),
        ("S", "Si vous préférez je prends aussi les cartes PCS ou Transcash, vous m'envoyez juste les codes ici et je poste le colis.", OFF),
    ]),
    *_rows("fr", "advertising", [
        ("S", "Merci pour votre commande ! Au passage, les soldes d'hiver démarrent samedi : -30 % sur les plaids avec HIVER30 ❄️", ADV),
        ("S", "La fête des mères approche 💐 Pensez à nos coffrets bougie + foulard à 39 € au lieu de 52 €, dispo sur notre boutique !", ADV, NO_ORDER),
        ("S", "Psst, abonnez-vous à notre newsletter et recevez 10 % sur votre prochain achat 💌", ADV),
        ("S", "Nouveau chez Atelier Lune : des ateliers poterie à Lyon en mars, places limitées ! Réservation sur atelier-lune.fr/ateliers", ADV),
        ("S", "PROMO FLASH 🔥 -50% sur ts les foulards en soie jusqu'à minuit, foncez !!", ADV, NO_ORDER),
        ("S", "J'espère que le mug vous plaît ! Les assiettes assorties viennent de sortir, et avec LUNE15 c'est -15 % pour vous 😊", ADV),
    ]),
    *_rows("fr", "mixed", [
        ("S", "Si vous modifiez votre note en 5 étoiles je vous rembourse 15 € par virement, envoyez-moi votre RIB sur mon mail perso atelierlune.contact@gmail.com", EXT_OFF),
        ("B", "Remboursez-moi sur mon PayPal en amis et famille, pas par le site, sinon c'est 1 étoile ce soir.", EXT_OFF),
    ]),
    *_rows("fr", "review_request", [
        ("S", "Bonjour Julien, j'espère que la lampe vous plaît ! Si vous avez deux minutes, un avis nous aiderait beaucoup. Belle journée", ""),
        ("S", "Merci encore pour votre achat. Quand vous aurez testé la bougie, n'hésitez pas à laisser une évaluation sur comptoir.example.", ""),
        ("S", "coucou, tt est bien arrivé ? si oui un ptit avis ça fait tjs plaisir, sans obligation bien sûr 🙂", ""),
        ("S", "Madame, Monsieur, votre avis compte beaucoup pour notre petit atelier. Vous pouvez noter votre commande depuis votre espace client. Cordialement, l'équipe Atelier Lune", ""),
    ]),
    *_rows("fr", "hard_negative", [
        ("B", "J'ai déjà mis 5 étoiles, le plaid est magnifique, merci !!", ""),
        ("S", "Vraiment désolée pour la tasse cassée, je vous ai remboursée intégralement via Comptoir, inutile de la renvoyer.", ""),
        ("B", "Bonjour, vous faites des promos en ce moment ? J'hésite à prendre deux écharpes", "", NO_ORDER),
        ("S", "Comme vous avez accepté de recevoir nos actus : les bougies de Noël sont en ligne, -20 % pour les abonnés jusqu'à dimanche !", "", CONSENT),
        ("S", "Le livreur vous demandera un code à 4 chiffres, vous le trouverez dans le suivi de votre commande. Ne le donnez qu'à lui, au moment de la remise du colis.", ""),
        ("S", "Vous pouvez payer par carte, PayPal ou en 3 fois au moment du paiement sur la plateforme, tout est sécurisé.", "", NO_ORDER),
        ("B", "Mon avis est honnête et je ne le changerai pas, mais merci pour la réponse rapide.", ""),
        ("S", "Vous trouverez nos autres créations sur notre site atelier-lune.fr, mais pour commander passez bien par Comptoir, vous êtes protégé.", "", NO_ORDER),
        ("S", "Désolée pour le retard, j'ai glissé un petit savon en cadeau dans le colis, rien à faire de votre côté 😊", ""),
        ("B", "bjr le plaid est arrivé taché, je peux avoir un échange ou un rembourssement ? jvous envoie les photos", ""),
        ("S", "Merci beaucoup pour votre avis, même s'il est mitigé ! On a revu l'emballage grâce à vous.", ""),
        ("B", "Attention, j'ai reçu un mail soi-disant de Comptoir qui me demandait mon mot de passe. Je n'ai rien donné, je voulais juste vous prévenir.", ""),
    ]),
]

PL = [
    *_rows("pl", "extortion", [
        ("S", "Dzień dobry, przepraszam za opóźnienie. Jeśli zmieni Pani ocenę na 5 gwiazdek, zwrócę koszt wysyłki (15 zł) jeszcze dziś.", EXT),
        ("B", "Albo do piątku przyjdzie nowy koc, albo wystawiam negatywa i opisuję wszystko w komentarzu. Wybór należy do was.", EXT),
        ("S", "Hej! Jak wystawisz nam opinie 5/5, zwrocimy Ci 10% wartosci zamowienia 🙂", EXT),
        ("B", "Jeszcze nie wystawiłam opinii... może jakiś rabacik sprawiłby, że będzie cieplejsza? 😉", EXT),
        ("S", "Proponuję bon na 50 zł w zamian za usunięcie negatywnego komentarza. Co Pan na to?", EXT),
        ("B", "chce zwrot calej kasy albo daje 1 gwiazdke i wrzucam zdjecia, macie czas do jutra", EXT),
        ("B", "Zmienię ocenę na pozytywną, jak dorzucicie drugi kubek gratis. Tak będzie uczciwie.", EXT),
        ("S", "Dzień dobry! Dla stałych klientów mamy prezent: darmowy kubek za 5 gwiazdek na naszym profilu sklepu.", EXT, NO_ORDER),
    ]),
    *_rows("pl", "off_platform", [
        ("S", "Żeby nie płacić prowizji, proszę przelać 180 zł bezpośrednio na moje konto 12 1140 2004 0000 3002 0135 5387. Wysyłam zaraz po zaksięgowaniu.", OFF),
        ("S", "Najszybciej będzie BLIKiem na mój numer 512 345 678, wtedy nadam paczkę jeszcze dziś", OFF),
        ("S", "Comptoir: Twoje konto zostanie zablokowane. Zweryfikuj dane karty: https://comptoir-example-weryfikacja.pl/login", OFF, NO_ORDER),
        ("S", "InPost: Twoja paczka oczekuje na dopłatę 1,99 zł. Opłać tutaj inpost-doplata-paczki.com/p/88231, inaczej wróci do nadawcy.", OFF),
        ("B", "Podasz mi maila albo numer telefonu? Wolę pisać poza aplikacją", OFF),
        ("S", "Prosze podac kod z SMS-a ktory przed chwila przyszedl, jest potrzebny do potwierdzenia wyplaty srodkow dla Pana", OFF),
        ("S", "Wyślę Panu kod QR, wystarczy zeskanować w aplikacji banku i zapłacić, bez pośrednictwa serwisu, będzie taniej.", OFF),
        ("S", "Przyjmuję też płatność w krypto (USDT, sieć TRC20), adres portfela podam na priv, dam 5% taniej", OFF),
    ]),
    *_rows("pl", "advertising", [
        ("S", "Dziękujemy za zamówienie! A od piątku wyprzedaż: -25% na wszystkie świece z kodem JESIEN25 🍁", ADV),
        ("S", "Dzień dobry! Nowa kolekcja ceramiki już dostępna na atelier-lune.fr, darmowa dostawa od 200 zł!", ADV, NO_ORDER),
        ("S", "Zapisz się do naszego newslettera i odbierz 10% zniżki na kolejne zakupy 💌", ADV),
        ("S", "Cześć! Za tydzień otwieramy sklep stacjonarny w Krakowie, z tą wiadomością -20% na otwarcie 🎉", ADV),
        ("S", "MEGA PROMOCJA!!! lampy i koce do -40% tylko w ten weekend, nie przegap 🔥", ADV, NO_ORDER),
        ("S", "Zbliża się Dzień Matki 💐 zestawy świeca + szal w cenie 149 zł zamiast 189 zł, zapraszamy do sklepu!", ADV),
    ]),
    *_rows("pl", "mixed", [
        ("S", "Jak zmieni Pan ocenę na pozytywną, oddam 30 zł. Tylko proszę podać numer telefonu, wyślę BLIKiem.", EXT_OFF),
        ("B", "Zwrot 150 zł na moje prywatne konto 61 1090 1014 0000 0712 1981 2874 do jutra, nie przez portal, bo inaczej leci negatyw.", EXT_OFF),
    ]),
    *_rows("pl", "review_request", [
        ("S", "Dzień dobry, mam nadzieję, że lampa dotarła cała! Jeśli znajdzie Pani chwilę, opinia bardzo nam pomoże. Pozdrawiam", ""),
        ("S", "Dziękujemy za zakupy. Będzie nam miło, jeśli po przetestowaniu świecy wystawi Pan ocenę na comptoir.example.", ""),
        ("S", "hej, wszystko doszlo ok? jak tak to bedziemy wdzieczni za krotka opinie, bez presji oczywiscie :)", ""),
        ("S", "Szanowni Państwo, Państwa opinia jest dla nas bardzo ważna. Zamówienie można ocenić w zakładce Moje zakupy. Z poważaniem, Atelier Lune", ""),
    ]),
    *_rows("pl", "hard_negative", [
        ("B", "Już wystawiłam 5 gwiazdek, szal jest przepiękny, dziękuję!", ""),
        ("S", "Bardzo przepraszam za stłuczony wazon. Zwróciłam pełną kwotę przez Comptoir, nie trzeba go odsyłać.", ""),
        ("S", "Odpowiadając na pytanie: tak, kod WITAJ10 daje 10% rabatu przy pierwszym zamówieniu tutaj na platformie.", "", NO_ORDER),
        ("S", "Jako subskrybentka naszego newslettera: koce zimowe wróciły, w tym tygodniu -15% dla zapisanych 🙂", "", CONSENT),
        ("S", "Kod odbioru z paczkomatu przyjdzie SMS-em od InPostu. Służy tylko do otwarcia skrytki, proszę go nikomu nie podawać.", ""),
        ("S", "Można zapłacić kartą, BLIKiem albo szybkim przelewem przy finalizacji zamówienia na platformie, wszystko jest zabezpieczone.", "", NO_ORDER),
        ("B", "Czy mogę zapłacić za pobraniem? Nie mam karty", "", NO_ORDER),
        ("S", "Szkoda, że ocena jest negatywna, ale rozumiem. Jeśli mogę coś poprawić, proszę dać znać.", ""),
        ("S", "Kurier DPD potrzebuje numeru telefonu do awizacji, proszę go uzupełnić w danych dostawy na platformie.", ""),
        ("S", "Przepraszam za opóźnienie, dorzuciłam do paczki woreczek lawendy w ramach przeprosin. Nic nie trzeba robić :)", ""),
        ("B", "Koc przyszedl z dziura. Moge prosic o wymiane albo zwrot? zdjecia w zalaczniku", ""),
        ("S", "Link do sklepu, o który Pan pytał: comptoir.example/atelier-lune. Nasza własna strona to atelier-lune.fr.", "", NO_ORDER),
    ]),
]

# fmt: on

BLIND2: list[Labelled] = [*EN, *FR, *PL]
