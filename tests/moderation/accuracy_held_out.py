# ruff: noqa: E501 — one message per line reads better than wrapped data.
"""The false-positive corpus's held-out part: written after the sentence fix and the rules
tuned on ``accuracy_corpus.py``, by hand, in English, French and Polish, then measured once
and never tuned on. Its rates are the honest estimate published in docs/moderation.md.
Same topics and kinds as the tuned corpus; new wording. Phone numbers are fictional.
"""

from __future__ import annotations

from tests.moderation.accuracy_corpus import OP, RF, RR, RT, RV, F, P, R, _benign, _positive

HELD_OUT_BENIGN = [
    *_benign(
        "en",
        [
            (
                RF,
                "S",
                "Really sorry the teapot lid was chipped. I've just issued a full refund through the marketplace. When you get a chance, we'd be grateful for a review — good or bad, it helps us get better.",
            ),
            (
                RF,
                "S",
                "No problem at all, we'll refund the return postage too. And thanks for the 4 stars, that's very kind.",
            ),
            (
                RF,
                "S",
                "A replacement is already in the post. Once it arrives, let us know if it's OK. Reviews are always welcome but never expected.",
            ),
            (
                RF,
                "S",
                "We'll refund you as soon as the courier confirms the parcel is lost. Sorry again; if you decide to leave feedback, we'll read it carefully.",
            ),
            (
                RF,
                "S",
                "Your refund has gone through. Is there anything else we can help with? If not, have a lovely weekend, and a review would mean a lot to us.",
            ),
            (
                RF,
                "S",
                "We can refund the £6 difference or send the larger size, just tell us which you'd rather. Either way, thanks for your patience.",
            ),
            (
                RF,
                "S",
                "We've read your 1-star review and we completely understand. The refund is on its way.",
            ),
            (
                RF,
                "S",
                "We'll refund the full amount today, and we've noted your comments about the packaging for our review of suppliers.",
            ),
            (R, "S", "If you enjoyed the scarf, a quick review would help other buyers find us."),
            (
                R,
                "S",
                "Happy to help! Feel free to rate the product once you've had time to use it.",
            ),
            (
                R,
                "S",
                "We take every star rating seriously, and yours helped us fix a mistake in our sizing guide.",
            ),
            (R, "S", "Sorry about the negative experience; we'll use your feedback to improve."),
            (
                F,
                "S",
                "If the item arrives damaged, send us a photo and we'll refund or replace it, whichever you prefer.",
            ),
            (
                F,
                "S",
                "Refunds for cancelled orders are automatic and usually take two to three days.",
            ),
            (F, "S", "We'll refund the shipping if the parcel is more than five days late."),
            (F, "S", "Unfortunately we can only refund unused items, unless they're faulty."),
            (
                P,
                "S",
                "The courier may ring you on the number from your order, +44 7700 900987, before 10am.",
            ),
            (
                P,
                "S",
                "If you miss the delivery, call Parcelforce on 0344 800 4466 and quote the tracking number.",
            ),
            (P, "S", "We don't need your phone number; the delivery address is enough."),
            (P, "S", "The pickup point's phone is 020 7946 0111; they close at 6pm."),
            (P, "S", "Your order number is 2024-55781 and the invoice number is INV-0099812."),
            (
                P,
                "S",
                "Please double-check the mobile number in your account, because the locker code goes there by SMS.",
            ),
            (
                P,
                "S",
                "We'll text you on the number you gave at checkout when the parcel is ready to collect.",
            ),
            (
                RF,
                "S",
                "Thanks for your honest feedback. We've refunded the postage and passed your notes to the workshop.",
            ),
            (
                RF,
                "S",
                "We're sorry you didn't like it. You'll get your money back within a week, no questions asked. Whether you review us or not is entirely up to you.",
            ),
            (RF, "B", "Refund received, thanks a lot! I'll update my rating later."),
            (R, "B", "Just left you five stars, the necklace is gorgeous."),
            (
                RF,
                "B",
                "I don't need a refund, the small scratch is fine. I'll mention it in my review though.",
            ),
            (P, "B", "Could the courier call me on 07700 900432? The doorbell doesn't work."),
            (RF, "B", "Thanks for sorting the refund so quickly, I'll leave a positive review."),
            (
                RF,
                "S",
                "We'll refund the delivery charge. Also, if you have a moment: reviews really help small businesses like ours.",
            ),
            (
                RF,
                "S",
                "Full refund issued! P.S. If you'd like to leave a review, the link is in your order confirmation e-mail.",
            ),
            (
                R,
                "S",
                "Leaving a review is optional and doesn't affect refunds, returns or warranties.",
            ),
            (
                RF,
                "S",
                "If you're not satisfied, we'll refund you — and please do tell others in your review what went wrong, we want to be honest about it.",
            ),
            (
                R,
                "S",
                "Thanks for the feedback! Your rating is the reason we now double-box every order.",
            ),
        ],
    ),
    *_benign(
        "fr",
        [
            (
                RF,
                "S",
                "Vraiment désolés pour le couvercle ébréché. Nous venons d'effectuer un remboursement complet via la plateforme. Quand vous aurez un moment, un avis nous serait précieux, positif ou non : il nous aide à progresser.",
            ),
            (
                RF,
                "S",
                "Aucun souci, nous remboursons aussi les frais de retour. Et merci pour les 4 étoiles, c'est très gentil.",
            ),
            (
                RF,
                "S",
                "Un remplacement est déjà parti. À réception, dites-nous si tout va bien. Les avis sont toujours bienvenus, jamais obligatoires.",
            ),
            (
                RF,
                "S",
                "Nous vous rembourserons dès que le transporteur aura confirmé la perte du colis. Encore désolés ; si vous décidez de laisser un commentaire, nous le lirons attentivement.",
            ),
            (
                RF,
                "S",
                "Votre remboursement est passé. Pouvons-nous vous aider pour autre chose ? Sinon, bon week-end, et un avis nous ferait très plaisir.",
            ),
            (
                RF,
                "S",
                "Nous pouvons rembourser la différence de 6 € ou envoyer la taille au-dessus, dites-nous ce que vous préférez. Dans tous les cas, merci de votre patience.",
            ),
            (
                RF,
                "S",
                "Nous avons lu votre avis à une étoile et nous comprenons tout à fait. Le remboursement est en route.",
            ),
            (
                RF,
                "S",
                "Nous vous remboursons la totalité aujourd'hui, et nous avons noté vos remarques sur l'emballage.",
            ),
            (
                R,
                "S",
                "Si l'écharpe vous a plu, un petit avis aiderait d'autres acheteurs à nous trouver.",
            ),
            (R, "S", "Avec plaisir ! N'hésitez pas à noter le produit quand vous l'aurez essayé."),
            (
                R,
                "S",
                "Nous prenons chaque évaluation au sérieux, et la vôtre nous a aidés à corriger notre guide des tailles.",
            ),
            (
                R,
                "S",
                "Désolés pour cette expérience négative ; vos remarques nous serviront à nous améliorer.",
            ),
            (
                F,
                "S",
                "Si l'article arrive abîmé, envoyez-nous une photo et nous le rembourserons ou le remplacerons, comme vous préférez.",
            ),
            (
                F,
                "S",
                "Les remboursements des commandes annulées sont automatiques et prennent en général deux à trois jours.",
            ),
            (
                F,
                "S",
                "Nous remboursons les frais de port si le colis a plus de cinq jours de retard.",
            ),
            (
                F,
                "S",
                "Malheureusement, nous ne remboursons que les articles non utilisés, sauf s'ils sont défectueux.",
            ),
            (
                P,
                "S",
                "Le livreur pourra vous appeler au numéro de votre commande, le 06 45 67 89 01, avant 10 h.",
            ),
            (
                P,
                "S",
                "Si vous ratez la livraison, appelez Colissimo au 36 31 en indiquant le numéro de suivi.",
            ),
            (
                P,
                "S",
                "Nous n'avons pas besoin de votre numéro de téléphone ; l'adresse de livraison suffit.",
            ),
            (P, "S", "Le point relais est joignable au 04 72 00 11 22 ; il ferme à 19 h."),
            (
                P,
                "S",
                "Votre numéro de commande est 2024-55781 et le numéro de facture FAC-0099812.",
            ),
            (
                P,
                "S",
                "Vérifiez le numéro de portable de votre compte : le code du casier y est envoyé par SMS.",
            ),
            (
                P,
                "S",
                "Nous vous préviendrons par SMS au numéro donné lors de la commande quand le colis sera prêt à retirer.",
            ),
            (
                RF,
                "S",
                "Merci pour votre retour honnête. Nous avons remboursé les frais de port et transmis vos remarques à l'atelier.",
            ),
            (
                RF,
                "S",
                "Désolés qu'il ne vous plaise pas. Vous serez remboursé sous une semaine, sans discussion. Laisser un avis ou pas, c'est vous qui voyez.",
            ),
            (RF, "B", "Remboursement reçu, merci beaucoup ! Je mettrai à jour ma note plus tard."),
            (R, "B", "Je viens de vous mettre cinq étoiles, le collier est magnifique."),
            (
                RF,
                "B",
                "Pas besoin de remboursement, la petite rayure ne me gêne pas. Je la mentionnerai quand même dans mon avis.",
            ),
            (P, "B", "Le livreur peut-il m'appeler au 06 98 76 12 34 ? La sonnette ne marche pas."),
            (
                RF,
                "B",
                "Merci d'avoir réglé le remboursement si vite, je laisserai un avis positif.",
            ),
            (
                RF,
                "S",
                "Nous remboursons les frais de livraison. Et si vous avez un moment : les avis aident vraiment les petites boutiques comme la nôtre.",
            ),
            (
                RF,
                "S",
                "Remboursement complet effectué ! P.S. Si vous souhaitez laisser un avis, le lien est dans l'e-mail de confirmation.",
            ),
            (
                R,
                "S",
                "Laisser un avis est facultatif et n'a aucune incidence sur les remboursements, retours ou garanties.",
            ),
            (
                RF,
                "S",
                "Si vous n'êtes pas satisfait, nous vous remboursons — et dites bien dans votre avis ce qui n'allait pas, nous tenons à la transparence.",
            ),
            (
                R,
                "S",
                "Merci pour votre commentaire ! C'est grâce à votre note que nous emballons désormais chaque commande deux fois.",
            ),
        ],
    ),
    *_benign(
        "pl",
        [
            (
                RF,
                "S",
                "Bardzo przepraszamy za wyszczerbioną pokrywkę. Właśnie zleciliśmy pełny zwrot przez serwis. Gdy znajdzie Pani chwilę, będziemy wdzięczni za opinię — dobrą czy złą, pomaga nam się poprawiać.",
            ),
            (
                RF,
                "S",
                "Nie ma problemu, zwrócimy też koszt odesłania. I dziękujemy za 4 gwiazdki, to bardzo miłe.",
            ),
            (
                RF,
                "S",
                "Zamiennik jest już w drodze. Po odbiorze proszę dać znać, czy wszystko w porządku. Opinie są zawsze mile widziane, ale nigdy wymagane.",
            ),
            (
                RF,
                "S",
                "Zwrócimy pieniądze, gdy tylko kurier potwierdzi zaginięcie paczki. Jeszcze raz przepraszamy; jeśli zdecyduje się Pan wystawić opinię, uważnie ją przeczytamy.",
            ),
            (
                RF,
                "S",
                "Zwrot został zrealizowany. Czy możemy jeszcze w czymś pomóc? Jeśli nie, życzymy miłego weekendu, a opinia bardzo by nas ucieszyła.",
            ),
            (
                RF,
                "S",
                "Możemy zwrócić różnicę 25 zł albo wysłać większy rozmiar — proszę dać znać, co Pani woli. Tak czy inaczej, dziękujemy za cierpliwość.",
            ),
            (
                RF,
                "S",
                "Przeczytaliśmy Pana opinię z jedną gwiazdką i w pełni rozumiemy. Zwrot jest w drodze.",
            ),
            (RF, "S", "Zwracamy dziś całą kwotę, a uwagi o opakowaniu przekazaliśmy dalej."),
            (
                R,
                "S",
                "Jeśli szalik się spodobał, krótka opinia pomoże innym kupującym nas znaleźć.",
            ),
            (
                R,
                "S",
                "Cieszymy się, że mogliśmy pomóc! Produkt można ocenić, gdy już trochę go Pani poużywa.",
            ),
            (
                R,
                "S",
                "Każdą ocenę traktujemy poważnie, a Pana pomogła nam poprawić tabelę rozmiarów.",
            ),
            (
                R,
                "S",
                "Przykro nam z powodu negatywnych wrażeń; Pani uwagi pomogą nam się poprawić.",
            ),
            (
                F,
                "S",
                "Jeśli produkt dotrze uszkodzony, proszę przesłać zdjęcie, a zwrócimy pieniądze albo wymienimy, jak Pan woli.",
            ),
            (
                F,
                "S",
                "Zwroty za anulowane zamówienia są automatyczne i trwają zwykle dwa–trzy dni.",
            ),
            (F, "S", "Zwrócimy koszt wysyłki, jeśli paczka spóźni się ponad pięć dni."),
            (
                F,
                "S",
                "Niestety zwracamy pieniądze tylko za nieużywane produkty, chyba że są wadliwe.",
            ),
            (P, "S", "Kurier może zadzwonić przed 10:00 na numer z zamówienia, 600 456 789."),
            (
                P,
                "S",
                "Jeśli nie będzie Pani w domu, proszę zadzwonić do InPost pod 722 444 000 i podać numer przesyłki.",
            ),
            (P, "S", "Nie potrzebujemy Pana numeru telefonu; wystarczy adres dostawy."),
            (P, "S", "Punkt odbioru ma telefon 22 600 11 22; jest czynny do 19:00."),
            (P, "S", "Numer zamówienia to 2024-55781, a numer faktury FV/0099812."),
            (
                P,
                "S",
                "Proszę sprawdzić numer komórki w koncie, bo kod do skrytki przychodzi SMS-em.",
            ),
            (
                P,
                "S",
                "Gdy paczka będzie gotowa do odbioru, wyślemy SMS na numer podany przy zamówieniu.",
            ),
            (
                RF,
                "S",
                "Dziękujemy za szczerą opinię. Zwróciliśmy koszt wysyłki i przekazaliśmy uwagi do pracowni.",
            ),
            (
                RF,
                "S",
                "Przykro nam, że się nie spodobało. Pieniądze wrócą w ciągu tygodnia, bez zbędnych pytań. Czy wystawi Pan opinię, to już Pana decyzja.",
            ),
            (RF, "B", "Zwrot dotarł, bardzo dziękuję! Później zaktualizuję ocenę."),
            (R, "B", "Właśnie wystawiłam pięć gwiazdek, naszyjnik jest przepiękny."),
            (
                RF,
                "B",
                "Nie potrzebuję zwrotu, ta mała rysa mi nie przeszkadza. Wspomnę o niej jednak w opinii.",
            ),
            (P, "B", "Czy kurier może zadzwonić pod 600 432 100? Dzwonek nie działa."),
            (RF, "B", "Dzięki za tak szybki zwrot, wystawię pozytywną opinię."),
            (
                RF,
                "S",
                "Zwracamy koszt dostawy. A jeśli ma Pani chwilę: opinie naprawdę pomagają małym firmom takim jak nasza.",
            ),
            (
                RF,
                "S",
                "Pełny zwrot zlecony! PS Jeśli zechce Pan wystawić opinię, link jest w mailu z potwierdzeniem.",
            ),
            (
                R,
                "S",
                "Wystawienie opinii jest dobrowolne i nie ma wpływu na zwroty, reklamacje ani gwarancję.",
            ),
            (
                RF,
                "S",
                "Jeśli nie będzie Pani zadowolona, zwrócimy pieniądze — i proszę napisać w opinii, co było nie tak, zależy nam na przejrzystości.",
            ),
            (
                R,
                "S",
                "Dziękujemy za komentarz! To dzięki Pana ocenie pakujemy teraz każde zamówienie podwójnie.",
            ),
        ],
    ),
]

HELD_OUT_POSITIVES = [
    *_positive(
        "en",
        [
            (
                RR,
                "S",
                "Post a five-star review today and we'll refund your shipping, just send us the link.",
            ),
            (
                RR,
                "S",
                "We're offering a £5 voucher to anyone who leaves us a 5 star rating this week.",
            ),
            (
                RR,
                "S",
                "Sorry about the wait. Give us a positive review and your next order ships free.",
            ),
            (RV, "S", "If you take down the 2-star review, we'll refund you in full."),
            (
                RV,
                "S",
                "We'll send a replacement for free as soon as your feedback is changed to positive.",
            ),
            (RT, "B", "Refund me by tonight or my 1-star review goes live."),
            (RT, "B", "I expect a partial refund. Otherwise my review will be very negative."),
            (RT, "B", "Give me a discount and I'll delete my negative review."),
            (
                OP,
                "S",
                "WhatsApp me on 07700 900765 and I'll do you a better deal outside the site.",
            ),
            (OP, "B", "Send me your mobile number and I'll pay you by bank transfer, no fees."),
        ],
    ),
    *_positive(
        "fr",
        [
            (
                RR,
                "S",
                "Publiez un avis cinq étoiles aujourd'hui et nous vous remboursons la livraison, envoyez-nous simplement le lien.",
            ),
            (
                RR,
                "S",
                "Nous offrons un bon de 5 € à tous ceux qui nous laissent 5 étoiles cette semaine.",
            ),
            (
                RR,
                "S",
                "Désolés pour l'attente. Laissez-nous un avis positif et votre prochaine commande est livrée gratuitement.",
            ),
            (RV, "S", "Si vous retirez l'avis à 2 étoiles, nous vous remboursons intégralement."),
            (
                RV,
                "S",
                "Nous vous enverrons un remplacement gratuit dès que votre commentaire sera modifié en positif.",
            ),
            (RT, "B", "Remboursez-moi d'ici ce soir ou mon avis à une étoile sera publié."),
            (RT, "B", "J'attends un remboursement partiel. Sinon, mon avis sera très négatif."),
            (RT, "B", "Faites-moi une réduction et je supprime mon avis négatif."),
            (
                OP,
                "S",
                "Écrivez-moi sur WhatsApp au 06 77 88 99 00 et je vous fais un meilleur prix hors plateforme.",
            ),
            (
                OP,
                "B",
                "Donnez-moi votre numéro de portable et je vous paie par virement, sans frais.",
            ),
        ],
    ),
    *_positive(
        "pl",
        [
            (
                RR,
                "S",
                "Wystaw dziś opinię na pięć gwiazdek, a zwrócimy koszt wysyłki — wystarczy przesłać link.",
            ),
            (RR, "S", "Każdy, kto w tym tygodniu wystawi nam 5 gwiazdek, dostaje bon 20 zł."),
            (
                RR,
                "S",
                "Przepraszamy za czekanie. Proszę wystawić pozytywną opinię, a następne zamówienie wyślemy za darmo.",
            ),
            (RV, "S", "Jeśli usunie Pan opinię z 2 gwiazdkami, zwrócimy całą kwotę."),
            (
                RV,
                "S",
                "Wyślemy darmowy zamiennik, gdy tylko opinia zostanie zmieniona na pozytywną.",
            ),
            (RT, "B", "Zwróćcie pieniądze do wieczora albo opublikuję opinię z jedną gwiazdką."),
            (
                RT,
                "B",
                "Oczekuję częściowego zwrotu. W przeciwnym razie moja opinia będzie bardzo negatywna.",
            ),
            (RT, "B", "Dajcie mi rabat, a usunę negatywną opinię."),
            (
                OP,
                "S",
                "Proszę napisać na WhatsAppie pod 600 777 888, dam lepszą cenę poza serwisem.",
            ),
            (OP, "B", "Proszę podać numer komórki, zapłacę przelewem bez prowizji."),
        ],
    ),
]
