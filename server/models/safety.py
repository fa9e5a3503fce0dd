"""Safety flags raised for the therapist: red flags, weakness, high pain, pain rising."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

#: Kinds of flag and how urgent each is.
RED_FLAG = "red-flag"
WEAKNESS = "weakness"
HIGH_PAIN = "high-pain"
SESSION_RISE = "session-rise"
RISING_TREND = "rising-trend"


class SafetyFlag(db.Model):
    __tablename__ = "safety_flags"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    #: The red-flag code for kind "red-flag"; otherwise empty.
    code: Mapped[str] = mapped_column(String(32), default="")
    #: emergency, same-day, soon or review (domain.md's tiers; "review" for non-red-flag alerts).
    urgency: Mapped[str] = mapped_column(String(16))
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    log_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("symptom_logs.id", ondelete="CASCADE")
    )
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("practice_sessions.id", ondelete="CASCADE")
    )
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    __table_args__ = (Index("ix_safety_flags_client_raised", "client_id", "raised_at"),)
