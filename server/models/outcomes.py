"""Outcomes: the therapist's per-client choices for them (baseline, leading with the best
direction) and the Patient-Specific Functional Scale (activities the client names, rated weekly).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow

#: "At most one activity in each of a client's three slots at a time": the partial unique index
#: below, the same predicate on both databases.
ACTIVE_ACTIVITY = text("retired_at IS NULL")


class OutcomeSettings(db.Model):
    """What the therapist chose for one client's outcomes; no row means the defaults (baseline
    from the first week of logs, directions in the prescribed order)."""

    __tablename__ = "outcome_settings"

    client_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    #: The guided session tries the clearly best direction of a spot first (domain/best_direction).
    lead_with_best: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: first-week or before-program-change (domain/pain_change.py).
    baseline: Mapped[str] = mapped_column(String(24), default="first-week",
                                          server_default="first-week")
    #: With before-program-change: the version whose assignment was the change; null: the latest.
    baseline_program_version: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class PsfsActivity(db.Model):
    """An activity the client named for the Patient-Specific Functional Scale ("sit through a
    30-minute meeting"). Retired rather than deleted, so earlier ratings keep their meaning."""

    __tablename__ = "psfs_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: 1 to 3: a client rates at most three activities at a time.
    slot: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The client stopped rating it; null while it is one of their activities.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        CheckConstraint("slot BETWEEN 1 AND 3", name="ck_psfs_activities_slot"),
        Index("uq_psfs_activities_active_slot", "client_id", "slot", unique=True,
              sqlite_where=ACTIVE_ACTIVITY, postgresql_where=ACTIVE_ACTIVITY),
    )


class PsfsRating(db.Model):
    """How able the client is to do one activity, 0 (unable) to 10 (as before the problem), in
    one of their local weeks (Monday first, in their time zone). One rating per activity and
    week: rating again in the same week replaces it."""

    __tablename__ = "psfs_ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("psfs_activities.id", ondelete="CASCADE"))
    #: The Monday that starts the client's local week the rating belongs to.
    week_start: Mapped[date] = mapped_column(Date)
    #: 0 = unable to do the activity, 10 = able to do it as before.
    score: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 10", name="ck_psfs_ratings_score"),
        Index("uq_psfs_ratings_client_activity_week", "client_id", "activity_id", "week_start",
              unique=True),
    )
