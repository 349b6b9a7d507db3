"""Template context for every page: where the live-update socket is."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def live(request: HttpRequest) -> dict[str, str]:
    return {"live_url": settings.LIVE_URL}
