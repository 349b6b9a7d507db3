"""The inbox in a real Chromium, against a real `comptoir serve` (web and live processes).

The server runs the demo marketplace on its own SQLite database: Claire (seller) owns the
Paris shop, Camille (buyer) bought from it. Everything is checked as a person sees it.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS
from tests.serving import comptoir_serve

pytestmark = BROWSER_TESTS

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
LIVE_WITHIN = 1.5  # seconds: "within a second", plus the browser's own paint


def two_free_ports() -> int:
    """A port p with p + 1 also free (the web and the live server)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with comptoir_serve(tmp_path_factory.mktemp("inbox"), two_free_ports()) as base:
        yield base


def say(language: str, text: str, context: str | None = None) -> str:
    with translation.override(language):
        return pgettext(context, text) if context else gettext(text)


def person(
    browser: Any, base: str, username: str, language: str, *, phone: bool = False, js: bool = True
) -> Any:
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 860}
    context = browser.new_context(viewport=viewport, java_script_enabled=js)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", f"demo-{username}")
    page.click("main form button[type=submit]")
    page.wait_for_url(base + "/")
    return page


def live(page: Any) -> None:
    # An expect, not wait_for_function: that one evaluates a string, which the page's
    # Content-Security-Policy (no eval) refuses.
    expect(page.locator("html")).to_have_attribute("data-live", "on", timeout=10_000)


def shot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_question_arrives_live_and_the_answer_with_a_saved_reply_and_a_pdf_too(
    browser: Any, server: str, language: str, tmp_path: Path
) -> None:
    seller = person(browser, server, "seller", language)
    seller.goto(server + "/shop/1/messages/")
    live(seller)
    buyer = person(browser, server, "buyer", language)
    buyer.goto(server + "/listings/1/")
    buyer.click("[data-ask]")
    question = f"[{language}] Can the ramen bowl go in the oven?"
    buyer.fill("textarea[name=body]", question)
    sent_at = time.monotonic()
    buyer.get_by_role("button", name=say(language, "Send")).click()
    buyer.wait_for_url("**/messages/*/")
    seller.get_by_text(question).wait_for(timeout=5_000)
    assert time.monotonic() - sent_at < LIVE_WITHIN + 2  # the buyer's own page load included
    row = seller.locator("[data-thread]", has_text=question)
    assert "thread--unread" in (row.get_attribute("class") or "")
    shot(seller, f"inbox-{language}-desktop")

    row.locator(".thread__link").click()
    seller.select_option("[data-saved-replies]", label="Shipping times (English)")
    assert "ship within 2–3 working days" in seller.input_value("textarea[name=body]")
    pdf = tmp_path / "care-guide.pdf"
    pdf.write_bytes(PDF)
    seller.set_input_files("input[type=file]", str(pdf))
    live(buyer)
    answered_at = time.monotonic()
    seller.get_by_role("button", name=say(language, "Send")).click()
    buyer.get_by_text("ship within 2–3 working days").wait_for(timeout=5_000)
    assert time.monotonic() - answered_at < LIVE_WITHIN + 2
    assert buyer.get_by_role("link", name="care-guide.pdf").is_visible()
    shot(seller, f"thread-{language}-desktop")
    shot(buyer, f"buyer-thread-{language}-desktop")
    phone = person(browser, server, "buyer", language, phone=True)
    phone.goto(buyer.url)
    assert phone.get_by_text("ship within 2–3 working days").is_visible()
    shot(phone, f"buyer-thread-{language}-phone")
    phone.goto(server + "/messages/")
    shot(phone, f"buyer-inbox-{language}-phone")
    for page in (seller, buyer, phone):
        page.context.close()


def test_bulk_label_and_archive_three_threads(browser: Any, server: str) -> None:
    seller = person(browser, server, "seller", "en")
    seller.goto(server + "/shop/1/messages/")
    rows = seller.locator("[data-thread]")
    ids = [rows.nth(i).get_attribute("data-thread") for i in range(3)]
    for cid in ids:
        seller.check(f"[data-thread='{cid}'] .thread__pick")
    seller.select_option("#bulk-label", label="Cadeau")
    seller.get_by_role("button", name="Apply label").click()
    seller.wait_for_load_state()
    for cid in ids:
        assert seller.locator(f"[data-thread='{cid}'] .badge--label", has_text="Cadeau").count()
        seller.check(f"[data-thread='{cid}'] .thread__pick")
    seller.get_by_role("button", name=say("en", "Archive", "action")).click()
    seller.get_by_text("Archived: 3.").wait_for()
    for cid in ids:
        assert seller.locator(f"[data-thread='{cid}']").count() == 0
    seller.goto(server + "/shop/1/messages/?folder=archive")
    for cid in ids:
        assert seller.locator(f"[data-thread='{cid}']").count() == 1
    shot(seller, "inbox-archive-desktop")
    seller.context.close()


def test_a_help_request_appears_in_its_view(browser: Any, server: str) -> None:
    buyer = person(browser, server, "buyer", "en")
    buyer.get_by_role("link", name="Order details and help").first.click()
    buyer.get_by_role("link", name="Ask the shop", exact=True).click()
    buyer.select_option("select[name=reason]", "wrong_item")
    buyer.fill("textarea[name=body]", "This is not the teapot I ordered.")
    buyer.get_by_role("button", name="Send").click()
    buyer.wait_for_url("**/messages/*/")
    seller = person(browser, server, "seller", "en")
    seller.goto(server + "/shop/1/messages/")
    seller.get_by_role("link", name="Help requests").click()
    assert seller.get_by_text("This is not the teapot I ordered.").is_visible()
    assert seller.get_by_text("I received the wrong item").first.is_visible()
    for page in (seller, buyer):
        page.context.close()


def test_a_ticket_is_closed_by_the_seller_and_reopened_by_the_buyer(
    browser: Any, server: str
) -> None:
    buyer = person(browser, server, "buyer", "en")
    buyer.get_by_role("link", name="Order details and help").first.click()
    buyer.get_by_role("link", name="Open a support ticket").click()
    buyer.fill("textarea[name=body]", "Can you change the delivery address?")
    buyer.get_by_role("button", name="Send").click()
    buyer.wait_for_url("**/messages/*/")
    thread_url = buyer.url
    cid = thread_url.rstrip("/").split("/")[-1]
    seller = person(browser, server, "seller", "en")
    seller.goto(f"{server}/shop/1/messages/{cid}/")
    seller.get_by_role("button", name="Close ticket").click()
    seller.get_by_text("The ticket is closed.").wait_for()
    buyer.goto(thread_url)
    assert buyer.locator("[data-ticket-status]").inner_text() == "Closed"
    buyer.get_by_role("button", name="Reopen ticket").click()
    buyer.get_by_text("The ticket is open again.").wait_for()
    assert buyer.locator("[data-ticket-status]").inner_text() == "Open"
    for page in (seller, buyer):
        page.context.close()


def test_spam_trash_and_restore(browser: Any, server: str) -> None:
    seller = person(browser, server, "seller", "en")
    seller.goto(server + "/shop/1/messages/")
    first = seller.locator("[data-thread]").first
    cid = first.get_attribute("data-thread")
    first.locator(".thread__link").click()
    seller.get_by_role("button", name=say("en", "Spam", "action")).click()
    seller.get_by_text("Moved to spam: 1.").wait_for()
    seller.goto(server + "/shop/1/messages/?folder=spam")
    seller.locator(f"[data-thread='{cid}'] .thread__link").click()
    seller.get_by_role("button", name="Not spam").click()
    seller.goto(f"{server}/shop/1/messages/{cid}/")
    seller.get_by_role("button", name=say("en", "Trash", "action")).click()
    seller.get_by_text("Moved to the trash: 1.").wait_for()
    seller.goto(server + "/shop/1/messages/?folder=trash")
    assert seller.locator(f"[data-thread='{cid}']").count() == 1
    seller.locator(f"[data-thread='{cid}'] .thread__link").click()
    seller.get_by_role("button", name="Restore").click()
    seller.goto(server + "/shop/1/messages/")
    assert seller.locator(f"[data-thread='{cid}']").count() == 1
    seller.context.close()


def test_the_keyboard_moves_opens_and_archives(browser: Any, server: str) -> None:
    seller = person(browser, server, "seller", "en")
    seller.goto(server + "/shop/1/messages/")
    seller.keyboard.press("?")
    assert seller.locator("#shortcuts").is_visible()
    seller.keyboard.press("Escape")
    seller.keyboard.press("j")
    seller.keyboard.press("j")
    second = seller.locator("[data-thread]").nth(1)
    assert "thread--current" in (second.get_attribute("class") or "")
    cid = second.get_attribute("data-thread")
    seller.keyboard.press("o")
    seller.wait_for_url(f"**/messages/{cid}/")
    seller.keyboard.press("r")
    assert seller.evaluate("document.activeElement.name") == "body"
    seller.keyboard.press("Escape")
    seller.keyboard.press("e")
    seller.get_by_text("Archived: 1.").wait_for()
    seller.keyboard.press("/")
    assert seller.evaluate("document.activeElement.name") == "q"
    seller.context.close()


def test_without_javascript_the_buyer_still_asks_and_replies(browser: Any, server: str) -> None:
    buyer = person(browser, server, "buyer", "en", js=False)
    buyer.goto(server + "/listings/2/")
    buyer.click("[data-ask]")
    buyer.fill("textarea[name=body]", "No script here: what glaze is this?")
    buyer.get_by_role("button", name="Send").click()
    buyer.wait_for_url("**/messages/*/")
    buyer.fill("textarea[name=body]", "And is it food-safe?")
    buyer.get_by_role("button", name="Send").click()
    buyer.get_by_text("And is it food-safe?").wait_for()
    assert buyer.locator("[data-message]").count() == 2
    buyer.context.close()


def test_a_weekly_auto_reply_answers_the_first_message_outside_the_hours(
    browser: Any, server: str
) -> None:
    """Runs last: it switches Claire's weekly auto-reply on, then off again."""
    import datetime as dt
    import zoneinfo

    today = dt.datetime.now(zoneinfo.ZoneInfo("Europe/Paris")).weekday()
    seller = person(browser, server, "seller", "en")
    seller.goto(server + "/shop/1/messages/auto-reply/")
    seller.check("input[name=weekly_on]")
    for day in range(7):
        box = seller.locator(f"input[name=day{day}]")
        if day == today:  # not available today: now is outside the hours
            box.uncheck()
        else:
            box.check()
            seller.fill(f"input[name=from{day}_1]", "09:00")
            seller.fill(f"input[name=to{day}_1]", "18:00")
    seller.click("button[name=save_weekly]")
    seller.get_by_text("Auto-reply saved.").wait_for()
    assert "outside your hours" in seller.locator(".banner").first.inner_text()
    shot(seller, "auto-reply-desktop")

    buyer = person(browser, server, "buyer", "en")
    buyer.goto(server + "/shops/atelier-terre-feu/")
    buyer.click("[data-contact-shop]")
    buyer.fill("textarea[name=body]", "Do you make custom mugs?")
    buyer.get_by_role("button", name="Send").click()
    buyer.wait_for_url("**/messages/*/")
    assert buyer.get_by_text("Automatic reply").count() == 1
    buyer.fill("textarea[name=body]", "For a wedding, 40 of them.")
    buyer.get_by_role("button", name="Send").click()
    buyer.get_by_text("For a wedding, 40 of them.").wait_for()
    assert buyer.get_by_text("Automatic reply").count() == 1  # only the first message
    seller.uncheck("input[name=weekly_on]")
    seller.click("button[name=save_weekly]")
    seller.get_by_text("Auto-reply saved.").wait_for()
    for page in (seller, buyer):
        page.context.close()
