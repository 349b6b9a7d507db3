"""Who is looking: a buyer, or a shop through one of its members. Every read goes through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.accounts.models import User
from comptoir.core.errors import NotFound
from comptoir.messaging.models import Folder, Party, Side
from comptoir.shops.models import Shop, ShopMember


@dataclass(frozen=True)
class Viewer:
    """A person acting for one side: as a buyer (shop None) or for a shop they work in."""

    user: User
    shop: Shop | None = None

    @property
    def side(self) -> str:
        return Side.SHOP if self.shop is not None else Side.BUYER

    def owner(self) -> dict[str, int]:
        """The filter that picks this side's rows (parties, folder counters)."""
        if self.shop is not None:
            return {"shop_id": self.shop.id}
        return {"buyer_id": self.user.id}


def as_buyer(user: User) -> Viewer:
    return Viewer(user=user)


def as_shop_member(user: User, shop: Shop) -> Viewer:
    """The viewer for a member of `shop`; NotFound for anyone else (no probing)."""
    if not (
        user.is_authenticated and ShopMember.objects.filter(shop=shop, user_id=user.id).exists()
    ):
        raise NotFound("shop_not_found", _("No such shop."))
    return Viewer(user=user, shop=shop)


def _member_of(user: User, **shop: object) -> Viewer:
    found = None
    if user.is_authenticated:
        found = Shop.objects.filter(memberships__user_id=user.id, **shop).first()
    if found is None:
        raise NotFound("shop_not_found", _("No such shop."))
    return Viewer(user=user, shop=found)


def shop_viewer(user: User, shop_external_id: str) -> Viewer:
    """The viewer for a member of the shop with this marketplace id, in one query."""
    return _member_of(user, external_id=shop_external_id)


def member_viewer(user: User, shop_id: int) -> Viewer:
    """The same by Comptoir's own shop id (the web pages' URLs), in one query."""
    return _member_of(user, id=shop_id)


def parties_of(viewer: Viewer) -> QuerySet[Party]:
    """This side's copies of its threads, deleted-forever ones left out."""
    return Party.objects.filter(side=viewer.side, **viewer.owner()).exclude(folder=Folder.DELETED)


def conversation_not_found() -> NotFound:
    return NotFound("conversation_not_found", _("No such conversation."))


def get_party(viewer: Viewer, conversation_id: int, *, lock: bool = False) -> Party:
    """The viewer's copy of one thread; missing and someone else's both raise NotFound."""
    qs = parties_of(viewer).select_related("conversation")
    if lock:
        qs = qs.select_for_update(of=("self",))
    party = qs.filter(conversation_id=conversation_id).first()
    if party is None:
        raise conversation_not_found()
    return party


def get_parties(viewer: Viewer, conversation_ids: Iterable[int], *, lock: bool) -> list[Party]:
    """The viewer's copies of all these threads, locked in id order; NotFound if any is not."""
    wanted = sorted(set(conversation_ids))
    qs = parties_of(viewer).filter(conversation_id__in=wanted).order_by("id")
    if lock:
        qs = qs.select_for_update()
    parties = list(qs)
    found = {p.conversation_id for p in parties}
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound(
            "conversation_not_found",
            _("No such conversation: %(ids)s.") % {"ids": ", ".join(map(str, missing[:10]))},
        )
    return parties
