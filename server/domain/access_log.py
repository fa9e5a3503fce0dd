"""The access log: every read or change of a client's record by someone other than the client,
and the client's own account events (joining, export, password, closing).

An entry is written in the same transaction as the change it records (and, for a read, committed
before the response leaves). It names the actor, a verb and a part of the record, never what the
record says: no pain scores, no notes, no flags' codes. The client reading their own record is
not logged: it would bury the entries that matter to them, other people's.
"""

from __future__ import annotations

from sqlalchemy import Select, select, update

from ..extensions import db
from ..models import AccessLogEntry, User

READ = "read"
CREATE = "create"
UPDATE = "update"
EXPORT = "export"
DELETE = "delete"
ACTIONS = (READ, CREATE, UPDATE, EXPORT, DELETE)

PROFILE = "profile"
PROGRAM = "program"
LOGS = "logs"
SESSIONS = "sessions"
TRENDS = "trends"
FLAGS = "flags"
WATCH = "watch"  # the sensitisation watch's thresholds
RECORD = "record"  # the whole record, as in an export
CARE_TEAM = "care-team"
STATUS = "status"  # discharged or back in care
RESET_LINK = "reset-link"
PASSWORD = "password"
CONSENT = "consent"
ACCOUNT = "account"
OUTCOMES = "outcomes"  # best direction, change in pain, functional scale
RESOURCES = (PROFILE, PROGRAM, LOGS, SESSIONS, TRENDS, FLAGS, WATCH, RECORD, CARE_TEAM, STATUS,
             RESET_LINK, PASSWORD, CONSENT, ACCOUNT, OUTCOMES)


def record_access(actor: User, client: User, action: str, resource: str) -> AccessLogEntry:
    assert action in ACTIONS and resource in RESOURCES, (action, resource)
    entry = AccessLogEntry(client_id=client.id, clinic_id=client.clinic_id, actor_id=actor.id,
                           actor_name=actor.name, actor_role=actor.role, action=action,
                           resource=resource)
    db.session.add(entry)
    return entry


def _newest_first(statement: Select) -> Select:
    return statement.order_by(AccessLogEntry.at.desc(), AccessLogEntry.id.desc())


def entries_about(client_id: int) -> Select:
    """Every entry about one client's record, newest first."""
    return _newest_first(select(AccessLogEntry).where(AccessLogEntry.client_id == client_id))


def entries_in_clinic(clinic_id: int, client_id: int | None = None) -> Select:
    """Every entry about the clinic's clients (its administrator's view), newest first."""
    statement = select(AccessLogEntry).where(AccessLogEntry.clinic_id == clinic_id)
    if client_id is not None:
        statement = statement.where(AccessLogEntry.client_id == client_id)
    return _newest_first(statement)


def forget_actor(user_id: int) -> None:
    """The client's record is erased: entries keep the record's id and the other actors, but
    no longer the client's own name."""
    db.session.execute(update(AccessLogEntry).where(AccessLogEntry.actor_id == user_id)
                       .values(actor_name=""))
