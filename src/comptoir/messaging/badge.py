"""The unread badge the marketplace shows on its own pages, read from the folder counters."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.messaging.models import Folder, FolderCount
from comptoir.shops.access import memberships_of


@dataclass(frozen=True)
class ShopUnread:
    shop_id: int
    shop_external_id: str
    shop_name: str
    unread: int


@dataclass(frozen=True)
class Badge:
    external_id: str
    unread: int  # threads with unread messages in the person's inboxes, all together
    as_buyer: int
    shops: list[ShopUnread]
    inbox_path: str  # where a click on the badge should land


def unread_badge(external_id: str) -> Badge:
    """Unread threads in the Inbox of a person the marketplace knows, in two queries.

    Counts the person's own inbox as a buyer and the inbox of every shop they work in
    (a shop's threads are shared by its members). Unknown people are a 404.
    """
    user = User.objects.filter(external_id=external_id, is_active=True).only("id").first()
    if user is None:
        raise NotFound("person_not_found", _("No person with this marketplace id."))
    memberships = {m.shop_id: m.shop for m in memberships_of(user)}
    counts = dict.fromkeys(["buyer", *memberships], 0)
    rows = FolderCount.objects.filter(
        Q(buyer=user) | Q(shop_id__in=list(memberships)), folder=Folder.INBOX
    ).values_list("buyer_id", "shop_id", "unread_threads")
    for buyer_id, shop_id, unread in rows:
        counts["buyer" if buyer_id else shop_id] = unread
    shops = [
        ShopUnread(shop_id, shop.external_id, shop.name, counts[shop_id])
        for shop_id, shop in memberships.items()
    ]
    as_buyer = counts["buyer"]
    # A click lands where the unread threads are: the buyer's inbox, else the first shop's.
    waiting = next((s for s in shops if s.unread), None)
    inbox = f"/shop/{waiting.shop_id}/messages/" if waiting and not as_buyer else "/messages/"
    return Badge(
        external_id=external_id,
        unread=as_buyer + sum(s.unread for s in shops),
        as_buyer=as_buyer,
        shops=shops,
        inbox_path=inbox,
    )
