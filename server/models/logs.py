"""Symptom logs, written by the client's phone (often offline) under a UUID it made itself."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from ..domain.vocabulary import NEUROPATHIC_SENSATIONS, SENSATIONS
from ..extensions import db
from .types import UTCDateTime, utcnow

__all__ = ["SymptomLog", "sensation_column"]


def sensation_column(code: str) -> str:
    """Each sensation code has its own boolean column, so trends can count them in SQL."""
    return "sensation_" + code.replace("-", "_")


class SymptomLog(db.Model):
    __tablename__ = "symptom_logs"

    #: Made by the client's device, so a re-sent log is recognised and stored once.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: When the client felt it (device clock), not when it reached us.
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Numeric rating 0-10 (LOINC 72514-3).
    pain: Mapped[int] = mapped_column(Integer)
    sensation_aching: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_prickly: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_burning: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_tingling: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_electric: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_numb: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_itching: Mapped[bool] = mapped_column(Boolean, default=False)
    sensation_painful_cold: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Body-map regions, e.g. "superior-gluteal-left".
    regions: Mapped[list] = mapped_column(JSON, default=list)
    #: What provoked it (sitting, rolling, …).
    aggravators: Mapped[list] = mapped_column(JSON, default=list)
    #: Cluneal nerves are purely sensory: weakness points at another nerve and needs a clinician.
    weakness: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Low-back red flags the client answered "yes" to.
    red_flags: Mapped[list] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_symptom_logs_client_recorded", "client_id", "recorded_at"),)

    @property
    def sensations(self) -> list[str]:
        return [code for code in SENSATIONS if getattr(self, sensation_column(code))]

    @sensations.setter
    def sensations(self, codes: list[str]) -> None:
        for code in SENSATIONS:
            setattr(self, sensation_column(code), code in codes)

    @property
    def neuropathic_score(self) -> int:
        """How many DN4 descriptors the log names (0-7)."""
        return sum(1 for code in self.sensations if code in NEUROPATHIC_SENSATIONS)
