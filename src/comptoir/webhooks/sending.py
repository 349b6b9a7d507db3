"""One HTTP POST of a signed webhook body, with the standard library, to public addresses
only (webhooks.addresses). No ORM here."""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from typing import IO, Any
from uuid import UUID

from django.core.serializers.json import DjangoJSONEncoder

from comptoir.webhooks.addresses import Refused, guarded_connection
from comptoir.webhooks.signing import signature

TIMEOUT_SECONDS = 10
USER_AGENT = "Comptoir-Webhooks/1"
ERROR_MAX_LENGTH = 1000
_BODY_EXCERPT = 300


@dataclass(frozen=True)
class Sent:
    """What the endpoint answered: a status code (None when no answer came) and an error."""

    status: int | None
    error: str = ""


def body_of(*, event_id: UUID, event: str, created_at: datetime, data: Any) -> bytes:
    """The JSON body: the same bytes on every attempt of one delivery."""
    document = {
        "id": str(event_id),
        "event": event,
        "created_at": created_at.isoformat(),
        "data": data,
    }
    return json.dumps(document, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def headers_for(
    *, secret: str, event: str, event_id: UUID, body: bytes, timestamp: int
) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Comptoir-Event": event,
        "X-Comptoir-Delivery": str(event_id),
        "X-Comptoir-Timestamp": str(timestamp),
        "X-Comptoir-Signature": signature(secret, timestamp, body),
    }


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other non-2xx: recorded, not followed."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> None:
        return None


class _GuardedHTTPConnection(http.client.HTTPConnection):
    """Connects only to an address webhooks may reach, the one that was checked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guarded_connection


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = guarded_connection


class _GuardedHTTP(urllib.request.HTTPHandler):
    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_GuardedHTTPSConnection, req)


# No proxies from the environment either: the address checked is the address reached.
_opener = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _NoRedirects(), _GuardedHTTP(), _GuardedHTTPS()
)


def post(*, url: str, secret: str, event: str, event_id: UUID, body: bytes) -> Sent:
    """POST `body` to `url`, signed now; never raises for what the network or server does."""
    timestamp = int(time.time())  # the receiver's clock, not the simulated one, judges it
    headers = headers_for(
        secret=secret, event=event, event_id=event_id, body=body, timestamp=timestamp
    )
    # S310: the scheme is http(s), checked when the endpoint was made (signing.url_problem).
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return Sent(status=response.status)
    except urllib.error.HTTPError as exc:
        excerpt = _excerpt(exc)
        return Sent(
            status=exc.code, error=f"HTTP {exc.code} {exc.reason}{excerpt}"[:ERROR_MAX_LENGTH]
        )
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, Refused):
            return Sent(status=None, error=f"Refused: {reason}"[:ERROR_MAX_LENGTH])
        return Sent(status=None, error=f"{type(exc).__name__}: {reason}"[:ERROR_MAX_LENGTH])


def _excerpt(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read(_BODY_EXCERPT).decode("utf-8", "replace").strip()
    except (OSError, ValueError):
        return ""
    finally:
        exc.close()
    return f": {text}" if text else ""
