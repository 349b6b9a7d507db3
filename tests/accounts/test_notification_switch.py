"""New-message e-mails: one click in the mail client stops them; the account page turns
them back on. Sign-in links and password resets are always sent."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.mail import EmailMessage
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.notification_links import (
    notifications_off_path,
    notifications_off_token,
)
from comptoir.catalog.models import Listing
from comptoir.consent.links import unsubscribe_path
from comptoir.core.models import OutboxEmail
from comptoir.shops.models import Shop, ShopMember
from comptoir.shops.services import shop_member_add
from tests.messaging.conftest import Client_, deliver_all


@pytest.fixture
def marta(shop: Shop) -> User:
    user = User.objects.create_user(username="marta", email="marta@example.org")
    shop_member_add(shop=shop, user=user, role=ShopMember.Role.STAFF)
    return user


def ask(as_buyer: Client_, body: str = "Is it pre-washed?") -> int:
    response = as_buyer.post(
        "/me/conversations", {"kind": "listing_inquiry", "listing_id": "listing-1", "body": body}
    )
    assert response.status_code == 201, response.json()
    return int(response.json()["conversation_id"])


def to(sent: list[EmailMessage], address: str) -> EmailMessage:
    [mail] = [m for m in sent if m.to == [address]]
    return mail


def one_click_path(mail: EmailMessage) -> str:
    """What a mail client does with List-Unsubscribe: the link between < and >."""
    header = mail.extra_headers["List-Unsubscribe"]
    assert header.startswith("<")
    assert header.endswith(">")
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    return urlsplit(header[1:-1]).path


def one_click(path: str) -> Any:
    """RFC 8058: the mail client's servers POST this body, with no cookie and no CSRF token."""
    return Client(enforce_csrf_checks=True).post(
        path, data="List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )


def test_one_click_stops_that_persons_e_mails_and_only_theirs(
    as_buyer: Client_, as_seller: Client_, marta: User, listing: Listing
) -> None:
    # given each member got an e-mail with its own one-click link
    cid = ask(as_buyer)
    sent = deliver_all()
    seller_path = one_click_path(to(sent, "seller@example.org"))
    assert one_click_path(to(sent, "marta@example.org")) != seller_path
    assert seller_path in to(sent, "seller@example.org").body  # and in the footer

    # when the seller's mail client sends the one click
    response = one_click(seller_path)

    # then the seller gets no more e-mails about new messages; Marta still does
    assert response.status_code == 200
    assert "No more e-mails about new messages" in response.content.decode()
    as_seller.user.refresh_from_db()
    assert as_seller.user.email_notifications is False
    as_buyer.post(f"/me/conversations/{cid}/messages", {"body": "Hello?"})
    assert [m.to for m in deliver_all()] == [["marta@example.org"]]
    # a second click changes nothing and still answers
    assert one_click(seller_path).status_code == 200


def test_the_link_only_asks_when_opened(
    as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    ask(as_buyer)
    path = one_click_path(to(deliver_all(), "seller@example.org"))
    for method in ("get", "head"):
        page = getattr(Client(), method)(path)
        assert page.status_code == 200
        assert page["X-Robots-Tag"] == "noindex"
    page = Client().get(path).content.decode()
    assert "Stop e-mails about new messages?" in page
    assert '<form method="post"' in page
    as_seller.user.refresh_from_db()
    assert as_seller.user.email_notifications is True


def test_a_forged_or_foreign_link_is_refused_and_changes_nothing(
    as_seller: Client_, buyer: User, shop: Shop
) -> None:
    good = notifications_off_path(user_id=buyer.id)
    token = good.rstrip("/").rpartition("/")[2]
    payload, _, signature = token.rpartition(":")
    sellers = notifications_off_token(user_id=as_seller.user.id).split(":")[0]
    forged = [
        good.replace(token, f"{payload}:{'A' * len(signature)}"),  # signature changed
        good.replace(token, f"{sellers}:{token.partition(':')[2]}"),  # someone else's id
        good.replace(token, "not-a-token"),
        # a consent token is signed for something else
        good.replace(token, unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id).split("/")[2]),
    ]
    for path in forged:
        for response in (Client().get(path), one_click(path)):
            assert response.status_code == 404, path
            assert 'data-code="invalid_link"' in response.content.decode()
    assert set(User.objects.values_list("email_notifications", flat=True)) == {True}


def test_e_mails_off_do_not_stop_password_resets(client: Client, buyer: User) -> None:
    assert one_click(notifications_off_path(user_id=buyer.id)).status_code == 200
    client.post("/password/reset/", {"email": "b@example.org"})
    assert OutboxEmail.objects.filter(reason="password_reset", recipient="b@example.org").exists()


def test_the_account_page_turns_them_off_and_back_on(
    client: Client, as_buyer: Client_, as_seller: Client_, listing: Listing
) -> None:
    seller = as_seller.user
    client.force_login(seller)
    page = client.get("/account/").content.decode()
    assert "E-mails about new messages" in page
    assert "data-email-notifications checked" in page

    off = client.post("/account/email-notifications/", {})  # an unticked box sends nothing
    assert off["Location"] == "/account/#notifications"
    seller.refresh_from_db()
    assert seller.email_notifications is False
    page = client.get("/account/").content.decode()
    assert "data-email-notifications checked" not in page
    ask(as_buyer, "Anyone?")
    assert deliver_all() == []

    on = client.post("/account/email-notifications/", {"email_notifications": "on"})
    assert on.status_code == 302
    seller.refresh_from_db()
    assert seller.email_notifications is True
    ask(as_buyer, "Anyone there?")
    assert [m.to for m in deliver_all()] == [["seller@example.org"]]


def test_the_switch_needs_sign_in_and_a_post(client: Client, buyer: User) -> None:
    response = client.post("/account/email-notifications/", {})
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    buyer.refresh_from_db()
    assert buyer.email_notifications is True
    client.force_login(buyer)
    assert client.get("/account/email-notifications/").status_code == 405


def test_the_switch_checks_csrf(buyer: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(buyer)
    assert browser.post("/account/email-notifications/", {}).status_code == 403
    buyer.refresh_from_db()
    assert buyer.email_notifications is True
