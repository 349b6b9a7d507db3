"""Which network addresses a webhook may reach: public ones, or those staff allowed.

A webhook URL is chosen by whoever holds an integration token; without this rule Comptoir
would POST to its own Redis, the cloud's metadata service or the office network on their
behalf (and report each port's answer). Loopback, private, link-local, shared, multicast,
reserved and unspecified addresses are refused, both when the endpoint is made and at
connect time, after DNS resolution: a name that resolves to such an address is refused,
and the connection goes to the very address that was checked (no second lookup for a
DNS-rebinding answer to change).

`WEBHOOK_ALLOWED_PRIVATE_TARGETS` lists exceptions for receivers on an internal network:
host names ("receiver.internal"), addresses ("10.0.4.7") or networks ("10.0.4.0/24").
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

LOCAL_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")


class Refused(OSError):
    """The target is on a network webhooks may not reach."""


def is_public(address: Address) -> bool:
    """Reachable on the public internet (a plain rule: no ORM, no settings)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


def _allowed() -> list[str]:
    return [entry.strip().lower() for entry in settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS if entry]


def host_allowed(host: str, allowed: Iterable[str]) -> bool:
    """`host` (a name) was listed by staff as an internal receiver."""
    return host.strip("[]").lower().rstrip(".") in set(allowed)


def address_allowed(address: Address, allowed: Iterable[str]) -> bool:
    """`address` is public, or inside an address or network staff listed."""
    if is_public(address):
        return True
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a host name in the list
    return False


def literal_problem(host: str) -> str | None:
    """For the URL alone, before any lookup: "private_address" for a literal address or a
    local name that webhooks may not reach, else None."""
    allowed = _allowed()
    bare = host.strip("[]").lower().rstrip(".")
    if host_allowed(bare, allowed):
        return None
    if bare in LOCAL_NAMES or bare.endswith(".localhost"):
        return "private_address"
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        return None
    return None if address_allowed(address, allowed) else "private_address"


def resolve(host: str, port: int) -> list[tuple[Any, ...]]:
    """Every address `host` resolves to that webhooks may reach (getaddrinfo rows); raises
    Refused when any answer is on a refused network (a name must not point inside)."""
    allowed = _allowed()
    infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    if host_allowed(host, allowed):
        return list(infos)
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if not address_allowed(address, allowed):
            raise Refused(f"{host} resolves to {address}, which webhooks may not reach")
    return list(infos)


def guarded_connection(
    address: tuple[str, int],
    timeout: float | object = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
    source_address: tuple[str, int] | None = None,
    *args: Sequence[Any],
) -> socket.socket:
    """`socket.create_connection` that connects only to addresses `resolve` allowed."""
    host, port = address
    last: OSError | None = None
    for family, kind, proto, _name, sockaddr in resolve(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # type: ignore[attr-defined]
                sock.settimeout(timeout)  # type: ignore[arg-type]
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            last = exc
            sock.close()
    raise last or OSError(f"no address for {host}")
