"""Test notifications a person sends themselves from settings: queued in the delivery ledger by
the request, sent by the notify thread's next pass (kicked when the request commits, and run by
every scheduler tick should the kick be lost), so a request never waits on a push service.

A test is a ledger row of kind "test" (a client's) or "alert-test" (a therapist's) with status
"queued", keyed like any reminder by (user, kind, requested instant). A pass claims queued rows
(an UPDATE only one process wins, as for snoozes), sends each to every device of its user and
writes the outcome on the row, which the person's app reads back. A test not sent within its
TTL (the push service would drop it by then anyway) is marked missed, never sent late.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..errors import NotFound
from ..extensions import db
from ..models import THERAPIST, ReminderDelivery, User
from . import ledger, messages
from .dispatch import dispatch
from .push import PushSender

KINDS = (messages.TEST, messages.ALERT_TEST)
#: What the person's app is told, from the ledger's status.
STATES = {ledger.QUEUED: "queued", ledger.CLAIMED: "sending", ledger.SENT: "sent",
          ledger.FAILED: "failed", ledger.MISSED: "failed", ledger.SKIPPED: "failed"}

_table = ReminderDelivery.__table__


def queue_test(user: User, now: datetime) -> ReminderDelivery:
    """Queue one test to each of the user's devices; a therapist's speaks of alerts."""
    kind = messages.ALERT_TEST if user.role == THERAPIST else messages.TEST
    row = ReminderDelivery(client_id=user.id, kind=kind, due_at=now, status=ledger.QUEUED,
                           reason="", attempts=0, claimed_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # a second tap in the same instant: it is the same test
        return db.session.scalars(select(ReminderDelivery).where(
            ReminderDelivery.client_id == user.id, ReminderDelivery.kind == kind,
            ReminderDelivery.due_at == now)).one()
    return row


def users_test(user: User, test_id: int) -> ReminderDelivery:
    """One of the user's own tests, or 404."""
    row = db.session.scalar(select(ReminderDelivery).where(
        ReminderDelivery.id == test_id, ReminderDelivery.client_id == user.id,
        ReminderDelivery.kind.in_(KINDS)))
    if row is None:
        raise NotFound("No such test notification.")
    return row


def described(row: ReminderDelivery) -> dict:
    return {"id": row.id, "status": STATES.get(row.status, "failed"), "requested_at": row.due_at,
            "finished_at": row.finished_at}


def send_queued_tests(sender: PushSender, now: datetime, *,
                      sleep: Callable[[float], None] = time.sleep) -> int:
    """Claim the queued tests, send them, record each outcome; answers how many were claimed.
    Commits as it goes (the claims before anything is sent)."""
    too_old = now - timedelta(seconds=max(messages.TTL[kind] for kind in KINDS))
    db.session.execute(update(_table).where(
        _table.c.status == ledger.QUEUED, _table.c.kind.in_(KINDS), _table.c.due_at < too_old,
    ).values(status=ledger.MISSED, reason="missed", finished_at=now))
    claims = ledger.take_queued(KINDS, now, too_old)
    db.session.commit()
    if claims:
        dispatch(claims, sender, workers=1, sleep=sleep)
    return len(claims)
