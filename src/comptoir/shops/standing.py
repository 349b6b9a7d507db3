"""A shop's status as everyone reads it: what the marketplace set, unless a Trust & Safety
measure in force (a pause or a revocation) says otherwise. One rule, no queries: the
measures and their end dates live on the shop row, so a list of shops costs nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

STATUS_LABELS = {
    "active": lambda: pgettext("shop status", "Active"),
    "paused": lambda: pgettext("shop status", "Paused"),
    "suspended": lambda: pgettext("shop status", "Suspended"),
    "revoked": lambda: pgettext("shop status", "Revoked"),
}


class HasMeasures(Protocol):
    status: str
    staff_paused: bool
    staff_pause_ends_on: date | None
    staff_revoked: bool
    staff_revocation_ends_on: date | None


@dataclass(frozen=True)
class Standing:
    """``status`` as the API says it; ``measure`` the Trust & Safety measure behind it
    (``pause_shop``, ``revocation``) or "" when it is the marketplace's own status;
    ``until`` the day the measure stops, when it has one."""

    status: str
    measure: str
    until: date | None
    marketplace_status: str

    @property
    def active(self) -> bool:
        return self.status == "active"

    @property
    def label(self) -> str:
        """The badge: "Paused by the marketplace until 12 December 2026", "Revoked", "Active"."""
        day = date_format(self.until, "DATE_FORMAT") if self.until else ""
        if self.measure == "revocation":
            if day:
                return _("Revoked by the marketplace until %(day)s") % {"day": day}
            return _("Revoked by the marketplace")
        if self.measure == "pause_shop":
            if day:
                return _("Paused by the marketplace until %(day)s") % {"day": day}
            return _("Paused by the marketplace")
        return STATUS_LABELS.get(self.status, STATUS_LABELS["active"])()


def _in_force(on: bool, ends_on: date | None, today: date) -> bool:
    # The periodic job clears a measure on its end date; until it runs, the date decides.
    return on and (ends_on is None or today < ends_on)


def standing_of(shop: HasMeasures, today: date) -> Standing:
    """The shop's status on ``today`` (a UTC day, as the ladder counts them)."""
    if _in_force(shop.staff_revoked, shop.staff_revocation_ends_on, today):
        return Standing("revoked", "revocation", shop.staff_revocation_ends_on, shop.status)
    if shop.status in ("revoked", "suspended"):  # the marketplace's stronger word stands
        return Standing(shop.status, "", None, shop.status)
    if _in_force(shop.staff_paused, shop.staff_pause_ends_on, today):
        return Standing("paused", "pause_shop", shop.staff_pause_ends_on, shop.status)
    return Standing(shop.status, "", None, shop.status)
