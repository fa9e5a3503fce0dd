"""Recording what the phone sends: symptom logs and practice sessions, in idempotent batches.

Each record carries a UUID the device made. The insert skips ids already stored (ON CONFLICT DO
NOTHING), so a batch re-sent after a lost acknowledgement changes nothing; flags are raised only
for records stored for the first time.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.dialects import postgresql, sqlite

from ..errors import InvalidInput
from ..extensions import db
from ..models import DragTrial, PracticeSession, SymptomLog, User, utcnow
from ..models.logs import SENSATIONS, sensation_column
from . import safety

#: A device clock may be a little fast; anything further ahead is a mistake.
_FUTURE_TOLERANCE = timedelta(hours=24)


def _insert_new_rows(model, rows: list[dict]) -> set:
    """Insert rows whose id is not stored yet; return the ids inserted now.

    The rows are passed as parameters, not baked into the statement with .values(rows), so the
    compiled INSERT is the same for every batch and comes from SQLAlchemy's cache; SQLAlchemy
    still sends them as multi-row INSERTs ("insertmanyvalues"). A Core table, not the ORM class,
    skips the ORM's per-row bookkeeping, which nothing here needs."""
    table = model.__table__
    module = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (module.insert(table).on_conflict_do_nothing(index_elements=["id"])
                 .returning(table.c.id))
    # On the session's connection: a Core statement needs none of the ORM's execution layer.
    # Flushed first, as the ORM would have: the rows may refer to objects still pending.
    db.session.flush()
    return set(db.session.connection().execute(statement, rows).scalars())


def _first_stored(items: list[dict], inserted: set) -> list[dict]:
    """The items stored now, in batch order, each id once (a batch may repeat an id)."""
    by_id = {item["id"]: item for item in reversed(items)}
    return [item for item_id, item in reversed(by_id.items()) if item_id in inserted]


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
    # Flags are judged from the validated items: they hold what was just stored.
    new_logs = _first_stored(logs, _insert_new_rows(SymptomLog, rows))
    safety.raise_safety_flags(
        [flag for log in new_logs for flag in safety.flags_for_log(client, log)])
    # Only a log from the last fortnight can move the weekly means the trend compares; a batch
    # of older ones (an outbox catching up) leaves the answer as it was.
    if any(now - safety.RISING_TREND_WINDOW <= log["recorded_at"] <= now for log in new_logs):
        safety.check_rising_trend(client)
    return [log["id"] for log in logs], [log["id"] for log in new_logs]


def record_sessions(client: User, sessions: list[dict]) -> tuple[list, list]:
    """Store new practice sessions with their drags; return (acknowledged ids, new ids)."""
    _check_not_future(sessions, "started_at")
    if not sessions:
        return [], []
    now = utcnow()
    rows = [{key: value for key, value in s.items() if key != "drags"}
            | {"client_id": client.id, "received_at": now} for s in sessions]
    new_sessions = _first_stored(sessions, _insert_new_rows(PracticeSession, rows))
    db.session.add_all([DragTrial(session_id=s["id"], position=i, **drag)
                        for s in new_sessions for i, drag in enumerate(s["drags"])])
    db.session.flush()
    safety.raise_safety_flags(
        [flag for s in new_sessions for flag in safety.flags_for_session(client, s)])
    return [s["id"] for s in sessions], [s["id"] for s in new_sessions]
