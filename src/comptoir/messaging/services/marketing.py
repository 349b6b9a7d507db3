"""A shop's news or offer to one past buyer: the one way marketing enters a buyer's folders."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from comptoir.consent.selectors import has_consent
from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.messaging.models import Conversation, Message, Side
from comptoir.messaging.services.drafts import Draft, compose, subject_of
from comptoir.messaging.services.starting import NewThread, thread_start
from comptoir.orders.models import Order
from comptoir.shops.access import Viewer


@transaction.atomic
def marketing_message_send(
    *, viewer: Viewer, buyer_id: int, draft: Draft, subject: str = "", reference: str = ""
) -> Message:
    """A shop's news or offer to one past buyer: only if they consent, at this moment.

    Promotions send through here. The consent row is locked, so a withdrawal committing now
    waits, then wins for the next.
    """
    shop = viewer.shop
    if shop is None:
        raise DomainError("wrong_side", _("Only a shop sends news and offers."))
    if not shop.may_send_promotions:
        raise Conflict(
            "promotions_suspended",
            _("Trust & Safety suspended this shop's promotions: no news or offers for now."),
        )
    if not Order.objects.filter(shop=shop, buyer_id=buyer_id).exists():
        raise NotFound("buyer_not_found", _("No such past buyer of this shop."))
    if not has_consent(buyer_id=buyer_id, shop_id=shop.id, lock=True):
        raise Conflict(
            "no_marketing_consent",
            _("This buyer has not agreed to receive news and offers from your shop."),
        )
    new = NewThread(
        shop=shop,
        buyer_id=buyer_id,
        kind=Conversation.Kind.MARKETING,
        subject=subject_of(subject, shop.name),
        started_by=Side.SHOP,
    )
    return thread_start(new, compose(viewer, draft, marketing=True))
