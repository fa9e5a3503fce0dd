"""In-memory rate-limit counters (server/rate_limits.py): no thread started per hit, and a
counter still expires exactly when its window ends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine

from server.rate_limits import SweptMemoryStorage


def test_many_hits_start_no_sweeping_thread_each():
    storage = SweptMemoryStorage()
    timers = {id(storage.timer)}
    for n in range(500):
        storage.incr(f"key-{n % 7}", expiry=60)
        timers.add(id(storage.timer))
    assert len(timers) <= 2  # the first timer, and at most one sweep if a second went by


def test_a_counter_expires_when_its_window_ends():
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as clock:
        storage = SweptMemoryStorage()
        for _ in range(3):
            storage.incr("login/203.0.113.9", expiry=60)
        assert storage.get("login/203.0.113.9") == 3
        clock.shift(timedelta(seconds=59))
        assert storage.get("login/203.0.113.9") == 3
        clock.shift(timedelta(seconds=1))
        assert storage.get("login/203.0.113.9") == 0


def test_the_app_keeps_memory_counters_in_the_swept_storage(fresh_app):
    app = fresh_app(RATELIMIT_ENABLED=True)
    assert isinstance(app.extensions["request_limits"].storage, SweptMemoryStorage)
