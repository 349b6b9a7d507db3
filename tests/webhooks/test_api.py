"""Webhooks through the API: subscribe, list, remove, ping, read the deliveries."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create
from comptoir.webhooks import events
from comptoir.webhooks.models import Delivery, Endpoint
from comptoir.webhooks.services import emit
from comptoir.webhooks.signing import verify
from tests.api.conftest import Api
from tests.webhooks.conftest import Receiver, run_first_attempts

EVENT = "test.parcel_sent"


@pytest.fixture(autouse=True)
def _test_event(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(events.EVENTS, EVENT, "A parcel left the shop.")


def post(api: Api, path: str, body: Any = None) -> Any:
    return api.call("POST", path, body if body is not None else {})


def create(api: Api, url: str, names: list[str] | None = None) -> dict[str, Any]:
    response = post(api, "/webhooks", {"url": url, "events": names or []})
    assert response.status_code == 201, response.json()
    return response.json()


def test_creating_an_endpoint_shows_its_secret_once(
    api: Api, integration_user: User, receiver: Receiver
) -> None:
    body = create(api, receiver.url, [EVENT, EVENT, "webhook.ping"])
    assert body["secret"].startswith("whsec_")
    assert body["url"] == receiver.url
    assert body["events"] == [EVENT, "webhook.ping"]
    assert body["active"] is True
    assert body["created_by"] == "marketplace"
    endpoint = Endpoint.objects.get()
    assert endpoint.secret == body["secret"]
    assert endpoint.created_by == integration_user

    listed = api.get("/webhooks").json()
    assert listed == [{k: v for k, v in body.items() if k != "secret"}]


@pytest.mark.parametrize(
    ("payload", "code", "field"),
    [
        ({"url": "ftp://example.org/hook"}, "invalid_url", "url"),
        ({"url": "not a url"}, "invalid_url", "url"),
        ({"url": "https://user:pw@example.org/"}, "invalid_url", "url"),
        ({"url": "https://example.org/", "events": ["shop.nothing"]}, "unknown_event", "events"),
        ({"events": []}, "invalid_payload", "url"),
        ({"url": "https://example.org/", "events": "all"}, "invalid_payload", "events"),
    ],
)
def test_invalid_endpoints_are_refused_and_nothing_is_written(
    api: Api, payload: dict[str, Any], code: str, field: str
) -> None:
    response = post(api, "/webhooks", payload)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert set(body) == {"code", "message", "fields"}
    assert field in body["fields"]
    assert not Endpoint.objects.exists()


def test_the_event_list_names_and_describes_every_event(api: Api) -> None:
    body = api.get("/webhooks/events").json()
    described = {e["name"]: e["description"] for e in body}
    assert described[EVENT] == "A parcel left the shop."
    assert "webhook.ping" in described
    assert [e["name"] for e in body] == sorted(described)


def test_deleting_an_endpoint_removes_it_and_its_deliveries(api: Api, receiver: Receiver) -> None:
    created = create(api, receiver.url)
    emit(event=EVENT, payload={"n": 1})
    assert api.call("DELETE", f"/webhooks/{created['id']}").status_code == 204
    assert api.get("/webhooks").json() == []
    assert not Delivery.objects.exists()
    response = api.call("DELETE", f"/webhooks/{created['id']}")
    assert response.status_code == 404
    assert response.json()["code"] == "endpoint_not_found"


def test_ping_reaches_that_endpoint_alone_signed(api: Api, receiver: Receiver) -> None:
    pinged = create(api, receiver.url, [EVENT])  # not subscribed to pings: sent anyway
    create(api, receiver.url + "/other")
    response = post(api, f"/webhooks/{pinged['id']}/ping")
    assert response.status_code == 202
    body = response.json()
    assert body["event"] == "webhook.ping"
    assert body["status"] == "pending"
    assert run_first_attempts() == [True]

    [got] = receiver.requests
    assert got.path == "/hooks/comptoir"
    assert got.headers["X-Comptoir-Event"] == "webhook.ping"
    assert json.loads(got.body)["data"] == {"endpoint_id": pinged["id"], "url": receiver.url}
    stamp = got.headers["X-Comptoir-Timestamp"]
    assert verify(
        pinged["secret"], stamp, got.body, got.headers["X-Comptoir-Signature"], now=int(stamp)
    )


def test_ping_of_a_missing_or_inactive_endpoint(api: Api, receiver: Receiver) -> None:
    assert post(api, "/webhooks/999/ping").json()["code"] == "endpoint_not_found"
    created = create(api, receiver.url)
    Endpoint.objects.filter(id=created["id"]).update(active=False)
    response = post(api, f"/webhooks/{created['id']}/ping")
    assert response.status_code == 409
    assert response.json()["code"] == "endpoint_inactive"
    assert not Delivery.objects.exists()


def test_deliveries_are_listed_newest_first_with_their_status(api: Api, receiver: Receiver) -> None:
    created = create(api, receiver.url)
    receiver.answer(500)
    emit(event=EVENT, payload={"n": 1})
    run_first_attempts()
    emit(event=EVENT, payload={"n": 2})
    run_first_attempts()
    emit(event=EVENT, payload={"n": 3})

    path = f"/webhooks/{created['id']}/deliveries"
    first = api.get(path + "?limit=2").json()
    assert [d["data"]["n"] for d in first["items"]] == [3, 2]
    assert [d["status"] for d in first["items"]] == ["pending", "delivered"]
    assert first["items"][1]["status_text"] == "Delivered"
    assert first["items"][1]["last_status_code"] == 200
    rest = api.get(f"{path}?limit=2&cursor={first['next_cursor']}").json()
    assert rest["next_cursor"] is None
    [failed] = rest["items"]
    assert failed["data"] == {"n": 1}
    assert failed["status"] == "retrying"
    assert failed["attempts"] == 1
    assert failed["last_status_code"] == 500
    assert failed["next_attempt_at"] is not None
    assert set(failed) == {
        "id",
        "event",
        "event_id",
        "data",
        "created_at",
        "status",
        "status_text",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "gave_up_at",
        "last_status_code",
        "last_error",
    }
    missing = api.get("/webhooks/999/deliveries")
    assert missing.status_code == 404
    assert missing.json()["code"] == "endpoint_not_found"


def queries_for(api: Api, path: str) -> tuple[int, int]:
    api.get(path)  # the token's "last used" stamp is written at most once a minute
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path)
    assert response.status_code == 200
    body = response.json()
    return len(captured), len(body["items"] if isinstance(body, dict) else body)


def test_the_deliveries_list_costs_the_same_queries_for_1_row_and_for_many(
    api: Api, receiver: Receiver
) -> None:
    created = create(api, receiver.url)
    path = f"/webhooks/{created['id']}/deliveries?limit=200"
    emit(event=EVENT, payload={"n": 0})
    few, few_rows = queries_for(api, path)
    for n in range(25):
        emit(event=EVENT, payload={"n": n})
    many, many_rows = queries_for(api, path)
    assert (few_rows, many_rows) == (1, 26)
    assert many == few


def test_the_endpoint_list_costs_the_same_queries_for_1_row_and_for_many(
    api: Api, receiver: Receiver
) -> None:
    create(api, receiver.url)
    few, few_rows = queries_for(api, "/webhooks")
    for n in range(10):
        create(api, f"{receiver.url}/{n}")
    many, many_rows = queries_for(api, "/webhooks")
    assert (few_rows, many_rows) == (1, 11)
    assert many == few


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/webhooks"),
        ("POST", "/webhooks"),
        ("GET", "/webhooks/events"),
        ("DELETE", "/webhooks/1"),
        ("GET", "/webhooks/1/deliveries"),
        ("POST", "/webhooks/1/ping"),
    ],
)
def test_only_the_marketplace_integration_may_use_webhooks(
    client: Client, seller: User, method: str, path: str
) -> None:
    outsider = Api(client, api_token_create(user=seller, name="mine").secret)
    body = {"url": "https://example.org/"} if method == "POST" else None
    response = outsider.call(method, path, body)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    assert Api(client, None).call(method, path).status_code == 401
    assert not Endpoint.objects.exists()


def test_the_openapi_schema_lists_the_webhook_paths(anonymous_api: Api) -> None:
    schema = anonymous_api.client.get("/api/v1/openapi.json").json()
    paths = {path for path in schema["paths"] if path.startswith("/api/v1/webhooks")}
    assert paths == {
        "/api/v1/webhooks",
        "/api/v1/webhooks/events",
        "/api/v1/webhooks/{endpoint_id}",
        "/api/v1/webhooks/{endpoint_id}/deliveries",
        "/api/v1/webhooks/{endpoint_id}/ping",
    }
    assert schema["paths"]["/api/v1/webhooks"]["post"]["tags"] == ["Webhooks"]
