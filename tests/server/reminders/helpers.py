"""Small helpers for the reminder tests: the ledger as tuples, a program made at a given time."""

from __future__ import annotations

from datetime import datetime

import time_machine
from sqlalchemy import select

from server.extensions import db
from server.models import PushSubscription, ReminderDelivery

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def ledger_rows(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(select(ReminderDelivery).order_by(
            ReminderDelivery.due_at, ReminderDelivery.kind, ReminderDelivery.client_id))
        return [(r.kind, r.due_at, r.status, r.reason, r.attempts) for r in rows]


def subscription_count(app) -> int:
    with app.app_context():
        return db.session.query(PushSubscription).count()


def program_at(make_program, therapist, client, made_at: datetime, times, *, breaks=None,
               days=EVERY_DAY):
    """Assign a program as if the therapist saved it at made_at."""
    with time_machine.travel(made_at, tick=False):
        return make_program(therapist, client, schedule={"times": times, "days": days},
                            movement_breaks=breaks)
