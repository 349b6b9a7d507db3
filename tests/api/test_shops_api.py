"""Shops through the integration API: idempotent upserts, validation, paging."""

from __future__ import annotations

from typing import Any

from comptoir.shops.models import Shop, ShopMember
from tests.api.conftest import Api

SHOP = {
    "name": "Bursztyn i Srebro",
    "time_zone": "Europe/Warsaw",
    "currency": "PLN",
    "policies": [
        {"section": "payment", "options": {"methods": ["card", "bank_transfer"]}},
        {"section": "returns", "options": {"accepts_returns": True, "window_days": 14}},
    ],
}


def test_creating_then_repeating_a_shop_changes_nothing(api: Api) -> None:
    first = api.put("/shops/pl-7", SHOP)
    stamp = Shop.objects.get(external_id="pl-7").updated_at
    second = api.put("/shops/pl-7", SHOP)

    assert (first.status_code, first["Comptoir-Outcome"]) == (201, "created")
    assert (second.status_code, second["Comptoir-Outcome"]) == (200, "unchanged")
    assert second.json() == first.json()
    assert Shop.objects.get(external_id="pl-7").updated_at == stamp
    assert [p["section"] for p in first.json()["policies"]] == ["payment", "returns"]


def test_a_change_is_an_update(api: Api) -> None:
    api.put("/shops/pl-7", SHOP)
    response = api.put(
        "/shops/pl-7", {**SHOP, "vacation_mode": True, "vacation_message": "Back soon"}
    )
    assert (response.status_code, response["Comptoir-Outcome"]) == (200, "updated")
    assert response.json()["in_search"] is False


def test_wrong_types_are_422_with_the_field_named(api: Api) -> None:
    response = api.put("/shops/pl-7", {"name": 42, "searchable": "perhaps", "status": "closed"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_payload"
    assert set(body["fields"]) == {"name", "searchable", "status"}
    assert not Shop.objects.exists()


def test_an_unknown_time_zone_or_policy_option_writes_nothing(api: Api) -> None:
    bad_zone = api.put("/shops/pl-7", {**SHOP, "time_zone": "Europe/Atlantis"})
    bad_policy = api.put(
        "/shops/pl-7",
        {**SHOP, "policies": [{"section": "returns", "options": {"window_days": 17}}]},
    )
    assert (bad_zone.status_code, bad_zone.json()["fields"]) == (
        422,
        {"time_zone": "unknown_time_zone"},
    )
    assert bad_policy.json()["code"] == "invalid_policy"
    assert bad_policy.json()["fields"] == {"policies.returns.window_days": "not_allowed"}
    assert not Shop.objects.exists()


def test_malformed_json_is_400(api: Api) -> None:
    response = api.call("PUT", "/shops/pl-7", raw='{"name": ')
    assert (response.status_code, response.json()["code"]) == (400, "malformed_json")


def test_an_unknown_shop_is_404(api: Api) -> None:
    response = api.get("/shops/nope")
    assert (response.status_code, response.json()["code"]) == (404, "shop_not_found")


def test_members_are_upserted_and_removed(api: Api) -> None:
    api.put("/shops/pl-7", SHOP)
    owner = api.put("/shops/pl-7/members/u-1", {"role": "owner", "display_name": "Ola"})
    assert owner.status_code == 201
    assert owner.json() == {"user_id": "u-1", "display_name": "Ola", "email": "", "role": "owner"}
    assert (
        api.put("/shops/pl-7/members/u-1", {"role": "owner", "display_name": "Ola"}).status_code
        == 200
    )

    assert api.call("DELETE", "/shops/pl-7/members/u-1").status_code == 204
    assert not ShopMember.objects.exists()
    assert api.call("DELETE", "/shops/pl-7/members/u-1").json()["code"] == "member_not_found"


def test_shops_page_by_cursor(api: Api) -> None:
    for i in range(5):
        api.put(f"/shops/s-{i}", {"name": f"Shop {i}"})
    seen: list[str] = []
    cursor = ""
    while True:
        page: dict[str, Any] = api.get(
            f"/shops?limit=2{'&cursor=' + cursor if cursor else ''}"
        ).json()
        seen += [shop["id"] for shop in page["items"]]
        if not page["next_cursor"]:
            break
        cursor = page["next_cursor"]
    assert seen == [f"s-{i}" for i in range(5)]
    assert api.get("/shops?cursor=%%%").json()["code"] == "invalid_cursor"
    assert api.get("/shops?limit=500").status_code == 422
