"""Domain exceptions in families, and the one handler that answers every error with the
contract's JSON: {"code", "status", "message", "errors": {field: [messages]}}."""

from __future__ import annotations

import logging
from http import HTTPStatus

from flask import Flask, jsonify
from sqlalchemy.exc import IntegrityError, OperationalError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from .extensions import db

log = logging.getLogger(__name__)


class DomainError(Exception):
    """A rule said no. Subclasses fix the HTTP status."""

    status_code = 400
    default_message = "The request could not be carried out."

    def __init__(self, message: str | None = None, errors: dict | None = None):
        super().__init__(message or self.default_message)
        self.message = message or self.default_message
        self.errors = errors or {}


class NotSignedIn(DomainError):
    status_code = 401
    default_message = "Please sign in."


class WrongRole(DomainError):
    status_code = 403
    default_message = "This is not available to your account."


class SignupClosed(WrongRole):
    default_message = ("Sign-up is closed here: therapists join by an invite from their clinic's "
                       "administrator.")


class CrossSiteRequest(DomainError):
    status_code = 403
    default_message = "Requests from other sites are not accepted."


class NotFound(DomainError):
    status_code = 404
    default_message = "Not found."


class Conflict(DomainError):
    status_code = 409
    default_message = "That conflicts with what is already stored."


class EmailTaken(Conflict):
    default_message = "An account with that email already exists."


class InviteError(DomainError):
    status_code = 410
    default_message = "This invite can no longer be used."


class InviteExpired(InviteError):
    default_message = "This invite has expired. Ask your therapist for a new one."


class InviteUsed(InviteError):
    default_message = "This invite has already been used. Sign in instead."


class InviteRevoked(InviteError):
    default_message = "This invite was withdrawn. Ask your therapist for a new one if you need it."


class RecordClosed(Conflict):
    default_message = "This client closed their account: the record is kept read-only."


class ResetLinkExpired(DomainError):
    status_code = 410
    default_message = "This reset link has expired. Ask for a new one."


class InvalidInput(DomainError):
    status_code = 422
    default_message = "Some fields need attention."


class UnsupportedMediaType(DomainError):
    status_code = 415
    default_message = "Send JSON (Content-Type: application/json)."


def error_body(status: int, message: str, errors: dict | None = None) -> dict:
    return {
        "code": status,
        "status": HTTPStatus(status).phrase,
        "message": message,
        "errors": errors or {},
    }


def _flatten_locations(errors: dict) -> dict:
    """webargs nests messages by location ({"json": {...}, "query": {...}}); the contract wants
    {field: [messages]}."""
    flat: dict = {}
    for location, fields in errors.items():
        if location in {"json", "query", "querystring", "form", "headers", "view_args", "files"}:
            if isinstance(fields, dict):
                flat.update(fields)
            else:
                flat["_body"] = fields if isinstance(fields, list) else [str(fields)]
        else:
            flat[location] = fields
    return flat


def _respond(status: int, message: str, errors: dict | None = None, headers=None):
    response = jsonify(error_body(status, message, errors))
    response.status_code = status
    if headers:
        response.headers.update(headers)
    return response


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def handle_domain_error(error: DomainError):
        db.session.rollback()
        return _respond(error.status_code, error.message, error.errors)

    @app.errorhandler(IntegrityError)
    def handle_integrity_error(error: IntegrityError):
        db.session.rollback()
        return _respond(409, "That conflicts with what is already stored.")

    @app.errorhandler(OperationalError)
    def handle_operational_error(error: OperationalError):
        db.session.rollback()
        if not database_busy(error):
            return handle_unexpected(error)
        # Only the kind is logged: the error's text carries the statement's parameters.
        log.warning("database busy: answered 503 (%s)", type(error.orig).__name__)
        return _respond(503, BUSY_MESSAGE, headers={"Retry-After": str(BUSY_RETRY_AFTER_SECONDS)})

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException):
        if error.code is None or error.code >= 500:
            db.session.rollback()
        data = getattr(error, "data", None) or {}
        errors = data.get("messages") or data.get("errors") or {}
        errors = _flatten_locations(errors) if isinstance(errors, dict) else {"_body": errors}
        message = data.get("message") or _default_message(error)
        if error.code == 422 and not data.get("message"):
            message = "Some fields need attention."
        if error.code == 400 and "_body" in errors and not data.get("message"):
            message = "The request body is not valid JSON."
        headers = dict(data.get("headers") or {})
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            # RFC 9110: a 405 lists the methods the resource does support.
            headers["Allow"] = ", ".join(sorted(error.valid_methods))
        if error.code == 429:
            message = "Too many requests. Please wait a moment and try again."
        return _respond(error.code or 500, message, errors, headers)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        db.session.rollback()
        # The traceback goes to the log; the response carries no detail of it.
        log.exception("unhandled error", exc_info=error)
        return _respond(500, "Something went wrong on our side.")


#: Said when the database stayed locked past its busy timeout (SQLite under heavy concurrent
#: writing) or gave up on a lock (PostgreSQL): nothing of the request was kept, and sending it
#: again is safe (batches are idempotent), so the phone's outbox simply tries again.
BUSY_MESSAGE = "The server is busy just now and kept nothing from this request. Try again shortly."
BUSY_RETRY_AFTER_SECONDS = 2
_BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})  # serialization, deadlock, lock


def database_busy(error: OperationalError) -> bool:
    """Whether the database refused for contention (worth a retry), not for being broken."""
    original = error.orig
    if getattr(original, "sqlstate", None) in _BUSY_SQLSTATES:
        return True
    text = str(original).lower()
    return type(original).__module__ == "sqlite3" and ("locked" in text or "busy" in text)


def _default_message(error: HTTPException) -> str:
    messages = {
        400: "The request could not be understood.",
        401: "Please sign in.",
        403: "This is not available to your account.",
        404: "Not found.",
        405: "That method is not allowed here.",
        413: "The request body is too large.",
        415: "Send JSON (Content-Type: application/json).",
    }
    return messages.get(error.code or 500, error.description or "Request failed.")
