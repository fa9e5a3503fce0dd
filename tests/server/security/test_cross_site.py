"""Cross-site writes are refused with 403; same-origin and header-less requests pass."""

from __future__ import annotations

import pytest

from tests.factories import log_body
from tests.server.expect import assert_error

OWN_ORIGIN = "http://localhost"


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "http://localhost.evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
    {"Origin": OWN_ORIGIN, "Sec-Fetch-Site": "cross-site"},
])
def test_a_state_changing_request_from_another_site_is_refused(app, world, signed_in, headers):
    http = signed_in(world.client)
    assert_error(http.post("/api/me/logs", json=[log_body()], headers=headers), 403)
    assert_error(http.delete("/api/me", headers=headers), 403)
    assert http.get("/api/me").status_code == 200
    assert http.get("/api/me/logs").json == []


def test_sign_in_from_another_site_is_refused(app, world):
    response = app.test_client().post(
        "/api/auth/login", json={"email": world.client.email, "password": "a-long-test-password"},
        headers={"Origin": "https://evil.example"})
    assert_error(response, 403)
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize("headers", [
    {}, {"Origin": OWN_ORIGIN}, {"Sec-Fetch-Site": "same-origin"},
    {"Sec-Fetch-Site": "none"}, {"Origin": OWN_ORIGIN, "Sec-Fetch-Site": "same-origin"},
])
def test_same_origin_or_header_less_writes_are_allowed(world, signed_in, headers):
    http = signed_in(world.client)
    assert http.post("/api/me/logs", json=[log_body()], headers=headers).status_code == 200


def test_reads_from_another_site_are_not_refused_but_carry_no_cookie_by_samesite(world,
                                                                               signed_in):
    http = signed_in(world.client)
    assert http.get("/api/me", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200
