"""Migration 0002 carries existing flags over: rising-trend becomes watch/rise, a second open one
for a client is closed with a note (so the one-open index holds and nothing is lost), and
told_client records what the app showed then."""

from __future__ import annotations

import uuid

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from server import create_app
from server.extensions import db
from tests.conftest import test_settings as app_settings


def _fresh(tmp_path):
    return create_app({**app_settings(f"sqlite:///{tmp_path / 'old.sqlite3'}"),
                       "INSTANCE_PATH": str(tmp_path / "instance")})


def _log(connection, client_id, red_flags, weakness):
    log_id = uuid.uuid4()
    connection.execute(text(
        "INSERT INTO symptom_logs (id, client_id, recorded_at, received_at, pain, "
        "sensation_aching, sensation_prickly, sensation_burning, sensation_tingling, "
        "sensation_electric, sensation_numb, sensation_itching, sensation_painful_cold, "
        "regions, aggravators, weakness, red_flags, notes) VALUES (:id, :c, "
        "'2026-11-01 09:00:00.000000', '2026-11-01 09:00:00.000000', 3, 0, 0, 0, 0, 0, 0, 0, 0, "
        "'[]', '[]', :w, :r, '')"),
        {"id": log_id.hex, "c": client_id, "w": weakness, "r": red_flags})
    return log_id.hex


def _flag(connection, client_id, kind, urgency, at, code="", log_id=None):
    connection.execute(text(
        "INSERT INTO safety_flags (client_id, kind, code, urgency, raised_at, log_id) "
        "VALUES (:c, :k, :code, :u, :at, :log)"),
        {"c": client_id, "k": kind, "code": code, "u": urgency, "at": at, "log": log_id})


def test_existing_flags_are_carried_over_and_back(tmp_path):
    app = _fresh(tmp_path)
    with app.app_context():
        upgrade(revision="0001")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO users (id, role, email, name, password_hash, timezone, created_at) "
                "VALUES (1, 'client', 'c@example.test', 'C', 'x', 'UTC', "
                "'2026-11-01 00:00:00.000000')"))
            both = _log(connection, 1, '["night-pain", "saddle-numbness"]', 1)
            weak = _log(connection, 1, "[]", 1)
            _flag(connection, 1, "rising-trend", "review", "2026-11-02 08:00:00.000000")
            _flag(connection, 1, "rising-trend", "review", "2026-11-03 08:00:00.000000")
            _flag(connection, 1, "red-flag", "soon", "2026-11-01 09:00:01.000000",
                  "night-pain", both)
            _flag(connection, 1, "weakness", "same-day", "2026-11-01 09:00:01.000000", "", both)
            _flag(connection, 1, "weakness", "same-day", "2026-11-01 09:00:02.000000", "", weak)
        upgrade()
        with db.engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT id, kind, code, told_client, acknowledged_at IS NULL, note "
                "FROM safety_flags ORDER BY id")).all()
        assert [tuple(row[1:5]) for row in rows] == [
            ("watch", "rise", None, True),
            ("watch", "rise", None, False),
            ("red-flag", "night-pain", "emergency", True),  # the log's notice: emergency
            ("weakness", "", "emergency", True),
            ("weakness", "", "soon", True),  # what the first release told weakness alone
        ]
        assert rows[1][5] == ("Closed when the app was updated: a second open rise flag for this "
                              f"client (flag {rows[0][0]} stays open).")
        downgrade(revision="0001")
        with db.engine.connect() as connection:
            kinds = connection.execute(text("SELECT kind, code FROM safety_flags ORDER BY id"))
            assert [tuple(k) for k in kinds][:2] == [("rising-trend", ""), ("rising-trend", "")]
        db.engine.dispose()
