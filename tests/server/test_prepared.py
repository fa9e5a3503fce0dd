"""Prepared statements (server/prepared.py) keep what SQLAlchemy's own execution gives: values
converted by the column types both ways, driver errors raised as SQLAlchemy's, and every
statement seen by before_cursor_execute listeners."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import Float, bindparam, cast, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError

from server.extensions import db
from server.models import SafetyFlag, SymptomLog
from server.prepared import Prepared, insert_rows


def _log_row(client_id: int, log_id: uuid.UUID, recorded_at: datetime) -> dict:
    return {"id": log_id, "client_id": client_id, "recorded_at": recorded_at,
            "received_at": recorded_at, "pain": 4,
            **{column.name: False for column in SymptomLog.__table__.c
               if column.name.startswith("sensation_")},
            "regions": ["superior-gluteal-left"], "aggravators": [], "weakness": False,
            "red_flags": [], "notes": "Sat long"}


def test_rows_come_back_as_sqlalchemy_reads_them(app, world):
    at = datetime(2026, 5, 13, 9, 30, tzinfo=UTC)
    log_id = uuid.uuid4()
    with app.app_context():
        inserted = insert_rows(SymptomLog.__table__, [_log_row(world.client.id, log_id, at)],
                               returning=("id",), skip_existing_ids=True)
        again = insert_rows(SymptomLog.__table__, [_log_row(world.client.id, log_id, at)],
                            returning=("id",), skip_existing_ids=True)
        prepared = Prepared(select(SymptomLog.id, SymptomLog.recorded_at, SymptomLog.regions,
                                   SymptomLog.weakness)
                            .where(SymptomLog.client_id == bindparam("client_id")))
        rows = prepared.rows({"client_id": world.client.id})
        # A numeric column too: on PostgreSQL its converter depends on the type the driver reports.
        mean = select(func.avg(SymptomLog.pain), cast(func.sum(SymptomLog.pain), Float)).where(
            SymptomLog.client_id == bindparam("client_id"))
        means = Prepared(mean).rows({"client_id": world.client.id})
        expected_means = db.session.execute(mean, {"client_id": world.client.id}).all()
        expected = db.session.execute(select(SymptomLog.id, SymptomLog.recorded_at,
                                             SymptomLog.regions, SymptomLog.weakness)
                                      .where(SymptomLog.client_id == world.client.id)).all()
        db.session.rollback()
    assert inserted == [(log_id,)] and again == []  # the id already stored is skipped
    assert rows == [tuple(row) for row in expected]
    assert rows == [(log_id, at, ["superior-gluteal-left"], False)]
    assert means == [tuple(row) for row in expected_means] and float(means[0][0]) == 4


def test_listeners_see_each_statement(app, world, count_queries):
    prepared = Prepared(select(SafetyFlag.id).where(SafetyFlag.client_id == bindparam("c")))
    with count_queries() as statements, app.app_context():
        prepared.rows({"c": world.client.id})
        prepared.rows({"c": world.client.id})
        db.session.rollback()
    assert len(statements) == 2 and all("safety_flags" in s for s in statements)


def test_a_driver_error_is_raised_as_sqlalchemys(app, world):
    at = datetime(2026, 5, 13, 9, 30, tzinfo=UTC)
    row = _log_row(world.client.id, uuid.uuid4(), at)
    with app.app_context():
        insert_rows(SymptomLog.__table__, [row])
        with pytest.raises(IntegrityError) as raised:  # the same id, no ON CONFLICT
            insert_rows(SymptomLog.__table__, [row])
        db.session.rollback()
    assert isinstance(raised.value, DBAPIError) and raised.value.orig is not None


def test_a_column_with_a_default_cannot_be_left_out(app, world):
    with app.app_context(), pytest.raises(ValueError, match="raised_at"):
        insert_rows(SafetyFlag.__table__, [{"client_id": world.client.id, "kind": "high-pain",
                                            "code": "", "urgency": "review"}])


def test_rows_must_share_their_keys(app, world):
    at = datetime(2026, 5, 13, 9, 30, tzinfo=UTC)
    full = _log_row(world.client.id, uuid.uuid4(), at)
    short = {key: value for key, value in _log_row(world.client.id, uuid.uuid4(), at).items()
             if key != "notes"}
    with app.app_context(), pytest.raises(ValueError, match="same keys"):
        insert_rows(SymptomLog.__table__, [full, short])


def test_statements_run_in_the_sessions_transaction_whichever_it_is_now(app, world):
    at = datetime(2026, 5, 14, 9, 30, tzinfo=UTC)
    kept, dropped = uuid.uuid4(), uuid.uuid4()
    stored = Prepared(select(SymptomLog.id).where(SymptomLog.client_id == bindparam("c")))
    with app.app_context():
        insert_rows(SymptomLog.__table__, [_log_row(world.client.id, dropped, at)])
        # The ORM and a prepared statement see each other's writes: one transaction.
        assert db.session.scalar(select(SymptomLog.id).where(SymptomLog.id == dropped)) == dropped
        db.session.rollback()  # the connection remembered for it is forgotten with it
        assert not db.session.info
        assert stored.rows({"c": world.client.id}) == []
        insert_rows(SymptomLog.__table__, [_log_row(world.client.id, kept, at)])
        db.session.commit()
        db.session.remove()  # a new session, a new transaction, perhaps another connection
        assert stored.rows({"c": world.client.id}) == [(kept,)]
        db.session.execute(SymptomLog.__table__.delete().where(SymptomLog.id == kept))
        db.session.commit()
