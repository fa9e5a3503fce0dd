"""A client's reminder choices (kinds on or off, quiet hours, pause) and snoozing (the test
notification a person sends themselves: test_sends.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models import PushSubscription, ReminderSettings, User, utcnow
from . import ledger


def reminder_settings(client: User) -> dict:
    row = db.session.get(ReminderSettings, client.id) or ReminderSettings(
        sessions_enabled=True, movement_breaks_enabled=True)
    devices = db.session.scalar(select(func.count(PushSubscription.id)).where(
        PushSubscription.user_id == client.id))
    return {"sessions_enabled": row.sessions_enabled,
            "movement_breaks_enabled": row.movement_breaks_enabled,
            "quiet_from": row.quiet_from, "quiet_to": row.quiet_to,
            "paused_until": row.paused_until if row.paused_until
            and row.paused_until > utcnow() else None,
            "timezone": client.timezone, "push_subscriptions": devices}


def update_reminder_settings(client: User, spec: dict) -> dict:
    """Replace the choices; pause_days (when given) pauses from now, 0 resumes at once."""
    row = db.session.get(ReminderSettings, client.id)
    if row is None:
        row = ReminderSettings(client_id=client.id)
        db.session.add(row)
    row.sessions_enabled = spec["sessions_enabled"]
    row.movement_breaks_enabled = spec["movement_breaks_enabled"]
    row.quiet_from, row.quiet_to = spec["quiet_from"], spec["quiet_to"]
    if spec.get("pause_days") is not None:
        days = spec["pause_days"]
        row.paused_until = utcnow() + timedelta(days=days) if days else None
    db.session.flush()
    return reminder_settings(client)


def snooze(client: User, kind: str, minutes: int):
    """Remind again in this many minutes; the scheduler's tick sends it (never early)."""
    due = (utcnow() + timedelta(minutes=minutes)).replace(microsecond=0)
    return ledger.schedule_snooze(client.id, kind, due)
