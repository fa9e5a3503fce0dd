"""Sending right after a commit without making the request wait: whatever queues an alert or an
email marks the session, and when that transaction commits the app's notifier is asked for a
send pass on its own thread (runner.py). A transaction that rolls back sends nothing: its rows
never existed. Should the kick be lost (a crash, a full queue), the scheduler's tick sends it."""

from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

_KICK = "notify_kick"


def kick_after_commit() -> None:
    """Ask for a send pass once the current transaction commits."""
    if has_app_context():
        db.session.info[_KICK] = current_app._get_current_object()


@event.listens_for(Session, "after_commit")
def _kick_committed(session: Session) -> None:
    # Fires for the outermost transaction only, after the rows are visible to other connections.
    app = session.info.pop(_KICK, None)
    notifier = app.extensions.get("notify") if app is not None else None
    if notifier is not None:
        notifier.kick()
