"""Reminder state: push subscriptions, each client's reminder settings, the delivery ledger and
the secret calendar feed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

SESSION_REMINDER = "session"
MOVEMENT_BREAK = "movement-break"


class PushSubscription(db.Model):
    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: The push service URL; checked against request forgery before it is stored.
    endpoint: Mapped[str] = mapped_column(Text, unique=True)
    p256dh: Mapped[str] = mapped_column(String(200))
    auth: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderSettings(db.Model):
    """A client's own choices; absent row means the defaults (both kinds on, no quiet hours)."""

    __tablename__ = "reminder_settings"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    sessions_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    movement_breaks_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Local "HH:MM" window in which nothing is sent (may wrap past midnight).
    quiet_from: Mapped[str | None] = mapped_column(String(5))
    quiet_to: Mapped[str | None] = mapped_column(String(5))
    #: No reminders until then (a few days away, say).
    paused_until: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ReminderDelivery(db.Model):
    """The ledger: one row per (client, kind, due time), claimed before sending, so two schedulers
    or a restart can never send the same reminder twice."""

    __tablename__ = "reminder_deliveries"
    __table_args__ = (
        UniqueConstraint("client_id", "kind", "due_at", name="uq_reminder_deliveries_due"),
        Index("ix_reminder_deliveries_status", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: claimed, sent, failed, missed or skipped.
    status: Mapped[str] = mapped_column(String(16))
    #: Why it was skipped or failed (a SkipReason value or a push status).
    reason: Mapped[str] = mapped_column(String(64), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CalendarFeed(db.Model):
    """The client's calendar link. Only a random id is stored; the link also carries an HMAC of it
    under SECRET_KEY, so a copy of the database alone cannot forge a working link."""

    __tablename__ = "calendar_feeds"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    feed_id: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
