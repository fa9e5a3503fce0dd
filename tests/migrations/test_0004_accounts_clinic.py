"""Migration 0004 on a database with people in it: each therapist gets a clinic of their own (the
first also administers the installation), clients join their therapist's clinic, a used invite
is tied to the client who used it, and nothing else is touched, going up or down (SQLite rebuilds
the altered tables: with foreign keys enforced that would have emptied every child table)."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import text

from server import create_app
from server.extensions import db
from tests.conftest import test_settings as app_settings

WHEN = "'2026-11-01 09:00:00.000000'"


def _people(connection) -> None:
    for user_id, role, name, therapist in ((1, "therapist", "Dana", None),
                                           (2, "therapist", "Eli", None),
                                           (3, "client", "Robin", 1), (4, "client", "Sasha", 2)):
        connection.execute(text(
            "INSERT INTO users (id, role, email, name, password_hash, timezone, therapist_id, "
            f"created_at) VALUES (:id, :role, :email, :name, 'x', 'UTC', :t, {WHEN})"),
            {"id": user_id, "role": role, "email": f"{name.lower()}@example.test", "name": name,
             "t": therapist})
    connection.execute(text(
        "INSERT INTO invites (token_hash, therapist_id, name, email, created_at, expires_at, "
        f"accepted_at) VALUES ('used', 1, 'Robin', 'robin@example.test', {WHEN}, {WHEN}, {WHEN}),"
        f" ('waiting', 1, 'Robin', 'robin@example.test', {WHEN}, {WHEN}, NULL)"))
    connection.execute(text(
        "INSERT INTO symptom_logs (id, client_id, recorded_at, received_at, pain, "
        "sensation_aching, sensation_prickly, sensation_burning, sensation_tingling, "
        "sensation_electric, sensation_numb, sensation_itching, sensation_painful_cold, regions, "
        f"aggravators, weakness, red_flags, notes) VALUES ('00000000000000000000000000000001', 3, "
        f"{WHEN}, {WHEN}, 4, 0, 0, 0, 0, 0, 0, 0, 0, '[]', '[]', 0, '[]', '')"))


def _counts(connection) -> dict:
    return {table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar()
            for table in ("users", "invites", "symptom_logs")}


def test_existing_accounts_are_carried_into_clinics_and_back_with_nothing_lost(tmp_path):
    app = create_app({**app_settings(f"sqlite:///{tmp_path / 'old.sqlite3'}"),
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    with app.app_context():
        upgrade(revision="0002")
        with db.engine.begin() as connection:
            _people(connection)
            before = _counts(connection)
        upgrade()
        with db.engine.connect() as connection:
            assert _counts(connection) == before
            users = connection.execute(text(
                "SELECT u.id, u.is_clinic_admin, c.name FROM users u "
                "JOIN clinics c ON c.id = u.clinic_id ORDER BY u.id")).all()
            assert [tuple(u) for u in users] == [
                (1, True, "Dana's practice"), (2, True, "Eli's practice"),
                (3, False, "Dana's practice"), (4, False, "Eli's practice")]
            assert connection.execute(text(
                "SELECT administrator_id, signup_open FROM installation")).one() == (1, True)
            assert connection.execute(text(
                "SELECT token_hash, accepted_by_id FROM invites ORDER BY id")).all() == [
                ("used", 3), ("waiting", None)]
            # The pooled connection enforces foreign keys again (erasure relies on them).
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        downgrade(revision="0002")
        with db.engine.connect() as connection:
            assert _counts(connection) == before
        db.engine.dispose()
