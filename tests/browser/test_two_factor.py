"""Two-factor sign-in in a real Chromium: staff set it up at their first sign-in, then
type a code from their app after the password, every time."""

from __future__ import annotations

import re
import time
from base64 import b32decode
from typing import Any

import pytest
from django_otp.oath import hotp

from comptoir.accounts.models import User
from tests.accounts.helpers import confirmed_device, enter_sign_in_code
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS

pytestmark = [*BROWSER_TESTS, pytest.mark.django_db(transaction=True)]

WAIT = 10_000  # ms


def password_step(browser: Any, base: str, path: str) -> Any:
    """Open `path` logged out, and sign in there with the staff password."""
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.set_default_timeout(WAIT)
    page.goto(base + path)
    page.wait_for_url(re.compile(r".*/login/\?next="))
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=username]").fill("staff")
    form.locator("input[name=password]").fill("staff-pass-123")
    form.locator("button[type=submit]").click()
    return page


def test_staff_type_a_code_after_the_password_and_reach_the_console(
    browser: Any, live_server: Any, staff: User
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = str(live_server.url)
    device = confirmed_device(staff)
    page = password_step(browser, base, "/staff/standards/")

    page.wait_for_url(base + "/account/two-factor/verify/?next=%2Fstaff%2Fstandards%2F")
    expect(page.locator("h1")).to_have_text("Enter your sign-in code")
    page.fill("#id_code", "000000")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("alert")).to_contain_text("That code is not right.")
    page.screenshot(path=str(SCREENSHOTS / "two-factor-verify.png"), full_page=True)
    time.sleep(1.1)  # django-otp makes the next try wait a second after a wrong code

    enter_sign_in_code(page, device)
    page.wait_for_url(base + "/staff/standards/")
    expect(page.locator("h1")).to_be_visible()
    page.goto(base + "/admin/")
    expect(page).to_have_url(base + "/admin/")


def test_staff_set_it_up_at_their_first_sign_in(
    browser: Any, live_server: Any, staff: User
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = str(live_server.url)
    page = password_step(browser, base, "/staff/moderation/")

    page.wait_for_url(base + "/account/two-factor/?next=%2Fstaff%2Fmoderation%2F")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "two-factor-setup.png"), full_page=True)
    # Typing the key by hand, as an app without a camera would.
    key = b32decode(page.locator("[data-secret]").inner_text().replace(" ", ""))
    page.fill("#id_code", f"{hotp(key, int(time.time()) // 30):06d}")
    page.get_by_role("button", name="Turn on two-factor sign-in").click()

    expect(page.locator("h1")).to_have_text("Your recovery codes")
    expect(page.locator("[data-recovery-code]")).to_have_count(10)
    page.screenshot(path=str(SCREENSHOTS / "two-factor-recovery-codes.png"), full_page=True)
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_url(base + "/staff/moderation/")
    page.goto(base + "/account/")
    expect(page.locator('[data-two-factor="on"]')).to_be_visible()
