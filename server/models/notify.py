"""Delivery ledgers for what the server tells people outside the app: the therapist's safety
alerts (push and mail) and the general mail queue (server/notify)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class AlertDelivery(db.Model):
    """One alert about one flag to its therapist on one channel: round 0 when the flag is
    raised, rounds 1, 2, … when it is sent again unacknowledged. The unique key makes each
    round exist once, however many processes queue or send it."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        UniqueConstraint("flag_id", "channel", "round", name="uq_alert_deliveries_round"),
        Index("ix_alert_deliveries_status", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    flag_id: Mapped[int] = mapped_column(ForeignKey("safety_flags.id", ondelete="CASCADE"))
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: push (every subscribed device of the therapist) or mail.
    channel: Mapped[str] = mapped_column(String(8))
    round: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: pending, claimed, sent, failed or skipped (server/notify/alerts.py).
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(64), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: The app's origin as the request that raised the flag saw it, for the link in an email
    #: when PUBLIC_BASE_URL is not set.
    origin: Mapped[str | None] = mapped_column(String(255))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class MailMessage(db.Model):
    """One email in the queue. The body is cleared once the message is sent or given up, since
    a body may hold a link with a secret token."""

    __tablename__ = "mail_messages"
    __table_args__ = (Index("ix_mail_messages_status", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    #: pending, claimed, sent, failed or skipped (server/notify/mail.py).
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(64), default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Not sent before this (a retry's backoff).
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
