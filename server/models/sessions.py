"""Guided self-massage practice sessions and the drags tried in them."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class PracticeSession(db.Model):
    __tablename__ = "practice_sessions"

    #: Made by the client's device, like a log's id.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: The program version the client followed.
    program_version: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    pain_before: Mapped[int | None] = mapped_column(Integer)
    pain_after: Mapped[int | None] = mapped_column(Integer)
    #: The client stopped before the last step (symptoms worse, or interrupted).
    stopped_early: Mapped[bool] = mapped_column(Boolean, default=False)

    drags: Mapped[list[DragTrial]] = relationship(
        order_by="DragTrial.position", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (Index("ix_practice_sessions_client_started", "client_id", "started_at"),)


class DragTrial(db.Model):
    """One direction tried during a session and how the symptoms answered."""

    __tablename__ = "session_drags"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    group: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    direction: Mapped[str] = mapped_column(String(16))
    #: better, same or worse: "worse" means the client stopped pressing there.
    response: Mapped[str] = mapped_column(String(8))
    held_seconds: Mapped[int] = mapped_column(Integer, default=0)
