"""Webhooks through the API: the marketplace subscribes its URLs to Comptoir's events."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from comptoir.accounts.auth import require_integration
from comptoir.accounts.models import User
from comptoir.core.api import ERRORS, PageOf, Paging
from comptoir.core.schemas import BodyIn
from comptoir.webhooks import events, selectors, services
from comptoir.webhooks.models import Delivery, Endpoint

router = Router(tags=["Webhooks"])


class EndpointIn(BodyIn):
    url: str = Field(max_length=2000, description="http:// or https:// (up to 500 characters).")
    events: list[str] = Field(
        default_factory=list,
        max_length=100,
        description="Event names (see GET /webhooks/events); empty: every event.",
    )


class EndpointOut(Schema):
    id: int
    url: str
    events: list[str] = Field(description="Subscribed event names; empty means every event.")
    active: bool
    created_at: datetime
    created_by: str | None = Field(description="Username of who created it.")


class EndpointCreatedOut(EndpointOut):
    secret: str = Field(description="Signs every delivery. Shown this once: keep it now.")


class EventOut(Schema):
    name: str
    description: str


class DeliveryOut(Schema):
    id: int
    event: str
    event_id: UUID = Field(description="Also the `X-Comptoir-Delivery` header and the body's id.")
    data: dict[str, Any]
    created_at: datetime
    status: str = Field(description="pending, retrying, delivered or failed (given up)")
    status_text: str
    attempts: int
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    gave_up_at: datetime | None
    last_status_code: int | None
    last_error: str


def endpoint_data(endpoint: Endpoint) -> dict[str, Any]:
    return {
        "id": endpoint.id,
        "url": endpoint.url,
        "events": endpoint.events,
        "active": endpoint.active,
        "created_at": endpoint.created_at,
        "created_by": endpoint.created_by.username if endpoint.created_by else None,
    }


def delivery_data(delivery: Delivery) -> dict[str, Any]:
    status = delivery.status
    return {
        "id": delivery.id,
        "event": delivery.event,
        "event_id": delivery.event_id,
        "data": delivery.payload,
        "created_at": delivery.created_at,
        "status": status.value,
        "status_text": str(status.label),
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "delivered_at": delivery.delivered_at,
        "gave_up_at": delivery.gave_up_at,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
    }


@router.get(
    "/webhooks/events",
    response={200: list[EventOut], **ERRORS},
    summary="The events an endpoint can subscribe to",
)
def event_list(request: HttpRequest) -> list[dict[str, str]]:
    require_integration(request)
    return [{"name": name, "description": text} for name, text in events.described()]


@router.get(
    "/webhooks", response={200: list[EndpointOut], **ERRORS}, summary="List webhook endpoints"
)
def endpoint_list(request: HttpRequest) -> list[dict[str, Any]]:
    require_integration(request)
    return [endpoint_data(e) for e in selectors.endpoints()]


@router.post(
    "/webhooks",
    response={201: EndpointCreatedOut, **ERRORS},
    summary="Subscribe a URL to events",
    description="The answer holds the endpoint's signing `secret`, shown only this once. "
    "Errors: `invalid_url`, `unknown_event` (422).",
)
def endpoint_post(request: HttpRequest, payload: EndpointIn) -> Status[dict[str, Any]]:
    require_integration(request)
    user = request.user
    assert isinstance(user, User)
    created = services.endpoint_create(user=user, url=payload.url, event_names=payload.events)
    return Status(201, {**endpoint_data(created.endpoint), "secret": created.secret})


@router.delete(
    "/webhooks/{endpoint_id}",
    response={204: None, **ERRORS},
    summary="Remove a webhook endpoint and its deliveries",
)
def endpoint_delete(request: HttpRequest, endpoint_id: int) -> Status[None]:
    require_integration(request)
    services.endpoint_delete(endpoint_id=endpoint_id)
    return Status(204, None)


@router.get(
    "/webhooks/{endpoint_id}/deliveries",
    response={200: PageOf[DeliveryOut], **ERRORS},
    summary="An endpoint's deliveries, newest first",
)
def delivery_list(request: HttpRequest, endpoint_id: int, paging: Query[Paging]) -> dict[str, Any]:
    require_integration(request)
    page = selectors.deliveries_page(
        selectors.endpoint(endpoint_id), cursor=paging.cursor, limit=paging.limit
    )
    return {"items": [delivery_data(d) for d in page.items], "next_cursor": page.next_cursor}


@router.post(
    "/webhooks/{endpoint_id}/ping",
    response={202: DeliveryOut, **ERRORS},
    summary="Send a test event (webhook.ping) to this endpoint",
)
def endpoint_ping(request: HttpRequest, endpoint_id: int) -> Status[dict[str, Any]]:
    require_integration(request)
    return Status(202, delivery_data(services.endpoint_ping(endpoint_id=endpoint_id)))
