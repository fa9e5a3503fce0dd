"""Request rate limits: API_RATE_LIMIT on every request, per address and route, and the limits a
view declares for itself (@limiter.limit: sign-in, password reset, invites), counted with the
`limits` library in Redis (REDIS_URL: every process counts against the same limits) or in this
process's memory.

Why not Flask-Limiter, which this replaces: it worked out every request's limits with general
machinery (declared, blueprint, default and meta limits, exemption scopes) and read each counter
twice more for the headers. That was a tenth of the CPU of a request storing a batch of logs
(issue 12, measured with benchmarks/floor_profile.py), and two more round trips a request with
Redis. Here a view's limits are read from the view once, and a counter costs one increment plus
one read of its expiry.

- A limit counts a fixed window. A declared limit with deduct_when counts only the requests it
  approves of (a failed sign-in), and refuses once its window is full.
- Should Redis stop answering, this process counts in its own memory and asks Redis again after
  RETRY_SECONDS: a request never fails because the store is away.
- @limiter.exempt views (the health probes) are not counted at all.
- A counted answer carries X-RateLimit-Limit, -Remaining and -Reset of the limit nearest its
  end; a refusal is a 429 with Retry-After.
- RATELIMIT_ENABLED off: nothing is counted (each app decides for its own requests).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from flask import Flask, current_app, g, request
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from werkzeug.exceptions import TooManyRequests

from ..rate_limits import SweptMemoryStorage

log = logging.getLogger(__name__)

#: How long a process counts in its own memory after Redis failed to answer, before asking again.
RETRY_SECONDS = 30


class Window(NamedTuple):
    """One limit's state for this request."""

    limit: int
    remaining: int
    reset_at: int  # Unix seconds
    over: bool  # this request is refused by it


@dataclass(frozen=True)
class Declared:
    """A limit a view declares: its value (read from the settings at request time), whose
    requests it counts together, and, if given, which answers count."""

    value: Callable[[], str]
    key: Callable[[], str]
    deduct_when: Callable[[object], bool] | None = None


def client_address() -> str:
    return request.remote_addr or "127.0.0.1"


@lru_cache(maxsize=64)
def _items(value: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(value))


class Counters:
    """One app's counters: its store, and this process's memory while the store is away."""

    def __init__(self, app: Flask):
        self.prefix = app.config["RATELIMIT_KEY_PREFIX"]
        self.storage: Storage = storage_from_string(
            app.config["RATELIMIT_STORAGE_URI"], **app.config.get("RATELIMIT_STORAGE_OPTIONS", {}))
        self.shared = not isinstance(self.storage, SweptMemoryStorage)
        self.fallback = SweptMemoryStorage() if self.shared else self.storage
        self.away_until = 0.0  # time.monotonic() before which the shared store is not asked

    def _store(self) -> Storage:
        return self.fallback if time.monotonic() < self.away_until else self.storage

    def _ask(self, ask: Callable[[Storage], Window]) -> Window:
        store = self._store()
        try:
            return ask(store)
        except Exception:  # whatever a remote store raises; the memory store does not fail
            if store is self.fallback:
                raise
            log.warning("the rate-limit store did not answer; counting in this process for %s s",
                        RETRY_SECONDS)
            self.away_until = time.monotonic() + RETRY_SECONDS
            return ask(self.fallback)

    def hit(self, item: RateLimitItem, *identifiers: str) -> Window:
        """Count this request; over once the count passes the limit."""
        key = item.key_for(self.prefix, *identifiers)

        def ask(store: Storage) -> Window:
            hits = store.incr(key, item.get_expiry())
            return Window(item.amount, max(0, item.amount - hits), int(store.get_expiry(key)),
                          hits > item.amount)

        return self._ask(ask)

    def peek(self, item: RateLimitItem, *identifiers: str) -> Window:
        """The window as it stands, counting nothing; over once it is full."""
        key = item.key_for(self.prefix, *identifiers)

        def ask(store: Storage) -> Window:
            hits = store.get(key)
            reset_at = int(store.get_expiry(key)) if hits else int(time.time() + item.get_expiry())
            return Window(item.amount, max(0, item.amount - hits), reset_at, hits >= item.amount)

        return self._ask(ask)

    def store_answers(self) -> bool:
        """Whether the store answers (readiness); memory always does."""
        return bool(self.storage.check())


class RequestLimits:
    """The decorators views use, and the hooks that apply the limits."""

    def limit(self, value: Callable[[], str], key_func: Callable[[], str] | None = None,
              deduct_when: Callable[[object], bool] | None = None):
        """Declare a limit on a view, counted per route and per key_func() (the address by
        default); with deduct_when, only answers it approves of count."""
        def declare(view):
            view.rate_limits = (Declared(value, key_func or client_address, deduct_when),
                                *getattr(view, "rate_limits", ()))
            return view

        return declare

    @staticmethod
    def exempt(view):
        """Not counted by any limit (health probes: a load balancer asks every few seconds)."""
        view.rate_limit_exempt = True
        return view

    def init_app(self, app: Flask) -> None:
        app.extensions["request_limits"] = Counters(app)
        app.before_request(count_request)
        app.after_request(tell_limits)


def counters() -> Counters:
    return current_app.extensions["request_limits"]


def count_request() -> None:
    """Before each request: count it against its limits; a 429 once one is spent."""
    endpoint = request.endpoint
    if (endpoint is None or endpoint.rpartition(".")[2] == "static"
            or not current_app.config["RATELIMIT_ENABLED"]):
        return  # no route (a 404 or 405), a static file, or limits off
    view = current_app.view_functions[endpoint]
    if getattr(view, "rate_limit_exempt", False):
        return
    store = counters()
    windows = [store.hit(item, "api", client_address(), endpoint)
               for item in _items(current_app.config["API_RATE_LIMIT"])]
    deductions = []
    for declared in getattr(view, "rate_limits", ()):
        identifiers = ("view", declared.key(), endpoint)
        for item in _items(declared.value()):
            if declared.deduct_when is None:
                windows.append(store.hit(item, *identifiers))
            else:
                windows.append(store.peek(item, *identifiers))
                deductions.append((len(windows) - 1, item, identifiers, declared.deduct_when))
    g.rate_limit_windows, g.rate_limit_deductions = windows, deductions
    if any(window.over for window in windows):
        raise TooManyRequests()


def tell_limits(response):
    """After each counted request: count what only some answers count, then tell the limit
    nearest its end (the one that refused, on a 429)."""
    windows = g.pop("rate_limit_windows", None)
    if not windows:
        return response
    for index, item, identifiers, deduct_when in g.pop("rate_limit_deductions", ()):
        if response.status_code != 429 and deduct_when(response):
            windows[index] = counters().hit(item, *identifiers)
    window = min(windows, key=lambda w: (not w.over, w.remaining))
    headers = response.headers
    headers["X-RateLimit-Limit"] = str(window.limit)
    headers["X-RateLimit-Remaining"] = str(window.remaining)
    headers["X-RateLimit-Reset"] = str(window.reset_at)
    if response.status_code == 429:
        headers["Retry-After"] = str(max(1, window.reset_at - int(time.time())))
    return response
