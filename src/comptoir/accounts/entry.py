"""The link an e-mail carries to open a page of the web app."""

from __future__ import annotations

from comptoir.accounts.models import User
from comptoir.accounts.oidc import is_configured, signs_in_through_marketplace, start_path
from comptoir.core.outbox import site_link


def entry_link(path: str, *, recipient: User | None = None) -> str:
    """The absolute link that opens `path`.

    With sign-in through the marketplace on, one click signs the person in there and lands
    on the page; otherwise (or for a `recipient` who signs in locally: staff, people the
    marketplace never fed in) the plain link, where the sign-in page takes over with ?next=.
    """
    if is_configured() and (recipient is None or signs_in_through_marketplace(recipient)):
        return site_link(start_path(path))
    return site_link(path)
