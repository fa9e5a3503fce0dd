"""The per-address limit on every request (API_RATE_LIMIT), counted with one storage call and
read for the headers with one more.

It used to be Flask-Limiter's default limit. Flask-Limiter works out each request's limits with
its general machinery (declared, blueprint, default and meta limits, exemption scopes) and reads
the counter twice more for the X-RateLimit headers: a tenth of the CPU of a request storing a
batch of logs (issue 12, measured with benchmarks/floor_profile.py), and two more round trips
a request when the counters are in Redis. Flask-Limiter now keeps only the limits declared on
views (sign-in, password reset, invites) and is not consulted for a view that declares none.

The counters are the ones it kept: a fixed window per address and route, under
RATELIMIT_KEY_PREFIX in RATELIMIT_STORAGE_URI (Redis, shared by every process, or this process's
memory). Should Redis stop answering, this process counts in its own memory and asks Redis again
after RETRY_SECONDS: a request never fails because the store is away. Views marked
@limiter.exempt (the health probes) are not counted. Every counted answer carries
X-RateLimit-Limit, -Remaining and -Reset; a refusal is a 429 with Retry-After.
"""

from __future__ import annotations

import logging
import time
from typing import NamedTuple

from flask import Flask, current_app, g, request
from flask_limiter import ExemptionScope
from flask_limiter.util import get_qualified_name, get_remote_address
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from werkzeug.exceptions import TooManyRequests

from ..extensions import limiter
from ..rate_limits import SweptMemoryStorage

log = logging.getLogger(__name__)

#: How long a process counts in its own memory after Redis failed to answer, before asking again.
RETRY_SECONDS = 30


class Window(NamedTuple):
    """One limit's state after this request was counted."""

    limit: int
    remaining: int
    reset_at: int  # Unix seconds
    over: bool  # this request went past the limit


class ApiRateLimit:
    """One app's limit, its store, and what it has learned of its views."""

    def __init__(self, app: Flask):
        self.items: list[RateLimitItem] = parse_many(app.config["API_RATE_LIMIT"])
        self.prefix = app.config["RATELIMIT_KEY_PREFIX"]
        self.storage: Storage = storage_from_string(
            app.config["RATELIMIT_STORAGE_URI"], **app.config.get("RATELIMIT_STORAGE_OPTIONS", {}))
        self.fallback = SweptMemoryStorage()
        self.shared_until = 0.0  # time.monotonic() before which Redis is not asked again
        self._exempt: dict[str, bool] = {}
        self._declares_limits: dict[str, bool] = {}

    def exempt(self, endpoint: str) -> bool:
        exempt = self._exempt.get(endpoint)
        if exempt is None:
            scope = limiter.limit_manager.exemption_scope(current_app, endpoint, request.blueprint)
            exempt = self._exempt[endpoint] = bool(scope & ExemptionScope.DEFAULT)
        return exempt

    def declares_limits(self, endpoint: str) -> bool:
        """Whether the view has limits of its own (@limiter.limit) for Flask-Limiter to apply."""
        declares = self._declares_limits.get(endpoint)
        if declares is None:
            view = current_app.view_functions[endpoint]
            declares = self._declares_limits[endpoint] = bool(
                limiter.limit_manager.decorated_limits(get_qualified_name(view)))
        return declares

    def count(self, item: RateLimitItem, *identifiers: str) -> Window:
        key = item.key_for(*identifiers)
        storage = self.fallback if time.monotonic() < self.shared_until else self.storage
        try:
            hits = storage.incr(key, item.get_expiry())
            reset_at = storage.get_expiry(key)
        except Exception:  # any failure of a remote store; the memory store does not fail
            if storage is self.fallback or self.storage is self.fallback:
                raise
            log.warning("the rate-limit store did not answer; counting in this process for %s s",
                        RETRY_SECONDS)
            self.shared_until = time.monotonic() + RETRY_SECONDS
            return self.count(item, *identifiers)
        return Window(item.amount, max(0, item.amount - hits), int(reset_at), hits > item.amount)


def _this_apps() -> ApiRateLimit:
    return current_app.extensions["api_rate_limit"]


def count_request() -> None:
    """Before each request: count it, and refuse it with a 429 once its window is spent."""
    endpoint = request.endpoint
    if not current_app.config["RATELIMIT_ENABLED"] or endpoint in (None, "static"):
        return
    limits = _this_apps()
    if limits.exempt(endpoint):
        return
    identifiers = (limits.prefix, get_remote_address(), endpoint)
    windows = [limits.count(item, *identifiers) for item in limits.items]
    g.api_rate_window = min(windows, key=lambda window: (not window.over, window.remaining))
    if g.api_rate_window.over:
        raise TooManyRequests()


def add_headers(response):
    """After each counted request: the limit nearest its end, as X-RateLimit-* headers (a
    view's own declared limit, already reported by Flask-Limiter, stays if it is nearer)."""
    window: Window | None = g.pop("api_rate_window", None)
    if window is None:
        return response
    headers = response.headers
    reported = headers.get("X-RateLimit-Remaining")
    if reported is not None and reported.isdigit() and int(reported) <= window.remaining:
        return response
    headers["X-RateLimit-Limit"] = str(window.limit)
    headers["X-RateLimit-Remaining"] = str(window.remaining)
    headers["X-RateLimit-Reset"] = str(window.reset_at)
    if response.status_code == 429:
        headers["Retry-After"] = str(max(1, window.reset_at - int(time.time())))
    return response


@limiter.request_filter
def _declares_no_limits() -> bool:
    # Flask-Limiter has nothing to do for a view with no limits of its own: skip its machinery.
    endpoint = request.endpoint
    return endpoint is None or (endpoint != "static" and "api_rate_limit" in current_app.extensions
                                and not _this_apps().declares_limits(endpoint))


def init_app(app: Flask) -> None:
    """Call before limiter.init_app: this count comes first, and these headers are set after
    Flask-Limiter's, so they can defer to a declared limit nearer its end."""
    app.extensions["api_rate_limit"] = ApiRateLimit(app)
    app.before_request(count_request)
    app.after_request(add_headers)
