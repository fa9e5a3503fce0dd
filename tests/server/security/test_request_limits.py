"""Request limits (server/security/request_limits.py). The per-address limit on every request
(API_RATE_LIMIT): counted per address and route, told in
X-RateLimit headers, refused with a 429 and Retry-After once spent; in Redis when it is set, and
in this process's memory while Redis is away."""

from __future__ import annotations

import pytest

from tests.server.expect import assert_error

LIMIT = 3
PATH = "/api/push/public-key"  # public, reads nothing personal: only the limit can refuse it


@pytest.fixture
def limited(fresh_app):
    return fresh_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT=f"{LIMIT} per minute")


def _get(http, path=PATH, address="203.0.113.9"):
    return http.get(path, environ_base={"REMOTE_ADDR": address})


def test_each_answer_tells_what_is_left_and_the_one_past_the_limit_is_a_429(limited):
    http = limited.test_client()
    for left in range(LIMIT - 1, -1, -1):
        response = _get(http)
        assert response.status_code == 200
        assert response.headers["X-RateLimit-Limit"] == str(LIMIT)
        assert response.headers["X-RateLimit-Remaining"] == str(left)
        assert int(response.headers["X-RateLimit-Reset"]) > 0
        assert "Retry-After" not in response.headers
    refused = _get(http)
    assert_error(refused, 429)
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-RateLimit-Remaining"] == "0"


def test_the_count_is_per_address_and_per_route(limited):
    http = limited.test_client()
    for _ in range(LIMIT):
        assert _get(http).status_code == 200
    assert _get(http).status_code == 429
    assert _get(http, address="203.0.113.10").status_code == 200
    assert _get(http, path="/api/health/ready").status_code == 200  # exempt, and not counted
    assert _get(http, path="/api/me").status_code == 401  # another route: its own count


def test_with_limits_off_nothing_is_counted_or_told(fresh_app):
    http = fresh_app(RATELIMIT_ENABLED=False, API_RATE_LIMIT="1 per minute").test_client()
    for _ in range(3):
        response = _get(http)
        assert response.status_code == 200
        assert "X-RateLimit-Limit" not in response.headers


@pytest.mark.parametrize(("api_limit", "reported"), [
    ("100 per minute", {"5", "6"}),  # the sign-in limits (per address, per account) are nearer
    ("2 per minute", {"2"}),  # this limit is nearer
])
def test_a_sign_in_reports_whichever_limit_is_nearer_its_end(fresh_app, make_therapist,
                                                            api_limit, reported):
    therapist = make_therapist()
    http = fresh_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT=api_limit,
                     LOGIN_ADDRESS_RATE_LIMIT="5 per minute",
                     LOGIN_RATE_LIMIT="6 per minute").test_client()
    failed = http.post("/api/auth/login", json={"email": therapist.email, "password": "nope"})
    assert failed.status_code == 401
    assert len(failed.headers.getlist("X-RateLimit-Limit")) == 1  # told once
    assert failed.headers["X-RateLimit-Limit"] in reported


def test_counters_live_in_redis_when_it_is_set(fresh_app, redis_url, redis_counters):
    shared = fresh_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT=f"{LIMIT} per minute",
                       REDIS_URL=redis_url)
    other_process = fresh_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT=f"{LIMIT} per minute",
                              REDIS_URL=redis_url)
    address = redis_counters.address
    for _ in range(LIMIT - 1):
        assert _get(shared.test_client(), address=address).status_code == 200
    assert _get(other_process.test_client(), address=address).status_code == 200
    assert_error(_get(shared.test_client(), address=address), 429)  # one count for both
    assert [key for key in redis_counters.keys() if address in key]


def test_while_redis_is_away_each_process_still_counts_and_nothing_fails(fresh_app, caplog):
    # Nothing listens on port 1: every Redis call fails at once.
    apart = fresh_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT=f"{LIMIT} per minute",
                      REDIS_URL="redis://127.0.0.1:1/0")
    http = apart.test_client()
    for _ in range(LIMIT):
        assert _get(http).status_code == 200
    assert_error(_get(http), 429)
    assert "did not answer" in caplog.text
    assert apart.extensions["request_limits"].away_until > 0  # Redis is asked again later
