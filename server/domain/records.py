"""Recording what the phone sends: symptom logs and practice sessions, in idempotent batches.

Each record carries a UUID the device made. The insert skips ids already stored (ON CONFLICT DO
NOTHING), so a batch re-sent after a lost acknowledgement changes nothing; flags are raised only
for records stored for the first time.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from ..errors import InvalidInput
from ..extensions import db
from ..models import DragTrial, PracticeSession, SymptomLog, User, utcnow
from ..models.logs import SENSATIONS, sensation_column
from . import safety

#: A device clock may be a little fast; anything further ahead is a mistake.
_FUTURE_TOLERANCE = timedelta(hours=24)


def _insert_ignoring_duplicates(model):
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model)


def _check_not_future(items: list[dict], field: str) -> None:
    limit = utcnow() + _FUTURE_TOLERANCE
    errors = {str(i): {field: ["Must not be in the future."]}
              for i, item in enumerate(items) if item[field] > limit}
    if errors:
        raise InvalidInput(errors=errors)


def record_logs(client: User, logs: list[dict]) -> tuple[list, list]:
    """Store new logs; return (all acknowledged ids, ids stored for the first time)."""
    _check_not_future(logs, "recorded_at")
    if not logs:
        return [], []
    now = utcnow()
    rows = []
    for log in logs:
        row = {key: value for key, value in log.items() if key != "sensations"}
        for code in SENSATIONS:
            row[sensation_column(code)] = code in log["sensations"]
        rows.append({**row, "client_id": client.id, "received_at": now})
    statement = (_insert_ignoring_duplicates(SymptomLog).values(rows)
                 .on_conflict_do_nothing(index_elements=["id"]).returning(SymptomLog.id))
    created = list(db.session.scalars(statement))
    if created:
        stored = db.session.scalars(select(SymptomLog).where(SymptomLog.id.in_(created)))
        flags = [flag for log in stored for flag in safety.flags_for_log(client, log)]
        safety.raise_safety_flags(flags)
        safety.check_rising_trend(client)
    return [log["id"] for log in logs], created


def record_sessions(client: User, sessions: list[dict]) -> tuple[list, list]:
    """Store new practice sessions with their drags; return (acknowledged ids, new ids)."""
    _check_not_future(sessions, "started_at")
    if not sessions:
        return [], []
    now = utcnow()
    rows = [{key: value for key, value in s.items() if key != "drags"}
            | {"client_id": client.id, "received_at": now} for s in sessions]
    statement = (_insert_ignoring_duplicates(PracticeSession).values(rows)
                 .on_conflict_do_nothing(index_elements=["id"]).returning(PracticeSession.id))
    created = set(db.session.scalars(statement))
    by_id = {s["id"]: s for s in sessions}
    drags = [DragTrial(session_id=session_id, position=i, **drag)
             for session_id in created for i, drag in enumerate(by_id[session_id]["drags"])]
    db.session.add_all(drags)
    db.session.flush()
    if created:
        stored = db.session.scalars(
            select(PracticeSession).where(PracticeSession.id.in_(created)))
        safety.raise_safety_flags(
            [flag for s in stored for flag in safety.flags_for_session(client, s)])
    return [s["id"] for s in sessions], [s["id"] for s in sessions if s["id"] in created]
