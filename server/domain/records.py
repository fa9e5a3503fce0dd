"""Recording what the phone sends: symptom logs and practice sessions, in idempotent batches.

Each record carries a UUID the device made. The insert skips ids already stored (ON CONFLICT DO
NOTHING), so a batch re-sent after a lost acknowledgement changes nothing; flags (and the
sensitisation watch) are raised only for records stored for the first time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.dialects import postgresql, sqlite

from ..errors import InvalidInput
from ..extensions import db
from ..models import DragTrial, PracticeSession, SymptomLog, User, utcnow
from ..models.logs import sensation_column
from . import safety, watch
from .vocabulary import SENSATIONS

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


@dataclass(frozen=True)
class Recorded:
    """What a batch did: every id acknowledged, the ids stored now, and whether a flag it raised
    has an alert on its way to a therapist who can receive it (the receipt's therapist_alerted:
    only then may the phone say so)."""

    ids: list
    created: list
    therapist_alerted: bool = False


def record_logs(client: User, logs: list[dict]) -> Recorded:
    """Store new logs, raise their flags and run the sensitisation watch."""
    _check_not_future(logs, "recorded_at")
    if not logs:
        return Recorded([], [])
    now = utcnow()
    rows = []
    for log in logs:
        row = {key: value for key, value in log.items() if key != "sensations"}
        for code in SENSATIONS:
            row[sensation_column(code)] = code in log["sensations"]
        rows.append({**row, "client_id": client.id, "received_at": now})
    # Flags are judged from the validated items: they hold what was just stored.
    new_logs = _first_stored(logs, _insert_new_rows(SymptomLog, rows))
    alerted = safety.raise_safety_flags(
        [flag for log in new_logs for flag in safety.flags_for_log(client, log)])
    _watched, watch_alerted = safety.raise_unless_open(watch.watch_flags(client, new_logs, now))
    return Recorded([log["id"] for log in logs], [log["id"] for log in new_logs],
                    alerted or watch_alerted)


def record_sessions(client: User, sessions: list[dict]) -> Recorded:
    """Store new practice sessions with their drags and raise their flags."""
    _check_not_future(sessions, "started_at")
    if not sessions:
        return Recorded([], [])
    now = utcnow()
    rows = [{key: value for key, value in s.items() if key != "drags"}
            | {"client_id": client.id, "received_at": now} for s in sessions]
    new_sessions = _first_stored(sessions, _insert_new_rows(PracticeSession, rows))
    db.session.add_all([DragTrial(session_id=s["id"], position=i, **drag)
                        for s in new_sessions for i, drag in enumerate(s["drags"])])
    db.session.flush()
    alerted = safety.raise_safety_flags(
        [flag for s in new_sessions for flag in safety.flags_for_session(client, s)])
    return Recorded([s["id"] for s in sessions], [s["id"] for s in new_sessions], alerted)
