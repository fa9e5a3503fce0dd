"""The notify pass's wiring: at the end of the scheduler's tick, from the command line, and a
failing pass logged without taking the notify thread or the reminders down."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
import time_machine

from server.notify import alerts
from server.reminders.scheduler import ReminderRunner
from tests.factories import log_body

NOW = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_scheduler_tick_sends_an_alert_a_lost_kick_left(
        app, world, client_http, subscribe, push_service, monkeypatch):
    subscribe(world.therapist)
    monkeypatch.setattr(app.extensions["notify"], "kick", lambda: None)  # died after commit
    client_http.post("/api/me/logs", json=[log_body(pain=9)])
    assert push_service.received == []
    report = ReminderRunner(app).tick()
    assert report.claimed == 0  # no reminder was due: the tick's notify pass sent the alert
    assert len(push_service.wait_for(1)) == 1


def test_a_failing_notify_pass_leaves_the_reminder_tick_whole(app, monkeypatch, caplog):
    monkeypatch.setattr(alerts, "queue_resends", lambda now: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="server.notify.runner"):
        report = ReminderRunner(app).tick()
    assert report.claimed == 0 and "notify tick failed" in caplog.text


def test_the_command_sends_what_is_due(app, world, client_http, subscribe, push_service,
                                       monkeypatch):
    subscribe(world.therapist)
    monkeypatch.setattr(app.extensions["notify"], "kick", lambda: None)
    client_http.post("/api/me/logs", json=[log_body(pain=9)])
    result = app.test_cli_runner().invoke(args=["send-notifications"])
    assert result.exit_code == 0, result.output
    assert "alerts pushed 1" in result.output
    assert len(push_service.wait_for(1)) == 1


def test_a_failing_pass_is_logged_and_the_next_one_still_sends(
        app, world, client_http, subscribe, push_service, monkeypatch, caplog, idle):
    subscribe(world.therapist)
    real = alerts.queue_resends
    monkeypatch.setattr(alerts, "queue_resends", lambda now: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="server.notify.runner"):
        client_http.post("/api/me/logs", json=[log_body(pain=9)])
        idle()
    assert "notify pass failed" in caplog.text
    assert push_service.received == []
    monkeypatch.setattr(alerts, "queue_resends", real)
    client_http.post("/api/me/logs", json=[log_body(pain=8)])
    idle()
    assert len(push_service.wait_for(2)) == 2


def test_kicks_within_the_coalescing_wait_share_one_pass(app, monkeypatch):
    """A burst of requests that each queue an alert costs the web process one pass, not one each:
    the pass waits NOTIFY_COALESCE_SECONDS before it starts, and kicks meanwhile join it."""
    notifier = app.extensions["notify"]
    passes = []
    monkeypatch.setattr(notifier, "run", lambda now=None: passes.append(now))
    monkeypatch.setitem(app.config, "NOTIFY_COALESCE_SECONDS", 0.3)
    for _ in range(20):
        notifier.kick()
    notifier.idle()
    assert len(passes) == 1
    notifier.kick()  # after the pass: a new one, so nothing queued later is left unsent
    notifier.idle()
    assert len(passes) == 2
