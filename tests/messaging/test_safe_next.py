"""Where the inbox's buttons send the browser back (issue 19): a `next` on this site, else the
page the action belongs to; never another site, never a 500 after the action was applied."""

from __future__ import annotations

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.safe_next import is_safe_next
from comptoir.catalog.models import Listing
from comptoir.messaging.models import Party
from comptoir.shops.models import Shop
from tests.messaging.conftest import Client_
from tests.messaging.test_folders_api import ask

UNSAFE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "http:/evil.example",
    "/messages/\nSet-Cookie: x=1",
]


def web(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_a_buyers_thread_action_never_leaves_the_site(
    buyer: User, listing: Listing, as_buyer: Client_, unsafe: str
) -> None:
    cid = ask(as_buyer)
    client = web(buyer)
    read = client.post(f"/messages/{cid}/action/", {"action": "unread", "next": unsafe})
    assert (read.status_code, read["Location"]) == (302, f"/messages/{cid}/")
    archived = client.post(f"/messages/{cid}/action/", {"action": "archive", "next": unsafe})
    assert (archived.status_code, archived["Location"]) == (302, "/messages/")
    assert Party.objects.get(side="buyer").folder == "archive"


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_a_shops_thread_action_and_bulk_actions_never_leave_the_site(
    buyer: User, seller: User, shop: Shop, listing: Listing, as_buyer: Client_, unsafe: str
) -> None:
    cid = ask(as_buyer)
    client = web(seller)
    thread = f"/shop/{shop.id}/messages/{cid}/"
    read = client.post(f"{thread}action/", {"action": "read", "next": unsafe})
    assert (read.status_code, read["Location"]) == (302, thread)
    inbox = f"/shop/{shop.id}/messages/"
    bulk = client.post(f"{inbox}bulk/", {"ids": [cid], "action": "archive", "next": unsafe})
    assert (bulk.status_code, bulk["Location"]) == (302, inbox)
    assert Party.objects.get(side="shop").folder == "archive"
    nothing = client.post(f"{inbox}bulk/", {"next": unsafe})  # nothing picked
    assert (nothing.status_code, nothing["Location"]) == (302, inbox)
    buyer_bulk = web(buyer).post(
        "/messages/bulk/", {"ids": [cid], "action": "trash", "next": unsafe}
    )
    assert (buyer_bulk.status_code, buyer_bulk["Location"]) == (302, "/messages/")


def test_a_next_on_this_site_is_followed(buyer: User, listing: Listing, as_buyer: Client_) -> None:
    cid = ask(as_buyer)
    back = "/messages/?folder=archive&q=apron"
    archived = web(buyer).post(f"/messages/{cid}/action/", {"action": "archive", "next": back})
    assert archived["Location"] == back
    bulk = web(buyer).post("/messages/bulk/", {"ids": [cid], "action": "read", "next": back})
    assert bulk["Location"] == back


@pytest.mark.parametrize("unsafe", UNSAFE)
def test_the_language_switch_never_leaves_the_site(client: Client, unsafe: str) -> None:
    """Django's own view, which every page's language form posts `next` to: it checks the
    target itself (same host only), and quotes what it keeps."""
    response = client.post("/i18n/setlang/", {"language": "fr", "next": unsafe})
    assert response.status_code == 302
    assert is_safe_next(response["Location"])
