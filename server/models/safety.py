"""Safety flags raised for the therapist (red flags, weakness, high pain, a rise during a
session, the sensitisation watch), and each client's watch thresholds."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, Uuid, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..domain.vocabulary import WATCH
from ..extensions import db
from .accounts import User
from .types import UTCDateTime, utcnow

#: "Only one open watch flag per client and rule": the partial unique index below, the same
#: predicate on both databases.
OPEN_WATCH = text(f"kind = '{WATCH}' AND acknowledged_at IS NULL")


class SafetyFlag(db.Model):
    __tablename__ = "safety_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: red-flag, weakness, high-pain, session-rise or watch (domain/vocabulary.py FLAG_KINDS).
    kind: Mapped[str] = mapped_column(String(16))
    #: The red-flag code for kind "red-flag", the rule for kind "watch"; otherwise empty.
    code: Mapped[str] = mapped_column(String(32), default="")
    #: emergency, same-day, soon or review (domain/urgency.py).
    urgency: Mapped[str] = mapped_column(String(16))
    #: The tier of advice the client's app showed with this flag (emergency, same-day, soon), or
    #: null when it showed none (high pain, a session rise, the watch).
    told_client: Mapped[str | None] = mapped_column(String(16))
    #: For watch flags, the figures that tripped the rule (domain/watch.py); otherwise null.
    evidence: Mapped[dict | None] = mapped_column(JSON)
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    log_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("symptom_logs.id", ondelete="CASCADE")
    )
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("practice_sessions.id", ondelete="CASCADE")
    )
    #: Set once, by the therapist's acknowledgement; a flag never closes by itself.
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )
    #: What the therapist did about it (required for emergency and same-day flags).
    note: Mapped[str | None] = mapped_column(Text)

    acknowledged_by: Mapped[User | None] = relationship(
        foreign_keys=[acknowledged_by_id], lazy="select")

    __table_args__ = (
        Index("ix_safety_flags_client_raised", "client_id", "raised_at"),
        Index("uq_safety_flags_open_watch", "client_id", "code", unique=True,
              sqlite_where=OPEN_WATCH, postgresql_where=OPEN_WATCH),
    )


class WatchThresholds(db.Model):
    """A therapist's thresholds for one client's sensitisation watch; no row means the
    defaults of domain/watch.py."""

    __tablename__ = "watch_thresholds"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    #: Points the 7-day mean must rise above the 7 days before.
    rise: Mapped[float] = mapped_column(Float)
    #: Points the 7-day mean must rise above the same 7 days four weeks earlier.
    creep: Mapped[float] = mapped_column(Float)
    #: How many body regions, new since the baseline fortnight, count as a spread.
    spread: Mapped[int] = mapped_column(Integer)
    #: Rise in the mean count of DN4 nerve-pain descriptors per log over four weeks.
    nerve_like: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
