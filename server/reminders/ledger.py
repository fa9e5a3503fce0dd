"""The delivery ledger: one row per (client, kind, due time), claimed before anything is sent.

The guarantee: a row is inserted with INSERT … ON CONFLICT DO NOTHING on the unique key
(client_id, kind, due_at), and only the process whose insert returned the row sends it. Two
schedulers racing on PostgreSQL, a reloader's second process, or a restart therefore never send
the same reminder twice. Each send's outcome is written to its row as soon as it is known.

The one window left: a process that dies after the push service accepted a message and before
the row says "sent". Such a row stays "claimed"; after CLAIM_LEASE another tick takes it over
(an UPDATE that only one process can win) and sends it again if still inside the grace window.
That copy carries the same notification tag and Topic, so it replaces the first on the phone
rather than adding a second alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ..extensions import db
from ..models import ReminderDelivery

CLAIMED = "claimed"
SENT = "sent"
FAILED = "failed"
MISSED = "missed"
SKIPPED = "skipped"
#: A snoozed reminder waiting for its time.
SCHEDULED = "scheduled"
#: A test notification waiting for the notify thread (reminders/test_sends.py).
QUEUED = "queued"

#: A claim older than this, never finished, belonged to a process that died mid-dispatch.
CLAIM_LEASE = timedelta(minutes=2)

_table = ReminderDelivery.__table__


@dataclass(frozen=True)
class Claim:
    id: int
    client_id: int
    kind: str
    due_at: datetime


def _insert():
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_table)


def known_keys(start: datetime, end: datetime) -> set[tuple[int, str, datetime]]:
    """Keys already in the ledger with due_at in [start, end]."""
    rows = db.session.execute(select(_table.c.client_id, _table.c.kind, _table.c.due_at).where(
        _table.c.due_at >= start, _table.c.due_at <= end))
    return {(c, k, d) for c, k, d in rows}


def record(rows: list[dict], now: datetime) -> list[Claim]:
    """Insert ledger rows, skipping any key another process (or an earlier tick) already holds.

    rows: {client_id, kind, due_at, status, reason}. Returns the rows this call inserted with
    status "claimed": exactly the reminders this process must now send.
    """
    if not rows:
        return []
    values = [{**r, "attempts": 0, "claimed_at": now,
               "finished_at": None if r["status"] == CLAIMED else now} for r in rows]
    statement = (_insert().on_conflict_do_nothing(index_elements=["client_id", "kind", "due_at"])
                 .returning(_table.c.id, _table.c.client_id, _table.c.kind, _table.c.due_at,
                            _table.c.status))
    inserted = db.session.execute(statement, values).all()
    return sorted((Claim(i, c, k, d) for i, c, k, d, s in inserted if s == CLAIMED),
                  key=lambda claim: (claim.due_at, claim.client_id))


def _take(condition, now: datetime) -> list[Claim]:
    """Move matching rows to "claimed" by us; a row another process takes first is not ours:
    PostgreSQL re-checks the condition on the updated row, SQLite has one writer at a time."""
    statement = (update(_table).where(condition)
                 .values(status=CLAIMED, claimed_at=now, finished_at=None)
                 .returning(_table.c.id, _table.c.client_id, _table.c.kind, _table.c.due_at))
    return [Claim(*row) for row in db.session.execute(statement)]


def take_due_snoozes(now: datetime, grace_start: datetime) -> list[Claim]:
    return _take(and_(_table.c.status == SCHEDULED, _table.c.due_at <= now,
                      _table.c.due_at >= grace_start), now)


def take_queued(kinds: tuple[str, ...], now: datetime, since: datetime) -> list[Claim]:
    return _take(and_(_table.c.status == QUEUED, _table.c.kind.in_(kinds),
                      _table.c.due_at <= now, _table.c.due_at >= since), now)


def take_abandoned(now: datetime, grace_start: datetime) -> list[Claim]:
    return _take(and_(_table.c.status == CLAIMED, _table.c.claimed_at < now - CLAIM_LEASE,
                      _table.c.due_at >= grace_start), now)


def mark_missed(now: datetime, grace_start: datetime) -> int:
    """Snoozes and abandoned claims that fell out of the grace window: missed, not sent."""
    result = db.session.execute(update(_table).where(
        _table.c.due_at < grace_start,
        (_table.c.status == SCHEDULED)
        | and_(_table.c.status == CLAIMED, _table.c.claimed_at < now - CLAIM_LEASE),
    ).values(status=MISSED, reason="missed", finished_at=now))
    return result.rowcount or 0


def finish(outcomes: list[dict], now: datetime) -> None:
    """Write outcomes {id, status, reason, attempts}; only rows still claimed change."""
    if not outcomes:
        return
    statement = (update(_table)
                 .where(_table.c.id == bindparam("row_id"), _table.c.status == CLAIMED)
                 .values(status=bindparam("new_status"), reason=bindparam("new_reason"),
                         attempts=bindparam("new_attempts"), finished_at=now))
    db.session.connection().execute(statement, [
        {"row_id": o["id"], "new_status": o["status"], "new_reason": o["reason"][:64],
         "new_attempts": o["attempts"]} for o in outcomes])


def schedule_snooze(client_id: int, kind: str, due_at: datetime) -> ReminderDelivery:
    row = ReminderDelivery(client_id=client_id, kind=kind, due_at=due_at, status=SCHEDULED,
                           reason="snoozed", attempts=0)
    db.session.add(row)
    db.session.flush()
    return row
