"""The SMTP listener (aiosmtpd): the marketplace's MX for MAIL_REPLY_DOMAIN points here.

It refuses at RCPT (550) any domain but MAIL_REPLY_DOMAIN and, with SMTP's SIZE, a mail
over MAX_MAIL_BYTES (552). Everything else is accepted (250) and taken by `receive_mail`
in a worker thread (the database is never used on the event loop), which answers a
refusal with a note, never with a bounce: a bounce would go to whoever the envelope names.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import close_old_connections

from comptoir.inbound.receive import MAX_MAIL_BYTES, receive_mail

log = logging.getLogger(__name__)


def _receive(raw: bytes, mail_from: str, rcpt_tos: Sequence[str]) -> str:
    close_old_connections()  # this worker thread's connection: a broken or old one goes
    try:
        return str(receive_mail(raw, envelope_from=mail_from or "<>", envelope_to=rcpt_tos))
    finally:
        close_old_connections()  # kept for the next mail within CONN_MAX_AGE, as a web worker


class InboundHandler:
    """aiosmtpd's handler: RCPT checks the domain, DATA hands the mail to a thread."""

    def __init__(self, domain: str) -> None:
        self.domain = domain.strip().lower()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any
    ) -> str:
        domain = address.rpartition("@")[2].strip().lower()
        if not self.domain or domain != self.domain:
            return "550 5.7.1 Relaying denied: this server takes mail for its own domain only"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        loop = asyncio.get_running_loop()
        try:
            outcome = await loop.run_in_executor(
                None, _receive, raw, str(envelope.mail_from or ""), list(envelope.rcpt_tos)
            )
        except Exception:
            log.exception("Incoming mail from %s could not be taken", envelope.mail_from)
            return "451 4.3.0 Temporary failure, try again later"
        return f"250 2.0.0 Accepted ({outcome})"


def listener(host: str, port: int, *, domain: str | None = None) -> Controller:
    """A started-on-demand listener (`.start()`, `.stop()`), in a thread of its own."""
    handler = InboundHandler(settings.MAIL_REPLY_DOMAIN if domain is None else domain)
    # aiosmtpd logs every SMTP command at INFO: keep its warnings, one line a mail is ours.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    return Controller(
        handler,
        hostname=host,
        port=port,
        data_size_limit=MAX_MAIL_BYTES,
        enable_SMTPUTF8=True,
        decode_data=False,
        ident="Comptoir mail-in",
    )
