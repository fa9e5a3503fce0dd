"""The floor's database layer: the driver directly, one connection a thread, and the app's own
statements compiled once for the dialect, so a request only converts values and executes."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from server.domain import trends, watch
from server.models import (
    AuthSession,
    SafetyFlag,
    SymptomLog,
    User,
)
from server.models.safety import OPEN_WATCH
from server.notify import alerts
from server.prepared import Compiled

#: The columns of a sensitisation-watch flag, written by one compiled statement.
WATCH_COLUMNS = ["client_id", "kind", "code", "urgency", "evidence", "raised_at"]


def utc_instant(value) -> datetime:
    """A UTC instant from the driver: SQLite gives naive UTC text, psycopg an aware value."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def day_of(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def uuid_text(value) -> str | None:
    if value is None:
        return None
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(value))


class Database:
    """One driver connection a thread, and the statements compiled for its dialect."""

    def __init__(self, url: str):
        self.url = make_url(url)
        self.postgres = self.url.drivername.startswith("postgres")
        self.dialect = (postgresql.psycopg.dialect() if self.postgres
                        else sqlite.pysqlite.dialect())
        self._local = threading.local()
        self._inserts: dict[tuple, Compiled] = {}
        self.compile = lambda statement: Compiled(statement, self.dialect)
        d = self.dialect.name
        self.sign_in = self.compile(
            select(AuthSession.user_id, AuthSession.expires_at, AuthSession.last_seen_at,
                   User.role, User.timezone)
            .join(User, User.id == AuthSession.user_id)
            .where(AuthSession.token_hash == bindparam("token_hash")))
        self.daily_logs = {arms: self.compile(trends.daily_logs_statement(d, arms))
                           for arms in range(0, 9)}
        self.daily_sessions = {arms: self.compile(trends._daily_sessions_statement(d, arms))
                               for arms in range(0, 9)}
        # The trend reads: the app's own statements (trends.py's Prepared ones).
        self.relief = self.compile(trends._prepared_relief().statement)
        self.programs = self.compile(trends._prepared_schedules().statement)
        self.session_starts = self.compile(trends._prepared_session_starts().statement)
        self.flags = self.compile(trends._prepared_flags().statement)
        # The sensitisation watch, the therapist's alerts: the app's own statements.
        self.watch = {name: self.compile(statement) for name, statement in (
            ("thresholds", watch.thresholds_statement()),
            ("quiet", watch.quiet_codes_statement()),
            ("sums", watch.window_sums_statement()),
            ("first", watch.first_log_statement()),
            ("regions", watch.regions_statement(d)))}
        module = postgresql if self.postgres else sqlite
        flags = SafetyFlag.__table__
        self.insert_watch_flag = self.compile(
            module.insert(flags).values({c: bindparam(c, type_=flags.c[c].type)
                                         for c in WATCH_COLUMNS})
            .on_conflict_do_nothing(index_elements=["client_id", "code"],
                                    index_where=OPEN_WATCH).returning(flags.c.id))
        self.therapist_of = self.compile(alerts.therapist_statement())
        logs = SymptomLog.__table__
        self.log_owner = self.compile(
            select(logs.c.client_id).where(logs.c.id == bindparam("log_id", type_=logs.c.id.type)))

    def connection(self):
        connection = getattr(self._local, "connection", None)
        if connection is None:
            if self.postgres:
                import psycopg

                connection = psycopg.connect(self.url.set(drivername="postgresql")
                                             .render_as_string(hide_password=False))
            else:
                connection = sqlite3.connect(self.url.database, check_same_thread=False)
                for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000"):
                    connection.execute(f"PRAGMA {pragma}")
            self._local.connection = connection
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def rows(self, raw: Compiled, values: dict) -> list:
        cursor = self.connection().cursor()
        cursor.execute(raw.sql, raw.params(values))
        return cursor.fetchall()

    def insert_rows(self, table, columns: list[str], rows: list[dict],
                    returning: tuple[str, ...] = (), skip_known: bool = True) -> list:
        """One multi-row INSERT (ON CONFLICT DO NOTHING) RETURNING the columns named, as the app
        sends: rows already stored are skipped when skip_known."""
        key = (table.name, len(rows), returning, skip_known)
        raw = self._inserts.get(key)
        if raw is None:
            values = [{c: bindparam(f"{c}_{i}", type_=table.c[c].type) for c in columns}
                      for i in range(len(rows))]
            module = postgresql if self.postgres else sqlite
            statement = module.insert(table).values(values)
            if skip_known:
                statement = statement.on_conflict_do_nothing(index_elements=["id"])
            if returning:
                statement = statement.returning(*(table.c[name] for name in returning))
            raw = self._inserts[key] = self.compile(statement)
        flat = {f"{c}_{i}": row[c] for i, row in enumerate(rows) for c in columns}
        cursor = self.connection().cursor()
        cursor.execute(raw.sql, raw.params(flat))
        return cursor.fetchall() if returning else []


class SignedIn:
    """Who a session cookie belongs to, and until when (time.monotonic) that answer is reused."""

    __slots__ = ("user_id", "role", "timezone", "until")

    def __init__(self, user_id, role, timezone, until):
        self.user_id, self.role, self.timezone, self.until = user_id, role, timezone, until
