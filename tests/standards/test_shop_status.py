"""A shop's status follows the Trust & Safety measures in force, with the measure named,
wherever it is shown: the API, the seller's home, the staff table and the buyer's pages."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import date_format

from comptoir.accounts.models import User
from comptoir.catalog.models import Listing
from comptoir.core import clock
from comptoir.shops.models import Shop
from comptoir.shops.services import shop_upsert
from comptoir.shops.standing import standing_of
from comptoir.standards.ladder import action_take, end_due_actions
from tests.accounts.helpers import staff_login
from tests.standards.conftest import TODAY, Client_

pytestmark = pytest.mark.django_db

UNTIL = TODAY + timedelta(days=15)


def take(staff: Client_, shop: Shop, **body: Any) -> Any:
    response = staff.post(f"/standards/shops/{shop.external_id}/actions", body)
    assert response.status_code == 201, response.json()
    return response.json()


def in_english(day: date) -> str:
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def test_a_pause_with_an_end_shows_everywhere_and_its_lifting_too(
    shop: Shop, seller: User, listing: Listing, as_staff: Client_, api: Any, client: Client
) -> None:
    paused = take(as_staff, shop, step="temporary", measures=["pause_shop"],
                  reason="Ship the backlog first.", ends_on=str(UNTIL))  # fmt: skip
    read = api.get(f"/shops/{shop.external_id}").json()
    assert (read["status"], read["status_measure"], read["status_until"]) == (
        "paused",
        "pause_shop",
        str(UNTIL),
    )
    assert (read["marketplace_status"], read["accepts_orders"]) == ("active", False)
    # The marketplace re-sending the shop as active does not change what it reads back.
    again = api.put(f"/shops/{shop.external_id}", {"name": shop.name, "status": "active"})
    assert again.json()["status"] == "paused"

    badge = f"Paused by the marketplace until {in_english(UNTIL)}"
    client.force_login(seller)
    assert badge in client.get("/").content.decode()
    client.logout()
    for page in ("/shops/atelier-lune/", f"/listings/{listing.pk}/"):
        text = client.get(page).content.decode()
        assert "This shop is not taking orders at the moment." in text
        assert badge in text

    lifted = as_staff.post(f"/standards/actions/{paused['id']}/lift", {"reason": "Shipped."})
    assert lifted.status_code == 200
    read = api.get(f"/shops/{shop.external_id}").json()
    assert (read["status"], read["status_measure"], read["status_until"]) == ("active", None, None)
    assert "not taking orders" not in client.get("/shops/atelier-lune/").content.decode()
    client.force_login(seller)
    home = client.get("/").content.decode()
    assert 'data-shop-status="active"' in home
    assert "Paused by the marketplace" not in home


def test_a_revocation_is_named_for_the_seller_and_the_shop_is_gone_for_buyers(
    shop: Shop, seller: User, as_staff: Client_, api: Any, client: Client
) -> None:
    take(as_staff, shop, step="revocation", reason="Counterfeits.")
    read = api.get(f"/shops/{shop.external_id}").json()
    assert (read["status"], read["status_measure"], read["status_until"]) == (
        "revoked",
        "revocation",
        None,
    )
    client.force_login(seller)
    assert "Revoked by the marketplace" in client.get("/").content.decode()
    with translation.override("fr"):
        client.cookies["django_language"] = "fr"
        assert "Révoquée par la marketplace" in client.get("/").content.decode()
    client.logout()
    assert client.get("/shops/atelier-lune/").status_code == 404


def test_a_pause_stops_on_its_end_date_even_before_the_periodic_job(
    shop: Shop, as_staff: Client_, api: Any
) -> None:
    take(as_staff, shop, step="temporary", measures=["pause_shop", "payout_hold"],
         reason="Backlog.", ends_on=str(UNTIL))  # fmt: skip
    end = datetime.combine(UNTIL, datetime.min.time(), UTC) + timedelta(hours=1)
    with clock.frozen_at(end):
        shop.refresh_from_db()
        assert (shop.staff_paused, shop.standing.status, shop.accepts_orders) == (
            True,
            "active",
            True,
        )
        assert api.get(f"/shops/{shop.external_id}").json()["status"] == "active"
        assert end_due_actions() == 1
    shop.refresh_from_db()
    assert (shop.staff_paused, shop.staff_pause_ends_on) == (False, None)


def test_the_longest_pause_in_force_names_the_end_and_one_without_end_has_none(
    shop: Shop, staff: User
) -> None:
    action_take(actor=staff, shop_id=shop.id, step=3, measures=["pause_shop"],
                reason="A.", ends_on=UNTIL)  # fmt: skip
    shop.refresh_from_db()
    assert shop.standing.until == UNTIL
    action_take(actor=staff, shop_id=shop.id, step=4, reason="B.")
    shop.refresh_from_db()
    assert (shop.standing.status, shop.standing.measure, shop.standing.until) == (
        "revoked",
        "revocation",
        None,
    )


def test_the_marketplace_s_revoked_or_suspended_stands_over_a_pause() -> None:
    class Row:
        staff_paused, staff_pause_ends_on = True, None
        staff_revoked, staff_revocation_ends_on = False, None

        def __init__(self, status: str) -> None:
            self.status = status

    assert standing_of(Row("suspended"), TODAY).status == "suspended"
    assert standing_of(Row("revoked"), TODAY).measure == ""
    assert standing_of(Row("active"), TODAY).measure == "pause_shop"


def test_the_staff_table_filters_by_the_status_in_force_in_a_fixed_number_of_queries(
    shop: Shop, staff: User, client: Client
) -> None:
    staff_login(client, staff)
    action_take(actor=staff, shop_id=shop.id, step=3, measures=["pause_shop"], reason="A.")
    client.get("/?status=paused")
    with CaptureQueriesContext(connection) as one:
        page = client.get("/?status=paused").content.decode()
    assert "Atelier Lune" in page
    assert "Paused by the marketplace" in page
    for i in range(20):
        other, _ = shop_upsert(external_id=f"x-{i}", name=f"Shop {i:02d}")
        action_take(actor=staff, shop_id=other.id, step=3, measures=["pause_shop"],
                    reason="A.", ends_on=UNTIL)  # fmt: skip
    shop_upsert(external_id="calm", name="Calm shop")
    with CaptureQueriesContext(connection) as many:
        page = client.get("/?status=paused").content.decode()
    assert "Shop 19" in page
    assert "Calm shop" not in page
    assert len(many) == len(one)
    active = client.get("/?status=active").content.decode()
    assert "Calm shop" in active
    assert "Atelier Lune" not in active


def test_the_shop_list_api_costs_the_same_for_1_or_20_paused_shops(
    shop: Shop, staff: User, api: Any
) -> None:
    action_take(actor=staff, shop_id=shop.id, step=3, measures=["pause_shop"], reason="A.")
    api.get("/shops")
    with CaptureQueriesContext(connection) as one:
        assert api.get("/shops").json()["items"][0]["status"] == "paused"
    for i in range(20):
        other, _ = shop_upsert(external_id=f"x-{i}", name=f"Shop {i:02d}")
        action_take(actor=staff, shop_id=other.id, step=3, measures=["pause_shop"],
                    reason="A.", ends_on=UNTIL)  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        items = api.get("/shops?limit=50").json()["items"]
    assert {i["status_measure"] for i in items} == {"pause_shop"}
    assert len(many) == len(one)
