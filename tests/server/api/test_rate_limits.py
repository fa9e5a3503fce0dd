"""Sign-in is rate-limited per address and per account (a fresh app with limits switched on)."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.server.expect import assert_error

ATTEMPTS = 3


@pytest.fixture
def limited_app(fresh_app):
    return fresh_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT=f"{ATTEMPTS} per minute")


def _login(http, email, password="wrong-password", address="203.0.113.7"):
    return http.post("/api/auth/login", json={"email": email, "password": password},
                     environ_base={"REMOTE_ADDR": address})


def test_login_is_refused_with_429_after_too_many_attempts_from_one_address(
        limited_app, make_therapist):
    therapist = make_therapist()
    http = limited_app.test_client()
    for n in range(ATTEMPTS):
        assert _login(http, f"nobody{n}@example.test").status_code == 401
    refused = _login(http, therapist.email, PASSWORD)
    assert_error(refused, 429)
    assert "Retry-After" in refused.headers or "X-RateLimit-Reset" in refused.headers


def test_login_is_limited_per_account_across_addresses(limited_app, make_therapist):
    therapist = make_therapist()
    http = limited_app.test_client()
    for n in range(ATTEMPTS):
        assert _login(http, therapist.email, address=f"198.51.100.{n}").status_code == 401
    assert_error(_login(http, therapist.email.upper(), PASSWORD, "198.51.100.99"), 429)
    assert _login(http, "someone-else@example.test", address="198.51.100.98").status_code == 401


def test_limits_switched_on_in_one_app_do_not_throttle_another(limited_app, app, make_therapist):
    therapist = make_therapist()
    for _ in range(ATTEMPTS + 2):
        assert _login(limited_app.test_client(), "x@example.test").status_code in {401, 429}
    quiet = app.test_client()
    # More than the session app's own LOGIN_RATE_LIMIT (10 a minute) would allow were it on.
    for _ in range(12):
        assert _login(quiet, therapist.email, PASSWORD).status_code == 200
