"""A client's export (JSON with everything, CSV of logs safe from formula injection) and the
erasure of their account."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from server.extensions import db
from server.models import (
    AuthSession,
    CalendarFeed,
    DragTrial,
    Invite,
    PositionToAvoid,
    PracticeSession,
    Program,
    PushSubscription,
    ReminderDelivery,
    ReminderSettings,
    SafetyFlag,
    SkinDragStep,
    SymptomLog,
    User,
)
from tests.factories import CONSENT_VERSION, log_body, session_body
from tests.server.expect import assert_error


@pytest.fixture
def client_http(world, signed_in, make_program):
    make_program(world.therapist, world.client)
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(pain=9, notes="bad night", red_flags=["trauma"]),
                                    log_body(pain=3)])
    http.post("/api/me/sessions", json=[session_body(pain_before=2, pain_after=5)])
    return http


def test_the_json_export_holds_profile_programs_logs_sessions_and_flags(world, client_http):
    response = client_http.get("/api/me/export?format=json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.json
    assert body["profile"]["email"] == world.client.email
    assert [p["version"] for p in body["programs"]] == [1]
    assert body["programs"][0]["steps"][0]["contact"] == "palm"
    assert sorted(x["pain"] for x in body["logs"]) == [3, 9]
    assert body["sessions"][0]["drags"][0]["direction"] == "inferior"
    assert {f["kind"] for f in body["flags"]} == {"red-flag", "high-pain", "session-rise"}
    assert "exported_at" in body
    assert "password" not in response.get_data(as_text=True).lower()


def test_json_is_the_default_format(client_http):
    assert client_http.get("/api/me/export").json["logs"]


def test_the_csv_export_has_a_header_and_one_row_per_log_as_an_attachment(client_http):
    response = client_http.get("/api/me/export?format=csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert len(rows) == 2
    assert {"id", "recorded_at", "pain", "sensations", "notes"} <= set(rows[0])
    assert {r["notes"] for r in rows} == {"bad night", ""}


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://x.test\",\"click\")", "+1+2", "-3+4",
                                  "@SUM(A1)", "\t=1", "\r=1"])
def test_csv_cells_that_would_run_as_formulas_stay_text(world, signed_in, note):
    http = signed_in(world.client)
    http.post("/api/me/logs", json=[log_body(notes=note)])
    rows = list(csv.DictReader(io.StringIO(http.get("/api/me/export?format=csv")
                                           .data.decode("utf-8-sig"))))
    assert rows[0]["notes"] == "'" + note


def test_an_unknown_export_format_is_422(client_http):
    assert_error(client_http.get("/api/me/export?format=xml"), 422, "format")


def _rows_of(app, client_id: int, client_email: str) -> dict[str, int]:
    """How many rows anywhere still belong to that client."""
    with app.app_context():
        def count(statement):
            return db.session.scalar(select(func.count()).select_from(statement.subquery()))

        sessions = select(PracticeSession.id).where(PracticeSession.client_id == client_id)
        program_ids = select(Program.id).where(Program.client_id == client_id)
        return {
            "user": count(select(User.id).where(User.id == client_id)),
            "logs": count(select(SymptomLog.id).where(SymptomLog.client_id == client_id)),
            "sessions": count(sessions),
            "drags": count(select(DragTrial.id).where(DragTrial.session_id.in_(
                select(PracticeSession.id)))),
            "programs": count(program_ids),
            "steps": count(select(SkinDragStep.id)),
            "avoid": count(select(PositionToAvoid.id)),
            "flags": count(select(SafetyFlag.id).where(SafetyFlag.client_id == client_id)),
            "auth_sessions": count(select(AuthSession.token_hash).where(
                AuthSession.user_id == client_id)),
            "push": count(select(PushSubscription.id).where(PushSubscription.user_id == client_id)),
            "reminder_settings": count(select(ReminderSettings.client_id).where(
                ReminderSettings.client_id == client_id)),
            "deliveries": count(select(ReminderDelivery.id).where(
                ReminderDelivery.client_id == client_id)),
            "calendar": count(select(CalendarFeed.client_id).where(
                CalendarFeed.client_id == client_id)),
            "invites": count(select(Invite.id).where(Invite.email == client_email)),
        }


def _add_reminder_rows(app, client_id: int) -> None:
    with app.app_context():
        db.session.add_all([
            PushSubscription(user_id=client_id, endpoint=f"https://push.example.test/{client_id}",
                             p256dh="k" * 87, auth="a" * 22),
            ReminderSettings(client_id=client_id, quiet_from="22:00", quiet_to="07:00"),
            ReminderDelivery(client_id=client_id, kind="session", status="sent",
                             due_at=datetime(2026, 5, 13, 8, 30, tzinfo=UTC)),
            CalendarFeed(client_id=client_id, feed_id=f"feed-{client_id}"),
        ])
        db.session.commit()


def test_erasure_removes_every_row_of_the_client_and_kills_their_cookie(app, world, signed_in,
                                                                        client_http):
    _add_reminder_rows(app, world.client.id)
    other = signed_in(world.other_client)
    other.post("/api/me/logs", json=[log_body()])
    second_device = signed_in(world.client)
    before = _rows_of(app, world.client.id, world.client.email)
    assert all(before[k] for k in ("user", "logs", "sessions", "flags", "push", "calendar",
                                   "invites"))

    assert client_http.delete("/api/me").status_code == 204

    after = _rows_of(app, world.client.id, world.client.email)
    kept_by_others = {"steps", "avoid", "drags"}  # counted over every client
    assert {k: v for k, v in after.items() if k not in kept_by_others and v} == {}
    assert after["steps"] == after["avoid"] == 0  # the only program was theirs
    assert after["drags"] == 0
    assert_error(client_http.get("/api/me"), 401)
    assert_error(second_device.get("/api/me"), 401)
    assert signed_in(world.therapist).get("/api/clients").json == []
    assert len(other.get("/api/me/logs").json) == 1
    assert_error(app.test_client().post("/api/auth/login", json={
        "email": world.client.email, "password": "a-long-test-password"}), 401)


def test_the_erased_email_can_join_again_through_a_new_invite(app, world, signed_in,
                                                              client_http):
    client_http.delete("/api/me")
    invite = signed_in(world.therapist).post("/api/invites", json={
        "name": "Robin", "email": world.client.email}).json
    rejoined = app.test_client().post(f"/api/invites/{invite['token']}/accept", json={
        "password": "a-new-long-password", "timezone": "UTC",
        "consent_version": CONSENT_VERSION})
    assert rejoined.status_code == 200
    assert rejoined.json["id"] != world.client.id


def test_therapists_cannot_erase_themselves_here_or_export(world, signed_in):
    therapist = signed_in(world.therapist)
    assert_error(therapist.delete("/api/me"), 403)
    assert_error(therapist.get("/api/me/export"), 403)
    assert therapist.get("/api/me").status_code == 200
