"""API: the unread badge of a marketplace person, for the marketplace's own pages."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from comptoir.accounts.auth import require_integration
from comptoir.core.api import Error
from comptoir.messaging.badge import unread_badge

router = Router(tags=["badge"])


class ShopUnreadOut(Schema):
    shop_id: str
    shop_name: str
    unread: int


class BadgeOut(Schema):
    external_id: str
    unread: int
    as_buyer: int
    shops: list[ShopUnreadOut]
    inbox_path: str


@router.get(
    "/people/{external_id}/unread",
    response={200: BadgeOut, 403: Error, 404: Error},
    summary="A person's unread count, for the marketplace's own badge",
    description=(
        "Threads with unread messages in the Inbox of the person the marketplace knows by "
        "`external_id`: their own as a buyer plus those of every shop they work in. Needs "
        "the integration permission. `inbox_path` is the page a click on the badge should open "
        "(send it through a signed link to sign the person in)."
    ),
)
def person_unread(request: HttpRequest, external_id: str) -> BadgeOut:
    require_integration(request)
    badge = unread_badge(external_id)
    return BadgeOut(
        external_id=badge.external_id,
        unread=badge.unread,
        as_buyer=badge.as_buyer,
        shops=[
            ShopUnreadOut(shop_id=s.shop_external_id, shop_name=s.shop_name, unread=s.unread)
            for s in badge.shops
        ],
        inbox_path=badge.inbox_path,
    )
