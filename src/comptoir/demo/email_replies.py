"""The demo's replies by e-mail: a website visitor answers the Paris shop from her mail
client, through the same inbound path as real mail (quoted history and signature cut)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from comptoir.core import clock
from comptoir.inbound.receive import POSTED, receive_mail
from comptoir.messaging.models import Side
from comptoir.messaging.reply_addresses import PREFIX, reply_token
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.replying import message_reply
from comptoir.shops.access import Viewer

SHOP_ANSWER = (
    "Bonjour Hélène, oui : un atelier d'initiation chaque samedi à 10 h (2 heures, 45 €, "
    "6 places, terre et émaux fournis). Voulez-vous que je vous en réserve une ?"
)

# As Gmail writes a French reply: the new text, a signature, then the quoted message.
VISITOR_MAIL = """\
From: =?utf-8?q?H=C3=A9l=C3=A8ne_Martin?= <helene.martin@example.fr>
To: {to}
Subject: Re: Atelier de poterie ?
Message-ID: <demo-reply-1@mail.example.fr>
Date: Mon, 07 Dec 2026 10:12:00 +0100
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Oui, avec plaisir ! Une place pour samedi prochain, s'il vous plaît.
Je paierai sur place.

--
Hélène Martin
06 12 34 56 78

Le lun. 7 déc. 2026 à 09:40, Atelier Paris <comptoir@localhost> a écrit :
> {answer}
>
> Lire et répondre dans Comptoir : http://127.0.0.1:8000/
"""


def visitor_answers_by_email(paris: Viewer, conversation_id: int, *, at: datetime) -> int:
    """The shop answers the visitor's contact-form message; an hour later she answers by
    e-mail. Returns the id of her e-mailed message."""
    with clock.frozen_at(at):
        message_reply(viewer=paris, conversation_id=conversation_id, draft=Draft(body=SHOP_ANSWER))
    with clock.frozen_at(at + timedelta(hours=1)):
        token = reply_token(conversation_id=conversation_id, side=Side.BUYER, user_id=None)
        raw = VISITOR_MAIL.format(to=f"{PREFIX}{token}@reply.demo.invalid", answer=SHOP_ANSWER)
        quiet = logging.getLogger("comptoir.inbound.receive")  # the demo prints its own lines
        level = quiet.level
        quiet.setLevel(logging.WARNING)
        try:
            outcome = receive_mail(raw.encode(), envelope_from="helene.martin@example.fr")
        finally:
            quiet.setLevel(level)
    if outcome.status != POSTED or outcome.message_id is None:
        raise RuntimeError(f"the demo's e-mail reply was not posted: {outcome}")
    return outcome.message_id
