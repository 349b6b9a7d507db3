"""The website contact form, framed on the shop's own site: token, honeypot, limits, checks.

Every refusal stores nothing; the limits hold per address and per IP across the page and
the API, counted in the database.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create, integration_account_create
from comptoir.core import clock
from comptoir.core.errors import DomainError
from comptoir.core.models import OutboxEmail
from comptoir.messaging.contact import (
    PER_ADDRESS,
    PER_IP,
    check_form_token,
    embed_snippet,
    form_token,
)
from comptoir.messaging.models import Conversation, Message
from comptoir.shops.models import Shop
from comptoir.shops.services import (
    check_embed_origins,
    embed_origins_set,
    normalise_origin,
    shop_upsert,
)
from tests.api.conftest import Api

NOW = datetime(2026, 3, 2, 10, 5, tzinfo=UTC)  # well inside an hour's window
GOOD = {"name": "Ewa", "email": "ewa@example.pl", "subject": "", "body": "Do you ship to Gdańsk?"}
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture
def visitor() -> Client:
    # A frame on another site sends no CSRF cookie: the page must not need one.
    return Client(enforce_csrf_checks=True)


def url(shop: Shop) -> str:
    return f"/shops/{shop.slug}/contact/"


def token_of(client: Client, shop: Shop) -> str:
    page = client.get(url(shop))
    found = TOKEN.search(page.content.decode())
    assert found, "the page carries a form token"
    return found.group(1)


def post(
    client: Client, shop: Shop, *, ip: str = "203.0.113.5", token: str | None = None, **fields: str
) -> Any:
    data = {**GOOD, **fields, "token": token if token is not None else token_of(client, shop)}
    return client.post(url(shop), data, REMOTE_ADDR=ip)


def api_post(client: Client, shop: Shop, *, ip: str = "203.0.113.5", **fields: str) -> Any:
    return client.post(
        f"/api/v1/shops/{shop.external_id}/contact",
        json.dumps({**GOOD, **fields}),
        content_type="application/json",
        REMOTE_ADDR=ip,
    )


def nothing_stored() -> bool:
    return not (
        Conversation.objects.exists() or Message.objects.exists() or OutboxEmail.objects.exists()
    )


# --- The page, framed: no CSRF cookie, a form token, the thank-you --------------------------


def test_a_visitor_writes_without_a_csrf_cookie_and_sees_the_thank_you(
    visitor: Client, shop: Shop
) -> None:
    page = visitor.get(url(shop))
    assert page.status_code == 200
    assert "csrftoken" not in page.cookies, "nothing a cross-site frame would lose"
    assert "X-Frame-Options" not in page
    sent = post(visitor, shop)
    assert (sent.status_code, sent["Location"]) == (302, url(shop) + "?sent=1")
    thanks = visitor.get(sent["Location"])
    assert b"Your message is sent" in thanks.content
    conversation = Conversation.objects.get()
    assert (conversation.kind, conversation.visitor_email, conversation.shop_id) == (
        Conversation.Kind.CONTACT_FORM,
        "ewa@example.pl",
        shop.id,
    )


def directive(response: Any, name: str) -> str:
    """One directive of the response's Content-Security-Policy."""
    parts = [p.strip() for p in response["Content-Security-Policy"].split(";")]
    return next(p for p in parts if p.split(" ")[0] == name)


def test_the_page_may_be_framed_by_the_shops_listed_origins_only(
    visitor: Client, shop: Shop
) -> None:
    alone = visitor.get(url(shop))
    assert directive(alone, "frame-ancestors") == "frame-ancestors 'self'"
    assert directive(alone, "script-src") == "script-src 'self'"  # the site's own policy too
    embed_origins_set(shop=shop, origins=["https://Atelier-Lune.FR:443/", "http://localhost:8001"])
    listed = visitor.get(url(shop))
    assert directive(listed, "frame-ancestors") == (
        "frame-ancestors 'self' https://atelier-lune.fr http://localhost:8001"
    )
    assert "X-Frame-Options" not in listed
    refused = post(visitor, shop, token="nope")
    assert refused["Content-Security-Policy"] == listed["Content-Security-Policy"]
    sent = post(visitor, shop)
    assert sent["Content-Security-Policy"] == listed["Content-Security-Policy"]


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(
    visitor: Client, shop: Shop
) -> None:
    html = visitor.get(url(shop)).content.decode()
    wrapper = re.search(r'<div class="visually-hidden" aria-hidden="true">(.*?)</div>', html, re.S)
    assert wrapper, "the honeypot sits in a visually hidden, aria-hidden box"
    field = re.search(r"<input[^>]*name=\"homepage\"[^>]*>", wrapper.group(1))
    assert field
    assert 'tabindex="-1"' in field.group(0)
    assert 'autocomplete="off"' in field.group(0)


def test_a_filled_honeypot_is_answered_like_a_success_and_stores_nothing(
    visitor: Client, shop: Shop
) -> None:
    caught = post(visitor, shop, homepage="https://cheap-pills.example")
    assert (caught.status_code, caught["Location"]) == (302, url(shop) + "?sent=1")
    assert nothing_stored()


# --- The form token --------------------------------------------------------------------------


@pytest.mark.parametrize("token", ["", "not-a-token", "tampered"])
def test_a_missing_or_tampered_token_is_refused_with_a_reload_message(
    visitor: Client, shop: Shop, token: str
) -> None:
    if token == "tampered":
        good = token_of(visitor, shop)
        token = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    refused = post(visitor, shop, token=token)
    assert refused.status_code == 400
    assert b"This form has expired" in refused.content
    assert b"reload the page" in refused.content
    assert "Do you ship to Gdańsk?" in refused.content.decode(), "what was typed stays"
    assert nothing_stored()


def test_a_token_is_good_for_two_hours_then_refused(visitor: Client, shop: Shop) -> None:
    with clock.frozen_at(NOW):
        token = token_of(visitor, shop)
    with clock.frozen_at(NOW + timedelta(hours=2, seconds=1)):
        late = post(visitor, shop, token=token)
    assert late.status_code == 400
    assert b"This form has expired" in late.content
    assert nothing_stored()
    with clock.frozen_at(NOW + timedelta(hours=1, minutes=59)):
        in_time = post(visitor, shop, token=token)
    assert in_time.status_code == 302
    assert Conversation.objects.count() == 1


def test_a_token_from_another_shops_form_is_refused(visitor: Client, shop: Shop) -> None:
    other, _ = shop_upsert(external_id="shop-2", name="Bursztyn")
    refused = post(visitor, shop, token=token_of(visitor, other))
    assert refused.status_code == 400
    assert b"This form has expired" in refused.content
    assert nothing_stored()
    with pytest.raises(DomainError) as caught:
        check_form_token(shop=shop, token=form_token(shop=other))
    assert caught.value.code == "form_expired"


def test_a_token_signed_for_something_else_is_refused(shop: Shop) -> None:
    from django.core import signing

    forged = signing.dumps({"shop": shop.pk, "at": int(clock.now().timestamp())}, salt="other")
    with pytest.raises(DomainError):
        check_form_token(shop=shop, token=forged)
    check_form_token(shop=shop, token=form_token(shop=shop))  # ours passes


# --- Rate limits -------------------------------------------------------------------------------


def test_the_21st_message_from_one_address_in_an_hour_is_refused_from_any_ip(
    visitor: Client, shop: Shop
) -> None:
    assert PER_ADDRESS.limit == 20  # the documented number
    with clock.frozen_at(NOW):
        for n in range(20):
            email = "ewa@example.pl" if n % 2 else "EWA@Example.pl "
            sent = post(visitor, shop, ip=f"198.51.100.{n}", email=email)
            assert sent.status_code == 302, n
        refused = post(visitor, shop, ip="192.0.2.77")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == 3600 - 5 * 60
    assert b"Too many messages" in refused.content
    assert Conversation.objects.count() == 20
    with clock.frozen_at(NOW + timedelta(hours=1)):
        assert post(visitor, shop, ip="192.0.2.77").status_code == 302, "the next hour"


def test_one_ip_sending_more_than_its_hourly_share_is_refused_refusals_included(
    visitor: Client, shop: Shop
) -> None:
    with clock.frozen_at(NOW):
        token = token_of(visitor, shop)
        for n in range(PER_IP.limit):
            # Refused for an empty message, yet counted: a refusal is no free try.
            assert (
                post(visitor, shop, token=token, email=f"v{n}@example.org", body="").status_code
                == 400
            )
        refused = post(visitor, shop, token=token, email="new@example.org")
        other_ip = post(visitor, shop, token=token, email="new@example.org", ip="192.0.2.1")
    assert refused.status_code == 429
    assert other_ip.status_code == 302
    assert Conversation.objects.count() == 1


def test_the_api_answers_429_in_the_error_shape_and_shares_the_pages_count(
    client: Client, visitor: Client, shop: Shop
) -> None:
    with clock.frozen_at(NOW):
        for n in range(10):
            assert api_post(client, shop, ip=f"198.51.100.{n}").status_code == 201
            assert post(visitor, shop, ip=f"198.51.101.{n}").status_code == 302
        refused = api_post(client, shop, ip="192.0.2.9")
    assert refused.status_code == 429
    assert refused.json() == {
        "code": "rate_limited",
        "message": refused.json()["message"],
        "fields": {},
    }
    assert refused.json()["message"]
    assert int(refused["Retry-After"]) > 0
    assert Conversation.objects.count() == 20


def test_the_api_limits_one_ip_too(client: Client, shop: Shop) -> None:
    with clock.frozen_at(NOW):
        for n in range(PER_IP.limit):
            bad = api_post(client, shop, email=f"v{n}@example.org", body="")
            assert bad.status_code == 422
        refused = api_post(client, shop, email="new@example.org")
    assert (refused.status_code, refused.json()["code"]) == (429, "rate_limited")
    assert nothing_stored()


# --- What is written ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"email": "not-an-email"}, "email", "invalid_email"),
        ({"email": "ewa@"}, "email", "invalid_email"),
        ({"email": "ewa@example.pl\r\nBcc: victim@example.org"}, "email", "control_characters"),
        ({"email": "ewa@example.pl\nBcc: victim@example.org"}, "email", "control_characters"),
        ({"subject": "Hello\r\nBcc: victim@example.org"}, "subject", "control_characters"),
        ({"subject": "Hello\u2028Bcc: victim@example.org"}, "subject", "control_characters"),
        ({"name": "Ewa\r\nBcc: victim@example.org"}, "name", "control_characters"),
        # (a NUL never gets here: the API refuses it first, tests/api/test_request_validation)
        ({"name": "Ewa\x07"}, "name", "control_characters"),
        ({"name": "  "}, "name", "required"),
        ({"body": ""}, "body", "required"),
    ],
)
def test_bad_fields_are_refused_by_the_page_and_the_api_and_store_nothing(
    client: Client, visitor: Client, shop: Shop, fields: dict[str, str], field: str, code: str
) -> None:
    api = api_post(client, shop, **fields)
    assert api.status_code == 422
    assert api.json()["code"] == "invalid_contact_form"
    assert api.json()["fields"][field] == code
    page = post(visitor, shop, **fields)
    assert page.status_code == 400
    form = page.context["form"]
    assert form.errors[field], f"the {field} field says what is wrong"
    assert nothing_stored()


@pytest.mark.parametrize(("field", "longest"), [("name", 120), ("subject", 200)])
def test_too_long_is_refused(
    client: Client, visitor: Client, shop: Shop, field: str, longest: int
) -> None:
    page = post(visitor, shop, **{field: "x" * (longest + 1)})
    assert page.status_code == 400
    assert page.context["form"].errors[field] == ["This is too long."]
    api = api_post(client, shop, **{field: "x" * (longest + 1)})
    assert api.status_code == 422
    assert field in api.json()["fields"]
    assert nothing_stored()
    assert post(visitor, shop, **{field: "x" * longest}).status_code == 302


def test_the_page_says_what_is_wrong_in_words(visitor: Client, shop: Shop) -> None:
    page = post(visitor, shop, email="not-an-email", subject="Hi\r\nBcc: x@example.org")
    html = page.content.decode()
    assert "Enter a valid e-mail address" in html
    assert "Write this on one line" in html


def test_a_body_keeps_its_lines(visitor: Client, shop: Shop) -> None:
    assert post(visitor, shop, body="Hello,\r\n\r\nDo you ship?").status_code == 302
    assert "\n" in Message.objects.get().body


# --- The origins a shop lists ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        ("https://atelier-lune.fr", "https://atelier-lune.fr"),
        ("  HTTPS://Atelier-Lune.FR/  ", "https://atelier-lune.fr"),
        ("https://atelier-lune.fr:443", "https://atelier-lune.fr"),
        ("http://atelier-lune.fr:80/", "http://atelier-lune.fr"),
        ("http://localhost:8001", "http://localhost:8001"),
        ("https://shop.example.com:8443", "https://shop.example.com:8443"),
        ("http://127.0.0.1:5000", "http://127.0.0.1:5000"),
        ("https://[2001:DB8::1]", "https://[2001:db8::1]"),
        ("https://bäckerei.de", "https://xn--bckerei-5wa.de"),
        ("atelier-lune.fr", None),
        ("ftp://atelier-lune.fr", None),
        ("javascript:alert(1)", None),
        ("https://atelier-lune.fr/contact", None),
        ("https://atelier-lune.fr?x=1", None),
        ("https://atelier-lune.fr#top", None),
        ("https://user@atelier-lune.fr", None),
        ("https://*.atelier-lune.fr", None),
        ("https://atelier lune.fr", None),
        ("https://atelier-lune.fr; script-src *", None),
        ("https://atelier-lune.fr 'unsafe-inline'", None),
        ("https://atelier-lune.fr,https://evil.example", None),
        ("https://atelier-lune.fr:99999", None),
        ("https://atelier-lune.fr:0", None),
        ("https://", None),
        ("'self'", None),
        ("*", None),
    ],
)
def test_origins_are_validated_and_normalised(value: str, origin: str | None) -> None:
    assert normalise_origin(value) == origin


def test_at_most_ten_origins_blanks_and_repeats_left_out() -> None:
    ten = [f"https://s{n}.example" for n in range(10)]
    assert check_embed_origins(["", *ten, "https://S0.example/", "  "]) == ten
    with pytest.raises(DomainError) as too_many:
        check_embed_origins([*ten, "https://s10.example"])
    assert too_many.value.fields == {"embed_origins": "too_many"}
    with pytest.raises(DomainError) as bad:
        check_embed_origins(["https://ok.example", "nope", "https://x.example/page"])
    assert bad.value.code == "invalid_embed_origins"
    assert bad.value.fields == {
        "embed_origins.1": "not_an_origin",
        "embed_origins.2": "not_an_origin",
    }


def test_the_marketplace_sets_the_origins_through_the_shops_api(client: Client, shop: Shop) -> None:
    user = integration_account_create(username="marketplace", display_name="Marketplace")
    api = Api(client, api_token_create(user=user, name="sync").secret)
    base = {"name": "Atelier Lune", "time_zone": "Europe/Paris"}
    put = api.put("/shops/shop-1", {**base, "embed_origins": ["https://Atelier-Lune.fr/"]})
    assert put.status_code == 200
    assert put.json()["embed_origins"] == ["https://atelier-lune.fr"]
    left = api.put("/shops/shop-1", base)
    assert left.json()["embed_origins"] == ["https://atelier-lune.fr"], "omitted: left as it is"
    bad = api.put("/shops/shop-1", {**base, "embed_origins": ["https://ok.example", "nope"]})
    assert (bad.status_code, bad.json()["code"]) == (422, "invalid_embed_origins")
    assert bad.json()["fields"] == {"embed_origins.1": "not_an_origin"}
    cleared = api.put("/shops/shop-1", {**base, "embed_origins": []})
    assert cleared.json()["embed_origins"] == []
    shop.refresh_from_db()
    assert shop.embed_origins == []


# --- The seller's page -------------------------------------------------------------------------


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_seller_lists_the_website_and_copies_the_snippet(seller: User, shop: Shop) -> None:
    client = signed_in(seller)
    inbox = client.get(f"/shop/{shop.id}/messages/")
    assert f'href="/shop/{shop.id}/settings/website/"'.encode() in inbox.content
    page = client.get(f"/shop/{shop.id}/settings/website/")
    assert page.status_code == 200
    html = page.content.decode()
    form_url = f"http://testserver/shops/{shop.slug}/contact/"
    assert form_url in html
    assert "&lt;iframe src=&quot;" + form_url in html, "the snippet, shown as text to copy"
    saved = client.post(
        f"/shop/{shop.id}/settings/website/",
        {"origins": "https://www.atelier-lune.fr/\r\n\r\nhttps://atelier-lune.fr\r\n"},
        follow=True,
    )
    assert b"Your website settings are saved." in saved.content
    shop.refresh_from_db()
    assert shop.embed_origins == ["https://www.atelier-lune.fr", "https://atelier-lune.fr"]
    refused = client.post(
        f"/shop/{shop.id}/settings/website/",
        {"origins": "https://ok.example\nhttps://atelier-lune.fr/contact"},
    )
    assert refused.status_code == 400
    assert b"https://atelier-lune.fr/contact" in refused.content
    shop.refresh_from_db()
    assert shop.embed_origins == ["https://www.atelier-lune.fr", "https://atelier-lune.fr"]


def test_someone_outside_the_shop_gets_a_404(buyer: User, shop: Shop) -> None:
    assert signed_in(buyer).get(f"/shop/{shop.id}/settings/website/").status_code == 404
    assert Client().get(f"/shop/{shop.id}/settings/website/").status_code == 302  # log in


def test_the_snippet_escapes_the_shops_name(shop: Shop) -> None:
    shop.name = 'Terre & "Feu"'
    snippet = embed_snippet(url="https://comptoir.example/shops/x/contact/", shop=shop)
    assert 'title="Contact Terre &amp; &quot;Feu&quot;"' in snippet
    assert snippet.startswith('<iframe src="https://comptoir.example/shops/x/contact/"')
    assert type(snippet) is str, "text to show escaped, never markup marked safe"
