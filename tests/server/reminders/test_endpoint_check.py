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
