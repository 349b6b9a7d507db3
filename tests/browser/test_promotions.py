"""Offers, sends to past buyers and consent in a real Chromium, as the people involved live it.

Atelier Lune has four past buyers: Ann and Bea agreed to receive news and offers, Cid said
no at checkout, Dov was never asked. The seller makes a coupon code and sends it to all
past buyers, seeing beforehand that two are left out, and watches the send finish. Ann
reads it in her inbox (marked as news and offers) and turns the shop off; Cid has nothing;
Bea unsubscribes in one click from the e-mail's link, logged out. Then the seller slips an
advertisement into an order thread with Cid: it is held, Cid never sees it, and Trust &
Safety read the evidence and reject it.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.models import User
from comptoir.consent.models import Consent, ConsentChange, Source
from comptoir.consent.services import consent_set
from comptoir.core import clock
from comptoir.core.models import OutboxEmail
from comptoir.messaging.models import Message
from comptoir.messaging.services.drafts import Draft
from comptoir.messaging.services.starting import order_conversation_start
from comptoir.moderation.models import Flag
from comptoir.orders.models import Order
from comptoir.orders.services import BuyerInput, ItemInput, OrderInput, order_upsert
from comptoir.promotions.models import Campaign, Coupon, Recipient
from comptoir.shops.access import as_member
from comptoir.shops.models import Shop
from tests.accounts.helpers import confirmed_device, enter_sign_in_code
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS
from tests.promotions.sends.conftest import run_sends

pytestmark = BROWSER_TESTS

NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)  # 14:00 in Paris
WAIT = 10_000  # ms
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SUBJECT = "Summer linen is here"
BODY = "Our new linen aprons are in the shop: indigo, rust and sand."
AD = "Big sale this weekend: 30% off everything in my shop, use code SPRING30!"


@pytest.fixture
def frozen() -> Iterator[None]:
    with clock.frozen_at(NOON):
        yield


@pytest.fixture
def past_buyers(frozen: None, shop: Shop, seller: User) -> Shop:
    """Ann and Bea agreed, Cid said no, Dov was never asked; the seller already wrote to
    Cid about his order."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    past_buyer(shop, "ann", agreed=True, days_ago=40)
    past_buyer(shop, "bea", agreed=True, days_ago=30)
    cid_order = past_buyer(shop, "cid", agreed=False, days_ago=20)
    past_buyer(shop, "dov", agreed=None, days_ago=10)
    order_conversation_start(
        viewer=as_member(seller, shop),
        order=cid_order,
        draft=Draft(body="Thank you for your order, it leaves the workshop tomorrow."),
    )
    return shop


def past_buyer(shop: Shop, key: str, *, agreed: bool | None, days_ago: int) -> Order:
    """A buyer with a login who bought once from the shop; their answer at checkout (agreed,
    said no, or never asked) recorded through the consent service."""
    User.objects.create_user(
        username=key,
        password=f"{key}-pass-123",
        external_id=key,
        email=f"{key}@example.org",
        display_name=key.title(),
    )
    at = NOON - timedelta(days=days_ago)
    order, _ = order_upsert(
        shop=shop,
        data=OrderInput(
            external_id=f"order-{key}",
            buyer=BuyerInput(external_id=key, email=f"{key}@example.org", display_name=key.title()),
            status="paid",
            ordered_at=at,
            ship_by=(at + timedelta(days=2)).date(),
            estimated_delivery_on=(at + timedelta(days=6)).date(),
            items=[ItemInput(title="Linen apron", unit_price=Decimal("35.00"))],
        ),
    )
    if agreed is not None:
        consent_set(buyer_id=order.buyer_id, shop_id=shop.id, given=agreed, source=Source.CHECKOUT)
    return order


def person(
    browser: Any, base: str, username: str, password: str, second_factor: TOTPDevice | None = None
) -> Any:
    """A fresh browser context (its own cookies), logged in through the login page; staff
    then type a code from their authenticator app."""
    page = logged_out(browser)
    page.goto(base + "/login/")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.locator("button[type=submit]").click()
    if second_factor is not None:
        enter_sign_in_code(page, second_factor)
    page.wait_for_url(base + "/")
    return page


def logged_out(browser: Any) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(WAIT)
    return page


def shot(page: Any, name: str) -> Path:
    path = SCREENSHOTS / f"promotions-{name}.png"
    page.evaluate("window.scrollTo(0, 0)")  # the sticky top bar stays at the top
    page.screenshot(path=str(path), full_page=True)
    return path


def send_to_all_past_buyers(
    desk: Any, base: str, shop: Shop, *, code: str = "", screenshot: str = ""
) -> Campaign:
    """From Promotions: a new send to all past buyers, the audience checked (2 of 4 left
    out) before the Send button, sent; the send page shows an empty bar."""
    from playwright.sync_api import expect

    desk.get_by_role("link", name="New send").click()
    desk.wait_for_url(base + f"/shop/{shop.id}/promotions/sends/new/")
    expect(desk.get_by_role("button", name=re.compile(r"^Send to"))).to_have_count(0)
    desk.get_by_label("All past buyers").check()
    desk.get_by_label("Subject").fill(SUBJECT)
    desk.locator("#send-form").get_by_label(re.compile(r"^Message")).fill(BODY)
    if code:
        desk.get_by_label("Coupon code (optional)").select_option(label=code)
    desk.get_by_role("button", name="Check audience").click()
    check = desk.locator("#audience-check")
    expect(check.locator('[data-count="audience"]')).to_have_text("4")
    expect(check.locator('[data-count="consenting"]')).to_have_text("2")
    expect(check.locator('[data-count="left-out"]')).to_have_text("2")
    expect(check).to_contain_text(
        "4 past buyers — 2 will receive it — 2 left out: they have not agreed to receive "
        "news and offers."
    )
    assert Campaign.objects.count() == 0  # checking sends nothing
    if screenshot:
        shot(desk, screenshot)
    desk.get_by_role("button", name="Send to 2 buyers").click()
    desk.wait_for_url(re.compile(rf".*/shop/{shop.id}/promotions/sends/\d+/$"))
    campaign = Campaign.objects.get()
    assert desk.url == base + f"/shop/{shop.id}/promotions/sends/{campaign.id}/"
    expect(desk.locator(".flash")).to_contain_text("Sending has started.")
    progress = desk.locator("#send-progress")
    expect(progress).to_have_attribute("data-status", "sending")
    expect(progress.locator("#send-bar")).to_have_attribute("max", "2")
    expect(progress.locator("#send-bar")).to_have_attribute("value", "0")
    expect(progress).to_contain_text("0 of 2 buyers who agreed reached")
    return campaign


def watch_the_bar_end(desk: Any) -> None:
    """The worker runs; the page follows the send without a reload, up to the end."""
    from playwright.sync_api import expect

    assert run_sends() == ["sent"]  # the worker
    progress = desk.locator("#send-progress")
    expect(progress.locator("#send-bar")).to_have_attribute("value", "2", timeout=WAIT)
    expect(progress).to_have_attribute("data-status", "sent")
    expect(progress).to_contain_text("100 %")
    expect(progress).to_contain_text("2 of 2 buyers who agreed reached")
    expect(progress.locator('[data-count="sent"]')).to_have_text("2")
    expect(progress.locator('[data-count="to-send"]')).to_have_text("0")
    expect(progress.locator('[data-count="left-out"]')).to_have_text("2")
    expect(desk.locator("#send-progress[data-refresh]")).to_have_count(0)  # polling stopped


def expect_who_got_it(desk: Any) -> None:
    """The recipients table: Ann and Bea got it (a link to each thread), Cid and Dov were
    left out."""
    from playwright.sync_api import expect

    who = desk.locator("#recipients tbody tr")
    expect(who).to_have_count(4)
    for name in ("Ann", "Bea"):
        row = who.filter(has_text=name)
        expect(row).to_have_attribute("data-status", "sent")
        expect(row.get_by_role("cell").nth(1)).to_have_text("Sent")
        expect(row.get_by_role("link", name=name)).to_be_visible()
    for name in ("Cid", "Dov"):
        row = who.filter(has_text=name)
        expect(row).to_have_attribute("data-status", "left_out")
        expect(row.get_by_role("cell").nth(1)).to_have_text("Left out: no consent")


@pytest.mark.django_db(transaction=True)
def test_a_send_reaches_only_who_agreed_and_an_advert_to_anyone_else_is_held(
    browser: Any, live_server: Any, past_buyers: Shop, seller: User, staff: User
) -> None:
    from playwright.sync_api import expect

    shop = past_buyers
    base = str(live_server.url)
    saved: dict[str, Path] = {}

    # 1. The seller: Promotions from the inbox, a coupon code, then a send to all past buyers.
    desk = person(browser, base, "seller", "seller-pass-123")
    desk.locator("main").get_by_role("link", name="Messages", exact=True).click()
    desk.wait_for_url(base + f"/shop/{shop.id}/messages/")
    desk.locator("nav").get_by_role("link", name="Promotions", exact=True).click()
    desk.wait_for_url(base + f"/shop/{shop.id}/promotions/")
    desk.locator("main").get_by_role("link", name="Coupon codes").first.click()
    desk.wait_for_url(base + f"/shop/{shop.id}/promotions/coupons/")
    new_code = desk.locator("#new form")
    new_code.get_by_label("Code").fill("SUMMER15")
    new_code.get_by_label("Discount").select_option(label="Percent off")
    new_code.get_by_label(re.compile(r"^Amount")).fill("15")
    new_code.get_by_label("Ends").fill("2026-06-30T12:00")
    new_code.get_by_role("button", name="Create the code").click()
    expect(desk.locator(".flash")).to_contain_text("The code SUMMER15 is ready.")
    coupon = Coupon.objects.get(shop=shop)
    assert (coupon.code, coupon.discount_kind, coupon.amount) == ("SUMMER15", "percent", 15)

    desk.get_by_role("link", name="Shop Manager").click()
    desk.locator("nav").get_by_role("link", name="Promotions", exact=True).click()
    campaign = send_to_all_past_buyers(desk, base, shop, code="SUMMER15", screenshot="audience")
    watch_the_bar_end(desk)
    expect_who_got_it(desk)
    saved["promotions-send"] = shot(desk, "send")
    statuses = dict(
        Recipient.objects.filter(campaign=campaign).values_list("buyer__username", "status")
    )
    assert statuses == {"ann": "sent", "bea": "sent", "cid": "left_out", "dov": "left_out"}
    mails = OutboxEmail.objects.filter(reason="marketing")
    assert sorted(mails.values_list("recipient", flat=True)) == [
        "ann@example.org",
        "bea@example.org",
    ]

    # 2. Ann, who agreed: the thread is marked as news and offers; she turns the shop off.
    ann = person(browser, base, "ann", "ann-pass-123")
    ann.get_by_role("link", name="Messages", exact=True).click()
    ann.wait_for_url(base + "/messages/")
    thread = ann.locator("[data-thread]", has_text=SUBJECT)
    expect(thread).to_have_count(1)
    expect(thread.locator(".badge--marketing")).to_have_text("News & offers")
    thread.locator(".thread__link").click()
    ann.wait_for_url(re.compile(r".*/messages/\d+/$"))
    message = ann.locator("[data-message]").first
    expect(message).to_contain_text(BODY)
    expect(message).to_contain_text("Your code: SUMMER15 — 15 % off, until June 30, 2026")
    expect(message.locator(".badge--marketing")).to_have_text("News & offers")
    strip = ann.locator("[data-marketing-strip]")
    expect(strip).to_contain_text(
        "News and offers from Atelier Lune — you get these because you agreed."
    )
    saved["promotions-buyer"] = shot(ann, "buyer")
    strip.get_by_role("link", name="Stop them").click()
    ann.wait_for_url(base + "/account/marketing/")
    switch = ann.locator(f"#shop-{shop.id}")
    expect(switch.get_by_label("Send me news and offers")).to_be_checked()
    switch.get_by_label("Send me news and offers").uncheck()
    switch.get_by_role("button", name="Save").click()
    expect(ann.locator(".flash")).to_contain_text(
        "You will no longer get news and offers from Atelier Lune."
    )
    expect(ann.locator(f"#shop-{shop.id}")).to_contain_text("You said no")
    expect(
        ann.locator(f"#shop-{shop.id}").get_by_label("Send me news and offers")
    ).not_to_be_checked()
    shot(ann, "buyer-preferences")
    ann_id = User.objects.get(username="ann").id
    assert Consent.objects.get(buyer_id=ann_id, shop=shop).given is False
    last = ConsentChange.objects.filter(buyer_id=ann_id, shop=shop).order_by("id").last()
    assert last is not None
    assert (last.given, last.source) == (False, Source.ACCOUNT)

    # 3. Cid, who said no: no news and offers in his inbox.
    cid = person(browser, base, "cid", "cid-pass-123")
    cid.get_by_role("link", name="Messages", exact=True).click()
    cid.wait_for_url(base + "/messages/")
    expect(cid.locator("[data-thread]")).to_have_count(1)  # the order thread only
    expect(cid.locator(".badge--marketing")).to_have_count(0)
    expect(cid.get_by_text(SUBJECT)).to_have_count(0)

    # 4. Bea unsubscribes from the e-mail's link, logged out, in one click.
    mail = OutboxEmail.objects.get(reason="marketing", recipient="bea@example.org")
    found = re.search(r"https?://\S+?(/unsubscribe/[^/\s]+/)", mail.body)
    assert found is not None
    assert mail.headers["List-Unsubscribe"] == f"<{found.group(0)}>"
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stranger = logged_out(browser)
    stranger.goto(base + found.group(1))
    expect(stranger.locator("h1")).to_have_text("Stop news and offers from Atelier Lune?")
    expect(stranger.locator("main").get_by_role("button")).to_have_count(1)
    bea_id = User.objects.get(username="bea").id
    assert Consent.objects.get(buyer_id=bea_id, shop=shop).given is True  # opening asks only
    shot(stranger, "unsubscribe")
    stranger.locator("main").get_by_role("button", name="Unsubscribe").click()
    expect(stranger.locator("h1")).to_have_text("You are unsubscribed")
    expect(stranger.locator("main")).to_contain_text(
        "You will no longer get news and offers from Atelier Lune."
    )
    consent = Consent.objects.get(buyer_id=bea_id, shop=shop)
    assert (consent.given, consent.source) == (False, Source.UNSUBSCRIBE)
    last = ConsentChange.objects.filter(buyer_id=bea_id, shop=shop).order_by("id").last()
    assert last is not None
    assert (last.given, last.source) == (False, Source.UNSUBSCRIBE)
    bea_message = Message.objects.get(conversation__buyer_id=bea_id, is_marketing=True)
    assert last.reference == str(bea_message.id)
    shot(stranger, "unsubscribed")

    # 5. An advert in Cid's order thread: held, never shown to Cid; Trust & Safety reject it.
    desk.get_by_role("link", name="Shop Manager").click()
    desk.wait_for_url(base + f"/shop/{shop.id}/messages/")
    desk.locator("[data-thread]", has_text="Cid").locator(".thread__link").click()
    desk.wait_for_url(re.compile(rf".*/shop/{shop.id}/messages/\d+/$"))
    thread_url = desk.url
    desk.locator("#reply textarea[name=body]").fill(AD)
    desk.locator("#reply").get_by_role("button", name="Send").click()
    advert = desk.locator("[data-message]", has_text="SPRING30")
    expect(advert.locator("[data-held]")).to_have_text("Held for review")
    expect(advert.locator("[data-held-note]")).to_contain_text(
        "Held for review — not delivered: it looks like advertising and this buyer has not "
        "agreed to receive news and offers from your shop."
    )
    desk.reload()  # it stays held, not only on the page that sent it
    expect(
        desk.locator("[data-message]", has_text="SPRING30").locator("[data-held]")
    ).to_be_visible()
    shot(desk, "held")
    held = Message.objects.get(body=AD)
    assert held.held is True
    assert not OutboxEmail.objects.filter(recipient="cid@example.org", body__contains="SPRING30")

    cid.reload()
    expect(cid.locator("[data-thread]")).to_have_count(1)
    expect(cid.locator("[data-thread]")).not_to_contain_text("SPRING30")  # not even a preview
    cid.locator("[data-thread]").locator(".thread__link").click()
    cid.wait_for_url(base + f"/messages/{held.conversation_id}/")
    expect(cid.locator("[data-message]")).to_have_count(1)
    expect(cid.get_by_text("SPRING30")).to_have_count(0)
    expect(cid.get_by_text("Big sale")).to_have_count(0)

    desk_staff = person(browser, base, "staff", "staff-pass-123", confirmed_device(staff))
    desk_staff.get_by_role("link", name="Service standards").click()
    desk_staff.locator("main").get_by_role("link", name="Moderation", exact=True).click()
    desk_staff.wait_for_url(base + "/staff/moderation/")
    flag = Flag.objects.get(message=held)
    row = desk_staff.locator(f'[data-flag="{flag.id}"]')
    expect(row).to_have_attribute("data-outcome", "held")
    expect(row).to_contain_text("Held, not delivered")
    expect(row).to_contain_text("Advertising without consent")
    shot(desk_staff, "moderation-queue")
    row.get_by_role("link", name="Review").click()
    desk_staff.wait_for_url(base + f"/staff/moderation/flags/{flag.id}/")
    expect(desk_staff.locator("h1")).to_have_text("Held message")
    body = desk_staff.locator("[data-message-body]")
    expect(body).to_contain_text(AD)
    marks = body.locator("mark[data-finding]")
    expect(marks).to_have_text(["sale", "30% off", "use code"])  # in the message's order
    expect(marks.nth(1)).to_have_attribute("title", "Promotional wording")
    rule = desk_staff.locator('[data-rule="advertising.promotion"]').first
    expect(rule).to_contain_text("Promotional wording")
    expect(rule).to_contain_text("Advertising without consent")
    expect(rule.locator("mark")).to_have_text("30% off")
    saved["moderation-flag"] = shot(desk_staff, "moderation-flag")
    desk_staff.get_by_label("Note").fill("A sale announcement to a buyer who said no.")
    desk_staff.get_by_role("button", name="Reject: never deliver it").click()
    desk_staff.wait_for_url(base + "/staff/moderation/")
    expect(desk_staff.locator(".flash")).to_contain_text(
        f"Flag #{flag.id}: Rejected (never delivered)."
    )
    expect(desk_staff.locator(f'[data-flag="{flag.id}"]')).to_have_count(0)
    flag.refresh_from_db()
    held.refresh_from_db()
    assert flag.status == Flag.Status.REJECTED
    assert held.held is True  # rejected: never delivered

    cid.reload()
    expect(cid.locator("[data-message]")).to_have_count(1)
    expect(cid.get_by_text("SPRING30")).to_have_count(0)
    assert not OutboxEmail.objects.filter(recipient="cid@example.org", body__contains="SPRING30")
    desk.goto(thread_url)
    expect(desk.locator("[data-message]", has_text="SPRING30")).to_have_count(1)

    DOCS.mkdir(parents=True, exist_ok=True)
    for name, path in saved.items():
        shutil.copyfile(path, DOCS / f"{name}.png")
    for page in (desk, ann, cid, stranger, desk_staff):
        page.context.close()


@pytest.mark.django_db(transaction=True)
def test_the_send_page_shows_who_got_it_when_the_bar_ends_without_a_reload(
    browser: Any, live_server: Any, past_buyers: Shop, seller: User
) -> None:
    """The seller watches the bar on the send page: when it reaches the end, the same page
    says who got it, not "To send" next to the buyers the bar counts as reached."""
    shop = past_buyers
    base = str(live_server.url)
    desk = person(browser, base, "seller", "seller-pass-123")
    desk.goto(base + f"/shop/{shop.id}/promotions/")
    send_to_all_past_buyers(desk, base, shop)
    watch_the_bar_end(desk)
    shot(desk, "send-no-reload")
    expect_who_got_it(desk)
    desk.context.close()
