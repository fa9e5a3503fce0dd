"""Writing the access log from the views: a view declares what it does to a client's record
(@audited("read", "trends")); the aggregate's access helper, once it knows whose record it is,
adds the entry to the request's transaction.

A change is logged in the same commit as the change itself. A read is committed just before its
response leaves (after_request); a request that fails (4xx, 5xx) rolls its entry back with
everything else, so the log holds what was done, not what was tried.
"""

from __future__ import annotations

from functools import wraps

from flask import Flask, g, request
from sqlalchemy import text

from ..domain import access_log
from ..extensions import db
from ..models import User


def audited(action: str, resource: str):
    """Declare that this view reads or changes this part of a client's record."""
    assert action in access_log.ACTIONS and resource in access_log.RESOURCES

    def decorate(view):
        @wraps(view)
        def declared(*args, **kwargs):
            g.audit = (action, resource)
            return view(*args, **kwargs)

        declared.audit = (action, resource)
        return declared

    return decorate


def note_access(actor: User, client: User) -> None:
    """Called by the access helpers: log this request's declared access to client's record,
    once per request, unless the client is looking at their own."""
    declared = g.get("audit")
    if declared is None or g.get("audit_noted") or actor.id == client.id:
        return
    access_log.record_access(actor, client, *declared)
    g.audit_noted = True


def init_app(app: Flask) -> None:
    @app.after_request
    def commit_access_entries(response):
        if g.pop("audit_noted", False) and response.status_code < 400:
            if request.method == "GET":
                _without_waiting_for_the_disk()
            db.session.commit()
        return response


def _without_waiting_for_the_disk() -> None:
    """A read's entry is the transaction's only write: on PostgreSQL its commit need not wait for
    the write-ahead log to reach the disk (synchronous_commit off, for this transaction only).
    Still atomic and in order; a crash of the database server itself (not of the app) could lose
    the last fraction of a second of read entries. That halves what logging adds to a read (it
    was an fsync per request); changes keep the ordinary commit of the change they record."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
