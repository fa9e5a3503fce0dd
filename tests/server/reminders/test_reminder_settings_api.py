"""Reminder settings, snooze and the test notification, through the API."""

from datetime import UTC, datetime, timedelta

import time_machine

from .helpers import ledger_rows, program_at, subscription_count

NOW = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


def test_settings_start_at_the_defaults(world, signed_in):
    body = signed_in(world.client).get("/api/me/reminder-settings").json
    assert body == {"sessions_enabled": True, "movement_breaks_enabled": True,
                    "quiet_from": None, "quiet_to": None, "paused_until": None,
                    "timezone": "UTC", "push_subscriptions": 0}


def test_a_client_turns_a_kind_off_sets_quiet_hours_and_pauses(world, signed_in):
    with time_machine.travel(NOW, tick=False):
        http = signed_in(world.client)  # on the day: a sign-in made today may lapse before NOW
        body = http.put("/api/me/reminder-settings", json={
            "sessions_enabled": True, "movement_breaks_enabled": False,
            "quiet_from": "22:00", "quiet_to": "07:00", "pause_days": 3}).json
    assert body["movement_breaks_enabled"] is False and body["quiet_from"] == "22:00"
    assert datetime.fromisoformat(body["paused_until"]) == NOW + timedelta(days=3)
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        resumed = http.put("/api/me/reminder-settings", json={"pause_days": 0}).json
    assert resumed["paused_until"] is None and resumed["movement_breaks_enabled"] is True


def test_quiet_hours_need_both_ends(world, signed_in):
    response = signed_in(world.client).put("/api/me/reminder-settings",
                                           json={"quiet_from": "22:00"})
    assert response.status_code == 422
    assert "quiet_to" in response.json["errors"]


def test_reminder_settings_are_a_clients_own(world, signed_in, anonymous):
    assert signed_in(world.therapist).get("/api/me/reminder-settings").status_code == 403
    assert anonymous.get("/api/me/reminder-settings").status_code == 401


def test_paused_reminders_are_recorded_as_skipped_not_sent(
        app, world, make_client, make_program, signed_in, subscribe, push_service, runner):
    client = make_client(world.therapist)
    program_at(make_program, world.therapist, client, NOW - timedelta(hours=2), ["07:00"])
    subscribe(client)
    with time_machine.travel(NOW - timedelta(hours=1), tick=False):
        signed_in(client).put("/api/me/reminder-settings", json={"pause_days": 2})
    runner().tick(NOW + timedelta(seconds=5))
    assert push_service.received == []
    assert ledger_rows(app) == [("session", NOW, "skipped", "paused", 0)]


def test_snooze_sends_the_reminder_again_after_the_minutes_and_not_before(
        app, world, make_client, signed_in, subscribe, push_service, runner):
    client = make_client(world.therapist)
    subscribe(client)
    with time_machine.travel(NOW, tick=False):
        body = signed_in(client).post("/api/me/reminders/snooze",
                                      json={"kind": "session", "minutes": 30}).json
    due = datetime.fromisoformat(body["due_at"])
    assert due == NOW + timedelta(minutes=30)
    runner().tick(due - timedelta(seconds=1))
    assert push_service.received == []
    runner().tick(due + timedelta(seconds=3))
    [message] = push_service.wait_for(1)
    assert message.payload["tag"] == "reminder-session"
    assert ledger_rows(app) == [("session", due, "sent", "", 1)]


def test_snooze_refuses_unknown_kinds_and_silly_durations(world, signed_in):
    http = signed_in(world.client)
    response = http.post("/api/me/reminders/snooze", json={"kind": "lunch", "minutes": 0})
    assert response.status_code == 422
    assert set(response.json["errors"]) == {"kind", "minutes"}


def test_the_test_notification_is_queued_then_reaches_every_device_and_drops_gone_ones(
        app, world, signed_in, subscribe, push_service):
    subscribe(world.client)
    gone = subscribe(world.client)
    push_service.script(gone["endpoint"], [410])
    http = signed_in(world.client)
    response = http.post("/api/me/reminders/test")
    assert response.status_code == 202
    assert response.json["status"] == "queued" and response.json["finished_at"] is None
    app.extensions["notify"].idle()
    [message] = push_service.wait_for(1)
    assert message.payload["title"] == "Reminders are working"
    assert subscription_count(app) == 1
    outcome = http.get(f"/api/me/reminders/test/{response.json['id']}").json
    assert outcome["status"] == "sent" and outcome["finished_at"] is not None
