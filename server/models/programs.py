"""Home programs: versioned, never edited in place; a new assignment is a new version."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow


class Program(db.Model):
    __tablename__ = "programs"
    __table_args__ = (UniqueConstraint("client_id", "version", name="uq_programs_client_version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: 1, 2, 3… per client; the highest is the program in force.
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: Local "HH:MM" times of the day a session is due, in the client's timezone.
    schedule_times: Mapped[list] = mapped_column(JSON, default=list)
    #: Weekday codes ("mon"…"sun") on which the schedule applies.
    schedule_days: Mapped[list] = mapped_column(JSON, default=list)
    #: Movement breaks from prolonged positions: every N minutes between two local times.
    break_every_minutes: Mapped[int | None] = mapped_column(Integer)
    break_from: Mapped[str | None] = mapped_column(String(5))
    break_to: Mapped[str | None] = mapped_column(String(5))
    notes: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[SkinDragStep]] = relationship(
        order_by="SkinDragStep.position", cascade="all, delete-orphan", lazy="selectin"
    )
    avoid: Mapped[list[PositionToAvoid]] = relationship(
        order_by="PositionToAvoid.position", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def schedule(self) -> dict:
        return {"times": list(self.schedule_times), "days": list(self.schedule_days)}

    @property
    def movement_breaks(self) -> dict | None:
        if not self.break_every_minutes:
            return None
        return {"every_minutes": self.break_every_minutes, "from": self.break_from,
                "to": self.break_to}


class SkinDragStep(db.Model):
    """One self-massage step: broad contact at a landmark, the skin dragged in each direction
    in trial order."""

    __tablename__ = "program_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    #: Cluneal nerve group: superior, middle or inferior.
    group: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    landmark: Mapped[str] = mapped_column(String(200))
    #: Drag directions in the order the client tries them.
    directions: Mapped[list] = mapped_column(JSON)
    #: palm or forearm only: never a small, deep contact over a cluneal nerve.
    contact: Mapped[str] = mapped_column(String(16))
    hold_seconds: Mapped[int] = mapped_column(Integer)
    repetitions: Mapped[int] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")


class PositionToAvoid(db.Model):
    __tablename__ = "program_avoidances"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    #: sitting, standing, walking, rolling, extension, side-bending or rotation.
    activity: Mapped[str] = mapped_column(String(16))
    #: Longest stretch allowed before a break; null means avoid as far as possible.
    max_minutes: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
