"""Service standards in a real Chromium: Trust & Safety walk a flagged shop up the ladder
to a temporary removal from search and back, while the seller watches their own page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from comptoir.accounts.models import User
from comptoir.core import clock
from comptoir.shops.models import Shop
from comptoir.standards.models import Evaluation, StandardsSettings
from comptoir.standards.tasks import run_evaluation
from tests.accounts.helpers import confirmed_device, enter_sign_in_code
from tests.browser.conftest import BROWSER_TESTS, SCREENSHOTS
from tests.standards.conftest import make_unhappy

pytestmark = BROWSER_TESTS


NOON = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
WAIT = 10_000  # ms


@pytest.fixture
def frozen() -> Iterator[None]:
    with clock.frozen_at(NOON):
        yield


def person(
    browser: Any,
    base: str,
    username: str,
    password: str,
    *,
    phone: bool = False,
    second_factor: TOTPDevice | None = None,
) -> Any:
    """Logged in through the login page; staff then type a code from their app."""
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(WAIT)
    page.goto(base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    if second_factor is not None:
        enter_sign_in_code(page, second_factor)
    page.wait_for_url(base + "/")
    return page


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"standards-{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_staff_walk_a_flagged_shop_to_a_search_removal_and_back(
    browser: Any, live_server: Any, frozen: None, shop: Shop, seller: User, staff: User
) -> None:
    from playwright.sync_api import expect

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    StandardsSettings.objects.create(id=1, auto_recommendation=False)
    make_unhappy(shop)
    base = str(live_server.url)

    # Staff ask for an evaluation and watch it finish without reloading the page.
    desk = person(browser, base, "staff", "staff-pass-123", second_factor=confirmed_device(staff))
    desk.get_by_role("link", name="Service standards").click()
    desk.wait_for_url(base + "/staff/standards/")
    desk.get_by_role("button", name="Evaluate now").click()
    status = desk.locator("#evaluation-status")
    expect(status).to_contain_text("Waiting for a worker")
    expect(desk.get_by_role("button", name="Evaluate now")).to_be_disabled()
    run_evaluation.call(Evaluation.objects.get().id)  # the worker
    expect(status.locator('tr[data-state="done"]')).to_be_visible()
    expect(desk.get_by_role("button", name="Evaluate now")).to_be_enabled()
    desk.reload()
    row = desk.locator(f'tr[data-shop="{shop.id}"]')
    expect(row).to_contain_text("30.0 %")
    expect(row).to_contain_text("Order dissatisfaction")
    shot(desk, "queue")

    # The seller's page: over the threshold, nothing asked of them yet.
    seller_page = person(browser, base, "seller", "seller-pass-123", phone=True)
    seller_page.get_by_role("link", name="Service standards").click()
    seller_page.wait_for_url(base + f"/shop/{shop.id}/standards/")
    expect(seller_page.get_by_text("Over the threshold").first).to_be_visible()
    expect(seller_page.locator("#in-force")).to_have_count(0)

    # 1. A recommendation.
    row.get_by_role("link", name="Atelier Lune").click()
    desk.wait_for_url(base + f"/staff/standards/shops/{shop.id}/")
    expect(desk.locator("[data-measures]")).to_be_hidden()  # only for a temporary step
    desk.get_by_label("Reason", exact=True).fill("Say the mugs' sizes in every listing.")
    desk.get_by_role("button", name="Take this step").click()
    expect(desk.locator(".flash")).to_contain_text("Recommendation taken for Atelier Lune.")
    seller_page.reload()
    in_force = seller_page.locator("#in-force")
    expect(in_force).to_contain_text("Recommendation")
    expect(in_force).to_contain_text("Say the mugs' sizes in every listing.")
    expect(in_force).to_contain_text("from Trust & Safety")
    shot(seller_page, "seller-recommendation-phone")

    # 2. A temporary removal from search.
    desk.get_by_label("Step", exact=True).select_option(label="Temporary measures")
    measures = desk.locator("[data-measures]")
    expect(measures).to_be_visible()
    measures.get_by_label("Removal from search").check()
    desk.get_by_label("Reason", exact=True).fill("Out of search until the listings are fixed.")
    desk.get_by_role("button", name="Take this step").click()
    expect(desk.locator(".flash")).to_contain_text("Temporary measures taken for Atelier Lune.")
    expect(desk.get_by_text("Out of search").first).to_be_visible()
    shot(desk, "shop-file")
    shop.refresh_from_db()
    assert shop.staff_search_removal is True
    seller_page.reload()
    expect(in_force).to_contain_text("Temporary measures")
    expect(in_force).to_contain_text("Your listings are out of search")
    expect(in_force).to_contain_text("Until Trust & Safety lift it.")
    assert staff.username not in seller_page.content()
    shot(seller_page, "seller-removal-phone")

    # 3. And back: the removal is lifted.
    removal = desk.locator('article[data-step="temporary"]')
    removal.get_by_text("Lift", exact=True).click()
    removal.get_by_label("Why it is lifted").fill("Listings fixed.")
    removal.get_by_role("button", name="Lift this step").click()
    expect(desk.locator(".flash")).to_contain_text("Temporary measures lifted.")
    expect(desk.locator('article[data-step="temporary"]')).to_contain_text("Lifted by staff")
    shop.refresh_from_db()
    assert shop.staff_search_removal is False
    seller_page.reload()
    expect(in_force).not_to_contain_text("Temporary measures")
    past = seller_page.locator("#past")
    expect(past).to_contain_text("Temporary measures")
    expect(past).to_contain_text(re.compile(r"Lifted on June 15, 2026: Listings fixed\."))
    shot(seller_page, "seller-lifted-phone")

    # Every step is in the audit log; the thresholds are one page further.
    desk.get_by_role("link", name="Audit log").first.click()
    expect(desk.locator('tr[data-verb="action.lifted"]')).to_contain_text("Listings fixed.")
    expect(desk.locator('tr[data-verb="action.taken"]')).to_have_count(2)
    shot(desk, "audit")
    desk.get_by_role("link", name="Thresholds and rules").click()
    expect(desk.get_by_label("Dissatisfaction rate (%)")).to_be_visible()
    shot(desk, "settings")
    desk.context.close()
    seller_page.context.close()
