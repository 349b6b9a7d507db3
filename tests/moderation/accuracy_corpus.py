# ruff: noqa: E501 — one message per line reads better than wrapped data.
"""The false-positive corpus: ordinary messages that mention a review, a refund or a phone
number, which the scorer must leave alone, beside true positives on the same topics.

Written by hand in English, French and Polish (issue 19, "moderation false positive"),
before the sentence fix and without scoring each message while writing. ``BENIGN`` is
mostly shops (apologies, refunds, review requests with nothing tied to them, couriers'
and pickup points' numbers, order and tracking numbers), a few buyers; ``POSITIVES`` are
what a moderator would flag: a review tied to a reward or a threat, within a sentence or
across two ("Leave us 5 stars. In exchange, …"), a review change bought with an offer,
and a phone number given or asked for to pay or talk outside. ``bench/moderation_accuracy.py``
prints the rates; ``test_accuracy.py`` pins them. Phone numbers are fictional (Ofcom's
drama ranges, made-up French and Polish numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("en", "fr", "pl")
TOPICS = ("review", "refund", "review+refund", "phone")
KINDS = {
    # What a moderator would call it → the scorer's category.
    "review_for_reward": "extortion",
    "review_revision": "extortion",
    "review_threat": "extortion",
    "off_platform_phone": "off_platform",
}
_SIDES = {"S": "shop", "B": "buyer"}


@dataclass(frozen=True)
class Benign:
    lang: str
    topic: str
    side: str
    text: str
    about_order: bool = True


@dataclass(frozen=True)
class Positive:
    lang: str
    kind: str
    side: str
    text: str
    about_order: bool = True

    @property
    def category(self) -> str:
        return KINDS[self.kind]


class CorpusError(ValueError):
    """The corpus is empty or a row is malformed."""


def _benign(lang: str, rows: list[tuple[str, str, str]]) -> list[Benign]:
    return [Benign(lang, topic, _SIDES[side], text) for topic, side, text in rows]


def _positive(lang: str, rows: list[tuple[str, str, str]]) -> list[Positive]:
    return [Positive(lang, kind, _SIDES[side], text) for kind, side, text in rows]


R, F, RF, P = "review", "refund", "review+refund", "phone"

BENIGN = [
    *_benign(
        "en",
        [
            (
                R,
                "S",
                "Thank you for your order! If you have a moment, a review always helps small shops like ours.",
            ),
            (
                R,
                "S",
                "Your parcel was delivered this morning. We hope you love the mug, and if you feel like it, you can leave a review on the order page.",
            ),
            (R, "S", "Thanks for your kind review, it made our day!"),
            (R, "S", "We've read your review and we're sorry the colour wasn't what you expected."),
            (R, "S", "We can't change or remove reviews ourselves, only the marketplace can."),
            (R, "S", "Reviews are written by buyers only; we reply to each one publicly."),
            (R, "S", "Thank you for the 5-star review, we're so glad the lamp arrived safely."),
            (
                R,
                "S",
                "We saw your 2-star rating. Could you tell us what went wrong so we can fix it?",
            ),
            (R, "S", "We reply to every review, good or bad, within two days."),
            (R, "S", "Your feedback about the packaging has been passed to our warehouse team."),
            (
                R,
                "S",
                "Please note that the marketplace asks buyers to leave feedback only after delivery.",
            ),
            (
                R,
                "S",
                "Leaving a review is entirely optional, and it has no effect on your warranty.",
            ),
            (
                R,
                "S",
                "We'd love to hear what you think once you've tried the tea. No pressure at all!",
            ),
            (
                R,
                "S",
                "Thanks again for shopping with us. Reviews help other buyers choose, so whenever you have time, we'd appreciate one.",
            ),
            (
                R,
                "S",
                "We noticed your review mentions a scratch on the frame; we're very sorry about that.",
            ),
            (R, "S", "Your comment about the sizing is fair, we've updated the size chart."),
            (R, "S", "Just a reminder that the review window closes 60 days after delivery."),
            (
                R,
                "S",
                "The marketplace sends an automatic e-mail asking for a review; you can ignore it if you prefer.",
            ),
            (
                R,
                "S",
                "We appreciate honest reviews, even critical ones, because they help us improve.",
            ),
            (
                R,
                "S",
                "If you have any questions about the product, just reply here before leaving a review, we're happy to help.",
            ),
            (
                R,
                "S",
                "Your rating helps us, but what matters most is that you're happy with the order.",
            ),
            (R, "S", "We read your feedback and changed our packaging supplier."),
            (R, "S", "Thank you for updating your review after we solved the problem together."),
            (
                R,
                "S",
                "The stars next to our name are the average of the last 12 months of ratings.",
            ),
            (
                R,
                "S",
                "I'm sorry you had to wait; your review was fair and we've taken it on board.",
            ),
            (
                RF,
                "S",
                "We are sorry, we will refund you in full. If you have a moment, a review always helps us.",
            ),
            (
                RF,
                "S",
                "We're so sorry about the broken vase. We'll refund you in full today. If you have a minute later on, a review always helps us.",
            ),
            (
                RF,
                "S",
                "The refund has been issued and should reach your card in 3–5 days. Thanks for your patience, and feel free to leave a review whenever you like.",
            ),
            (
                RF,
                "S",
                "We'll send a free replacement tomorrow. If you get a chance, reviews always help a small shop.",
            ),
            (
                RF,
                "S",
                "We'll refund the shipping cost. If you'd like to share your experience, you can leave a review on the order page.",
            ),
            (
                RF,
                "S",
                "You'll get a full refund as soon as the parcel is back with us. Whatever you decide to write in your review, thank you for telling us about the problem.",
            ),
            (
                RF,
                "S",
                "We will refund you in full, and if you have a moment, a review always helps us.",
            ),
            (
                RF,
                "S",
                "Your refund is on its way. Thanks for your honest review, we've passed it on to the team.",
            ),
            (RF, "S", "We've refunded the difference. Your review is of course up to you."),
            (RF, "S", "Of course we'll refund you, whatever you write in your review."),
            (
                RF,
                "S",
                "We're refunding the full amount now. Reviews are optional, and the refund doesn't depend on one.",
            ),
            (
                RF,
                "S",
                "We can offer a refund or a replacement, whichever you prefer. Either way, thank you for the honest feedback.",
            ),
            (
                RF,
                "S",
                "A refund for the missing item will be processed today. If you have questions about it, just reply here. We also read every review, so thank you for yours.",
            ),
            (
                RF,
                "S",
                "The return label is attached; once we receive the jumper we'll refund you. Thanks for the helpful review about the sizing.",
            ),
            (
                RF,
                "S",
                "Hi Anna, so sorry the candle arrived broken. I've asked the marketplace to refund you in full, it should show in a few days. Thank you for letting us know, and if you ever have a moment, a review always helps us a lot. Best, Tom",
            ),
            (
                RF,
                "S",
                "We'll refund the £4.50 postage. PS: we read every review, so thanks for the helpful one about the sizing.",
            ),
            (
                RF,
                "S",
                "Sorry for the mix-up! A refund for the wrong size is on its way. Reviews help us improve, so if you'd like to tell others about your experience, you're very welcome to.",
            ),
            (RF, "S", "Refund done. Whether or not you leave a review is completely up to you."),
            (
                RF,
                "S",
                "We'll refund you today. You're welcome to keep your review as it is; it's honest and we'll learn from it.",
            ),
            (
                RF,
                "S",
                "We'll send a replacement this week at no cost. Your 3-star review was fair; thanks for writing it.",
            ),
            (
                RF,
                "S",
                "We're sorry the order was late. We'll refund the delivery charge. If you have a moment, leaving feedback on the order page helps us a lot.",
            ),
            (
                RF,
                "S",
                "The refund will reach you in a few days. If anything else is wrong, write to us here. And if all is well, a review is always appreciated!",
            ),
            (RF, "S", "Full refund approved. Thank you for your review and for your patience."),
            (
                RF,
                "S",
                "Of course, we'll refund you. Please don't feel you need to change your review.",
            ),
            (F, "S", "We will refund you in full if the parcel hasn't arrived by Friday."),
            (F, "S", "Your refund of €24.90 has been processed."),
            (F, "S", "If you'd rather have a refund than a replacement, just let us know."),
            (F, "S", "We can refund the shipping if you return the item within 30 days."),
            (
                F,
                "S",
                "The refund goes back to the card you paid with; it usually takes 3 to 5 working days.",
            ),
            (F, "S", "Sorry, we can't refund personalised items unless they arrive damaged."),
            (F, "S", "As soon as the return reaches our workshop, we will refund you."),
            (F, "S", "We've refunded the shipping cost as a gesture of goodwill."),
            (F, "S", "Would you like a refund or should we send a new one?"),
            (F, "S", "The marketplace handles refunds; you'll see it in your order history."),
            (F, "S", "We'll refund the missing item and send the rest of the order on Monday."),
            (
                F,
                "S",
                "Partial refunds are possible for small defects if you'd like to keep the item.",
            ),
            (
                F,
                "S",
                "The refund was declined by your bank; could you check with them? We can retry from our side.",
            ),
            (F, "S", "Your money back will show as 'Comptoir refund' on your statement."),
            (F, "S", "We refund return postage for faulty items only."),
            (
                P,
                "S",
                "The courier will call you before delivery on the number you gave at checkout.",
            ),
            (
                P,
                "S",
                "DPD needs a phone number for delivery; the one on your order looks incomplete. Could you update it in your account?",
            ),
            (P, "S", "Your tracking number is 3SABCD123456789."),
            (
                P,
                "S",
                "Please don't share your phone number here; the marketplace keeps our conversation private.",
            ),
            (
                P,
                "S",
                "The carrier tried to reach you on +44 7700 900123; is that still your number?",
            ),
            (P, "S", "We'll text you when it's ready for collection at our workshop."),
            (P, "S", "Our workshop phone is 020 7946 0958 if the courier can't find the entrance."),
            (P, "S", "Order 20240612-0045 ships tomorrow."),
            (
                P,
                "S",
                "Please check that the phone number on the order is right, the locker code is sent to it by SMS.",
            ),
            (P, "S", "InPost will send the pickup code to the mobile number you gave at checkout."),
            (
                P,
                "S",
                "The delivery driver asked us to confirm your phone number, could you check it in your account settings?",
            ),
            (P, "S", "Our opening hours and phone number are on our shop page."),
            (P, "S", "Royal Mail may phone you from 0345 774 0740 about the delivery."),
            (
                P,
                "S",
                "If the parcel isn't there by Thursday, call the carrier on 0344 800 4466 with tracking number 1Z999AA10123456784.",
            ),
            (P, "S", "The invoice shows our company number 09876543 and VAT number GB123456789."),
            (P, "S", "Your order reference is 112-4839201-5562314."),
            (P, "S", "We can't call buyers, but we reply here every day before 6pm."),
            (
                P,
                "S",
                "Please keep all contact here in the messages so the marketplace can help if needed.",
            ),
            (P, "S", "The courier's number for your area is +44 161 496 0000."),
            (P, "S", "We'll send you a text with the delivery slot."),
            (
                P,
                "S",
                "If the courier calls you on 07700 900456 to arrange the return, that's them; the refund follows once it's back with us.",
            ),
            (P, "S", "We've passed your new number, 07700 900222, to the courier as you asked."),
            (
                P,
                "S",
                "The pickup point at 12 High Street can be reached on 020 7946 0321 if you need their opening hours.",
            ),
            (
                P,
                "S",
                "Sorry, the delivery driver couldn't reach you. Could you check the phone number in your account? It seems to be missing a digit.",
            ),
            (
                P,
                "S",
                "We never ask for phone numbers or e-mail addresses here; everything we need is in your order.",
            ),
            (
                P,
                "S",
                "Please call your bank on the number on the back of your card if the refund hasn't arrived in 10 days.",
            ),
            (P, "S", "Evri will text you a one-hour delivery window on the morning of delivery."),
            (RF, "B", "Thanks for the quick refund, I'll leave you a good review."),
            (R, "B", "Got the replacement today, thank you! Five stars from me."),
            (RF, "B", "The refund arrived, thanks. I've updated my review."),
            (R, "B", "I left a review yesterday, I hope it helps."),
            (
                P,
                "B",
                "My phone number on the order is wrong, it should be 07700 900789. Can the courier use that?",
            ),
            (
                F,
                "B",
                "Can I get a refund instead of a replacement? The colour isn't what I expected.",
            ),
            (
                RF,
                "B",
                "I'm not happy with the quality and I'll say so in my review, but I don't want a refund.",
            ),
            (RF, "B", "Thanks for the refund and the kind message. I'll update my review tonight."),
            (
                R,
                "B",
                "I gave 2 stars because the parcel was late, but the product itself is lovely.",
            ),
            (F, "B", "Is the refund going back to my card or to my marketplace balance?"),
        ],
    ),
    *_benign(
        "fr",
        [
            (
                R,
                "S",
                "Merci pour votre commande ! Si vous avez un moment, un avis aide toujours les petites boutiques comme la nôtre.",
            ),
            (
                R,
                "S",
                "Votre colis a été livré ce matin. Nous espérons que le bol vous plaît ; si vous le souhaitez, vous pouvez laisser un avis depuis la page de la commande.",
            ),
            (R, "S", "Merci pour votre gentil avis, il nous a fait très plaisir !"),
            (
                R,
                "S",
                "Nous avons lu votre avis et nous sommes désolés que la couleur ne corresponde pas à vos attentes.",
            ),
            (
                R,
                "S",
                "Nous ne pouvons ni modifier ni supprimer les avis nous-mêmes : seule la plateforme le peut.",
            ),
            (R, "S", "Merci pour les 5 étoiles, nous sommes ravis que la lampe soit bien arrivée."),
            (
                R,
                "S",
                "Nous avons vu votre note de 2 étoiles. Pourriez-vous nous dire ce qui n'allait pas, pour que nous puissions corriger ?",
            ),
            (R, "S", "Nous répondons à chaque avis, positif ou négatif, sous deux jours."),
            (R, "S", "Votre remarque sur l'emballage a été transmise à notre atelier."),
            (R, "S", "Laisser un avis est facultatif et n'a aucun effet sur votre garantie."),
            (
                R,
                "S",
                "Nous aimerions savoir ce que vous pensez du thé une fois goûté. Aucune obligation, bien sûr !",
            ),
            (
                R,
                "S",
                "Merci encore pour votre achat. Les avis aident les autres acheteurs à choisir : quand vous aurez le temps, nous en serions ravis.",
            ),
            (
                R,
                "S",
                "Votre commentaire sur les tailles est juste, nous avons mis à jour le guide des tailles.",
            ),
            (
                R,
                "S",
                "Pour information, vous pouvez laisser un avis jusqu'à 60 jours après la livraison.",
            ),
            (
                R,
                "S",
                "La plateforme vous enverra un e-mail automatique pour vous demander un avis ; vous pouvez l'ignorer si vous préférez.",
            ),
            (
                R,
                "S",
                "Nous apprécions les avis sincères, même critiques : ils nous aident à progresser.",
            ),
            (
                R,
                "S",
                "Si vous avez une question sur le produit, écrivez-nous ici avant de laisser un avis, nous serons ravis de vous aider.",
            ),
            (
                R,
                "S",
                "Merci d'avoir mis à jour votre avis après que nous avons réglé le problème ensemble.",
            ),
            (
                R,
                "S",
                "La note affichée à côté de notre boutique est la moyenne des évaluations des douze derniers mois.",
            ),
            (
                R,
                "S",
                "Désolés pour l'attente ; votre avis était juste et nous en avons tenu compte.",
            ),
            (
                R,
                "S",
                "Votre évaluation nous aide, mais le plus important est que vous soyez satisfait de la commande.",
            ),
            (R, "S", "Nous avons lu votre commentaire et changé de fournisseur d'emballages."),
            (
                RF,
                "S",
                "Nous sommes désolés, nous vous remboursons intégralement. Si vous avez un moment, un avis nous aide toujours.",
            ),
            (
                RF,
                "S",
                "Toutes nos excuses pour le vase cassé. Nous vous remboursons la totalité aujourd'hui. Si vous avez une minute plus tard, un avis nous aide beaucoup.",
            ),
            (
                RF,
                "S",
                "Le remboursement a été effectué et apparaîtra sur votre carte sous 3 à 5 jours. Merci de votre patience, et n'hésitez pas à laisser un avis quand vous voulez.",
            ),
            (
                RF,
                "S",
                "Nous vous envoyons un remplacement gratuit demain. Si vous en avez l'occasion, les avis aident beaucoup une petite boutique.",
            ),
            (
                RF,
                "S",
                "Nous vous remboursons les frais de port. Si vous souhaitez partager votre expérience, vous pouvez laisser un avis sur la page de la commande.",
            ),
            (
                RF,
                "S",
                "Vous serez remboursé intégralement dès que le colis nous sera revenu. Quoi que vous écriviez dans votre avis, merci de nous avoir signalé le problème.",
            ),
            (
                RF,
                "S",
                "Nous vous remboursons intégralement, et si vous avez un moment, un avis nous aide toujours.",
            ),
            (
                RF,
                "S",
                "Votre remboursement est en route. Merci pour votre avis sincère, nous l'avons transmis à l'équipe.",
            ),
            (
                RF,
                "S",
                "Nous vous avons remboursé la différence. Votre avis vous appartient, bien entendu.",
            ),
            (RF, "S", "Bien sûr que nous vous remboursons, quel que soit votre avis."),
            (
                RF,
                "S",
                "Nous procédons au remboursement complet. Laisser un avis reste facultatif et le remboursement n'en dépend pas.",
            ),
            (
                RF,
                "S",
                "Nous pouvons vous proposer un remboursement ou un remplacement, comme vous préférez. Dans tous les cas, merci pour votre commentaire honnête.",
            ),
            (
                RF,
                "S",
                "L'étiquette de retour est jointe ; dès réception du pull, nous vous rembourserons. Merci pour votre avis utile sur les tailles.",
            ),
            (
                RF,
                "S",
                "Le remboursement de l'article manquant sera fait aujourd'hui. Pour toute question, répondez simplement ici. Nous lisons aussi tous les avis, merci pour le vôtre.",
            ),
            (
                RF,
                "S",
                "Bonjour Anne, désolé que la bougie soit arrivée cassée. J'ai demandé à la plateforme de vous rembourser intégralement, vous le verrez d'ici quelques jours. Merci de nous avoir prévenus, et si un jour vous avez un moment, un avis nous aide beaucoup. Bien à vous, Thomas",
            ),
            (
                RF,
                "S",
                "Nous vous remboursons les 4,50 € de port. PS : nous lisons tous les avis, merci pour le vôtre sur les tailles.",
            ),
            (
                RF,
                "S",
                "Désolés pour l'erreur ! Le remboursement de la mauvaise taille est en route. Les avis nous aident à progresser : si vous souhaitez partager votre expérience, n'hésitez pas.",
            ),
            (
                RF,
                "S",
                "Remboursement effectué. Laisser un avis ou non, c'est entièrement à vous de voir.",
            ),
            (
                RF,
                "S",
                "Nous vous remboursons aujourd'hui. Vous pouvez tout à fait garder votre avis tel quel : il est honnête et nous en tirerons des leçons.",
            ),
            (
                RF,
                "S",
                "Nous vous envoyons un remplacement cette semaine, sans frais. Votre avis à 3 étoiles était juste ; merci de l'avoir écrit.",
            ),
            (
                RF,
                "S",
                "Désolés pour le retard. Nous vous remboursons les frais de livraison. Si vous avez un moment, laisser un commentaire sur la page de la commande nous aide beaucoup.",
            ),
            (
                RF,
                "S",
                "Le remboursement vous parviendra dans quelques jours. Si quelque chose d'autre ne va pas, écrivez-nous ici. Et si tout va bien, un avis fait toujours plaisir !",
            ),
            (
                RF,
                "S",
                "Remboursement complet accepté. Merci pour votre avis et pour votre patience.",
            ),
            (
                RF,
                "S",
                "Bien sûr, nous vous remboursons. Ne vous sentez surtout pas obligé de modifier votre avis.",
            ),
            (
                F,
                "S",
                "Nous vous rembourserons intégralement si le colis n'est pas arrivé vendredi.",
            ),
            (F, "S", "Votre remboursement de 24,90 € a été effectué."),
            (F, "S", "Si vous préférez un remboursement plutôt qu'un remplacement, dites-le-nous."),
            (
                F,
                "S",
                "Nous pouvons rembourser les frais de port si vous renvoyez l'article sous 30 jours.",
            ),
            (
                F,
                "S",
                "Le remboursement se fait sur la carte utilisée pour le paiement, en général sous 3 à 5 jours ouvrés.",
            ),
            (
                F,
                "S",
                "Désolés, nous ne pouvons pas rembourser les articles personnalisés, sauf s'ils arrivent abîmés.",
            ),
            (F, "S", "Dès que le retour arrive à l'atelier, nous vous remboursons."),
            (F, "S", "Nous vous avons remboursé les frais de port en geste commercial."),
            (F, "S", "Préférez-vous un remboursement ou un nouvel envoi ?"),
            (
                F,
                "S",
                "C'est la plateforme qui gère les remboursements ; vous le verrez dans l'historique de vos commandes.",
            ),
            (
                F,
                "S",
                "Nous remboursons l'article manquant et envoyons le reste de la commande lundi.",
            ),
            (
                F,
                "S",
                "Un remboursement partiel est possible pour un petit défaut si vous souhaitez garder l'article.",
            ),
            (
                F,
                "S",
                "Votre banque a refusé le remboursement ; pourriez-vous vérifier avec elle ? Nous pouvons relancer de notre côté.",
            ),
            (
                F,
                "S",
                "Nous remboursons les frais de retour uniquement pour les articles défectueux.",
            ),
            (
                P,
                "S",
                "Le livreur vous appellera avant la livraison au numéro indiqué lors de la commande.",
            ),
            (
                P,
                "S",
                "Chronopost a besoin d'un numéro de téléphone pour la livraison ; celui de votre commande semble incomplet. Pourriez-vous le corriger dans votre compte ?",
            ),
            (P, "S", "Votre numéro de suivi est le 6A12345678901."),
            (
                P,
                "S",
                "Le transporteur a essayé de vous joindre au 06 12 34 56 78 ; est-ce toujours votre numéro ?",
            ),
            (
                P,
                "S",
                "Nous vous enverrons un SMS quand la commande sera prête à retirer à l'atelier.",
            ),
            (
                P,
                "S",
                "Le numéro de l'atelier est le 01 23 45 67 89, si le livreur ne trouve pas l'entrée.",
            ),
            (P, "S", "Commande n° 20240612-0045 expédiée demain."),
            (
                P,
                "S",
                "Vérifiez que le numéro de téléphone de la commande est le bon : le code du casier Mondial Relay y est envoyé par SMS.",
            ),
            (
                P,
                "S",
                "Le livreur nous a demandé de confirmer votre numéro de téléphone, pourriez-vous le vérifier dans votre compte ?",
            ),
            (P, "S", "Nos horaires et notre téléphone figurent sur la page de la boutique."),
            (
                P,
                "S",
                "Si le colis n'est pas arrivé jeudi, appelez La Poste au 36 31 avec le numéro de suivi 6A12345678901.",
            ),
            (
                P,
                "S",
                "La facture indique notre SIRET 123 456 789 00012 et notre numéro de TVA FR12345678901.",
            ),
            (P, "S", "Votre référence de commande est 112-4839201-5562314."),
            (
                P,
                "S",
                "Nous ne pouvons pas appeler les acheteurs, mais nous répondons ici tous les jours avant 18 h.",
            ),
            (
                P,
                "S",
                "Merci de garder tous les échanges ici, dans la messagerie, pour que la plateforme puisse vous aider si besoin.",
            ),
            (P, "S", "Nous vous enverrons un SMS avec le créneau de livraison."),
            (
                P,
                "S",
                "Si le transporteur vous appelle au 07 98 76 54 32 pour organiser le retour, c'est bien lui ; le remboursement suit dès réception.",
            ),
            (
                P,
                "S",
                "Nous avons transmis votre nouveau numéro, 06 11 22 33 44, au livreur comme demandé.",
            ),
            (
                P,
                "S",
                "Le point relais du 12 rue de la Gare est joignable au 04 78 12 34 56 pour les horaires.",
            ),
            (
                P,
                "S",
                "Désolés, le livreur n'a pas pu vous joindre. Pourriez-vous vérifier le numéro de téléphone dans votre compte ? Il semble manquer un chiffre.",
            ),
            (
                P,
                "S",
                "Nous ne demandons jamais de numéro de téléphone ni d'adresse e-mail ici ; tout ce qu'il nous faut est dans votre commande.",
            ),
            (
                P,
                "S",
                "Si le remboursement n'apparaît pas sous 10 jours, appelez votre banque au numéro au dos de votre carte.",
            ),
            (
                P,
                "S",
                "Colissimo vous enverra un SMS avec un créneau d'une heure le matin de la livraison.",
            ),
            (RF, "B", "Merci pour le remboursement rapide, je vous laisserai un bon avis."),
            (R, "B", "Reçu le remplacement aujourd'hui, merci ! Cinq étoiles de ma part."),
            (RF, "B", "Le remboursement est arrivé, merci. J'ai mis à jour mon avis."),
            (R, "B", "J'ai laissé un avis hier, j'espère que ça vous aidera."),
            (
                P,
                "B",
                "Mon numéro sur la commande est faux, c'est le 06 98 76 54 32. Le livreur peut-il l'utiliser ?",
            ),
            (
                F,
                "B",
                "Puis-je avoir un remboursement plutôt qu'un remplacement ? La couleur ne me plaît pas.",
            ),
            (
                RF,
                "B",
                "Je ne suis pas satisfaite de la qualité et je le dirai dans mon avis, mais je ne demande pas de remboursement.",
            ),
            (
                RF,
                "B",
                "Merci pour le remboursement et le gentil message. Je modifierai mon avis ce soir.",
            ),
            (
                R,
                "B",
                "J'ai mis 2 étoiles parce que le colis était en retard, mais le produit est très joli.",
            ),
            (F, "B", "Le remboursement revient sur ma carte ou sur mon solde ?"),
        ],
    ),
    *_benign(
        "pl",
        [
            (
                R,
                "S",
                "Dziękujemy za zamówienie! Jeśli znajdzie Pani chwilę, opinia zawsze bardzo pomaga małym sklepom.",
            ),
            (
                R,
                "S",
                "Paczka została dziś doręczona. Mamy nadzieję, że kubek się spodoba; jeśli ma Pan ochotę, opinię można wystawić na stronie zamówienia.",
            ),
            (R, "S", "Dziękujemy za miłą opinię, bardzo nas ucieszyła!"),
            (R, "S", "Przeczytaliśmy Pani opinię i przykro nam, że kolor nie spełnił oczekiwań."),
            (R, "S", "Sami nie możemy zmieniać ani usuwać opinii — może to zrobić tylko serwis."),
            (R, "S", "Dziękujemy za 5 gwiazdek, cieszymy się, że lampa dotarła cała."),
            (
                R,
                "S",
                "Widzimy Pana ocenę 2 gwiazdki. Czy może Pan napisać, co poszło nie tak, żebyśmy mogli to poprawić?",
            ),
            (R, "S", "Odpowiadamy na każdą opinię, dobrą i złą, w ciągu dwóch dni."),
            (R, "S", "Pani uwagi o opakowaniu przekazaliśmy do magazynu."),
            (R, "S", "Wystawienie opinii jest dobrowolne i nie ma wpływu na gwarancję."),
            (R, "S", "Chętnie dowiemy się, jak smakuje herbata. Bez żadnej presji!"),
            (
                R,
                "S",
                "Jeszcze raz dziękujemy za zakupy. Opinie pomagają innym kupującym w wyborze, więc jeśli znajdzie Pan czas, będzie nam miło.",
            ),
            (
                R,
                "S",
                "Pani komentarz o rozmiarach jest słuszny, zaktualizowaliśmy tabelę rozmiarów.",
            ),
            (R, "S", "Przypominamy, że opinię można wystawić do 60 dni od doręczenia."),
            (R, "S", "Serwis wyśle automatyczną wiadomość z prośbą o opinię; można ją zignorować."),
            (R, "S", "Cenimy szczere opinie, także krytyczne, bo pomagają nam się poprawiać."),
            (
                R,
                "S",
                "Jeśli ma Pani pytania o produkt, proszę pisać tutaj przed wystawieniem opinii, chętnie pomożemy.",
            ),
            (
                R,
                "S",
                "Dziękujemy za zaktualizowanie opinii po tym, jak wspólnie rozwiązaliśmy problem.",
            ),
            (R, "S", "Ocena przy nazwie sklepu to średnia z ostatnich 12 miesięcy."),
            (
                R,
                "S",
                "Przepraszamy za czekanie; Pana opinia była słuszna i wzięliśmy ją sobie do serca.",
            ),
            (
                R,
                "S",
                "Pani ocena jest dla nas ważna, ale najważniejsze, żeby była Pani zadowolona z zamówienia.",
            ),
            (R, "S", "Przeczytaliśmy Pana komentarz i zmieniliśmy dostawcę opakowań."),
            (
                RF,
                "S",
                "Przepraszamy, zwrócimy pełną kwotę. Jeśli ma Pan chwilę, opinia zawsze nam pomaga.",
            ),
            (
                RF,
                "S",
                "Bardzo przepraszamy za stłuczony wazon. Jeszcze dziś zwrócimy całą kwotę. Jeśli później znajdzie Pani chwilę, opinia bardzo nam pomoże.",
            ),
            (
                RF,
                "S",
                "Zwrot został zlecony i pojawi się na karcie w ciągu 3–5 dni. Dziękujemy za cierpliwość, opinię można wystawić w dowolnym momencie.",
            ),
            (
                RF,
                "S",
                "Jutro wyślemy bezpłatny zamiennik. Jeśli będzie okazja, opinie bardzo pomagają małemu sklepowi.",
            ),
            (
                RF,
                "S",
                "Zwrócimy koszty wysyłki. Jeśli zechce Pan podzielić się wrażeniami, opinię można wystawić na stronie zamówienia.",
            ),
            (
                RF,
                "S",
                "Pełny zwrot otrzyma Pani, gdy tylko paczka do nas wróci. Cokolwiek napisze Pani w opinii, dziękujemy za zgłoszenie problemu.",
            ),
            (RF, "S", "Zwrócimy pełną kwotę, a jeśli ma Pan chwilę, opinia zawsze nam pomaga."),
            (
                RF,
                "S",
                "Zwrot jest w drodze. Dziękujemy za szczerą opinię, przekazaliśmy ją zespołowi.",
            ),
            (RF, "S", "Zwróciliśmy różnicę. Opinia oczywiście należy do Pani."),
            (
                RF,
                "S",
                "Oczywiście zwrócimy pieniądze, niezależnie od tego, jaką wystawi Pan opinię.",
            ),
            (
                RF,
                "S",
                "Zlecamy pełny zwrot. Wystawienie opinii jest dobrowolne i zwrot od niej nie zależy.",
            ),
            (
                RF,
                "S",
                "Możemy zaproponować zwrot pieniędzy albo wymianę, jak Pani woli. Tak czy inaczej dziękujemy za szczery komentarz.",
            ),
            (
                RF,
                "S",
                "Etykieta zwrotna jest w załączniku; po otrzymaniu swetra zwrócimy pieniądze. Dziękujemy za pomocną opinię o rozmiarach.",
            ),
            (
                RF,
                "S",
                "Zwrot za brakujący produkt zlecimy dziś. W razie pytań proszę po prostu odpisać. Czytamy też wszystkie opinie, dziękujemy za Pani.",
            ),
            (
                RF,
                "S",
                "Dzień dobry, Pani Anno, przykro nam, że świeca dotarła stłuczona. Poprosiliśmy serwis o pełny zwrot, pieniądze pojawią się w ciągu kilku dni. Dziękujemy za informację, a jeśli kiedyś znajdzie Pani chwilę, opinia bardzo nam pomaga. Pozdrawiamy, Tomek",
            ),
            (
                RF,
                "S",
                "Zwrócimy 12,99 zł za wysyłkę. PS Czytamy wszystkie opinie, dziękujemy za tę o rozmiarach.",
            ),
            (
                RF,
                "S",
                "Przepraszamy za pomyłkę! Zwrot za zły rozmiar jest w drodze. Opinie pomagają nam się poprawiać, więc jeśli zechce Pan podzielić się wrażeniami, będzie nam miło.",
            ),
            (RF, "S", "Zwrot zlecony. Czy wystawi Pani opinię, czy nie, to wyłącznie Pani wybór."),
            (
                RF,
                "S",
                "Zwracamy pieniądze jeszcze dziś. Opinię może Pan oczywiście zostawić bez zmian: jest szczera i wyciągniemy z niej wnioski.",
            ),
            (
                RF,
                "S",
                "W tym tygodniu wyślemy zamiennik bez dodatkowych kosztów. Pani ocena 3 gwiazdki była sprawiedliwa, dziękujemy za nią.",
            ),
            (
                RF,
                "S",
                "Przepraszamy za opóźnienie. Zwrócimy koszt dostawy. Jeśli znajdzie Pan chwilę, komentarz na stronie zamówienia bardzo nam pomoże.",
            ),
            (
                RF,
                "S",
                "Pieniądze wrócą na konto w ciągu kilku dni. Jeśli coś jeszcze jest nie tak, proszę napisać tutaj. A jeśli wszystko gra, opinia zawsze nas cieszy!",
            ),
            (RF, "S", "Pełny zwrot zatwierdzony. Dziękujemy za opinię i cierpliwość."),
            (
                RF,
                "S",
                "Oczywiście zwrócimy pieniądze. Proszę nie czuć się zobowiązaną do zmiany opinii.",
            ),
            (F, "S", "Zwrócimy pełną kwotę, jeśli paczka nie dotrze do piątku."),
            (F, "S", "Zwrot 89,90 zł został zlecony."),
            (F, "S", "Jeśli woli Pan zwrot pieniędzy zamiast wymiany, proszę dać znać."),
            (F, "S", "Możemy zwrócić koszt wysyłki, jeśli odeśle Pani produkt w ciągu 30 dni."),
            (F, "S", "Zwrot trafia na kartę, którą Pan płacił, zwykle w ciągu 3–5 dni roboczych."),
            (
                F,
                "S",
                "Niestety nie zwracamy pieniędzy za produkty personalizowane, chyba że dotrą uszkodzone.",
            ),
            (F, "S", "Gdy tylko zwrot dotrze do pracowni, oddamy pieniądze."),
            (F, "S", "W ramach rekompensaty zwróciliśmy koszty wysyłki."),
            (F, "S", "Woli Pani zwrot pieniędzy czy ponowną wysyłkę?"),
            (F, "S", "Zwroty obsługuje serwis; będzie to widoczne w historii zamówień."),
            (F, "S", "Zwrócimy za brakujący produkt, a resztę zamówienia wyślemy w poniedziałek."),
            (
                F,
                "S",
                "Przy drobnej wadzie możliwy jest częściowy zwrot, jeśli chce Pan zatrzymać produkt.",
            ),
            (
                F,
                "S",
                "Bank odrzucił zwrot; czy może Pani to sprawdzić w banku? Możemy ponowić z naszej strony.",
            ),
            (F, "S", "Koszty odesłania zwracamy tylko za wadliwe produkty."),
            (P, "S", "Kurier zadzwoni przed doręczeniem na numer podany przy zamówieniu."),
            (
                P,
                "S",
                "DPD potrzebuje numeru telefonu do dostawy; numer w zamówieniu wygląda na niepełny. Czy może Pan go poprawić na koncie?",
            ),
            (P, "S", "Numer przesyłki InPost: 520000011234567890123456."),
            (
                P,
                "S",
                "Kurier próbował się z Panią skontaktować pod numerem 600 123 456; czy to nadal aktualny numer?",
            ),
            (P, "S", "Wyślemy SMS, gdy zamówienie będzie gotowe do odbioru w pracowni."),
            (P, "S", "Telefon do pracowni: 22 123 45 67, gdyby kurier nie mógł znaleźć wejścia."),
            (P, "S", "Zamówienie nr 20240612-0045 wyślemy jutro."),
            (
                P,
                "S",
                "Proszę sprawdzić numer telefonu w zamówieniu: kod odbioru z Paczkomatu przychodzi SMS-em.",
            ),
            (
                P,
                "S",
                "Kurier poprosił o potwierdzenie Pana numeru telefonu, czy może Pan sprawdzić go w ustawieniach konta?",
            ),
            (P, "S", "Godziny otwarcia i telefon są na stronie sklepu."),
            (
                P,
                "S",
                "Jeśli paczka nie dotrze do czwartku, proszę zadzwonić do Poczty Polskiej pod 43 842 06 00 z numerem przesyłki.",
            ),
            (P, "S", "Na fakturze jest nasz NIP 123-456-78-90 i REGON 123456789."),
            (P, "S", "Numer zamówienia: 112-4839201-5562314."),
            (P, "S", "Nie dzwonimy do kupujących, ale odpowiadamy tutaj codziennie do 18:00."),
            (
                P,
                "S",
                "Prosimy prowadzić całą korespondencję tutaj, żeby serwis mógł pomóc w razie potrzeby.",
            ),
            (P, "S", "Wyślemy SMS z godziną dostawy."),
            (
                P,
                "S",
                "Jeśli kurier zadzwoni z numeru 500 600 700 w sprawie odbioru zwrotu, to on; pieniądze zwrócimy po otrzymaniu paczki.",
            ),
            (P, "S", "Przekazaliśmy kurierowi nowy numer 600 111 222, tak jak Pani prosiła."),
            (
                P,
                "S",
                "Punkt odbioru przy ul. Dworcowej 12 ma telefon 12 345 67 89, można tam zapytać o godziny otwarcia.",
            ),
            (
                P,
                "S",
                "Przepraszamy, kurier nie mógł się dodzwonić. Czy może Pan sprawdzić numer telefonu w koncie? Chyba brakuje jednej cyfry.",
            ),
            (
                P,
                "S",
                "Nigdy nie prosimy tutaj o numer telefonu ani adres e-mail; wszystko, czego potrzebujemy, jest w zamówieniu.",
            ),
            (
                P,
                "S",
                "Jeśli zwrot nie pojawi się w ciągu 10 dni, proszę zadzwonić do banku pod numer z tyłu karty.",
            ),
            (P, "S", "InPost wyśle SMS z kodem odbioru, gdy paczka będzie w Paczkomacie."),
            (RF, "B", "Dziękuję za szybki zwrot, wystawię dobrą opinię."),
            (R, "B", "Zamiennik dotarł dziś, dziękuję! Ode mnie pięć gwiazdek."),
            (RF, "B", "Zwrot dotarł, dziękuję. Zaktualizowałam opinię."),
            (R, "B", "Wczoraj wystawiłem opinię, mam nadzieję, że pomoże."),
            (
                P,
                "B",
                "Numer telefonu w zamówieniu jest błędny, poprawny to 600 987 654. Czy kurier może z niego skorzystać?",
            ),
            (F, "B", "Czy mogę dostać zwrot pieniędzy zamiast wymiany? Kolor mi nie odpowiada."),
            (
                RF,
                "B",
                "Nie jestem zadowolona z jakości i napiszę o tym w opinii, ale nie chcę zwrotu.",
            ),
            (RF, "B", "Dziękuję za zwrot i miłą wiadomość. Wieczorem zmienię opinię."),
            (R, "B", "Dałem 2 gwiazdki, bo paczka się spóźniła, ale sam produkt jest śliczny."),
            (F, "B", "Zwrot wróci na kartę czy na saldo w serwisie?"),
        ],
    ),
]

RR, RV, RT, OP = "review_for_reward", "review_revision", "review_threat", "off_platform_phone"

POSITIVES = [
    *_positive(
        "en",
        [
            (RR, "S", "We will refund you if you leave a 5-star review."),
            (RR, "S", "Leave us a 5-star review and we'll refund the shipping."),
            (RR, "S", "Full refund in exchange for a positive review."),
            (
                RR,
                "S",
                "Leave us a 5-star review. In exchange, we'll send you a free gift with your next order.",
            ),
            (RR, "S", "We'll give you a 15% discount on your next order for a positive review."),
            (RR, "S", "If you give us five stars, the replacement is free."),
            (RR, "S", "Write us a nice review and get £10 back."),
            (
                RR,
                "S",
                "Post a 5-star review, send us a screenshot, and we'll refund 20% of your order.",
            ),
            (RR, "S", "Give us 5 stars. Then we'll refund the postage."),
            (RR, "S", "Five stars = free shipping on your next order."),
            (
                RR,
                "S",
                "We're sorry about the delay. If you leave us a positive review, we'll refund the delivery charge.",
            ),
            (RV, "S", "Change your review to 5 stars and we'll refund you in full."),
            (RV, "S", "We can refund you in full once your negative feedback is removed."),
            (
                RV,
                "S",
                "Would you consider editing your review? We'd be happy to send you a voucher.",
            ),
            (RV, "S", "We'll refund the difference as soon as your review is updated to 5 stars."),
            (RV, "S", "Remove the 1-star rating and the refund is yours."),
            (RT, "B", "Refund me today or I post a 1-star review."),
            (RT, "B", "I want a full refund. Otherwise I'm leaving a 1-star review everywhere."),
            (RT, "B", "Send me a free replacement and I'll give you 5 stars."),
            (RT, "B", "Unless you refund me, my review will say exactly what happened."),
            (RT, "B", "You have until Friday to refund me, then the one-star review goes up."),
            (RT, "B", "Give me 30% back and I'll change my rating to 5 stars."),
            (RT, "B", "No refund, no five stars."),
            (
                OP,
                "S",
                "Call me on 07700 900123 and we can sort the payment by bank transfer, cheaper for both of us.",
            ),
            (OP, "S", "Send me your WhatsApp number and I'll give you a better price."),
            (OP, "S", "Text me on +44 7700 900321, I'll send my bank details so we skip the fees."),
            (
                OP,
                "S",
                "Give me your personal phone number and I'll call you to arrange the payment.",
            ),
            (OP, "B", "Add me on WhatsApp: +44 7700 900555."),
            (
                OP,
                "S",
                "Pay me directly to my own account and I'll ship tomorrow; my number is 07700 900111.",
            ),
            (
                OP,
                "S",
                "For the refund, send me your phone number and I'll send you the money by Revolut.",
            ),
        ],
    ),
    *_positive(
        "fr",
        [
            (RR, "S", "Nous vous remboursons si vous laissez un avis 5 étoiles."),
            (RR, "S", "Laissez-nous un avis 5 étoiles et on vous rembourse les frais de port."),
            (RR, "S", "Remboursement contre un avis positif."),
            (
                RR,
                "S",
                "Laissez-nous 5 étoiles. En échange, nous vous enverrons un cadeau avec votre prochaine commande.",
            ),
            (
                RR,
                "S",
                "Nous vous offrons 15 % de réduction sur votre prochaine commande pour un avis positif.",
            ),
            (RR, "S", "Si vous nous mettez cinq étoiles, le remplacement est gratuit."),
            (RR, "S", "Écrivez-nous un petit mot sympa et recevez 10 € de remboursement."),
            (
                RR,
                "S",
                "Publiez un avis 5 étoiles, envoyez-nous une capture, et nous vous remboursons 20 % de la commande.",
            ),
            (RR, "S", "Mettez-nous 5 étoiles. Ensuite, nous vous rembourserons les frais de port."),
            (RR, "S", "Cinq étoiles = livraison offerte sur votre prochaine commande."),
            (
                RR,
                "S",
                "Désolés pour le retard. Si vous nous laissez un avis positif, nous vous remboursons les frais de livraison.",
            ),
            (RV, "S", "Modifiez votre avis en 5 étoiles et nous vous remboursons intégralement."),
            (
                RV,
                "S",
                "Nous pouvons vous rembourser intégralement une fois votre avis négatif retiré.",
            ),
            (
                RV,
                "S",
                "Accepteriez-vous de modifier votre avis ? Nous serions ravis de vous offrir un bon d'achat.",
            ),
            (
                RV,
                "S",
                "Nous vous rembourserons la différence dès que votre avis sera passé à 5 étoiles.",
            ),
            (RV, "S", "Retirez la note à une étoile et le remboursement est à vous."),
            (RT, "B", "Remboursez-moi aujourd'hui ou je mets un avis à 1 étoile."),
            (
                RT,
                "B",
                "Je veux un remboursement complet. Sinon, je laisse un avis à une étoile partout.",
            ),
            (RT, "B", "Envoyez-moi un remplacement gratuit et je vous mets 5 étoiles."),
            (RT, "B", "Sauf si vous me remboursez, mon avis dira exactement ce qui s'est passé."),
            (
                RT,
                "B",
                "Vous avez jusqu'à vendredi pour me rembourser, ensuite l'avis à une étoile sera publié.",
            ),
            (RT, "B", "Rendez-moi 30 % et je passe ma note à 5 étoiles."),
            (RT, "B", "Pas de remboursement, pas de cinq étoiles."),
            (
                OP,
                "S",
                "Appelez-moi au 06 12 34 56 78 et on règle par virement, c'est moins cher pour nous deux.",
            ),
            (OP, "S", "Donnez-moi votre numéro WhatsApp et je vous fais un meilleur prix."),
            (
                OP,
                "S",
                "Envoyez-moi un texto au 07 98 76 54 32, je vous donne mon RIB pour éviter les frais du site.",
            ),
            (
                OP,
                "S",
                "Donnez-moi votre numéro perso et je vous appelle pour organiser le paiement.",
            ),
            (OP, "B", "Ajoutez-moi sur WhatsApp : 06 55 44 33 22."),
            (
                OP,
                "S",
                "Payez-moi directement sur mon compte perso et j'expédie demain ; mon numéro : 06 11 11 11 11.",
            ),
            (
                OP,
                "S",
                "Pour le remboursement, donnez-moi votre numéro et je vous envoie l'argent par Lydia.",
            ),
        ],
    ),
    *_positive(
        "pl",
        [
            (RR, "S", "Zwrócimy pieniądze, jeśli wystawi Pan opinię 5 gwiazdek."),
            (RR, "S", "Proszę wystawić nam 5 gwiazdek, a zwrócimy koszty wysyłki."),
            (RR, "S", "Pełny zwrot w zamian za pozytywną opinię."),
            (RR, "S", "Wystaw nam 5 gwiazdek. W zamian wyślemy prezent do następnego zamówienia."),
            (RR, "S", "Za pozytywną opinię damy 15% rabatu na kolejne zamówienie."),
            (RR, "S", "Jeśli da nam Pani pięć gwiazdek, wymiana będzie za darmo."),
            (RR, "S", "Napisz kilka miłych słów o nas i odbierz 20 zł zwrotu."),
            (
                RR,
                "S",
                "Wystaw opinię 5 gwiazdek, wyślij nam zrzut ekranu, a zwrócimy 20% wartości zamówienia.",
            ),
            (RR, "S", "Proszę dać nam 5 gwiazdek. Potem zwrócimy koszt wysyłki."),
            (RR, "S", "Pięć gwiazdek = darmowa dostawa przy następnym zamówieniu."),
            (
                RR,
                "S",
                "Przepraszamy za opóźnienie. Jeśli wystawi nam Pan pozytywną opinię, zwrócimy koszt dostawy.",
            ),
            (RV, "S", "Proszę zmienić opinię na 5 gwiazdek, a zwrócimy pełną kwotę."),
            (RV, "S", "Możemy zwrócić całą kwotę, gdy tylko negatywna opinia zostanie usunięta."),
            (RV, "S", "Czy byłaby Pani skłonna poprawić opinię? Chętnie prześlemy bon na zakupy."),
            (RV, "S", "Zwrócimy różnicę, jak tylko opinia zostanie zmieniona na 5 gwiazdek."),
            (RV, "S", "Proszę usunąć ocenę z jedną gwiazdką, a zwrot jest Pana."),
            (RT, "B", "Zwróćcie mi pieniądze dziś albo wystawiam opinię z jedną gwiazdką."),
            (RT, "B", "Chcę pełny zwrot. Inaczej wystawię negatywną opinię wszędzie."),
            (RT, "B", "Wyślijcie mi darmowy zamiennik, a dam 5 gwiazdek."),
            (RT, "B", "Jeśli nie zwrócicie pieniędzy, moja opinia opisze dokładnie, co się stało."),
            (RT, "B", "Macie czas do piątku na zwrot, potem wystawiam ocenę jedną gwiazdkę."),
            (RT, "B", "Oddajcie 30%, a zmienię ocenę na 5 gwiazdek."),
            (RT, "B", "Nie ma zwrotu, nie ma pięciu gwiazdek."),
            (OP, "S", "Proszę zadzwonić pod 600 123 456, ustalimy przelew bez prowizji serwisu."),
            (OP, "S", "Proszę podać swój numer WhatsApp, dam lepszą cenę."),
            (OP, "S", "Napisz SMS na 600 321 654, podam dane do przelewu, ominiemy prowizję."),
            (OP, "S", "Proszę podać prywatny numer telefonu, zadzwonię w sprawie płatności."),
            (OP, "B", "Dodaj mnie na WhatsAppie: 600 555 444."),
            (
                OP,
                "S",
                "Proszę przelać pieniądze bezpośrednio na moje prywatne konto, wyślę jutro; mój numer to 600 111 111.",
            ),
            (
                OP,
                "S",
                "W sprawie zwrotu proszę podać numer telefonu, wyślę pieniądze przez Revolut.",
            ),
        ],
    ),
]


def checked(benign: list[Benign], positives: list[Positive]) -> tuple[list[Benign], list[Positive]]:
    """The corpus as given, or ``CorpusError`` if a part is empty or a row is malformed."""
    if not benign or not positives:
        raise CorpusError("the corpus is empty")
    for row in [*benign, *positives]:
        if row.lang not in LANGS or row.side not in _SIDES.values() or not row.text.strip():
            raise CorpusError(f"malformed row: {row!r}")
    for b in benign:
        if b.topic not in TOPICS:
            raise CorpusError(f"unknown topic: {b!r}")
    for p in positives:
        if p.kind not in KINDS:
            raise CorpusError(f"unknown kind: {p!r}")
    return benign, positives
