"""A JSON body's booleans and numbers are taken as the schema documents them: `0` is not
false, `false` is not 0, `"5"` is not 5. Each is a 422 naming the field, and nothing is
written."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from comptoir.catalog.models import ShippingProfile
from comptoir.core.schemas import wrong_scalar
from comptoir.shops.models import Shop
from tests.api.conftest import Api

SHOP = {"name": "Bursztyn i Srebro", "time_zone": "Europe/Warsaw", "currency": "PLN"}
PROFILE = {
    "name": "Standard",
    "origin_country": "PL",
    "processing_days": {"min": 1, "max": 2},
    "delivery_days": {"min": 2, "max": 5},
    "cost": "9.90",
}


@pytest.mark.parametrize("hold", [0, 1, "true", 1.0])
def test_a_boolean_must_be_true_or_false(api: Api, hold: Any) -> None:
    response = api.put("/shops/pl-7", {**SHOP, "payout_hold": hold})
    assert response.status_code == 422, response.json()
    assert response.json()["code"] == "invalid_payload"
    assert set(response.json()["fields"]) == {"payout_hold"}
    assert not Shop.objects.exists()
    assert api.put("/shops/pl-7", {**SHOP, "payout_hold": True}).status_code == 201


@pytest.mark.parametrize("days", [False, True, "5", 5.0])
def test_a_whole_number_must_be_a_json_integer(api: Api, days: Any) -> None:
    assert api.put("/shops/pl-7", SHOP).status_code == 201
    body = {**PROFILE, "delivery_days": {"min": 2, "max": days}}
    response = api.put("/shops/pl-7/shipping-profiles/std", body)
    assert response.status_code == 422, response.json()
    assert set(response.json()["fields"]) == {"delivery_days.max"}
    assert not ShippingProfile.objects.exists()
    assert api.put("/shops/pl-7/shipping-profiles/std", PROFILE).status_code == 201


def test_the_rule_over_annotations() -> None:
    assert wrong_scalar(bool, 0) == "boolean"
    assert wrong_scalar(bool | None, None) is None
    assert wrong_scalar(int, True) == "number"
    assert wrong_scalar(int | None, "3") == "integer"
    assert wrong_scalar(float, 3) is None  # an integer is a JSON number
    assert wrong_scalar(float, False) == "number"
    assert wrong_scalar(str, 3) is None  # strings are pydantic's to refuse
    assert wrong_scalar(date | None, 0) == "string"
    assert wrong_scalar(datetime, "2026-12-07T10:00:00Z") is None


def test_a_date_is_text_not_a_number_of_seconds(api: Api) -> None:
    response = api.put("/shops/pl-7", {**SHOP, "vacation_starts_on": 0})
    assert response.status_code == 422, response.json()
    assert set(response.json()["fields"]) == {"vacation_starts_on"}
    assert not Shop.objects.exists()


def test_numbers_and_names_fit_their_columns_on_both_databases(api: Api) -> None:
    """PostgreSQL stores these in 32 bits and 150 characters; SQLite would take more."""
    assert api.put("/shops/pl-7", SHOP).status_code == 201
    name = api.put("/shops/pl-7/members/u-1", {"role": "owner", "display_name": "x" * 151})
    assert name.status_code == 422
    assert set(name.json()["fields"]) == {"display_name"}
    assert api.put("/shops/pl-7/members/u-1", {"display_name": "x" * 150}).status_code == 201
