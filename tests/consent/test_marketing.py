"""Withdrawal takes effect at once: the real marketing path refuses, and the link in a
real marketing e-mail withdraws."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.consent.links import unsubscribe_path
from comptoir.consent.models import Consent, ConsentChange
from comptoir.core.errors import Conflict
from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Message
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.marketing import marketing_message_send
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from tests.api.conftest import Api
from tests.consent.conftest import checkout
from tests.messaging.conftest import deliver_all


def send_offer(seller: User, shop: Shop, buyer: User) -> Message:
    return marketing_message_send(
        viewer=as_member(seller, shop),
        buyer_id=buyer.id,
        draft=Draft(body="Our spring collection is in: linen in six new colours."),
        subject="Spring",
    )


def test_after_unsubscribing_the_shop_cannot_send_news(
    api: Api, shop: Shop, seller: User, buyer: User
) -> None:
    checkout(api, "o-1", marketing_consent=True)
    send_offer(seller, shop, buyer)  # allowed while they agree

    Client(enforce_csrf_checks=True).post(_link_path(shop, buyer))

    with pytest.raises(Conflict) as refused:
        send_offer(seller, shop, buyer)
    assert refused.value.code == "no_marketing_consent"
    assert Message.objects.filter(is_marketing=True).count() == 1


def _link_path(shop: Shop, buyer: User) -> str:
    return unsubscribe_path(buyer_id=buyer.id, shop_id=shop.id)


def test_the_link_in_a_marketing_email_withdraws(
    api: Api, shop: Shop, seller: User, buyer: User
) -> None:
    checkout(api, "o-1", marketing_consent=True)
    message = send_offer(seller, shop, buyer)

    email = OutboxEmail.objects.get(reason="marketing")
    assert email.recipient == "buyer-1@example.org"  # as the marketplace last sent it
    found = re.search(r"https?://\S+/unsubscribe/\S+/", email.body)
    assert found is not None, email.body
    url = found.group(0)
    assert email.headers["List-Unsubscribe"] == f"<{url}>"
    assert email.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    sent = deliver_all()
    assert url in sent[0].body
    assert sent[0].extra_headers["List-Unsubscribe"] == f"<{url}>"

    # What the buyer's mail client does with those headers: one POST, nothing else.
    response = Client(enforce_csrf_checks=True).post(
        urlsplit(url).path,
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert Consent.objects.get(buyer=buyer, shop=shop).given is False
    change = ConsentChange.objects.order_by("-id").first()
    assert change is not None
    assert (change.source, change.reference) == ("unsubscribe", str(message.id))
