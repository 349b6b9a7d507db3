"""Reads on webhooks: endpoints (never their secrets) and their deliveries."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from comptoir.core.errors import NotFound
from comptoir.core.pagination import Page, keyset_page
from comptoir.webhooks.models import Delivery, Endpoint

DELIVERY_ORDER = ("-created_at", "-id")


def endpoints() -> QuerySet[Endpoint]:
    return Endpoint.objects.select_related("created_by").defer("secret").order_by("id")


def endpoint(endpoint_id: int) -> Endpoint:
    found = endpoints().filter(id=endpoint_id).first()
    if found is None:
        raise NotFound("endpoint_not_found", _("No such webhook endpoint."))
    return found


def deliveries_page(endpoint: Endpoint, *, cursor: str | None, limit: int) -> Page[Delivery]:
    """The endpoint's deliveries, newest first, one keyset page."""
    return keyset_page(
        Delivery.objects.filter(endpoint=endpoint), order=DELIVERY_ORDER, cursor=cursor, limit=limit
    )
