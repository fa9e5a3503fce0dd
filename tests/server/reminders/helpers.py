"""Small helpers for the reminder tests: the ledger as tuples, a program made at a given time."""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import pytest
import time_machine
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select, update

from server.extensions import db
from server.models import Program, PushSubscription, ReminderDelivery, utcnow
from server.reminders import vapid_keys

EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

#: For tests whose scheduler runs in a process of its own: that process keeps the machine's
#: clock, so under CC_TEST_NOW a reminder made due by this process's clock is not due there.
scheduler_on_the_real_clock = pytest.mark.real_clock(
    reason="the scheduler process keeps the machine's clock, not the test's")


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


def due_two_minutes_ago(app, world, make_client, make_program, subscribe, count) -> list[str]:
    """count clients of world's therapist, each with a session reminder that fell due two
    minutes ago (a program saved an hour earlier) and a push subscription; their push tokens."""
    due_local = (utcnow() - timedelta(minutes=2)).strftime("%H:%M")
    tokens = []
    for _ in range(count):
        client = make_client(world.therapist)
        make_program(world.therapist, client, schedule={"times": [due_local], "days": EVERY_DAY},
                     movement_breaks=None)
        tokens.append(subscribe(client)["endpoint"].rsplit("/", 1)[1])
    with app.app_context():
        db.session.execute(update(Program).values(created_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    return tokens


def process_env(app, database_url: str, instance, **settings) -> dict:
    """The environment of an app process (web or scheduler) over the test's database, with the
    test app's keys, so pushes it sends verify against the local push service."""
    pem = vapid_keys(app).private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode()
    return {**os.environ, "FLASK_APP": "server", "DATABASE_URL": database_url,
            "SECRET_KEY": app.config["SECRET_KEY"], "VAPID_PRIVATE_KEY": pem,
            "PUSH_ALLOW_LOOPBACK": "1", "SCHEDULER_ENABLED": "0", "INSTANCE_PATH": str(instance),
            "RATELIMIT_ENABLED": "0", "SESSION_COOKIE_SECURE": "0",
            **{k: str(v) for k, v in settings.items()}}
