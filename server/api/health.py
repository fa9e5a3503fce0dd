"""Health: liveness, readiness, and the contract's database reachability.

A process manager or load balancer asks two different questions. Live: is this process able to
answer at all (restart it if not)? It touches nothing outside the process, so a database outage
does not make every web process restart at once. Ready: should it be sent traffic now? Only when
its database answers, the schema is at the revision this code was written for (a process started
before `flask db upgrade` finished waits), and the shared rate-limit store answers.
"""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import DomainError
from ..extensions import db, limiter
from ..security import request_limits
from .access import public

blp = Blueprint("health", __name__, url_prefix="/api", description="Service health")


class HealthSchema(Schema):
    status = fields.String()
    database = fields.String()


class LiveSchema(Schema):
    status = fields.String()


class ReadySchema(Schema):
    status = fields.String()
    database = fields.String()
    schema = fields.String(metadata={"description": "the migration revision in force"})
    rate_limits = fields.String(metadata={"description": "memory, or shared (Redis)"})


class DatabaseUnavailable(DomainError):
    status_code = 503
    default_message = "The database is unreachable."


class NotReady(DomainError):
    status_code = 503
    default_message = "This process is not ready for traffic yet."


def _database_answers() -> None:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise DatabaseUnavailable(errors={"database": ["unreachable"]}) from exc


def schema_head() -> str:
    """The newest migration revision in this code (read once a process)."""
    head = current_app.extensions.get("schema_head")
    if head is None:
        from alembic.script import ScriptDirectory

        config = current_app.extensions["migrate"].migrate.get_config()
        head = current_app.extensions["schema_head"] = ScriptDirectory.from_config(
            config).get_current_head()
    return head


@blp.route("/health")
@public
@limiter.exempt
@blp.response(200, HealthSchema)
@blp.alt_response(503, description="The database is unreachable")
def health():
    """Is the service up and its database reachable?"""
    _database_answers()
    return {"status": "ok", "database": "ok"}


@blp.route("/health/live")
@public
@limiter.exempt
@blp.response(200, LiveSchema)
def live():
    """Liveness: this process answers requests (touches no database)."""
    return {"status": "ok"}


@blp.route("/health/ready")
@public
@limiter.exempt
@blp.response(200, ReadySchema)
@blp.alt_response(503, description="Database unreachable, schema not migrated, or the rate-limit "
                                   "store unreachable")
def ready():
    """Readiness: send this process traffic (database, schema and rate-limit store answer)."""
    _database_answers()
    try:
        revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except SQLAlchemyError:
        db.session.rollback()
        revision = None
    if revision != schema_head():
        raise NotReady(errors={"schema": ["not migrated to this version of the app"]})
    counters = request_limits.counters()
    if counters.shared and current_app.config["RATELIMIT_ENABLED"]:
        if not counters.store_answers():
            raise NotReady(errors={"rate_limits": ["the rate-limit store is unreachable"]})
    return {"status": "ok", "database": "ok", "schema": revision,
            "rate_limits": "shared" if counters.shared else "memory"}
