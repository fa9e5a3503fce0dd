"""The access log (ASVS V16, HIPAA 164.312(b)): who read or changed which client's record.

No foreign keys: an entry outlives the erasure of the record it describes and of its actor.
It holds ids, the actor's name and role at the time, a verb and a resource name, never health
content.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class AccessLogEntry(db.Model):
    __tablename__ = "access_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The client whose record it was (an id only: the record may be erased).
    client_id: Mapped[int] = mapped_column()
    #: The clinic that cared for the client then, so its administrator sees the entry.
    clinic_id: Mapped[int | None] = mapped_column()
    actor_id: Mapped[int | None] = mapped_column()
    #: Blanked when the actor is the client and their record is erased.
    actor_name: Mapped[str] = mapped_column(String(120))
    actor_role: Mapped[str] = mapped_column(String(16))
    #: A verb from domain.access_log.ACTIONS.
    action: Mapped[str] = mapped_column(String(16))
    #: A part of the record from domain.access_log.RESOURCES.
    resource: Mapped[str] = mapped_column(String(32))

    @property
    def actor(self) -> dict:
        return {"id": self.actor_id, "name": self.actor_name, "role": self.actor_role}

    __table_args__ = (
        Index("ix_access_log_client_at", "client_id", "at"),
        Index("ix_access_log_clinic_at", "clinic_id", "at"),
    )
