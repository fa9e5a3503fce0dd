"""The notify pass's wiring: on the scheduler beside the reminder tick, from the command line,
and a failing pass logged without taking the notify thread down."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler

from server.notify import alerts
from server.reminders.scheduler import _add_jobs
from tests.factories import log_body

NOW = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_scheduler_runs_the_notify_tick_beside_the_reminder_tick(app):
    scheduler = BackgroundScheduler()
    _add_jobs(scheduler, app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {"reminder-tick", "notify-tick"}
    assert jobs["notify-tick"].trigger.interval.total_seconds() == 15
    assert jobs["notify-tick"].max_instances == 1


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
