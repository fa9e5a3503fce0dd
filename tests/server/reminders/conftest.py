"""Reminder fixtures: the local push service and a scheduler runner over the test app."""

from __future__ import annotations

import pytest

from server.reminders import vapid_keys
from server.reminders.scheduler import ReminderRunner
from tests.push_service import LocalPushService


@pytest.fixture
def push_service(app):
    service = LocalPushService(expected_vapid_key=vapid_keys(app).public_key).start()
    yield service
    service.stop()


@pytest.fixture
def no_sleep():
    """Backoff pauses, recorded instead of slept."""
    pauses: list[float] = []
    return pauses


@pytest.fixture
def runner(app, no_sleep):
    """runner(sender=None) -> a ReminderRunner sending real Web Push (or to sender)."""
    def make(sender=None, workers=4):
        return ReminderRunner(app, sender, sleep=no_sleep.append, workers=workers)
    return make


@pytest.fixture
def subscribe(signed_in, push_service):
    """subscribe(user) -> the subscription JSON, posted through the API as a browser would."""
    def make(user):
        subscription = push_service.subscribe()
        response = signed_in(user).post("/api/me/push-subscriptions", json=subscription)
        assert response.status_code == 201, response.json
        return subscription
    return make
