"""Closing an account (DELETE /api/me) under RECORD_RETENTION_DAYS, the retention sweep, and the
therapist's discharge.

With 0 nothing of the client remains; with 30 the therapists read a closed, read-only record
that the scheduled sweep erases after 30 days, leaving only access-log entries (ids, who, what,
never content). Either way sign-in, reminders and the feed end at once, the therapists are told
with the open flags counted, and invites other people made are left alone.
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import select, text

from server.accounts_jobs import sweep_expired_records
from server.domain.vocabulary import EMERGENCY
from server.extensions import db
from server.models import CalendarFeed, PushSubscription, User, utcnow
from server.reminders.scheduler import _due_everywhere, add_jobs, run_blocking
from tests.factories import CONSENT_VERSION, PASSWORD, log_body, program_spec, session_body
from tests.server.expect import assert_error, stored_count

DAY = timedelta(days=1)


@pytest.fixture
def keeping_app(fresh_app):
    return fresh_app(RECORD_RETENTION_DAYS=30)


def _as(app, user):
    http = app.test_client()
    assert http.post("/api/auth/login", json={"email": user.email, "password": PASSWORD}) \
        .status_code == 200
    return http


@pytest.fixture
def client_with_a_record(app, world, signed_in, make_program):
    """The own client with a program, logs (one raising an emergency flag), a session, a push
    subscription and a calendar feed; their therapist has read their trends."""
    make_program(world.therapist, world.client)
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=7, notes="sore after gardening",
                                             red_flags=["saddle-numbness"]), log_body(pain=3)])
    http.post("/api/me/sessions", json=[session_body()])
    subscribed = http.post("/api/me/push-subscriptions", json={
        "endpoint": "http://127.0.0.1:9/push/abc", "keys": {
            "p256dh": "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazA"
                      "kj7I99e8QcYP7DkM",
            "auth": "tBHItJI5svbpez7KI4CCXg"}})
    assert subscribed.status_code == 201, subscribed.json
    assert http.post("/api/me/calendar-feed").status_code == 200
    signed_in(world.therapist).get(f"/api/clients/{world.client.id}/trends")
    return http


def _every_row(app) -> dict[str, list[tuple]]:
    with app.app_context():
        return {table.name: [tuple(row) for row in db.session.execute(
            text(f"SELECT * FROM {table.name}"))] for table in db.metadata.sorted_tables}


def _left_of(app, client: User) -> dict[str, list[tuple]]:
    """Rows, in any table, that name the client or point at their id; the access log and the
    notices may point at the id (that is all they keep)."""
    found = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            id_columns = [c.name for c in table.columns
                          if any(fk.column.table.name == "users" for fk in c.foreign_keys)]
            if table.name == "users":
                id_columns.append("id")
            for row in db.session.execute(select(table)).mappings():
                words = " ".join(str(v) for v in row.values())
                if (client.email in words or client.name in words
                        or any(row[c] == client.id for c in id_columns)):
                    found.setdefault(table.name, []).append(dict(row))
    return found


def test_with_nothing_retained_nothing_of_the_client_remains(
        app, world, signed_in, client_with_a_record):
    assert client_with_a_record.delete("/api/me").status_code == 204
    assert _left_of(app, world.client) == {}
    with app.app_context():
        entries = db.session.execute(text(
            "SELECT actor_name, action, resource FROM access_log WHERE client_id = :id"),
            {"id": world.client.id}).all()
    assert {tuple(e) for e in entries} == {
        ("", "create", "consent"), ("Dana Therapist", "read", "trends"),
        ("", "delete", "account")}
    assert_error(signed_in(world.therapist).get(f"/api/clients/{world.client.id}"), 404)


def test_closing_ends_sign_in_and_every_session_at_once(app, world, signed_in,
                                                        client_with_a_record):
    second_phone = signed_in(world.client)
    client_with_a_record.delete("/api/me")
    assert_error(second_phone.get("/api/me"), 401)
    assert_error(app.test_client().post("/api/auth/login", json={
        "email": world.client.email, "password": PASSWORD}), 401)


def test_the_therapist_is_told_with_the_open_flags_and_no_name_when_nothing_is_kept(
        world, signed_in, client_with_a_record):
    client_with_a_record.delete("/api/me")
    therapist = signed_in(world.therapist)
    [notice] = therapist.get("/api/notices").json
    assert notice["kind"] == "account-closed" and notice["client_id"] == world.client.id
    assert notice["client_name"] is None and notice["erase_after"] is None
    assert (notice["open_flags"], notice["top_urgency"]) == (1, EMERGENCY)
    assert therapist.delete(f"/api/notices/{notice['id']}").status_code == 204
    assert therapist.get("/api/notices").json == []
    assert_error(therapist.delete(f"/api/notices/{notice['id']}"), 404)


def test_a_pending_invite_someone_else_made_for_the_same_email_is_left_alone(
        app, world, signed_in, client_with_a_record):
    # The same person, invited afresh by a therapist of another clinic before they closed.
    with app.app_context():
        db.session.execute(text("UPDATE users SET email = 'x-' || email WHERE id = :id"),
                           {"id": world.client.id})
        db.session.commit()
    other = signed_in(world.other_therapist)
    invite = other.post("/api/invites", json={"name": "Robin", "email": world.client.email}).json
    with app.app_context():
        db.session.execute(text("UPDATE users SET email = :email WHERE id = :id"),
                           {"email": world.client.email, "id": world.client.id})
        db.session.commit()
    client_with_a_record.delete("/api/me")
    assert [row["email"] for row in other.get("/api/invites").json] == [world.client.email]
    joined = app.test_client().post(f"/api/invites/{invite['token']}/accept", json={
        "password": "a-new-long-password", "timezone": "UTC",
        "consent_version": CONSENT_VERSION})
    assert joined.status_code == 200


def test_with_30_days_kept_the_therapist_reads_the_closed_record_read_only(
        keeping_app, world, client_with_a_record):
    client = _as(keeping_app, world.client)
    closed_at = utcnow()
    with time_machine.travel(closed_at, tick=False):
        assert client.delete("/api/me").status_code == 204
    therapist = _as(keeping_app, world.therapist)
    row = therapist.get(f"/api/clients/{world.client.id}").json
    assert row["status"] == "closed"
    assert row["erase_after"] == (closed_at + 30 * DAY).isoformat()
    assert len(therapist.get(f"/api/clients/{world.client.id}/logs").json) == 2
    assert therapist.get(f"/api/clients/{world.client.id}/program").status_code == 200
    assert [r["status"] for r in therapist.get("/api/clients").json] == ["closed"]
    assert_error(therapist.put(f"/api/clients/{world.client.id}/program",
                               json=program_spec()), 409)
    assert_error(therapist.post(f"/api/clients/{world.client.id}/reset-link"), 409)
    [notice] = therapist.get("/api/notices").json
    assert notice["client_name"] == "Robin Client"
    assert notice["erase_after"] == row["erase_after"]
    assert_error(keeping_app.test_client().post("/api/auth/login", json={
        "email": world.client.email, "password": PASSWORD}), 401)


def _due_for(app, client: User) -> list:
    with app.app_context():
        now = utcnow()
        due, _zones = _due_everywhere(now, now + 2 * DAY)
    return [d for d in due if d.client_id == client.id]


def test_with_30_days_kept_reminders_and_the_feed_end_at_once(
        keeping_app, world, client_with_a_record):
    assert _due_for(keeping_app, world.client) != []
    _as(keeping_app, world.client).delete("/api/me")
    assert stored_count(keeping_app, PushSubscription) == 0
    assert stored_count(keeping_app, CalendarFeed) == 0
    assert _due_for(keeping_app, world.client) == []


def test_the_sweep_erases_the_kept_record_after_30_days_leaving_only_access_log_entries(
        keeping_app, world, signed_in, client_with_a_record):
    closed_at = utcnow()
    with time_machine.travel(closed_at, tick=False):
        _as(keeping_app, world.client).delete("/api/me")
    therapist = _as(keeping_app, world.therapist)
    therapist.get(f"/api/clients/{world.client.id}/trends")

    with time_machine.travel(closed_at + 30 * DAY - timedelta(minutes=1), tick=False):
        assert sweep_expired_records(keeping_app) == 0
    assert therapist.get(f"/api/clients/{world.client.id}").status_code == 200

    with time_machine.travel(closed_at + 30 * DAY + timedelta(minutes=1), tick=False):
        assert sweep_expired_records(keeping_app) == 1
    assert _left_of(keeping_app, world.client) == {}
    assert_error(therapist.get(f"/api/clients/{world.client.id}"), 404)
    assert therapist.get("/api/notices").json == []
    rows = _every_row(keeping_app)
    log_words = " ".join(str(v) for row in rows["access_log"] for v in row)
    for content in ("sore after gardening", "saddle-numbness", world.client.email):
        assert content not in log_words
    assert len(rows["access_log"]) >= 3  # trends read before and after closing, the closing


def test_the_retention_sweep_runs_on_the_apps_scheduler(app):
    scheduler = BackgroundScheduler()
    add_jobs(scheduler, app)
    job = scheduler.get_job("retention-sweep")
    assert job is not None and job.trigger.interval == timedelta(hours=1)


def test_discharging_stops_reminders_and_keeps_the_record_until_readmitted(
        app, world, signed_in, client_with_a_record):
    therapist = signed_in(world.therapist)
    discharged = therapist.post(f"/api/clients/{world.client.id}/discharge")
    assert discharged.status_code == 200 and discharged.json["status"] == "discharged"
    assert _due_for(app, world.client) == []
    assert stored_count(app, CalendarFeed) == 0
    assert len(therapist.get(f"/api/clients/{world.client.id}/logs").json) == 2
    assert client_with_a_record.get("/api/me").json["discharged_at"] == \
        discharged.json["discharged_at"]

    readmitted = therapist.delete(f"/api/clients/{world.client.id}/discharge")
    assert readmitted.json["status"] == "active" and readmitted.json["discharged_at"] is None
    assert _due_for(app, world.client) != []


def test_inviting_a_closed_accounts_email_says_until_when_its_record_is_kept(
        keeping_app, world, client_with_a_record):
    _as(keeping_app, world.client).delete("/api/me")
    refused = _as(keeping_app, world.therapist).post("/api/invites", json={
        "name": "Robin", "email": world.client.email})
    assert "closed" in assert_error(refused, 409, "email")["message"]


def test_the_standalone_scheduler_process_sweeps_too(keeping_app, world, client_with_a_record):
    _as(keeping_app, world.client).delete("/api/me")
    with keeping_app.app_context():
        db.session.get(User, world.client.id).erase_after = utcnow() - DAY  # its period is over
        db.session.commit()
    stop = threading.Event()
    loop = threading.Thread(target=run_blocking, args=(keeping_app, stop), daemon=True)
    loop.start()
    try:
        for _ in range(200):
            if stored_count(keeping_app, User) == 3:  # the two therapists and the other client
                break
            stop.wait(0.05)
    finally:
        stop.set()
        loop.join(timeout=10)
    assert _left_of(keeping_app, world.client) == {}
