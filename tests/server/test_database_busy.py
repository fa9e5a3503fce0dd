"""A database that stays locked past its busy timeout (SQLite under many writers) or gives up on a
lock (PostgreSQL) is a 503 with Retry-After, never a 500: nothing was kept, and the phone's outbox
sends the batch again. Any other operational error stays a 500. Neither leaks the statement."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError

from server import create_app
from tests.conftest import test_settings as app_settings


class _PgError(Exception):
    def __init__(self, sqlstate: str):
        super().__init__("could not obtain lock")
        self.sqlstate = sqlstate


def _failing_app(tmp_path, original: Exception):
    app = create_app({**app_settings(f"sqlite:///{tmp_path / 'busy.sqlite3'}"),
                      "INSTANCE_PATH": str(tmp_path / "instance")})

    @app.route("/_test/write")
    def write():
        raise OperationalError("INSERT INTO symptom_logs (notes) VALUES (?)",
                               ("private note",), original)

    return app


@pytest.mark.parametrize("original", [
    sqlite3.OperationalError("database is locked"),
    _PgError("55P03"), _PgError("40P01"), _PgError("40001"),
], ids=["sqlite-locked", "pg-lock-not-available", "pg-deadlock", "pg-serialization"])
def test_a_busy_database_is_a_503_with_retry_after(tmp_path, original, caplog):
    response = _failing_app(tmp_path, original).test_client().get("/_test/write")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "2"
    assert response.json["code"] == 503 and "Try again" in response.json["message"]
    assert "private note" not in response.get_data(as_text=True)
    assert "private note" not in caplog.text


def test_any_other_operational_error_stays_a_500(tmp_path, caplog):
    response = _failing_app(tmp_path, sqlite3.OperationalError("disk I/O error")).test_client().get(
        "/_test/write")
    assert response.status_code == 500
    assert "private note" not in response.get_data(as_text=True)


def test_a_failing_statement_never_carries_its_values_into_errors_or_logs(app):
    from sqlalchemy import text

    from server.extensions import db

    with app.app_context():
        with pytest.raises(DBAPIError) as raised:  # ProgrammingError on PostgreSQL
            db.session.execute(text("INSERT INTO no_such_table (notes) VALUES (:notes)"),
                               {"notes": "private note"})
        db.session.rollback()
    assert "no_such_table" in str(raised.value)
    assert "private note" not in str(raised.value)
