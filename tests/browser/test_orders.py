"""The order pages in a real Chromium, on a phone (360 px) and at desktop width: the buyer
opens an order from home with the keyboard, reads the shop's note and answers it; the
seller opens the order from "Orders to ship", messages the buyer, waits on the buyer's
answer, finds the order in the waiting list, and sees it leave once the buyer answers."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.orders.models import Order
from comptoir.orders.services import order_note_add
from comptoir.shops.models import Shop
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS
from tests.browser.test_mail import DESKTOP, PHONE, fits_the_screen, sign_in

pytestmark = BROWSER_TESTS


def _fresh(order: Order) -> None:
    """The fixture's order, moved to now: paid, its ship-by date ahead."""
    now = clock.now()
    Order.objects.filter(pk=order.pk).update(
        ordered_at=now - timedelta(days=1),
        ship_by=(now + timedelta(days=3)).date(),
        estimated_delivery_on=(now + timedelta(days=8)).date(),
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "language"), [("phone", "fr"), ("desktop", "en")])
def test_the_buyer_opens_an_order_reads_the_note_and_answers(
    browser: Any,
    live_server: Any,
    shop: Shop,
    seller: User,
    buyer: User,
    order: Order,
    width: str,
    language: str,
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _fresh(order)
    buyer.language = language
    buyer.save()
    order_note_add(
        order=order, author=seller, visibility="customer", body="Which colour: indigo or rust?"
    )
    base = str(live_server.url)
    viewport = PHONE if width == "phone" else DESKTOP
    page = sign_in(browser, base, "buyer", "buyer-pass-123", viewport=viewport)
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"orders-buyer-home-{width}.png"), full_page=True)

    # From home to the order, with the keyboard.
    link = page.locator(f'a.order-card__number[href="/orders/{order.pk}/"]')
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/orders/{order.pk}/")
    main = page.locator("main")
    expect(main).to_contain_text("Which colour: indigo or rust?")
    if language == "fr":
        expect(main).to_contain_text("Notes de la boutique")
        expect(main).to_contain_text("Interroger la boutique sur cette commande")
        expect(main).to_contain_text("Ouvrir un ticket d'assistance")
    else:
        expect(main).to_contain_text("Notes from the shop")
        expect(main).to_contain_text("Ask the shop about this order")
        expect(main).to_contain_text("Open a support ticket")
        expect(main).to_contain_text("A case cannot be opened yet.")
    # Both help buttons are on screen width, nothing scrolls sideways.
    for button in page.locator(".choice .button").all():
        box = button.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= viewport["width"]
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"orders-buyer-order-{width}.png"), full_page=True)

    # The answer, typed and sent with the keyboard.
    box = page.locator("#answer textarea")
    box.focus()
    page.keyboard.type("Indigo, please.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/messages/**")
    expect(page.locator("[data-messages]")).to_contain_text("Indigo, please.")
    assert fits_the_screen(page)
    page.goto(f"{base}/orders/{order.pk}/")
    expect(page.locator("main")).to_contain_text(
        "Au sujet de votre commande order-1" if language == "fr" else "About your order order-1"
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("width", "language"), [("desktop", "en"), ("phone", "fr")])
def test_the_seller_messages_the_buyer_and_waits_on_an_answer(
    browser: Any,
    live_server: Any,
    shop: Shop,
    seller: User,
    buyer: User,
    order: Order,
    width: str,
    language: str,
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _fresh(order)
    seller.language = language
    seller.save()
    base = str(live_server.url)
    viewport = PHONE if width == "phone" else DESKTOP
    page = sign_in(browser, base, "seller", "seller-pass-123", viewport=viewport)
    url = f"{base}/shop/{shop.pk}/orders/{order.pk}/"

    # From "Orders to ship" to the order page.
    page.locator(f'.table a[href="/shop/{shop.pk}/orders/{order.pk}/"]').click()
    page.wait_for_url(url)
    main = page.locator("main")
    expect(main).to_contain_text("b@example.org")
    expect(main).to_contain_text("Linen apron")
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"orders-seller-order-{width}.png"), full_page=True)

    # Message the buyer: the thread opens with the message.
    page.fill("#message textarea", "Your apron is on the sewing table.")
    page.locator("#message button[type=submit]").click()
    page.wait_for_url(f"{base}/shop/{shop.pk}/messages/**")
    expect(page.locator("[data-messages]")).to_contain_text("Your apron is on the sewing table.")
    expect(page.locator("[data-buyer-history]")).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"orders-seller-thread-{width}.png"), full_page=True)

    # Wait on the buyer: the phone number, asked in the same thread.
    page.goto(url)
    page.select_option("#waiting select", "phone")
    page.fill("#waiting textarea", "The courier insists on a number.")
    page.locator("#waiting form.form button[type=submit]").click()
    page.wait_for_url(url)
    expect(page.locator("#waiting")).to_contain_text("The courier insists on a number.")
    page.screenshot(
        path=str(SCREENSHOTS / f"orders-seller-order-waiting-{width}.png"), full_page=True
    )
    # Home: "Orders to ship" shows the wait beside the order, within the screen.
    page.goto(f"{base}/")
    expect(
        page.locator(f'.table--orders a[href="/shop/{shop.pk}/orders/{order.pk}/"]')
    ).to_be_visible()
    assert fits_the_screen(page)
    page.goto(f"{base}/shop/{shop.pk}/orders/waiting/")
    expect(page.locator("main")).to_contain_text("order-1")
    assert fits_the_screen(page)
    page.screenshot(path=str(SCREENSHOTS / f"orders-seller-waiting-{width}.png"), full_page=True)

    # The buyer answers from the order page; the order leaves the waiting list.
    buyer_page = sign_in(browser, base, "buyer", "buyer-pass-123", viewport=viewport)
    buyer_page.goto(f"{base}/orders/{order.pk}/")
    expect(buyer_page.locator("main")).to_contain_text("The courier insists on a number.")
    buyer_page.screenshot(
        path=str(SCREENSHOTS / f"orders-buyer-waiting-{width}.png"), full_page=True
    )
    buyer_page.fill("#answer textarea", "+33 6 12 34 56 78")
    buyer_page.locator("#answer button[type=submit]").click()
    buyer_page.wait_for_url(f"{base}/messages/**")
    page.reload()
    expect(page.locator("main")).not_to_contain_text("order-1")
