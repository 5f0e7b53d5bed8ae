"""Sending a webhook without server-side request forgery.

A subscription's address is resolved before every delivery, and refused if any address it
resolves to is not a public one (private, loopback, link-local such as 169.254.169.254,
shared, reserved, multicast; IPv4-mapped IPv6 addresses are judged as IPv4), unless
NEWSAPI_WEBHOOK_ALLOW_PRIVATE is on. The connection then goes to the very address that was
checked ("pinned"), with the host name kept for the Host header and for TLS (SNI and
certificate checks), so a DNS answer that changes between the check and the connection
(rebinding) cannot redirect it. Redirects are not followed.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import conf

MAX_RESPONSE_BYTES = 2048


class UnsafeTarget(Exception):
    """The address may not be sent to (not http(s), or not a public address)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with the query
    address: str  # the checked IP address the connection is pinned to


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(url: str, *, allow_private: bool | None = None) -> Target:
    """The target of `url`, resolved and checked. Raises `UnsafeTarget`."""
    if allow_private is None:
        allow_private = conf.get("NEWSAPI_WEBHOOK_ALLOW_PRIVATE")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("Only http:// and https:// addresses can receive webhooks.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as error:
        raise UnsafeTarget(f"{parts.hostname} cannot be resolved ({error}).") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise UnsafeTarget(f"{parts.hostname} has no address.")
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise UnsafeTarget(
                    f"{parts.hostname} resolves to {address}, which is not a public address."
                )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, parts.hostname, port, path, addresses[0])


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: Target, timeout: float):
        self._tls = ssl.create_default_context()
        super().__init__(target.host, target.port, timeout=timeout, context=self._tls)
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def post(target: Target, body: bytes, headers: dict[str, str], *, timeout: float) -> int:
    """POST `body` to `target`; returns the response status. Raises `OSError` or
    `http.client.HTTPException` when no answer comes."""
    kind = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = kind(target, timeout)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(MAX_RESPONSE_BYTES)  # what a receiver says is not kept
        return response.status
    finally:
        connection.close()
