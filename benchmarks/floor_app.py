"""The floor: the app's ingest and 90-day trends written with the least framework.

A plain Flask view per path, the database driver directly (one connection a thread), the sign-in
lookup cached for a few seconds, a hand-written check of each log instead of a schema library,
and the app's own SQL: each statement is compiled from the app's statement builders once, at
start, and then only executed. The domain's rules and arithmetic (flag thresholds, buckets, due
times and their per-range caches, on-time matching) are the work itself, so the floor calls the
very functions the app calls: the ratio measures what the framework adds, nothing else.

tests/benchmarks/test_floor.py checks that the floor writes the same rows and answers the same
bytes as the app; benchmarks/floor.py measures both. Serve it with
gunicorn 'floor_app:make_floor_app()' (DATABASE_URL as for the app).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask, Response, request
from sqlalchemy import bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

from server.domain import pain_mean, safety, trends, watch
from server.domain.adherence import ON_TIME_AFTER, ON_TIME_BEFORE, on_time_due_times
from server.domain.calendar_days import local_date, local_midnight, to_utc
from server.domain.records import CANNOT_STORE
from server.domain.urgency import MAIL_TIERS, WEAKNESS_URGENCY, advice_tier
from server.domain.vocabulary import (
    ACTIVITIES,
    HIGH_PAIN,
    RED_FLAG,
    RED_FLAG_URGENCY,
    RED_FLAGS,
    REGIONS,
    REVIEW,
    SENSATIONS,
    WATCH,
    WEAKNESS,
)
from server.models import (
    AlertDelivery,
    AuthSession,
    PracticeSession,
    Program,
    SafetyFlag,
    SymptomLog,
    User,
)
from server.models.logs import sensation_column
from server.models.safety import OPEN_WATCH
from server.notify import alerts

#: How long a sign-in lookup is reused (the app's cache, issue 12).
SIGN_IN_CACHE_SECONDS = 5
_LOG_COLUMNS = ["id", "client_id", "recorded_at", "received_at", "pain",
                *[sensation_column(c) for c in SENSATIONS], "regions", "aggravators",
                "weakness", "red_flags", "notes"]
_FLAG_COLUMNS = ["client_id", "kind", "code", "urgency", "told_client", "raised_at", "log_id"]
_WATCH_COLUMNS = ["client_id", "kind", "code", "urgency", "evidence", "raised_at"]
_ALERT_COLUMNS = ["flag_id", "therapist_id", "channel", "round", "due_at", "status", "reason",
                  "attempts", "origin"]


class Raw:
    """A statement compiled once for a dialect: its SQL text and its parameters' converters,
    so a request only converts values and calls the driver."""

    def __init__(self, statement, dialect):
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self.positional = dialect.positional
        names = compiled.positiontup if self.positional else list(compiled.binds)
        # Each parameter: its name, its type's converter, and its value when the statement
        # itself fixes one (a literal such as kind = 'rising-trend' or LIMIT 1).
        self.converters = [(name, compiled.binds[name].type._cached_bind_processor(dialect),
                            compiled.binds[name].value) for name in names]

    def params(self, values: dict):
        converted = []
        for name, convert, fixed in self.converters:
            value = values.get(name, fixed)
            converted.append((name, convert(value) if convert else value))
        return tuple(v for _n, v in converted) if self.positional else dict(converted)


def _instant(value) -> datetime:
    """A UTC instant from the driver: SQLite gives naive UTC text, psycopg an aware value."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _day(value) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _uuid(value) -> str | None:
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
        self._inserts: dict[tuple[str, int], Raw] = {}
        self.compile = lambda statement: Raw(statement, self.dialect)
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
        self.relief = self.compile(trends._relief_statement())
        self.programs = self.compile(
            select(Program.version, Program.created_at, Program.schedule_times,
                   Program.schedule_days)
            .where(Program.client_id == bindparam("client_id")).order_by(Program.version))
        self.session_starts = self.compile(
            select(PracticeSession.started_at)
            .where(PracticeSession.client_id == bindparam("client_id"),
                   PracticeSession.started_at >= bindparam("start"),
                   PracticeSession.started_at <= bindparam("end")))
        self.flags = self.compile(trends._flags_statement())
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
                                         for c in _WATCH_COLUMNS})
            .on_conflict_do_nothing(index_elements=["client_id", "code"],
                                    index_where=OPEN_WATCH).returning(flags.c.id))
        self.therapist_of = self.compile(
            select(User.therapist_id).where(User.id == bindparam("client_id")))
        logs = SymptomLog.__table__
        self.log_owner = self.compile(
            select(logs.c.client_id).where(logs.c.id == bindparam("log_id", type_=logs.c.id.type)))
        self.subscribed = self.compile(alerts.subscribed_statement())

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

    def rows(self, raw: Raw, values: dict) -> list:
        cursor = self.connection().cursor()
        cursor.execute(raw.sql, raw.params(values))
        return cursor.fetchall()

    def insert_rows(self, table, columns: list[str], rows: list[dict], returning: bool,
                    skip_known: bool = True) -> list:
        """One multi-row INSERT (ON CONFLICT DO NOTHING) RETURNING id, as the app sends: rows
        already stored are skipped when skip_known; ids come back in the rows' order."""
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
                statement = statement.returning(table.c.id)
            raw = self._inserts[key] = self.compile(statement)
        flat = {f"{c}_{i}": row[c] for i, row in enumerate(rows) for c in columns}
        cursor = self.connection().cursor()
        cursor.execute(raw.sql, raw.params(flat))
        return cursor.fetchall() if returning else []


class SignedIn:
    __slots__ = ("user_id", "role", "timezone", "until")

    def __init__(self, user_id, role, timezone, until):
        self.user_id, self.role, self.timezone, self.until = user_id, role, timezone, until


def make_floor_app(database_url: str | None = None, secure_cookie: bool | None = None) -> Flask:
    database = Database(database_url or os.environ["DATABASE_URL"])
    app = Flask("floor")
    app.extensions["floor_database"] = database
    app.json.sort_keys = False
    cache: dict[str, SignedIn] = {}
    idle = timedelta(minutes=int(os.environ.get("SESSION_IDLE_MINUTES", 7 * 24 * 60)))
    secure = (secure_cookie if secure_cookie is not None else
              os.environ.get("SESSION_COOKIE_SECURE", "1") not in {"0", "false", "no"})
    cookie = "__Host-cc_session" if secure else "cc_session"

    def signed_in_client() -> SignedIn | None:
        token = request.cookies.get(cookie)
        if not token:
            return None
        digest = hashlib.sha256(token.encode()).hexdigest()
        now = time.monotonic()
        found = cache.get(digest)
        if found is None or found.until <= now:
            rows = database.rows(database.sign_in, {"token_hash": digest})
            database.connection().commit()
            if not rows:
                return None
            user_id, expires_at, last_seen_at, role, timezone = rows[0]
            wall = datetime.now(UTC)
            if wall >= _instant(expires_at) or wall - _instant(last_seen_at) >= idle:
                return None
            found = cache[digest] = SignedIn(user_id, role, timezone,
                                             now + SIGN_IN_CACHE_SECONDS)
        return found if found.role == "client" else None

    @app.post("/api/me/logs")
    def ingest():
        client = signed_in_client()
        if client is None:
            return Response(status=401)
        logs = _checked_logs(request.get_json(silent=True))
        if logs is None:
            return Response(status=422)
        now = datetime.now(UTC)
        if any(log["recorded_at"] > now + timedelta(hours=24) for log in logs):
            return Response(status=422)
        connection = database.connection()
        try:
            created, alerted, refused = (
                _store_logs(database, client, logs, now, request.host_url)
                if logs else ([], False, set()))
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        return app.json.response({
            "received": len(logs), "created": len(created),
            "ids": [str(log["id"]) for log in logs if str(log["id"]) not in refused],
            "therapist_alerted": alerted,
            "refused": [{"id": log_id, "code": 409, "message": CANNOT_STORE}
                        for log_id in dict.fromkeys(str(log["id"]) for log in logs)
                        if log_id in refused]})

    @app.get("/api/me/trends")
    def read_trends():
        client = signed_in_client()
        if client is None:
            return Response(status=401)
        zone = ZoneInfo(client.timezone)
        first = date.fromisoformat(request.args["from"])
        last = local_date(datetime.now(UTC), zone)
        try:
            body = _trends(database, client, zone, first, last)
        finally:
            database.connection().rollback()
        return app.json.response(body)

    return app


def _codes(value, vocabulary) -> list | None:
    if value is None:
        return []
    if (not isinstance(value, list) or len(set(value)) != len(value)
            or not all(isinstance(v, str) and v in vocabulary for v in value)):
        return None
    return value


_LOG_KEYS = {"id", "recorded_at", "pain", "sensations", "regions", "aggravators", "weakness",
             "red_flags", "notes"}


def _checked_logs(body) -> list[dict] | None:
    """The batch as the app's schema would load it, or None if anything is not plainly valid."""
    if not isinstance(body, list) or len(body) > 500:
        return None
    logs = []
    for item in body:
        if not isinstance(item, dict) or not item.keys() <= _LOG_KEYS:
            return None
        try:
            log_id = uuid.UUID(item["id"])
            recorded = datetime.fromisoformat(item["recorded_at"].replace("Z", "+00:00"))
        except (KeyError, ValueError, TypeError, AttributeError):
            return None
        pain = item.get("pain")
        if recorded.tzinfo is None or type(pain) is not int or not 0 <= pain <= 10:
            return None
        checked = [_codes(item.get(k), v) for k, v in (
            ("sensations", SENSATIONS), ("regions", REGIONS), ("aggravators", ACTIVITIES),
            ("red_flags", RED_FLAGS))]
        notes, weakness = item.get("notes", ""), item.get("weakness", False)
        if (any(c is None for c in checked) or type(weakness) is not bool
                or not isinstance(notes, str) or len(notes) > 2000):
            return None
        sensations, regions, aggravators, red_flags = checked
        logs.append({"id": log_id, "recorded_at": recorded.astimezone(UTC), "pain": pain,
                     "sensations": sensations, "regions": regions, "aggravators": aggravators,
                     "weakness": weakness, "red_flags": red_flags, "notes": notes})
    return logs


class _WatchReader:
    """The watch rules' reads (domain/watch.py WatchReader) on the floor's own connection."""

    def __init__(self, database: Database, client_id: int):
        self.database, self.client_id = database, client_id

    def _rows(self, name: str, **values) -> list:
        return self.database.rows(self.database.watch[name],
                                  {"client_id": self.client_id, **values})

    def thresholds(self):
        rows = self._rows("thresholds")
        return watch.Thresholds(*rows[0]) if rows else watch.DEFAULTS

    def quiet_codes(self, since):
        return {code for (code,) in self._rows("quiet", since=since)}

    def window_sums(self, spans):
        [row] = self.database.rows(self.database.watch["sums"],
                                   watch.window_sums_params(self.client_id, spans))
        return tuple(row)

    def first_log_at(self):
        [(first,)] = self._rows("first")
        return None if first is None else _instant(first)

    def regions(self, span):
        return {region for (region,) in self._rows("regions", start=span.start, end=span.end)}


def _store_logs(database: Database, client, logs: list[dict], now: datetime,
                host_url: str) -> tuple[list, bool, set]:
    client_id = client.user_id
    rows = []
    for log in logs:
        row = {key: value for key, value in log.items() if key != "sensations"}
        for code in SENSATIONS:
            row[sensation_column(code)] = code in log["sensations"]
        rows.append({**row, "client_id": client_id, "received_at": now})
    inserted = {_uuid(r[0]) for r in database.insert_rows(SymptomLog.__table__, _LOG_COLUMNS,
                                                           rows, returning=True)}
    by_id = {log["id"]: log for log in reversed(logs)}
    new = [log for log_id, log in reversed(by_id.items()) if str(log_id) in inserted]
    # Ids not stored now: stored before for this client, or held by another (refused).
    refused = {str(log_id) for log_id in by_id if str(log_id) not in inserted and any(
        owner != client_id for (owner,) in database.rows(database.log_owner, {"log_id": log_id}))}
    flags = []
    for log in new:
        base = {"client_id": client_id, "raised_at": now, "log_id": log["id"],
                "told_client": advice_tier(log["red_flags"], log["weakness"])}
        flags += [{**base, "kind": RED_FLAG, "code": code, "urgency": RED_FLAG_URGENCY[code]}
                  for code in log["red_flags"]]
        if log["weakness"]:
            flags.append({**base, "kind": WEAKNESS, "code": "", "urgency": WEAKNESS_URGENCY})
        if log["pain"] >= safety.HIGH_PAIN_THRESHOLD:
            flags.append({**base, "kind": HIGH_PAIN, "code": "", "urgency": REVIEW,
                          "told_client": None})
    raised = []
    if flags:
        ids = database.insert_rows(SafetyFlag.__table__, _FLAG_COLUMNS, flags, returning=True,
                                   skip_known=False)
        raised = [(flag_id, flag["urgency"]) for (flag_id,), flag in zip(ids, flags,
                                                                          strict=True)]
    tripped = watch.tripped_rules(_WatchReader(database, client_id), ZoneInfo(client.timezone),
                                  new, now)
    for code, evidence in tripped.items():
        found = database.rows(database.insert_watch_flag, {
            "client_id": client_id, "kind": WATCH, "code": code, "urgency": REVIEW,
            "evidence": evidence, "raised_at": now})
        raised += [(flag_id, REVIEW) for (flag_id,) in found]
    return new, _queue_alerts(database, client_id, raised, now, host_url), refused


def _queue_alerts(database: Database, client_id: int, raised: list[tuple[int, str]],
                  now: datetime, host_url: str) -> bool:
    """The app's alert rows for the flags raised (alerts.queue_flag_alerts); whether one can
    reach the therapist. (The app's after-commit kick hands the sending to another thread.)"""
    if not raised:
        return False
    [(therapist_id,)] = database.rows(database.therapist_of, {"client_id": client_id})
    if therapist_id is None:
        return False
    database.insert_rows(AlertDelivery.__table__, _ALERT_COLUMNS, alerts.alert_rows(
        raised, therapist_id, 0, now, host_url.rstrip("/")[:255]), returning=False,
        skip_known=False)
    if os.environ.get("MAIL_SERVER") and any(u in MAIL_TIERS for _id, u in raised):
        return True
    return bool(database.rows(database.subscribed, {"therapist_id": therapist_id}))


class _Program:
    __slots__ = ("version", "created_at", "schedule_times", "schedule_days")

    def __init__(self, version, created_at, times, days):
        self.version, self.created_at = version, _instant(created_at)
        self.schedule_times = json.loads(times) if isinstance(times, str) else times
        self.schedule_days = json.loads(days) if isinstance(days, str) else days


def _by_day(database: Database, statements: dict, client, zone, start, end) -> dict:
    arms, params = trends.local_day_params(database.dialect.name, zone, start, end)
    rows = database.rows(statements[arms], {"client_id": client.user_id, "start": start,
                                            "end": end, **params})
    return {_day(day): tuple(rest) for day, *rest in rows}


def _trends(database: Database, client: SignedIn, zone: ZoneInfo, first: date,
            last: date) -> dict:
    spans = trends._spans(first, last, zone, "day")
    start, end = spans[0].start, spans[-1].end
    # Six days before the range too: the first days' 7-day means reach back into them.
    reach_back = to_utc(local_midnight(first - timedelta(days=pain_mean.WINDOW_DAYS - 1), zone))
    logs = _by_day(database, database.daily_logs, client, zone, reach_back, end)
    done = _by_day(database, database.daily_sessions, client, zone, start, end)
    programs = [_Program(*row) for row in database.rows(database.programs,
                                                        {"client_id": client.user_id})]
    now = datetime.now(UTC)
    today = pain_mean.today(zone, now)
    means_7d = pain_mean.means_ending_on(
        [b.days[0] for b in spans if b.days[0] <= today],
        {day: (figures[0], int(figures[1])) for day, figures in logs.items()})
    due = trends.due_so_far(programs, zone, spans, now)
    planned = Counter(trends.count_by_bucket(due, spans))
    on_time: Counter = Counter()
    if due:
        starts = [_instant(r[0]) for r in database.rows(database.session_starts, {
            "client_id": client.user_id, "start": start - ON_TIME_BEFORE,
            "end": min(end, now) + ON_TIME_AFTER})]
        on_time = trends.count_by_bucket(on_time_due_times(due, starts), spans)
    series = []
    for bucket in spans:
        day = bucket.days[0]
        entry = {"start": bucket.local_start.isoformat()}
        if day in logs:
            count, pain, low, high, neuropathic, *sensations = logs[day]
            entry |= {"pain_mean": round(int(pain) / count, 2), "pain_min": low,
                      "pain_max": high, "logs": count,
                      "neuropathic_mean": round(int(neuropathic) / count, 2),
                      "sensations": {code: int(n) for code, n in zip(SENSATIONS, sensations,
                                                                     strict=True) if n}}
        else:
            entry |= {"pain_mean": None, "pain_min": None, "pain_max": None, "logs": 0,
                      "neuropathic_mean": None, "sensations": {}}
        entry["pain_mean_7d"] = means_7d.get(day)
        entry |= {"sessions_done": done[day][0] if day in done else 0,
                  "sessions_planned": planned.get(bucket.index, 0),
                  "on_time": on_time.get(bucket.index, 0)}
        series.append(entry)
    relief = [{"group": g, "side": s, "direction": d, "better": int(b), "same": int(m),
               "worse": int(w)}
              for g, s, d, b, m, w in database.rows(database.relief, {
                  "client_id": client.user_id, "start": start, "end": end})]
    columns = [c.name for c in SafetyFlag.__table__.c] + ["acknowledged_by_name"]
    flags = []
    for row in database.rows(database.flags, {"client_id": client.user_id, "start": start,
                                              "end": end}):
        flag = dict(zip(columns, row, strict=True))
        evidence = flag["evidence"]
        ack = flag["acknowledged_at"]
        flags.append({
            "id": flag["id"], "kind": flag["kind"], "code": flag["code"],
            "urgency": flag["urgency"], "raised_at": _instant(flag["raised_at"]).isoformat(),
            "told_client": flag["told_client"],
            "acknowledged_at": _instant(ack).isoformat() if ack is not None else None,
            "acknowledged_by": None if flag["acknowledged_by_id"] is None else {
                "id": flag["acknowledged_by_id"], "name": flag["acknowledged_by_name"]},
            "note": flag["note"],
            "evidence": json.loads(evidence) if isinstance(evidence, str) else evidence,
            "log_id": _uuid(flag["log_id"]), "session_id": _uuid(flag["session_id"])})
    return {"bucket": "day", "timezone": client.timezone, "from": first.isoformat(),
            "to": last.isoformat(), "series": series, "relief": relief, "flags": flags}


bare_app = Flask("bare")


@bare_app.post("/bare")
def bare_ingest():
    """Bare Flask: parse a JSON list and answer a receipt, touching nothing else."""
    body = request.get_json()
    return {"received": len(body), "created": len(body), "ids": [x["id"] for x in body]}


@bare_app.get("/bare")
def bare_read():
    return {"bucket": "day", "series": []}
