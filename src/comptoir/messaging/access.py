"""Which threads a viewer sees: their side's copies (`Party`), never anyone else's.

Who the viewer is (a buyer, or a shop through one of its members) is `shops.access`."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.core.errors import NotFound
from comptoir.messaging.models import Folder, Party
from comptoir.shops.access import Viewer


def parties_of(viewer: Viewer) -> QuerySet[Party]:
    """This side's copies of its threads, deleted-forever ones left out."""
    return side_parties(viewer.side, viewer.owner())


def side_parties(side: str, owner: dict[str, int]) -> QuerySet[Party]:
    """`parties_of` for a side and its owner filter (`Viewer.owner()`), without a viewer:
    what a query prepared once for every viewer of a side is built from."""
    return Party.objects.filter(side=side, **owner).exclude(folder=Folder.DELETED)


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
