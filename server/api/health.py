"""Liveness and database reachability."""

from flask_smorest import Blueprint
from marshmallow import Schema, fields
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from ..errors import DomainError
from ..extensions import db

blp = Blueprint("health", __name__, url_prefix="/api", description="Service health")


class HealthSchema(Schema):
    status = fields.String()
    database = fields.String()


class DatabaseUnavailable(DomainError):
    status_code = 503
    default_message = "The database is unreachable."


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.alt_response(503, description="The database is unreachable")
def health():
    """Is the service up and its database reachable?"""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as exc:
        db.session.rollback()
        raise DatabaseUnavailable(errors={"database": ["unreachable"]}) from exc
    return {"status": "ok", "database": "ok"}
