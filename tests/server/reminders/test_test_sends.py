"""The test notification goes through the delivery ledger: the request queues it and answers
202, the notify thread sends it (or the scheduler's tick, should the kick be lost), and the
person reads the outcome back. A request never waits on a push service."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from server.notify.runner import Notifier
from server.reminders.push import Outcome, SendResult

from .helpers import ledger_rows

NOW = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


class ThreadNotingSender:
    """Accepts every push and notes which thread sent it."""

    def __init__(self):
        self.threads: list[str] = []

    def send(self, subscription, payload, *, ttl, topic=None, urgency="normal"):
        self.threads.append(threading.current_thread().name)
        return SendResult(Outcome.SENT, 201)


@pytest.fixture
def noting_sender(app):
    notifier = app.extensions["notify"]
    sender, kept = ThreadNotingSender(), notifier._push_sender
    notifier.push_sender = sender
    yield sender
    notifier.push_sender = kept


def test_the_request_answers_202_and_the_notify_thread_sends(
        app, world, signed_in, subscribe, noting_sender):
    subscribe(world.client)
    http = signed_in(world.client)
    response = http.post("/api/me/reminders/test")
    assert response.status_code == 202
    app.extensions["notify"].idle()
    assert noting_sender.threads and all(t.startswith("notify") for t in noting_sender.threads)
    assert http.get(f"/api/me/reminders/test/{response.json['id']}").json["status"] == "sent"


@pytest.mark.frozen_at(NOW)  # signed in on the day: a sign-in from today may lapse by NOW
def test_a_lost_kick_is_sent_by_the_scheduler_tick(
        app, world, signed_in, subscribe, runner, noting_sender, monkeypatch):
    subscribe(world.client)
    monkeypatch.setattr(Notifier, "kick", lambda self: None)  # the after-commit kick is lost
    with time_machine.travel(NOW, tick=False):  # signed in at NOW: not lapsed by then
        http = signed_in(world.client)
        test_id = http.post("/api/me/reminders/test").json["id"]
        assert http.get(f"/api/me/reminders/test/{test_id}").json["status"] == "queued"
        runner().tick(NOW + timedelta(seconds=30))
        assert noting_sender.threads
        assert http.get(f"/api/me/reminders/test/{test_id}").json["status"] == "sent"


@pytest.mark.frozen_at(NOW)  # signed in on the day: a sign-in from today may lapse by NOW
def test_a_test_left_unsent_past_its_lifetime_fails_and_is_never_sent_late(
        app, world, signed_in, subscribe, runner, noting_sender, monkeypatch):
    subscribe(world.client)
    monkeypatch.setattr(Notifier, "kick", lambda self: None)
    with time_machine.travel(NOW, tick=False):  # signed in at NOW: not lapsed by then
        http = signed_in(world.client)
        test_id = http.post("/api/me/reminders/test").json["id"]
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        runner().tick(NOW + timedelta(minutes=10))
        assert http.get(f"/api/me/reminders/test/{test_id}").json["status"] == "failed"
    assert noting_sender.threads == []
    assert [row[2] for row in ledger_rows(app)] == ["missed"]


def test_a_test_without_any_device_fails(app, world, signed_in, noting_sender):
    http = signed_in(world.client)
    test_id = http.post("/api/me/reminders/test").json["id"]
    app.extensions["notify"].idle()
    assert http.get(f"/api/me/reminders/test/{test_id}").json["status"] == "failed"


def test_someone_elses_test_is_answered_as_one_that_does_not_exist(
        app, world, signed_in, noting_sender):
    test_id = signed_in(world.client).post("/api/me/reminders/test").json["id"]
    other = signed_in(world.other_client)
    assert other.get(f"/api/me/reminders/test/{test_id}").status_code == 404
    assert other.get(f"/api/me/reminders/test/{test_id + 1000}").status_code == 404


@pytest.mark.frozen_at(NOW)  # signed in on the day: a sign-in from today may lapse by NOW
def test_two_taps_in_the_same_instant_are_one_test(app, world, signed_in, noting_sender,
                                                   monkeypatch):
    monkeypatch.setattr(Notifier, "kick", lambda self: None)
    with time_machine.travel(NOW, tick=False):  # signed in at NOW: not lapsed by then
        http = signed_in(world.client)
        first, second = http.post("/api/me/reminders/test"), http.post("/api/me/reminders/test")
    assert first.status_code == second.status_code == 202
    assert first.json["id"] == second.json["id"]
    assert len(ledger_rows(app)) == 1
