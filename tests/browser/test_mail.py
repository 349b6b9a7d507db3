"""E-mail both ways in a real Chromium, on a phone: Trust & Safety read the local mailbox
from the staff home with the keyboard, and the seller reads a buyer's answer that came by
e-mail, marked so, in the thread."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from comptoir.accounts.models import User
from comptoir.accounts.notification_links import notifications_off_path
from comptoir.core.mailbox import BACKEND
from comptoir.core.outbox import drain
from comptoir.inbound.receive import POSTED, receive_mail
from comptoir.messaging.models import Conversation, Side
from comptoir.messaging.reply_addresses import reply_address
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.starting import conversation_start
from comptoir.shops.access import as_buyer
from comptoir.shops.models import Shop
from tests.accounts.helpers import confirmed_device, enter_sign_in_code
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS

pytestmark = BROWSER_TESTS

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
WAIT = 10_000  # ms

REPLY = """\
From: b@example.org
To: {to}
Subject: Re: New question: Linen apron
Message-ID: <browser-reply@mail.example.org>
Content-Type: text/plain; charset="utf-8"

Perfect, I will order two of them tonight.

On Mon, 15 Jun 2026 at 12:00, Atelier Lune <comptoir@localhost> wrote:
> Is it pre-washed?
"""


def sign_in(
    browser: Any,
    base: str,
    username: str,
    password: str,
    device: Any = None,
    *,
    viewport: dict[str, int] = PHONE,
) -> Any:
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(WAIT)
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    if device is not None:
        enter_sign_in_code(page, device)
    page.wait_for_url(base + "/")
    return page


def fits_the_screen(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.django_db(transaction=True)
def test_staff_read_the_mailbox_and_the_seller_an_e_mailed_answer_on_a_phone(
    browser: Any,
    live_server: Any,
    tmp_path: Path,
    shop: Shop,
    seller: User,
    buyer: User,
    staff: User,
    listing: Any,
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seller.email = "seller@example.org"
    seller.save()
    base = str(live_server.url)
    with override_settings(
        EMAIL_BACKEND=BACKEND, EMAIL_FILE_PATH=str(tmp_path), MAIL_REPLY_DOMAIN="reply.example.org"
    ):
        # A buyer's question: the seller's notification goes to the local mailbox.
        asked = conversation_start(
            viewer=as_buyer(buyer),
            kind=Conversation.Kind.LISTING_INQUIRY,
            listing=listing,
            draft=Draft(body="Is it pre-washed?"),
        )
        assert drain().sent
        # The buyer then answers from her mail client.
        to = reply_address(conversation_id=asked.conversation_id, side=Side.BUYER, user_id=buyer.id)
        outcome = receive_mail(REPLY.format(to=to).encode(), envelope_from="b@example.org")
        assert outcome.status == POSTED

        # Trust & Safety: from the staff home to the mail, with the keyboard only.
        desk = sign_in(browser, base, "staff", "staff-pass-123", confirmed_device(staff))
        mailbox_link = desk.get_by_role("link", name="Mailbox")
        mailbox_link.focus()
        desk.keyboard.press("Enter")
        desk.wait_for_url(base + "/staff/mail/")
        subject = desk.locator(".mailbox__subject").first
        expect(subject).to_contain_text("Linen apron")
        assert fits_the_screen(desk)
        desk.screenshot(path=str(SCREENSHOTS / "mail-mailbox-phone.png"), full_page=True)
        subject.focus()
        desk.keyboard.press("Enter")
        expect(desk.locator("main")).to_contain_text("Is it pre-washed?")
        expect(desk.locator("main")).to_contain_text("seller@example.org")
        html = desk.frame_locator("iframe.mailbox__html").locator("body")
        expect(html).to_contain_text("Is it pre-washed?")  # the HTML version, in its frame
        frame = desk.locator("iframe.mailbox__html")
        frame.scroll_into_view_if_needed()
        frame.screenshot(path=str(SCREENSHOTS / "mail-one-html-phone.png"))
        desk.set_viewport_size(DESKTOP)
        desk.screenshot(path=str(SCREENSHOTS / "mail-one-desktop.png"), full_page=True)
        desk.goto(base + "/staff/mail/")
        expect(desk.locator(".mailbox__subject").first).to_contain_text("Linen apron")
        desk.screenshot(path=str(SCREENSHOTS / "mail-mailbox-desktop.png"), full_page=True)
        assert fits_the_screen(desk)
        desk.screenshot(path=str(SCREENSHOTS / "mail-one-phone.png"), full_page=True)

        # The seller reads the e-mailed answer in the thread, marked "by e-mail".
        page = sign_in(browser, base, "seller", "seller-pass-123")
        page.goto(f"{base}/shop/{shop.id}/messages/{asked.conversation_id}/")
        answer = page.locator("[data-via-email]")
        expect(answer).to_have_count(1)
        expect(page.locator("main")).to_contain_text("Perfect, I will order two of them tonight.")
        expect(page.locator("main")).not_to_contain_text("wrote:")
        assert fits_the_screen(page)
        page.screenshot(path=str(SCREENSHOTS / "mail-thread-by-email-phone.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_buyer_stops_the_e_mails_from_the_link_and_turns_them_back_on(
    browser: Any, live_server: Any, buyer: User, viewport: dict[str, int]
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = str(live_server.url)
    width = "phone" if viewport is PHONE else "desktop"
    # The link from an e-mail's footer, opened without signing in, only asks.
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(WAIT)
    page.goto(base + notifications_off_path(user_id=buyer.id))
    button = page.get_by_role("button", name="Stop these e-mails")
    buyer.refresh_from_db()
    assert buyer.email_notifications
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"mail-stop-{width}.png"), full_page=True)
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("No more e-mails about new messages")
    buyer.refresh_from_db()
    assert not buyer.email_notifications

    # Signed in, the account page turns them back on, with the keyboard.
    page = sign_in(browser, base, "buyer", "buyer-pass-123", viewport=viewport)
    page.goto(base + "/account/")
    switch = page.locator("[data-email-notifications]")
    expect(switch).not_to_be_checked()
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"mail-account-switch-{width}.png"), full_page=True)
    switch.focus()
    page.keyboard.press("Space")
    page.locator("#notifications-card button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("[data-email-notifications]")).to_be_checked()
    buyer.refresh_from_db()
    assert buyer.email_notifications
