"""The outbox tests: real SMTP servers on 127.0.0.1 and Django's SMTP backend aimed at them."""

from __future__ import annotations

from typing import Any

import pytest

from tests.mail.smtp import free_port
from tests.messaging.conftest import (  # noqa: F401 - fixtures shared with messaging
    Client_,
    as_buyer,
    as_seller,
    as_staff,
    inquiry,
)


@pytest.fixture
def smtp_port(settings: Any) -> int:
    """A free port, and Django's SMTP backend aimed at it with a short time-out."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1.0
    return port
