"""The request-forgery check on push endpoints, with the resolver under test control."""

import socket

import pytest

from server.reminders.endpoints import EndpointRefused, check_push_endpoint


def resolving_to(*addresses):
    def resolve(host, port, type=None):  # noqa: A002 - getaddrinfo's own keyword
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]
    return resolve


def test_a_public_https_push_service_is_accepted():
    check_push_endpoint("https://push.example.net/wpush/v2/abc",
                        resolve=resolving_to("203.0.114.10", "142.250.74.10"))


def test_a_name_that_resolves_to_a_private_address_is_refused():
    with pytest.raises(EndpointRefused):
        check_push_endpoint("https://push.example.net/x",
                            resolve=resolving_to("142.250.74.10", "192.168.0.4"))


def test_a_name_that_does_not_resolve_is_refused():
    def fail(*_args, **_kwargs):
        raise socket.gaierror("no such name")
    with pytest.raises(EndpointRefused):
        check_push_endpoint("https://nowhere.invalid/x", resolve=fail)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/p", "http://localhost/p",
                                 "https://[::1]:9/p"])
def test_loopback_is_admitted_only_with_the_setting(url):
    check_push_endpoint(url, allow_loopback=True)
    with pytest.raises(EndpointRefused):
        check_push_endpoint(url, allow_loopback=False)


def test_the_setting_admits_loopback_names_only_not_other_private_hosts():
    with pytest.raises(EndpointRefused):
        check_push_endpoint("http://10.1.2.3/p", allow_loopback=True)
    with pytest.raises(EndpointRefused):
        check_push_endpoint("http://127.0.0.2/p", allow_loopback=True)


def _ipv6_forms_of(ipv4: str) -> list[str]:
    """Every IPv6 transition form that embeds ipv4 (issue 9)."""
    import ipaddress

    v4 = int(ipaddress.IPv4Address(ipv4))
    teredo_client = v4 ^ 0xFFFF_FFFF
    return [str(ipaddress.IPv6Address(value)) for value in (
        (0xFFFF << 32) | v4,                                   # IPv4-mapped ::ffff:0:0/96
        (0x64FF9B << 96) | v4,                                 # NAT64 64:ff9b::/96
        (0x64FF9B0001 << 80) | (v4 << 16),                     # local NAT64 64:ff9b:1::/48
        (0x2002 << 112) | (v4 << 80) | 1,                      # 6to4 2002::/16
        (0x20010000 << 96) | (0x08080808 << 64) | teredo_client,  # Teredo 2001::/32, client
        (0x20010000 << 96) | (v4 << 64) | 0x0808_0808 ^ 0xFFFF_FFFF,  # Teredo, server
        v4,                                                    # IPv4-compatible ::/96
    )]


@pytest.mark.parametrize("inside", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "192.168.1.1",
                                    "100.64.0.1", "0.0.0.0"])
@pytest.mark.parametrize("form", range(7))
def test_ipv4_inside_an_ipv6_transition_form_is_checked_as_ipv4(inside, form):
    address = _ipv6_forms_of(inside)[form]
    with pytest.raises(EndpointRefused):
        check_push_endpoint("https://push.example.net/x", resolve=resolving_to(address))
    with pytest.raises(EndpointRefused):
        check_push_endpoint(f"https://[{address}]/x", allow_loopback=True,
                            resolve=socket.getaddrinfo)


@pytest.mark.parametrize("form", [0, 1, 3])
def test_a_public_ipv4_inside_a_transition_form_is_still_accepted(form):
    address = _ipv6_forms_of("142.250.74.10")[form]
    check_push_endpoint("https://push.example.net/x", resolve=resolving_to(address))
