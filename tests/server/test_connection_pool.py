"""Pooled PostgreSQL connections are pinged only after sitting idle (PING_AFTER_IDLE_SECONDS),
not on every request: a connection the server dropped meanwhile is replaced before a request
sees it."""

from __future__ import annotations

import psycopg
import pytest
from sqlalchemy import text

import server
from server.extensions import db
from tests.conftest import TEST_DATABASE_URL

pytestmark = pytest.mark.skipif(not (TEST_DATABASE_URL or "").startswith("postgres"),
                                reason="the PostgreSQL run only")


def _pooled_backend(app) -> int:
    """The server process behind the one connection now in the app's pool."""
    with app.app_context():
        db.engine.dispose()
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        db.session.commit()
        db.session.remove()
    return pid


def _drop(pid: int) -> None:
    with psycopg.connect(TEST_DATABASE_URL, autocommit=True) as connection:
        connection.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_an_idle_connection_dropped_by_the_server_is_replaced_before_use(
        app, anonymous, monkeypatch):
    _drop(_pooled_backend(app))
    monkeypatch.setattr(server, "PING_AFTER_IDLE_SECONDS", 0)
    assert anonymous.get("/api/health").status_code == 200


def test_a_recently_used_connection_is_trusted_without_a_ping(app, anonymous):
    # The stated trade: no round trip a request, so a connection dropped within the last
    # PING_AFTER_IDLE_SECONDS fails the one request holding it, and is then replaced.
    _drop(_pooled_backend(app))
    assert anonymous.get("/api/health").status_code == 503
    assert anonymous.get("/api/health").status_code == 200
