"""The REST API, `/api/v1`: one router per app, one error shape, tokens or session."""

from __future__ import annotations

from comptoir.accounts.api import router as accounts_router
from comptoir.accounts.auth import BearerToken
from comptoir.autoreplies.api import router as autoreplies_router
from comptoir.cases.api import router as cases_router
from comptoir.catalog.api import router as catalog_router
from comptoir.consent.api import router as consent_router
from comptoir.core.api import ComptoirAPI, SessionAuth
from comptoir.inbound.api import router as inbound_router
from comptoir.messaging.api import router as messaging_router
from comptoir.messaging.api_badge import router as badge_router
from comptoir.messaging.api_orders import router as order_threads_router
from comptoir.moderation.api import router as moderation_router
from comptoir.orders.api import router as orders_router
from comptoir.promotions.api import router as promotions_router
from comptoir.responsiveness.api import router as responsiveness_router
from comptoir.reviews.api import router as reviews_router
from comptoir.shops.api import router as shops_router
from comptoir.standards.api import router as standards_router
from comptoir.webhooks.api import router as webhooks_router

# ComptoirAPI installs the request rules (core/requests.py) and the error shape once, for
# every operation; a session without a CSRF token is refused only when there is a session.
api = ComptoirAPI(
    title="Comptoir API",
    version="1",
    description=(
        "The marketplace feeds Comptoir its shops, listings, orders, reviews and cases by "
        "its own ids, idempotently (PUT twice changes nothing), and reads them back. "
        "Authenticate with a personal API token (`Authorization: Bearer cpt_…`) or a "
        "session. Every error is `{code, message, fields}` with a stable `code`."
    ),
    urls_namespace="api",
    auth=[BearerToken(), SessionAuth()],
    docs_url="/docs",
)

for router in (
    accounts_router,
    shops_router,
    catalog_router,
    orders_router,
    reviews_router,
    cases_router,
    messaging_router,
    badge_router,
    order_threads_router,
    autoreplies_router,
    responsiveness_router,
    standards_router,
    webhooks_router,
    consent_router,
    moderation_router,
    promotions_router,
    inbound_router,
):
    api.add_router("", router)
