"""The API's one request-validation layer (issue 19): what any operation refuses before
its handler runs, and that every refusal is the JSON error `{code, message, fields}`."""

from __future__ import annotations

import enum
import json
import re
import typing
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.test import Client
from pydantic import BaseModel

from comptoir.accounts.models import User
from comptoir.accounts.services import api_token_create
from comptoir.api import api as comptoir_api
from comptoir.catalog.models import Listing
from comptoir.messaging.models import Attachment, Conversation, Label
from comptoir.shops.models import Shop, ShopMember

BIG = 2**63  # one past the largest 64-bit id
HUGE = 2**64


class Caller:
    """One person calling /api/v1 with a personal token."""

    def __init__(self, user: User | None, **headers: str) -> None:
        self.client = Client(enforce_csrf_checks=True)  # as a real client: no test bypass
        self.headers = dict(headers)
        if user is not None:
            secret = api_token_create(user=user, name="tests").secret
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {secret}"

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: str | bytes | None = None,
        content_type: str = "application/json",
    ) -> Any:
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs: dict[str, Any] = {"content_type": content_type, **self.headers}
        if data is not None and method != "GET":
            kwargs["data"] = data
        return getattr(self.client, method.lower())("/api/v1" + path, **kwargs)


def assert_error(response: Any, status: int, code: str, fields: set[str] | None = None) -> Any:
    """The response is the API's JSON error with this status and code (and these fields)."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"code", "message", "fields"}, body
    assert body["code"] == code, body
    assert isinstance(body["message"], str), body
    assert body["message"], body
    if fields is not None:
        assert set(body["fields"]) == fields, body
    return body


@pytest.fixture
def buyer_api(buyer: User) -> Caller:
    return Caller(buyer)


@pytest.fixture
def seller_api(seller: User) -> Caller:
    return Caller(seller)


@pytest.fixture
def thread(buyer_api: Caller, seller_api: Caller, listing: Listing) -> int:
    started = buyer_api.call(
        "POST",
        "/me/conversations",
        {"kind": "listing_inquiry", "listing_id": "listing-1", "body": "Is it pre-washed?"},
    )
    assert started.status_code == 201, started.json()
    return int(started.json()["conversation_id"])


# --- 1. Ids bounded to the database's integer range -------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        f"/me/conversations/{BIG}",
        f"/me/conversations/{HUGE}",
        f"/me/conversations/{BIG}/messages",
        f"/me/conversations/{BIG}/reopen",
        f"/attachments/{BIG}",
    ],
)
def test_a_path_id_beyond_the_integer_range_is_not_found(
    buyer_api: Caller, thread: int, path: str
) -> None:
    method = "GET" if not path.endswith(("messages", "reopen")) else "POST"
    assert_error(buyer_api.call(method, path, {"body": "hi"}), 404, "not_found", set())


def test_a_shop_path_id_beyond_the_integer_range_is_not_found(
    seller_api: Caller, thread: int
) -> None:
    for method, path in [
        ("GET", f"/shops/shop-1/conversations/{BIG}"),
        ("PATCH", f"/shops/shop-1/labels/{BIG}"),
        ("DELETE", f"/shops/shop-1/saved-replies/{BIG}"),
        ("POST", f"/shops/shop-1/conversations/{thread}/messages/{BIG}"),
    ]:
        assert_error(seller_api.call(method, path, {"name": "x"}), 404, "not_found")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/me/conversations/actions", {"ids": [HUGE], "action": "archive"}, "ids.0"),
        ("/me/conversations/actions", {"ids": [1, -BIG - 1], "action": "read"}, "ids.1"),
        (
            "/me/conversations",
            {"kind": "listing_inquiry", "listing_id": "listing-1", "attachment_ids": [BIG]},
            "attachment_ids.0",
        ),
        (
            "/me/conversations",
            {"kind": "listing_inquiry", "listing_id": "listing-1", "saved_reply_id": BIG},
            "saved_reply_id",
        ),
    ],
)
def test_a_body_id_beyond_the_integer_range_is_refused(
    buyer_api: Caller, thread: int, path: str, body: dict[str, Any], field: str
) -> None:
    assert_error(buyer_api.call("POST", path, body), 422, "invalid_payload", {field})


def test_label_ids_beyond_the_integer_range_are_refused(seller_api: Caller, thread: int) -> None:
    labels = seller_api.call(
        "POST", "/shops/shop-1/conversations/labels", {"ids": [thread], "add": [HUGE]}
    )
    assert_error(labels, 422, "invalid_payload", {"add.0"})
    reply = seller_api.call(
        "POST", f"/shops/shop-1/conversations/{thread}/messages", {"attachment_ids": [BIG]}
    )
    assert_error(reply, 422, "invalid_payload", {"attachment_ids.0"})


def test_a_query_id_beyond_the_integer_range_is_refused(seller_api: Caller, thread: int) -> None:
    listed = seller_api.call("GET", f"/shops/shop-1/conversations?label={BIG}")
    assert_error(listed, 422, "invalid_payload", {"label"})
    # The largest id there can be is a label that does not exist.
    listed = seller_api.call("GET", f"/shops/shop-1/conversations?label={BIG - 1}")
    assert listed.status_code == 404, listed.json()


def test_a_path_id_that_is_not_a_number_is_not_found(seller_api: Caller) -> None:
    # Paths whose id is read as text then as a number answer as the {int:…} ones do.
    for coupon in ("abc", "1.5", str(BIG)):
        assert_error(seller_api.call("GET", f"/shops/shop-1/coupons/{coupon}"), 404, "not_found")
    assert_error(seller_api.call("GET", "/shops/shop-1/coupons/-1"), 404, "coupon_not_found")


def test_a_path_text_longer_than_any_marketplace_id_is_not_found(api: Any, shop: Shop) -> None:
    long_id = "s" * 65
    assert_error(api.get(f"/shops/{long_id}"), 404, "not_found")
    put = api.put(f"/shops/{long_id}", {"name": "Too long", "time_zone": "Europe/Paris"})
    assert_error(put, 404, "not_found")
    assert not Shop.objects.filter(name="Too long").exists()
    assert api.put(f"/shops/{'s' * 64}", {"name": "Longest", "time_zone": "UTC"}).status_code == 201


def test_a_value_the_database_refuses_is_422_not_500(
    api: Any, shop: Shop, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(**kwargs: Any) -> None:
        raise DataError("value too long for type character varying(150)")

    monkeypatch.setattr("comptoir.shops.api.shop_member_upsert", refused)
    put = api.put("/shops/shop-1/members/u-1", {"display_name": "x" * 151})
    assert_error(put, 422, "invalid_payload")


# --- 2. Characters PostgreSQL refuses ----------------------------------------------------


def test_a_nul_in_a_body_string_is_refused_and_nothing_is_written(seller_api: Caller) -> None:
    created = seller_api.call("POST", "/shops/shop-1/labels", {"name": "ur\x00gent"})
    assert_error(created, 422, "invalid_payload", {"name"})
    assert not Label.objects.exists()


def test_a_lone_surrogate_in_a_body_string_is_refused(seller_api: Caller) -> None:
    created = seller_api.call("POST", "/shops/shop-1/labels", raw='{"name": "ur\\ud800gent"}')
    assert_error(created, 422, "invalid_payload", {"name"})
    assert not Label.objects.exists()


def test_a_nul_nested_in_a_body_is_refused_with_its_path(api: Any, shop: Shop) -> None:
    body = {
        "name": "Atelier Lune",
        "time_zone": "Europe/Paris",
        "policies": [{"section": "returns", "options": {"note": "a\x00b"}}],
    }
    assert_error(
        api.put("/shops/shop-1", body), 422, "invalid_payload", {"policies.0.options.note"}
    )
    body["policies"] = [{"section": "returns", "options": {"no\x00te": "ab"}}]
    assert_error(api.put("/shops/shop-1", body), 422, "invalid_payload", {"policies.0.options"})


def test_a_nul_is_refused_by_an_operation_without_authentication(shop: Shop) -> None:
    visitor = Caller(None)
    body = {"name": "Ewa\x00", "email": "ewa@example.pl", "body": "Do you ship to Poland?"}
    sent = visitor.call("POST", "/shops/shop-1/contact", body)
    assert_error(sent, 422, "invalid_payload", {"name"})
    assert not Conversation.objects.exists()


def test_a_nul_in_a_query_string_is_refused(seller_api: Caller, thread: int) -> None:
    listed = seller_api.call("GET", "/shops/shop-1/conversations?q=a%00b")
    assert_error(listed, 422, "invalid_payload", {"q"})


def test_a_nul_in_a_path_finds_nothing(seller_api: Caller, thread: int) -> None:
    assert_error(seller_api.call("GET", "/shops/shop%001/conversations"), 404, "not_found")


# --- 3. Size limits ----------------------------------------------------------------------


def test_a_json_body_above_the_limit_is_413(seller_api: Caller, settings: Any) -> None:
    body = json.dumps({"name": "x" * (3 * 1024 * 1024)})
    created = seller_api.call("POST", "/shops/shop-1/labels", raw=body)
    assert_error(created, 413, "request_too_large", set())
    assert not Label.objects.exists()


def test_an_upload_keeps_its_own_larger_limit(
    seller_api: Caller, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"0" * (3 * 1024 * 1024) + b"\n%%EOF\n"
    uploaded = seller_api.client.post(
        "/api/v1/uploads",
        {"file": SimpleUploadedFile("big.pdf", pdf)},
        **seller_api.headers,
    )
    assert uploaded.status_code == 201, uploaded.content[:300]


# --- 4. JSON bodies are objects ------------------------------------------------------------


@pytest.mark.parametrize("raw", ["[null,null]", "[]", "null", '"member"', "1", "true"])
def test_a_body_that_is_not_an_object_is_refused(api: Any, shop: Shop, raw: str) -> None:
    put = api.call("PUT", "/shops/shop-1/members/0", raw=raw)
    assert_error(put, 422, "invalid_payload", {"body"})
    assert not ShopMember.objects.filter(user__external_id="0").exists()


def test_json_without_numbers_beyond_json_is_malformed(api: Any, shop: Shop) -> None:
    put = api.call("PUT", "/shops/shop-1/members/0", raw='{"role": NaN}')
    assert_error(put, 400, "malformed_json")


# --- 5. Every error in the JSON shape ------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/me/conversations/-1",
        "/me/conversations/abc",
        "/me/conversations/1.5",
        "/attachments/-3",
        "/no-such-thing",
        "/me/conversations/1/no-such-thing",
    ],
)
def test_paths_that_match_nothing_are_the_json_404(buyer_api: Caller, path: str) -> None:
    for method in ("GET", "POST", "DELETE"):
        assert_error(buyer_api.call(method, path, {}), 404, "not_found", set())


def test_an_anonymous_write_is_401_not_a_csrf_failure(listing: Listing) -> None:
    anonymous = Caller(None)
    started = anonymous.call(
        "POST", "/me/conversations", {"kind": "listing_inquiry", "listing_id": "listing-1"}
    )
    assert_error(started, 401, "unauthenticated")
    assert_error(anonymous.call("GET", "/me/conversations"), 401, "unauthenticated")


def test_a_session_write_without_the_csrf_token_is_a_json_403(
    buyer: User, listing: Listing
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(buyer)
    body = {"kind": "listing_inquiry", "listing_id": "listing-1", "body": "Hello"}
    refused = browser.post("/api/v1/me/conversations", body, content_type="application/json")
    assert_error(refused, 403, "forbidden")
    browser.get("/")  # the page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    sent = browser.post(
        "/api/v1/me/conversations", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert sent.status_code == 201, sent.content[:300]


def test_a_method_the_path_does_not_have_is_a_json_405(buyer_api: Caller) -> None:
    refused = buyer_api.call("PATCH", "/me/conversations", {})
    assert_error(refused, 405, "method_not_allowed")
    assert "GET" in refused["Allow"]


# --- 6. In the caller's language -----------------------------------------------------------


def test_errors_speak_the_token_owners_language(buyer: User, thread: int) -> None:
    buyer.language = "fr"
    buyer.save()
    french = Caller(buyer, HTTP_ACCEPT_LANGUAGE="pl")
    assert french.call("GET", f"/me/conversations/{BIG}").json()["message"] == "Introuvable."
    assert french.call("GET", "/nothing-here").json()["message"] == "Introuvable."
    refused = french.call("POST", "/me/conversations/actions", {"ids": [HUGE], "action": "read"})
    assert refused.json()["message"] == "Certains champs ne sont pas valides."
    assert refused.json()["fields"]["ids.0"].startswith("Doit être un nombre entier")
    refused = french.call("POST", "/me/conversations/actions", {"ids": ["x"]})
    assert refused.json()["fields"] == {
        "ids.0": "Doit être un nombre entier.",
        "action": "Obligatoire.",
    }


def test_field_messages_say_what_is_expected(buyer_api: Caller) -> None:
    refused = buyer_api.call("POST", "/me/conversations/actions", {"ids": "1", "action": "x"})
    fields = assert_error(refused, 422, "invalid_payload", {"ids", "action"})["fields"]
    assert fields["ids"] == "Must be a list."
    assert fields["action"].startswith("Must be one of: 'read', 'unread'")


def test_errors_follow_accept_language_without_a_profile_language(buyer: User) -> None:
    polish = Caller(buyer, HTTP_ACCEPT_LANGUAGE="pl")
    assert polish.call("GET", f"/me/conversations/{BIG}").json()["message"] == "Nie znaleziono."
    anonymous = Caller(None, HTTP_ACCEPT_LANGUAGE="fr")
    message = anonymous.call("GET", "/me/conversations").json()["message"]
    assert message.startswith("Connectez-vous")


# --- 7. Uploads --------------------------------------------------------------------------


def test_an_upload_with_two_files_is_refused(
    seller_api: Caller, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"
    for files in (
        {"file": [SimpleUploadedFile("a.pdf", pdf), SimpleUploadedFile("b.pdf", pdf)]},
        {"file": SimpleUploadedFile("a.pdf", pdf), "other": SimpleUploadedFile("b.pdf", pdf)},
    ):
        refused = seller_api.client.post("/api/v1/uploads", files, **seller_api.headers)
        assert_error(refused, 422, "too_many_files")
    assert not Attachment.objects.exists()


def test_a_multipart_body_without_a_boundary_is_a_json_400(seller_api: Caller) -> None:
    refused = seller_api.call(
        "POST", "/uploads", raw=b"--x\r\n\r\n", content_type="multipart/form-data"
    )
    assert_error(refused, 400, "malformed_multipart")


# --- 8. The OpenAPI document names each schema once -------------------------------------


def _types_in(annotation: Any) -> Iterator[type]:
    """The classes an annotation mentions (list[X] | None gives X)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_in(argument)


def _schemas_of_every_operation() -> Iterator[type]:
    """Every model and enum an operation reads or answers, and those they hold, walked
    from ninja's own wrappers (its parameter and response models are not components)."""
    seen: set[type] = set()
    todo: list[type] = []
    for bound in comptoir_api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                wrappers = [*operation.models, *operation.response_models.values()]
                for wrapper in wrappers:
                    if isinstance(wrapper, type) and issubclass(wrapper, BaseModel):
                        for field in wrapper.model_fields.values():
                            todo.extend(_types_in(field.annotation))
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        yield cls
        if issubclass(cls, BaseModel):
            for field in cls.model_fields.values():
                todo.extend(_types_in(field.annotation))


def test_no_two_schemas_share_a_component_name() -> None:
    """ninja merges each operation's schemas by name: two classes of one name would be
    documented as one (POST …/orders/{order_id}/notes was shown as moderation's `{note}`)."""
    components = set(comptoir_api.get_openapi_schema()["components"]["schemas"])
    classes_by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _schemas_of_every_operation():
        name = re.sub(r"[^a-zA-Z0-9.\-_]", "_", cls.__name__)  # as pydantic names $defs
        if name in components:
            classes_by_name[name].add(f"{cls.__module__}.{cls.__qualname__}")
    assert len(classes_by_name) >= len(components) // 2, "the walk finds the components"
    shared = {name: classes for name, classes in classes_by_name.items() if len(classes) > 1}
    assert shared == {}
