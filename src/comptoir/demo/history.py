"""A hundred days of questions to Claire's shop, so the Responsiveness page has a story.

Written through the real services with the clock moved back, like every demo thread:
mostly quick answers, some slow ones (a busy week in the last month), a few answered
days later, one spam, one "thanks!" marked as needing no response. Answered threads older
than a week are archived, as a tidy seller would.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.messaging.models import Conversation
from comptoir.messaging.rules import Action
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.folders import conversations_act
from comptoir.messaging.services.no_response import mark_no_response_needed
from comptoir.messaging.services.replying import message_reply
from comptoir.messaging.services.starting import conversation_start
from comptoir.shops.access import Viewer, as_buyer
from comptoir.shops.models import Shop

DAYS = 100
BUYERS = ("julien", "sophie", "lucas")
QUESTIONS = (
    "Bonjour, est-ce que ce modèle passe au lave-vaisselle ?",
    "Bonjour ! Pouvez-vous l'expédier en Belgique ?",
    "Est-ce que la couleur est bien celle de la photo ?",
    "Bonjour, combien de temps pour une pièce personnalisée ?",
    "Est-il possible de commander un lot de six ?",
    "Bonjour, le bol va-t-il au micro-ondes ?",
    "Pouvez-vous faire un emballage cadeau ?",
    "Bonjour, quelle est la contenance exacte de la tasse ?",
)
ANSWERS = (
    "Bonjour, oui sans problème ! — Claire",
    "Bonjour, merci pour votre message : oui, c'est possible. — Claire",
    "Bonjour ! Oui, et je peux vous envoyer une photo en lumière du jour. — Claire",
    "Bonjour, comptez deux semaines de fabrication. — Claire",
)
SPAM = "Gagnez 5000 € par semaine depuis chez vous !!! Cliquez ici"


def _delay(rng: random.Random, days_ago: int) -> float:
    """Hours until Claire answers; slower in a busy week, a few days for some."""
    busy = 20 <= days_ago <= 26
    roll = rng.random()
    if roll < 0.03:
        return rng.uniform(30.0, 80.0)  # late: the question waited days
    if roll < (0.35 if busy else 0.72):
        return rng.uniform(0.1, 1.0)
    if roll < (0.70 if busy else 0.93):
        return rng.uniform(1.0, 6.0)
    return rng.uniform(12.0, 40.0)


def load_history(shop: Shop, seller: Viewer, now: datetime) -> int:
    """Write the threads; how many."""
    rng = random.Random(7)  # the same demo every time
    listings = list(Listing.objects.filter(shop=shop).order_by("id")[:6])
    buyers = [as_buyer(User.objects.get(external_id=f"demo-buyer-{key}")) for key in BUYERS]
    archive: list[int] = []
    written = 0
    start = now - timedelta(days=DAYS)
    for day in range(DAYS):
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            at = start + timedelta(days=day, hours=rng.uniform(7, 22))
            days_ago = (now - at).days
            if days_ago < 3:
                continue  # the curated demo threads hold the last days
            with clock.frozen_at(at):
                message = conversation_start(
                    viewer=rng.choice(buyers),
                    kind=Conversation.Kind.LISTING_INQUIRY,
                    draft=Draft(body=rng.choice(QUESTIONS)),
                    listing=rng.choice(listings),
                )
            cid = message.conversation_id
            written += 1
            delay = _delay(rng, days_ago)
            with clock.frozen_at(at + timedelta(hours=delay)):
                message_reply(
                    viewer=seller, conversation_id=cid, draft=Draft(body=rng.choice(ANSWERS))
                )
            if days_ago > 7:
                archive.append(cid)
    _special_cases(shop, seller, buyers, listings, now)
    with clock.frozen_at(now - timedelta(days=2)):
        for i in range(0, len(archive), 500):
            conversations_act(viewer=seller, ids=archive[i : i + 500], action=Action.ARCHIVE)
    return written + 2


def _special_cases(
    shop: Shop, seller: Viewer, buyers: list[Viewer], listings: list[Listing], now: datetime
) -> None:
    # A spam message, left out once Claire marks it.
    with clock.frozen_at(now - timedelta(days=40)):
        spam = conversation_start(
            viewer=buyers[2], kind=Conversation.Kind.SHOP_INQUIRY, draft=Draft(body=SPAM), shop=shop
        )
    with clock.frozen_at(now - timedelta(days=40, hours=-2)):
        conversations_act(viewer=seller, ids=[spam.conversation_id], action=Action.SPAM)
    # A "thank you" that needs no answer.
    with clock.frozen_at(now - timedelta(days=12)):
        thanks = conversation_start(
            viewer=buyers[0],
            kind=Conversation.Kind.LISTING_INQUIRY,
            draft=Draft(body="Merci beaucoup, tout est arrivé en parfait état !"),
            listing=listings[0],
        )
    with clock.frozen_at(now - timedelta(days=12, hours=-1)):
        mark_no_response_needed(viewer=seller, ids=[thanks.conversation_id])
        conversations_act(viewer=seller, ids=[thanks.conversation_id], action=Action.ARCHIVE)
