"""The floor: the app's ingest and 90-day trends written with the least framework.

A plain Flask view per path, the database driver directly (one connection a thread), the sign-in
lookup cached for a few seconds, a hand-written check of each log instead of a schema library,
and the app's own SQL: each statement is compiled from the app's statement builders once, at
start, and then only executed. The domain's rules and arithmetic (flag thresholds, buckets, due
times and their per-range caches, on-time matching) are the work itself, so the floor calls the
very functions the app calls: the ratio measures what the framework adds, nothing else.

This file is the HTTP side (the views and the cached sign-in lookup); floor_database.py holds the
driver and the compiled statements, floor_ingest.py the log check and writes, floor_trends.py the
trend body. tests/server/test_floor_matches_app.py checks that the floor writes the same rows and
answers the same bytes as the app; benchmarks/floor.py measures both. Serve it with
gunicorn 'floor_app:make_floor_app()' (DATABASE_URL as for the app).
"""

from __future__ import annotations

import hashlib
import os
import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask, Response, request
from floor_database import Database, SignedIn, utc_instant
from floor_ingest import checked_logs, store_logs
from floor_trends import trends_body

from server.domain.calendar_days import local_date
from server.domain.records import CANNOT_STORE

#: How long a sign-in lookup is reused (the app's cache, issue 12).
SIGN_IN_CACHE_SECONDS = 5


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
            if wall >= utc_instant(expires_at) or wall - utc_instant(last_seen_at) >= idle:
                return None
            found = cache[digest] = SignedIn(user_id, role, timezone,
                                             now + SIGN_IN_CACHE_SECONDS)
        return found if found.role == "client" else None

    @app.post("/api/me/logs")
    def ingest():
        client = signed_in_client()
        if client is None:
            return Response(status=401)
        logs = checked_logs(request.get_json(silent=True))
        if logs is None:
            return Response(status=422)
        now = datetime.now(UTC)
        if any(log["recorded_at"] > now + timedelta(hours=24) for log in logs):
            return Response(status=422)
        connection = database.connection()
        try:
            created, alerted, refused = (
                store_logs(database, client, logs, now, request.host_url)
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
            body = trends_body(database, client, zone, first, last)
        finally:
            database.connection().rollback()
        return app.json.response(body)

    return app


bare_app = Flask("bare")


@bare_app.post("/bare")
def bare_ingest():
    """Bare Flask: parse a JSON list and answer a receipt, touching nothing else."""
    body = request.get_json()
    return {"received": len(body), "created": len(body), "ids": [x["id"] for x in body]}


@bare_app.get("/bare")
def bare_read():
    return {"bucket": "day", "series": []}
