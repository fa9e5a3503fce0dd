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


#: IPv6 ranges that carry an IPv4 address in their last 32 bits and reach it: NAT64's
#: well-known prefix (RFC 6052) and the deprecated IPv4-compatible form (RFC 4291).
_LAST_32_BITS_ARE_IPV4 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("::/96"))
#: Local-use NAT64 (RFC 8215): any site's translator, embedding IPv4 anywhere: never public.
_NEVER_PUBLIC = (ipaddress.ip_network("64:ff9b:1::/48"),)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 transition form leads to (mapped, NAT64, 6to4, Teredo,
    IPv4-compatible): 64:ff9b::127.0.0.1 or 2002:7f00:1:: reach this machine's loopback."""
    found = [ip.ipv4_mapped] if ip.ipv4_mapped else []
    if ip.sixtofour:
        found.append(ip.sixtofour)
    if ip.teredo:
        found.extend(ip.teredo)  # (server, client): the client's address is the one reached
    if any(ip in network for network in _LAST_32_BITS_ARE_IPV4):
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF))
    return found


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in network for network in _NEVER_PUBLIC):
            return False
        if not all(_is_public(str(v4)) for v4 in _embedded_ipv4(ip)):
            return False
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
