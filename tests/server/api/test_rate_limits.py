"""Failed sign-ins are rate-limited per account and per address (a fresh app with limits on):
someone guessing at one account is stopped without locking out others behind the same address."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD
from tests.server.expect import assert_error

ATTEMPTS = 3
ADDRESS_ATTEMPTS = 6


@pytest.fixture
def limited_app(fresh_app):
    return fresh_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT=f"{ATTEMPTS} per minute",
                     LOGIN_ADDRESS_RATE_LIMIT=f"{ADDRESS_ATTEMPTS} per minute")


def _login(http, email, password="wrong-password", address="203.0.113.7"):
    return http.post("/api/auth/login", json={"email": email, "password": password},
                     environ_base={"REMOTE_ADDR": address})


def test_login_is_refused_with_429_after_too_many_failures_from_one_address(
        limited_app, make_therapist):
    therapist = make_therapist()
    http = limited_app.test_client()
    for n in range(ADDRESS_ATTEMPTS):
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


def test_ten_wrong_tries_on_one_account_never_lock_out_another_account_at_the_same_address(
        fresh_app, make_therapist):
    guessed, other = make_therapist(), make_therapist()
    http = fresh_app(RATELIMIT_ENABLED=True).test_client()  # the shipped limits
    for _ in range(10):
        assert _login(http, guessed.email).status_code == 401
    assert_error(_login(http, guessed.email, PASSWORD), 429)
    assert _login(http, other.email, PASSWORD).status_code == 200


def test_successful_sign_ins_do_not_count_against_the_limits(limited_app, make_therapist):
    therapist = make_therapist()
    http = limited_app.test_client()
    for _ in range(ADDRESS_ATTEMPTS + 2):
        assert _login(http, therapist.email, PASSWORD).status_code == 200


def test_forgot_password_is_limited_per_email_with_the_same_answer_until_then(
        fresh_app, make_therapist):
    limited = fresh_app(RATELIMIT_ENABLED=True, FORGOT_RATE_LIMIT="2 per hour")
    http = limited.test_client()
    for n in range(2):
        answer = http.post("/api/auth/forgot", json={"email": "Someone@example.test"},
                           environ_base={"REMOTE_ADDR": f"198.51.100.{n}"})
        assert answer.status_code == 202
    assert_error(http.post("/api/auth/forgot", json={"email": "someone@example.test"}), 429)
    assert http.post("/api/auth/forgot", json={"email": "else@example.test"}).status_code == 202


def test_sign_in_counters_live_in_redis_when_redis_url_is_set(fresh_app, make_therapist,
                                                                redis_url, redis_counters):
    shared = fresh_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT=f"{ATTEMPTS} per minute",
                       LOGIN_ADDRESS_RATE_LIMIT=f"{ATTEMPTS} per minute", REDIS_URL=redis_url)
    therapist = make_therapist()
    http = shared.test_client()
    address = redis_counters.address
    for n in range(ATTEMPTS):
        assert _login(http, redis_counters.email(n), address=address).status_code == 401
    assert_error(_login(http, therapist.email, PASSWORD, address), 429)
    assert [key for key in redis_counters.keys() if address in key]
    assert [key for key in redis_counters.keys() if redis_counters.email(0) in key]


def test_rate_limit_storage_uri_still_decides_where_counters_live(fresh_app, redis_url,
                                                                   redis_counters):
    apart = fresh_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT=f"{ATTEMPTS} per minute",
                      LOGIN_ADDRESS_RATE_LIMIT=f"{ATTEMPTS} per minute", REDIS_URL=redis_url,
                      RATELIMIT_STORAGE_URI="memory://")
    http = apart.test_client()
    address = redis_counters.address
    for n in range(ATTEMPTS):
        assert _login(http, redis_counters.email(n), address=address).status_code == 401
    assert_error(_login(http, redis_counters.email(9), address=address), 429)
    assert redis_counters.keys() == []


def test_requests_are_still_limited_per_process_while_redis_is_down(fresh_app):
    # Nothing listens on port 1: every Redis call fails at once, and the in-memory fallback
    # counts instead of failing the request with a 500.
    apart = fresh_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT=f"{ATTEMPTS} per minute",
                      LOGIN_ADDRESS_RATE_LIMIT=f"{ATTEMPTS} per minute",
                      REDIS_URL="redis://127.0.0.1:1/0")
    http = apart.test_client()
    for n in range(ATTEMPTS):
        assert _login(http, f"nobody{n}@example.test").status_code == 401
    assert_error(_login(http, "nobody@example.test"), 429)
