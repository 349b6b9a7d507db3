"""The contact form inside the shop's own website, in a real Chromium, across origins.

The shop's website is a small HTTP server on another origin than Comptoir's live server
(`localhost` and `127.0.0.1` are different sites to the browser, so no cookie of Comptoir
reaches the frame). A listed origin frames the form, and a visitor writes from inside the
frame; an origin the shop did not list gets an empty frame.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client

from comptoir.accounts.models import User
from comptoir.messaging.contact import embed_snippet
from comptoir.messaging.models import Conversation, Folder, Party, Side
from comptoir.shops.models import Shop
from comptoir.shops.services import embed_origins_set
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS

pytestmark = BROWSER_TESTS

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Atelier Lune — Contact</title></head>
<body style="font-family: Georgia, serif; background: #f4efe4; margin: 2rem;">
  <h1>Atelier Lune</h1>
  <p>Hand-made linen from Lyon. Write to us below.</p>
  {snippet}
</body></html>
"""


class ShopWebsite:
    """The shop's own website: one page holding the snippet, on 127.0.0.1 only."""

    def __init__(self, host: str, snippet: str) -> None:
        body = PAGE.format(snippet=snippet).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ShopWebsite:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def other_host(url: str) -> str:
    """The loopback name the live server does not use: another origin, another site."""
    return "127.0.0.1" if urlsplit(url).hostname == "localhost" else "localhost"


@pytest.fixture
def websites(live_server: Any, shop: Shop) -> Iterator[tuple[ShopWebsite, ShopWebsite]]:
    form_url = f"{live_server.url}/shops/{shop.slug}/contact/"
    snippet = embed_snippet(url=form_url, shop=shop)
    host = other_host(live_server.url)
    with ShopWebsite(host, snippet) as listed, ShopWebsite(host, snippet) as unlisted:
        yield listed, unlisted


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_a_visitor_writes_from_inside_the_shops_website_and_the_shop_gets_it(
    browser: Any,
    live_server: Any,
    shop: Shop,
    seller: User,
    websites: tuple[ShopWebsite, ShopWebsite],
) -> None:
    listed, _unlisted = websites
    assert urlsplit(listed.url).netloc != urlsplit(live_server.url).netloc
    embed_origins_set(shop=shop, origins=[listed.url])
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    page.goto(listed.url + "/")
    frame = page.frame_locator("iframe")
    frame.locator("[data-contact-form]").wait_for(timeout=10_000)
    frame.locator("#id_name").fill("Ewa Kowalska")
    frame.locator("#id_email").fill("ewa@example.pl")
    frame.locator("#id_subject").fill("Shipping to Gdańsk")
    frame.locator("#id_body").fill("Hello! Do you ship the linen apron to Gdańsk?")
    box = frame.locator("[aria-hidden=true]:has(#id_homepage)").bounding_box()
    assert box is not None
    assert max(box["width"], box["height"]) <= 1, "the honeypot is out of sight"
    assert frame.get_by_role("textbox", name="Leave this field empty").count() == 0, (
        "and out of the accessibility tree"
    )
    assert frame.get_by_role("textbox", name="Your name").count() == 1
    shot(page, "contact-embed-filled")
    frame.get_by_role("button", name="Send").click()
    frame.locator("[data-contact-sent]").wait_for(timeout=10_000)
    assert "Your message is sent" in frame.locator("[data-contact-sent]").inner_text()
    assert page.url == listed.url + "/", "the visitor never left the shop's website"
    shot(page, "contact-embed-sent")
    context.close()

    conversation = Conversation.objects.get(shop=shop)
    assert (conversation.kind, conversation.visitor_email, conversation.subject) == (
        Conversation.Kind.CONTACT_FORM,
        "ewa@example.pl",
        "Shipping to Gdańsk",
    )
    assert Party.objects.get(conversation=conversation, side=Side.SHOP).folder == Folder.INBOX

    # The seller sees it in the Shop Manager's inbox (signed in by session, not by form).
    session = Client()
    session.force_login(seller)
    seller_context = browser.new_context(viewport={"width": 1280, "height": 860})
    seller_context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": session.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    inbox = seller_context.new_page()
    inbox.goto(f"{live_server.url}/shop/{shop.id}/messages/")
    inbox.get_by_text("Shipping to Gdańsk").first.wait_for(timeout=10_000)
    shot(inbox, "contact-embed-inbox")
    inbox.goto(f"{live_server.url}/shop/{shop.id}/settings/website/")
    assert inbox.locator("#origins").input_value() == listed.url
    assert (
        f'src="{live_server.url}/shops/{shop.slug}/contact/"'
        in inbox.locator("#snippet").input_value()
    )
    shot(inbox, "contact-embed-your-website")
    seller_context.close()


@pytest.mark.django_db(transaction=True)
def test_a_website_the_shop_did_not_list_gets_an_empty_frame(
    browser: Any, live_server: Any, shop: Shop, websites: tuple[ShopWebsite, ShopWebsite]
) -> None:
    listed, unlisted = websites
    embed_origins_set(shop=shop, origins=[listed.url])
    context = browser.new_context(viewport={"width": 1100, "height": 1000})
    page = context.new_page()
    refusals: list[str] = []
    page.on("console", lambda message: refusals.append(message.text))
    page.goto(unlisted.url + "/", wait_until="load")
    page.wait_for_function(
        "() => document.querySelector('iframe') && document.querySelector('iframe').dataset",
        timeout=10_000,
    )
    page.wait_for_timeout(1_000)  # time enough for a form to show, were it allowed
    shot(page, "contact-embed-blocked")
    child = next(f for f in page.frames if f != page.main_frame)
    assert child.locator("[data-contact-form]").count() == 0
    assert child.locator("input, textarea").count() == 0, "nothing of the form shows"
    assert not child.url.startswith(live_server.url), child.url
    assert any("frame-ancestors" in text for text in refusals), refusals
    assert not Conversation.objects.exists()
    context.close()
