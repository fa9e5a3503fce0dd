"""Closing a client's account, keeping the clinic's record for RECORD_RETENTION_DAYS, erasing it,
and discharging a client (the therapist's archive: no reminders, record kept).

Closing ends sign-in, reminders and the calendar feed at once, and tells every therapist who
cares for the client, with the count and tier of safety flags still open so none is dropped
silently. With retention 0 everything of the client is erased at once; otherwise the record
stays read-only for the therapists until a scheduled sweep erases it. Either way only the
access log keeps the record's id (never its content). Invites anyone else made for the same
email are never touched: only the invite this client used goes with them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select

from ..extensions import db
from ..models import (
    CalendarFeed,
    ClientShare,
    PasswordReset,
    PushSubscription,
    ReminderDelivery,
    ReminderSettings,
    SafetyFlag,
    TherapistNotice,
    User,
    utcnow,
)
from ..reminders.ledger import SCHEDULED
from . import access_log
from .vocabulary import URGENCY_ORDER

ACCOUNT_CLOSED = "account-closed"


def _stop_reminders(client: User) -> None:
    db.session.execute(delete(PushSubscription).where(PushSubscription.user_id == client.id))
    db.session.execute(delete(CalendarFeed).where(CalendarFeed.client_id == client.id))
    db.session.execute(delete(ReminderDelivery).where(
        ReminderDelivery.client_id == client.id, ReminderDelivery.status == SCHEDULED))


def _care_team_ids(client: User) -> list[int]:
    shared = db.session.scalars(select(ClientShare.therapist_id).where(
        ClientShare.client_id == client.id))
    return [i for i in dict.fromkeys([client.therapist_id, *shared]) if i is not None]


def close_account(client: User, retention_days: int, now: datetime | None = None) -> list[int]:
    """Close the client's account (the caller ends their sign-in sessions, which live in the
    security layer). Returns the ids of the therapists told (for a push or mail on top of the
    caseload notice)."""
    now = now or utcnow()
    keep = retention_days > 0
    urgencies = list(db.session.scalars(select(SafetyFlag.urgency).where(
        SafetyFlag.client_id == client.id, SafetyFlag.acknowledged_at.is_(None))))
    told = _care_team_ids(client)
    for therapist_id in told:
        db.session.add(TherapistNotice(
            therapist_id=therapist_id, kind=ACCOUNT_CLOSED, client_id=client.id,
            client_name=client.name if keep else None, created_at=now,
            erase_after=now + timedelta(days=retention_days) if keep else None,
            open_flags=len(urgencies),
            top_urgency=min(urgencies, key=URGENCY_ORDER.__getitem__) if urgencies else None))
    access_log.record_access(client, client, access_log.DELETE, access_log.ACCOUNT)
    db.session.execute(delete(PasswordReset).where(PasswordReset.user_id == client.id))
    _stop_reminders(client)
    if keep:
        db.session.execute(delete(ReminderSettings).where(ReminderSettings.client_id == client.id))
        client.closed_at = now
        client.erase_after = now + timedelta(days=retention_days)
        db.session.flush()
    else:
        erase_client(client)
    return told


def erase_client(client: User) -> None:
    """Delete the client and, through the foreign keys' ON DELETE CASCADE, everything of theirs
    (the invite they used included). The access log keeps the record's id, and the notices
    that name them go."""
    access_log.forget_actor(client.id)
    db.session.execute(delete(TherapistNotice).where(
        TherapistNotice.client_id == client.id, TherapistNotice.client_name.is_not(None)))
    db.session.delete(client)
    db.session.flush()


def erase_expired_records(now: datetime | None = None) -> int:
    """The retention sweep: erase every closed record whose period has ended. Returns how many."""
    now = now or utcnow()
    due = list(db.session.scalars(select(User).where(
        User.erase_after.is_not(None), User.erase_after <= now)))
    for client in due:
        erase_client(client)
    return len(due)


def discharge(client: User, now: datetime | None = None) -> User:
    """Archive the client: reminders and the calendar feed stop; the record stays."""
    if client.discharged_at is None:
        client.discharged_at = now or utcnow()
        db.session.execute(delete(CalendarFeed).where(CalendarFeed.client_id == client.id))
        db.session.execute(delete(ReminderDelivery).where(
            ReminderDelivery.client_id == client.id, ReminderDelivery.status == SCHEDULED))
        db.session.flush()
    return client


def readmit(client: User) -> User:
    """Back in care: reminders follow the program again."""
    client.discharged_at = None
    db.session.flush()
    return client


def notices_for(therapist: User) -> list[TherapistNotice]:
    return list(db.session.scalars(select(TherapistNotice).where(
        TherapistNotice.therapist_id == therapist.id).order_by(TherapistNotice.created_at.desc(),
                                                               TherapistNotice.id.desc())))


def dismiss_notice(therapist: User, notice_id: int) -> bool:
    return bool(db.session.execute(delete(TherapistNotice).where(
        TherapistNotice.id == notice_id, TherapistNotice.therapist_id == therapist.id)).rowcount)
