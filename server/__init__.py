"""Cluneal Companion: the Flask API, the PWA it serves, the reminder scheduler and the alerts."""

from __future__ import annotations

import os
import time
from pathlib import Path

from flask import Flask, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.pool import Pool
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import BaseConverter, IntegerConverter

from . import api as api_package
from . import cli, notify, pwa, rate_limits, reminders, structured_logs
from .api import access, audit
from .config import SETTINGS, load_settings
from .domain.invites import INVITE_TOKEN_PATTERN
from .errors import UnsupportedMediaType, register_error_handlers
from .extensions import api, db, limiter, migrate
from .instance_secrets import secret_key
from .security import cross_site, headers, json_nesting, log_redaction, sessions

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
SETTING_NAMES = frozenset(setting.name for setting in SETTINGS)


def create_app(overrides: dict | None = None) -> Flask:
    """The app factory: reads settings, binds extensions and blueprints; starts nothing else
    unless a setting asks (the reminder scheduler)."""
    instance_path = (overrides or {}).get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH")
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.url_map.converters["int"] = DatabaseInteger
    app.url_map.converters["invite_token"] = InviteToken
    app.config.from_pyfile("config.py", silent=True)
    settings = load_settings(Path(app.instance_path), app.debug, overrides)
    app.config.update(settings)
    app.config.update(
        SECRET_KEY=settings["SECRET_KEY"] or secret_key(Path(app.instance_path)),
        SQLALCHEMY_DATABASE_URI=_normalise_database_url(settings["DATABASE_URL"]),
        # No ping on every checkout (a round trip a request): _ping_if_idle checks only a
        # pooled connection that has sat unused for a while.
        # hide_parameters: a failing statement's error (and so any log of it) never carries
        # the values it was given, which are health data (notes, pain, places).
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": False, "hide_parameters": True},
        **_rate_limit_storage(settings),
        API_TITLE="Cluneal Companion API",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/api",
        OPENAPI_JSON_PATH="openapi.json",
    )
    # Flask-level keys given directly (SQLALCHEMY_DATABASE_URI, say) win over derived ones.
    app.config.update({key: value for key, value in (overrides or {}).items()
                       if key not in SETTING_NAMES})
    app.json.sort_keys = False  # keep fields in schema order: id first, as people read it
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    api.init_app(app)
    limiter.init_app(app)  # first: a request over its limit is refused before any other work
    register_error_handlers(app)
    sessions.init_app(app)
    # Before each request, in this order: another site's write (403), no session where one is
    # needed (401), then the body's form: not JSON (415), nested too deeply (400).
    cross_site.init_app(app)
    access.init_app(app)  # who may ask, before anything looks at what was sent
    _require_json_bodies(app)
    json_nesting.init_app(app)
    headers.init_app(app)
    log_redaction.init_app()
    structured_logs.init_app(app)
    if settings["PROXY_COUNT"]:
        # Behind N trusted proxies, the client's address is the Nth from the right of
        # X-Forwarded-For; without this every request would count against the proxy's address.
        count = settings["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)
    api_package.register_blueprints(app)
    audit.init_app(app)
    pwa.init_app(app)
    cli.init_app(app)
    notify.init_app(app)  # before reminders: the scheduler's tick runs its pass
    reminders.init_app(app)
    return app


class InviteToken(BaseConverter):
    """<invite_token:…>: an invite's secret (base64url, never all digits), so /api/invites/42
    is only ever invite 42 and /api/invites/<token> only ever a token: the two templates of
    the OpenAPI document do not overlap, and a 405's Allow lists one resource's methods."""

    regex = INVITE_TOKEN_PATTERN


def _invite_token_schema(_converter) -> dict:
    return {"type": "string", "pattern": f"^{INVITE_TOKEN_PATTERN}$"}


api.register_converter(InviteToken, _invite_token_schema)


class DatabaseInteger(IntegerConverter):
    """<int:…> path parts that fit a 64-bit column: a larger id matches no route (404) instead
    of overflowing the database driver (SQLite raises OverflowError: a 500)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", 2**63 - 1)
        super().__init__(url_map, *args, **kwargs)


def _rate_limit_storage(settings: dict) -> dict:
    """Where the counters live: RATELIMIT_STORAGE_URI if given, else REDIS_URL, else this
    process's memory. With Redis every web process counts against the same limit; should Redis
    stop answering, each process falls back to its own memory (limits still hold per process)
    rather than failing requests, and returns to Redis once it answers again."""
    uri = settings["RATELIMIT_STORAGE_URI"] or settings["REDIS_URL"] or "memory://"
    if uri == "memory://":
        uri = f"{rate_limits.SCHEME}://"  # the same counters without a thread per request
    config = {"RATELIMIT_STORAGE_URI": uri,
              "RATELIMIT_KEY_PREFIX": settings["RATELIMIT_KEY_PREFIX"]}
    if uri.startswith(("redis://", "rediss://", "redis+")):
        # A request never waits long on a Redis that has gone away.
        config["RATELIMIT_STORAGE_OPTIONS"] = {"socket_connect_timeout": 0.5,
                                               "socket_timeout": 0.5}
    return config


def _normalise_database_url(url: str) -> str:
    # Hosted PostgreSQL URLs often say postgres:// or postgresql://; we drive it with psycopg 3.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _require_json_bodies(app: Flask) -> None:
    @app.before_request
    def refuse_non_json():
        if (request.method in {"POST", "PUT", "PATCH"} and request.path.startswith("/api/")
                and request.content_length and not request.is_json):
            raise UnsupportedMediaType()


#: A pooled server connection unused for longer than this is pinged before a request gets it.
PING_AFTER_IDLE_SECONDS = 30


@event.listens_for(Pool, "checkin")
def _note_last_use(_dbapi_connection, record) -> None:
    record.info["last_used"] = time.monotonic()


@event.listens_for(Pool, "checkout")
def _ping_if_idle(dbapi_connection, record, _proxy) -> None:
    """A PostgreSQL connection may have been dropped by the server (a restart, an idle timeout
    on the way). One used in the last PING_AFTER_IDLE_SECONDS was alive then and is trusted;
    an older one is pinged, and a dead one is replaced before the request sees it. So a busy
    process pays no round trip a request; a server restart costs at most the requests already
    holding a connection that was used in those last seconds. SQLite's file cannot drop."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        return
    last_used = record.info.get("last_used")
    if last_used is None or time.monotonic() - last_used < PING_AFTER_IDLE_SECONDS:
        return
    try:
        cursor = dbapi_connection.cursor()
        cursor.execute("SELECT 1")
        cursor.close()
        dbapi_connection.rollback()
    except Exception as error:  # any driver error: this connection is no good
        raise DisconnectionError() from error


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, _record):
    """SQLite: write-ahead log (readers never block the writer), enforced foreign keys (erasure
    cascades), and a busy timeout instead of failing at once under concurrent writes."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()
