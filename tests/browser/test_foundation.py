"""A seller's first visit, in a real Chromium: log in, look around, switch languages."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.orders.models import Order
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS

pytestmark = BROWSER_TESTS


def words(language: str, text: str) -> str:
    with translation.override(language):
        return gettext(text)


@pytest.mark.django_db(transaction=True)
def test_a_seller_looks_around_in_three_languages(
    browser: object, live_server: object, seller: User, listing: Listing, order: Order
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = str(live_server.url)  # type: ignore[attr-defined]
    for name, viewport in (("desktop", (1280, 800)), ("phone", (390, 844))):
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})  # type: ignore[attr-defined]
        page.goto(base + "/login/")
        page.fill("#id_username", "seller")
        page.fill("#id_password", "seller-pass-123")
        page.click("main form button[type=submit]")
        page.wait_for_url(base + "/")
        assert page.locator("h2", has_text="Atelier Lune").is_visible()
        assert page.get_by_text("Shop Manager").first.is_visible()
        page.screenshot(path=str(SCREENSHOTS / f"seller-home-{name}.png"), full_page=True)

        page.get_by_role("link", name="Shop page").click()
        page.wait_for_url(base + "/shops/atelier-lune/")
        assert page.get_by_text("Returns accepted.").is_visible()
        page.screenshot(path=str(SCREENSHOTS / f"shop-{name}.png"), full_page=True)

        page.get_by_role("link", name="Linen apron").click()
        assert page.locator("h1", has_text="Linen apron").is_visible()
        assert page.get_by_role("cell", name="indigo").is_visible()
        page.screenshot(path=str(SCREENSHOTS / f"listing-{name}.png"), full_page=True)

        for language in ("fr", "pl"):
            page.select_option("#language", language)  # submits itself (JavaScript)
            expect(page.locator("html")).to_have_attribute("lang", language)  # CSP: no eval
            assert page.get_by_text(words(language, "Specifications")).first.is_visible()
            assert words(language, "Specifications") != "Specifications"
        page.screenshot(path=str(SCREENSHOTS / f"listing-pl-{name}.png"), full_page=True)

        page.select_option("#language", "en")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.get_by_role("button", name="Log out").click()
        assert page.get_by_role("link", name="Log in").first.is_visible()
        page.close()
