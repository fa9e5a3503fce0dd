"""Recording what the phone sends: symptom logs and practice sessions, in idempotent batches.

Each record carries a UUID the device made. The insert skips ids already stored (ON CONFLICT DO
NOTHING), so a batch re-sent after a lost acknowledgement changes nothing; flags (and the
sensitisation watch) are raised only for records stored for the first time.

An id already stored for another client is refused for that item alone (the rest of the batch is
stored): the receipt acknowledges only what is stored for the caller, so a phone never forgets a
record that was not kept, and says no more about the id than that it cannot be stored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select

from ..errors import InvalidInput
from ..extensions import db
from ..models import DragTrial, PracticeSession, SymptomLog, User, utcnow
from ..models.logs import sensation_column
from ..prepared import insert_rows
from . import safety, watch
from .vocabulary import SENSATIONS

#: All a refused item is told: nothing about whose the id is, or whether it exists.
CANNOT_STORE = "This record can't be stored here."
#: A device clock may be a little fast; anything further ahead is a mistake.
_FUTURE_TOLERANCE = timedelta(hours=24)


def _insert_new_rows(model, rows: list[dict]) -> set:
    """Insert rows whose id is not stored yet; return the ids inserted now.

    One multi-row INSERT … ON CONFLICT (id) DO NOTHING RETURNING id, compiled once for the
    batch's size (prepared.insert_rows): a phone's batch costs one round trip and none of the
    ORM's per-row bookkeeping. The rows come from the schemas, which give every item every key."""
    # Flushed first, as the ORM would have: the rows may refer to objects still pending.
    db.session.flush()
    return {row_id for (row_id,) in insert_rows(model.__table__, rows, returning=("id",),
                                                skip_existing_ids=True)}


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


def _held_by_others(model, client: User, items: list[dict], inserted: set) -> set:
    """Ids of the batch not inserted now that are stored, but not for this client."""
    skipped = {item["id"] for item in items} - inserted
    if not skipped:
        return set()
    own = set(db.session.scalars(select(model.id).where(
        model.id.in_(skipped), model.client_id == client.id)))
    return skipped - own


@dataclass(frozen=True)
class Recorded:
    """What a batch did: the ids stored for the client (now or before: the phone may forget
    them), the ids stored now, the ids refused (held by someone else), and whether a flag it
    raised has an alert on its way to a therapist who can receive it (the receipt's
    therapist_alerted: only then may the phone say so)."""

    received: int
    ids: list
    created: list
    refused: list = field(default_factory=list)
    therapist_alerted: bool = False


def _recorded(model, client: User, items: list[dict], inserted: set, new_items: list[dict],
              alerted: bool = False) -> Recorded:
    refused = _held_by_others(model, client, items, inserted)
    ids = [item["id"] for item in items if item["id"] not in refused]
    return Recorded(len(items), ids, [item["id"] for item in new_items],
                    list(dict.fromkeys(item["id"] for item in items if item["id"] in refused)),
                    alerted)


def record_logs(client: User, logs: list[dict]) -> Recorded:
    """Store new logs, raise their flags and run the sensitisation watch."""
    _check_not_future(logs, "recorded_at")
    if not logs:
        return Recorded(0, [], [])
    now = utcnow()
    rows = []
    for log in logs:
        row = {key: value for key, value in log.items() if key != "sensations"}
        for code in SENSATIONS:
            row[sensation_column(code)] = code in log["sensations"]
        rows.append({**row, "client_id": client.id, "received_at": now})
    # Flags are judged from the validated items: they hold what was just stored.
    inserted = _insert_new_rows(SymptomLog, rows)
    new_logs = _first_stored(logs, inserted)
    alerted = safety.raise_safety_flags(
        [flag for log in new_logs for flag in safety.flags_for_log(client, log)])
    _watched, watch_alerted = safety.raise_unless_open(watch.watch_flags(client, new_logs, now))
    return _recorded(SymptomLog, client, logs, inserted, new_logs, alerted or watch_alerted)


def record_sessions(client: User, sessions: list[dict]) -> Recorded:
    """Store new practice sessions with their drags and raise their flags."""
    _check_not_future(sessions, "started_at")
    if not sessions:
        return Recorded(0, [], [])
    now = utcnow()
    rows = [{key: value for key, value in s.items() if key != "drags"}
            | {"client_id": client.id, "received_at": now} for s in sessions]
    inserted = _insert_new_rows(PracticeSession, rows)
    new_sessions = _first_stored(sessions, inserted)
    db.session.add_all([DragTrial(session_id=s["id"], position=i, **drag)
                        for s in new_sessions for i, drag in enumerate(s["drags"])])
    db.session.flush()
    alerted = safety.raise_safety_flags(
        [flag for s in new_sessions for flag in safety.flags_for_session(client, s)])
    return _recorded(PracticeSession, client, sessions, inserted, new_sessions, alerted)
