"""Who may call the API, and personal tokens through it."""

from __future__ import annotations

from django.test import Client

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create, api_token_revoke
from tests.api.conftest import Api


def test_no_token_is_401_with_the_error_shape(anonymous_api: Api) -> None:
    response = anonymous_api.get("/shops")
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert set(response.json()) == {"code", "message", "fields"}


def test_a_revoked_token_is_401(client: Client, integration_user: User) -> None:
    issued = api_token_create(user=integration_user, name="old")
    api_token_revoke(user=integration_user, token_id=issued.token.id)
    assert Api(client, issued.secret).get("/shops").status_code == 401


def test_a_buyer_may_not_feed_marketplace_data(client: Client, buyer: User) -> None:
    api = Api(client, api_token_create(user=buyer, name="mine").secret)
    response = api.put("/shops/s-1", {"name": "Sneaky"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert api.get("/shops").status_code == 403


def test_me_says_who_and_what(client: Client, seller: User) -> None:
    api = Api(client, api_token_create(user=seller, name="mine").secret)
    body = api.get("/me").json()
    assert body["username"] == "seller"
    assert body["memberships"] == [
        {"shop_id": "shop-1", "shop_name": "Atelier Lune", "role": "owner"}
    ]
    assert body["trust_and_safety"] is False


def test_a_token_created_through_the_api_is_shown_once(client: Client, buyer: User) -> None:
    client.force_login(buyer)
    created = client.post(
        "/api/v1/me/tokens", data={"name": "Laptop"}, content_type="application/json"
    )
    assert created.status_code == 201
    secret = created.json()["secret"]

    listing = client.get("/api/v1/me/tokens")
    listed = listing.json()
    assert [t["name"] for t in listed] == ["Laptop"]
    assert secret not in listing.content.decode()
    assert Api(Client(), secret).get("/me").json()["username"] == "buyer"

    revoked = client.post(f"/api/v1/me/tokens/{listed[0]['id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert Api(Client(), secret).get("/me").status_code == 401


def test_someone_elses_token_is_404(client: Client, buyer: User, seller: User) -> None:
    issued = api_token_create(user=seller, name="theirs")
    client.force_login(buyer)
    response = client.post(f"/api/v1/me/tokens/{issued.token.id}/revoke")
    assert response.status_code == 404
    assert response.json()["code"] == "token_not_found"


def test_the_openapi_schema_and_docs_are_served(anonymous_api: Api) -> None:
    schema = anonymous_api.client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Comptoir API"
    assert "/api/v1/shops/{shop_id}/orders/{order_id}" in schema["paths"]
    docs = anonymous_api.client.get("/api/docs")
    assert docs.status_code == 302
    assert anonymous_api.client.get(docs["Location"]).status_code == 200
