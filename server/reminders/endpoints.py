"""Push endpoints are URLs chosen by a browser, so the server must not be tricked into posting
to its own network (request forgery): https only, and every address the host resolves to must
be public. PUSH_ALLOW_LOOPBACK admits a local push service on 127.0.0.1 / localhost."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
MAX_ENDPOINT_LENGTH = 2048


class EndpointRefused(ValueError):
    """The endpoint may not be used; the message says why in plain words."""


def _addresses(host: str, port: int, resolve) -> set[str]:
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise EndpointRefused("The push service's host name does not resolve.") from exc
    return {info[4][0] for info in infos}


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    # is_global is False for private, loopback, link-local (cloud metadata), shared (CGNAT),
    # reserved and documentation ranges; multicast is refused separately.
    return ip.is_global and not ip.is_multicast


def check_push_endpoint(url: str, *, allow_loopback: bool = False,
                        resolve=socket.getaddrinfo) -> None:
    """Raise EndpointRefused unless url is a push endpoint we may post to.

    Called when a subscription is stored and again just before every send, because what a
    name resolves to can change between the two.
    """
    if not isinstance(url, str) or len(url) > MAX_ENDPOINT_LENGTH:
        raise EndpointRefused("The endpoint must be a URL of at most 2048 characters.")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise EndpointRefused("The endpoint is not a valid URL.") from exc
    host = (parts.hostname or "").lower()
    if not host or parts.username or parts.password:
        raise EndpointRefused("The endpoint is not a valid URL.")
    if allow_loopback and host in LOOPBACK_HOSTS and parts.scheme in {"http", "https"}:
        return
    if parts.scheme != "https":
        raise EndpointRefused("The endpoint must use https.")
    addresses = _addresses(host, port or 443, resolve)
    if not addresses or not all(_is_public(a) for a in addresses):
        raise EndpointRefused("The endpoint must be a public push service.")
