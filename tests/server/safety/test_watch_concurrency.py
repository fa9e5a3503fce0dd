"""Two uploads at the same moment, each enough on its own to trip the rise rule, on two
PostgreSQL connections with real commits: exactly one open watch flag. The second upload's
insert waits on the first transaction's index entry (seen in pg_stat_activity), then finds the
flag there; a look-first check would have raised two, since neither transaction sees the other's
flag before it commits."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest
import time_machine
from sqlalchemy import create_engine, select, text

from server.domain import records
from server.extensions import db
from server.models import SafetyFlag, User
from server.schemas.records import SymptomLogSchema
from tests.conftest import TEST_DATABASE_URL
from tests.factories import log_body

pytestmark = pytest.mark.skipif(
    not (TEST_DATABASE_URL or "").startswith("postgresql"),
    reason="needs PostgreSQL (TEST_DATABASE_URL): SQLite has one writer at a time")

NOW = datetime(2026, 4, 5, 10, 0, tzinfo=UTC)


def _logs(*pains_at):
    return SymptomLogSchema(many=True).load(
        [log_body(pain=pain, recorded_at=at) for pain, at in pains_at])


def _waiting_on_a_lock(database_url: str, timeout: float = 20) -> bool:
    # Autocommit: inside one transaction pg_stat_activity would show the same snapshot each time.
    engine = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1),
                           isolation_level="AUTOCOMMIT")
    try:
        deadline = time.monotonic() + timeout
        with engine.connect() as connection:
            while time.monotonic() < deadline:
                waiting = connection.scalar(text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"))
                if waiting:
                    return True
                time.sleep(0.02)
        return False
    finally:
        engine.dispose()


def test_two_overlapping_uploads_leave_exactly_one_open_watch_flag(
        app, world, make_client, add_logs):
    client = make_client(world.therapist, timezone="Europe/London")
    with time_machine.travel(NOW, tick=False):
        add_logs(client, [log_body(pain=3, recorded_at="2026-03-25T12:00:00+00:00")])
        first_holds_its_flag, first_may_commit = threading.Event(), threading.Event()
        failures: list[BaseException] = []

        def first_upload():
            try:
                with app.app_context():
                    records.record_logs(db.session.get(User, client.id),
                                        _logs((7, "2026-04-04T12:00:00+00:00")))
                    first_holds_its_flag.set()
                    assert first_may_commit.wait(30)
                    db.session.commit()
                    db.session.remove()
            except BaseException as exc:  # reported by the test thread
                failures.append(exc)
                first_holds_its_flag.set()

        def second_upload():
            try:
                assert first_holds_its_flag.wait(30)
                with app.app_context():
                    records.record_logs(db.session.get(User, client.id),
                                        _logs((8, "2026-04-05T09:00:00+00:00")))
                    db.session.commit()
                    db.session.remove()
            except BaseException as exc:
                failures.append(exc)

        threads = [threading.Thread(target=first_upload), threading.Thread(target=second_upload)]
        for thread in threads:
            thread.start()
        try:
            assert _waiting_on_a_lock(TEST_DATABASE_URL), ("the second insert never waited",
                                                           failures)
        finally:
            first_may_commit.set()
            for thread in threads:
                thread.join(30)
    assert failures == []
    with app.app_context():
        watch = list(db.session.scalars(select(SafetyFlag).where(
            SafetyFlag.client_id == client.id, SafetyFlag.kind == "watch")))
        logs_stored = db.session.scalar(text(
            "SELECT count(*) FROM symptom_logs WHERE client_id = :c"), {"c": client.id})
    assert [(f.code, f.acknowledged_at) for f in watch] == [("rise", None)]
    assert logs_stored == 3  # both uploads kept their logs
