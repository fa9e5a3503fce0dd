"""Adherence: a session counts as on time when it starts within a window around a session's
due time (its reminder), from ON_TIME_BEFORE before to ON_TIME_AFTER after.

The window: an hour early still follows the plan (people start before the buzz), and up to
three hours late still answers that reminder rather than the next one. Each session answers at
most one due time and each due time at most one session, matched in time order, so three
sessions in a row do not make three reminders on time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models import PracticeSession, ReminderDelivery
from ..models.reminders import SESSION_REMINDER

ON_TIME_BEFORE = timedelta(minutes=60)
ON_TIME_AFTER = timedelta(hours=3)


def on_time_due_times(due_times: Sequence[datetime],
                      session_starts: Iterable[datetime]) -> list[datetime]:
    """The due times that a session answered on time (both lists in UTC)."""
    starts = sorted(session_starts)
    answered, index = [], 0
    for due in sorted(due_times):
        while index < len(starts) and starts[index] < due - ON_TIME_BEFORE:
            index += 1
        if index < len(starts) and starts[index] <= due + ON_TIME_AFTER:
            answered.append(due)
            index += 1
    return answered


def session_starts(client_ids, start: datetime, end: datetime) -> dict[int, list[datetime]]:
    """Start times of each client's sessions that could answer a due time in [start, end):
    one query for any number of clients (client_ids may be a subquery)."""
    found: dict[int, list[datetime]] = {}
    for client_id, started in db.session.execute(
        select(PracticeSession.client_id, PracticeSession.started_at).where(
            PracticeSession.client_id.in_(client_ids),
            PracticeSession.started_at >= start - ON_TIME_BEFORE,
            PracticeSession.started_at <= end + ON_TIME_AFTER)
    ):
        found.setdefault(client_id, []).append(started)
    return found


def reminders_sent(client_ids, start: datetime, end: datetime) -> dict[int, int]:
    """How many session reminders the ledger says reached a device, per client: one query."""
    return dict(db.session.execute(
        select(ReminderDelivery.client_id, func.count(ReminderDelivery.id)).where(
            ReminderDelivery.client_id.in_(client_ids),
            ReminderDelivery.kind == SESSION_REMINDER, ReminderDelivery.status == "sent",
            ReminderDelivery.due_at >= start, ReminderDelivery.due_at < end)
        .group_by(ReminderDelivery.client_id)).all())
