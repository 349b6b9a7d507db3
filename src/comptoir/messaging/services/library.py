"""A shop's labels and saved replies."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from comptoir.core.errors import Conflict, DomainError, NotFound
from comptoir.messaging.access import get_parties
from comptoir.messaging.models import Label, Party, SavedReply
from comptoir.messaging.services.folders import check_bulk
from comptoir.shops.access import Viewer
from comptoir.shops.models import Shop

LABEL_MAX = 60
TITLE_MAX = 100
SAVED_REPLY_MAX = 5_000


def _shop(viewer: Viewer) -> Shop:
    if viewer.shop is None:
        raise DomainError("wrong_side", _("Labels and saved replies belong to a shop."))
    return viewer.shop


def _label_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise DomainError("invalid_label", _("Give the label a name."), fields={"name": "required"})
    if len(name) > LABEL_MAX:
        raise DomainError(
            "invalid_label",
            _("A label name has at most %(n)d characters.") % {"n": LABEL_MAX},
            fields={"name": "too_long"},
        )
    return name


def _label_taken() -> Conflict:
    return Conflict("label_exists", _("The shop already has a label with this name."))


def get_label(viewer: Viewer, label_id: int) -> Label:
    label = Label.objects.filter(shop=_shop(viewer), id=label_id).first()
    if label is None:
        raise NotFound("label_not_found", _("No such label."))
    return label


def label_create(*, viewer: Viewer, name: str) -> Label:
    shop, name = _shop(viewer), _label_name(name)
    try:
        with transaction.atomic():
            return Label.objects.create(shop=shop, name=name)
    except IntegrityError:
        raise _label_taken() from None


def label_rename(*, viewer: Viewer, label_id: int, name: str) -> Label:
    label, name = get_label(viewer, label_id), _label_name(name)
    label.name = name
    try:
        with transaction.atomic():
            label.save(update_fields=["name", "updated_at"])
    except IntegrityError:
        raise _label_taken() from None
    return label


@transaction.atomic
def label_delete(*, viewer: Viewer, label_id: int) -> None:
    get_label(viewer, label_id).delete()


@transaction.atomic
def labels_apply(
    *, viewer: Viewer, ids: Sequence[int], add: Sequence[int] = (), remove: Sequence[int] = ()
) -> list[Party]:
    """Put labels on, or take them off, many threads at once (all or nothing)."""
    check_bulk(ids)
    wanted = set(add) | set(remove)
    labels = {lb.id: lb for lb in Label.objects.filter(shop=_shop(viewer), id__in=wanted)}
    unknown = sorted(wanted - labels.keys())
    if unknown:
        raise NotFound(
            "label_not_found",
            _("No such label: %(ids)s.") % {"ids": ", ".join(map(str, unknown))},
        )
    parties = get_parties(viewer, ids, lock=False)
    through = Party.labels.through
    if remove:
        through.objects.filter(party__in=parties, label_id__in=remove).delete()
    if add:
        through.objects.bulk_create(
            [through(party_id=p.id, label_id=lb) for p in parties for lb in add],
            ignore_conflicts=True,
        )
    return parties


def _saved_fields(title: str, body: str) -> tuple[str, str]:
    title, body = " ".join(title.split()), body.strip()
    fields = {}
    if not title:
        fields["title"] = "required"
    elif len(title) > TITLE_MAX:
        fields["title"] = "too_long"
    if not body:
        fields["body"] = "required"
    elif len(body) > SAVED_REPLY_MAX:
        fields["body"] = "too_long"
    if fields:
        raise DomainError("invalid_saved_reply", _("Some fields are not valid."), fields=fields)
    return title, body


def _title_taken() -> Conflict:
    return Conflict("saved_reply_exists", _("The shop already has a saved reply with this title."))


def get_saved_reply(viewer: Viewer, saved_reply_id: int) -> SavedReply:
    saved = SavedReply.objects.filter(shop=_shop(viewer), id=saved_reply_id).first()
    if saved is None:
        raise NotFound("saved_reply_not_found", _("No such saved reply."))
    return saved


def saved_reply_create(*, viewer: Viewer, title: str, body: str) -> SavedReply:
    shop = _shop(viewer)
    title, body = _saved_fields(title, body)
    try:
        with transaction.atomic():
            return SavedReply.objects.create(shop=shop, title=title, body=body)
    except IntegrityError:
        raise _title_taken() from None


def saved_reply_update(*, viewer: Viewer, saved_reply_id: int, title: str, body: str) -> SavedReply:
    saved = get_saved_reply(viewer, saved_reply_id)
    saved.title, saved.body = _saved_fields(title, body)
    try:
        with transaction.atomic():
            saved.save(update_fields=["title", "body", "updated_at"])
    except IntegrityError:
        raise _title_taken() from None
    return saved


@transaction.atomic
def saved_reply_delete(*, viewer: Viewer, saved_reply_id: int) -> None:
    get_saved_reply(viewer, saved_reply_id).delete()
