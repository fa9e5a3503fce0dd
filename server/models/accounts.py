"""Accounts: clinics, their therapists and clients, invites, sign-in sessions and reset links."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .types import UTCDateTime, utcnow

THERAPIST = "therapist"
CLIENT = "client"

#: Invite kinds: a client joining a therapist's caseload, or a therapist joining a clinic.
CLIENT_INVITE = "client"
COLLEAGUE_INVITE = "colleague"


class Clinic(db.Model):
    """A practice: its therapists may share clients with each other, and nobody else."""

    __tablename__ = "clinics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Installation(db.Model):
    """The one row (id 1) of settings for this whole installation. The first therapist's insert
    of it wins (primary key), so exactly one therapist becomes the installation's
    administrator, however many register at the same moment."""

    __tablename__ = "installation"
    __table_args__ = (CheckConstraint("id = 1", name="ck_installation_single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    administrator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    #: Anyone may register as a therapist (in a clinic of their own); off: only by invite.
    signup_open: Mapped[bool] = mapped_column(Boolean, default=True)


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(16))
    #: Stored lower-cased: one account per email, whatever its case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    #: IANA zone; reminders, schedules and trend buckets are in this zone.
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    #: A client's primary therapist; null for therapists.
    therapist_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: The clinic a therapist works in, or a client is cared for by.
    clinic_id: Mapped[int | None] = mapped_column(ForeignKey("clinics.id"), index=True)
    #: A therapist who manages the clinic: colleague invites, the clinic's access log.
    is_clinic_admin: Mapped[bool] = mapped_column(Boolean, default=False,
                                                  server_default=false())
    #: A client's own number, shown to their therapists for emergencies; optional.
    phone: Mapped[str | None] = mapped_column(String(32))
    #: Version of the privacy notice the client agreed to before the account was made.
    consent_version: Mapped[str | None] = mapped_column(String(32))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The therapist discharged (archived) the client: no reminders, record kept.
    discharged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The client closed the account; the clinic keeps a read-only record until erase_after.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    erase_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    therapist: Mapped[User | None] = relationship(remote_side=[id], lazy="select")

    __table_args__ = (
        # The retention sweep looks only at closed accounts.
        Index("ix_users_erase_after", "erase_after",
              postgresql_where=text("erase_after IS NOT NULL"),
              sqlite_where=text("erase_after IS NOT NULL")),
    )

    @property
    def is_therapist(self) -> bool:
        return self.role == THERAPIST

    @property
    def is_client(self) -> bool:
        return self.role == CLIENT

    @property
    def status(self) -> str:
        """active, discharged or closed (a client's record as the therapist sees it)."""
        if self.closed_at is not None:
            return "closed"
        return "discharged" if self.discharged_at is not None else "active"


class Invite(db.Model):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: SHA-256 of the token; the token itself is only ever in the link given to the therapist.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    therapist_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    #: client (joins the therapist's caseload) or colleague (joins the therapist's clinic).
    kind: Mapped[str] = mapped_column(String(16), default=CLIENT_INVITE,
                                      server_default=CLIENT_INVITE)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: The account made from it: a used invite carries that person's name and email, so it is
    #: erased with them and with nobody else.
    accepted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: Withdrawn by the therapist: its link then says so (410) instead of working.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuthSession(db.Model):
    """A sign-in. The cookie holds a random token; only its hash is stored, and logout deletes the
    row, so a copied cookie dies with it."""

    __tablename__ = "auth_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PasswordReset(db.Model):
    """A user's one live reset link (primary key user_id: issuing another replaces it). Only the
    token's hash is kept; using the link deletes the row, so it works once."""

    __tablename__ = "password_resets"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The therapist who issued it, or null when the owner asked by email.
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ClientShare(db.Model):
    """A colleague of the same clinic who also cares for a client (the primary therapist is
    users.therapist_id). Both see and change the record; who shared it is kept."""

    __tablename__ = "client_shares"

    client_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                           primary_key=True)
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              primary_key=True, index=True)
    shared_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TherapistNotice(db.Model):
    """Something a therapist must be told and dismiss: a client closed their account. It outlives
    the client's record (no foreign key to it) so that, with nothing retained, open safety flags
    are still not dropped silently; dismissing it deletes it, name and all."""

    __tablename__ = "therapist_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                              index=True)
    kind: Mapped[str] = mapped_column(String(32))
    #: The record's id only (it may be erased already).
    client_id: Mapped[int] = mapped_column()
    #: Kept only while the record is (retention on); null when everything was erased at once.
    client_name: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When the kept record is erased; null when nothing was kept.
    erase_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Safety flags still open when the account closed, and the most urgent tier among them.
    open_flags: Mapped[int] = mapped_column(default=0)
    top_urgency: Mapped[str | None] = mapped_column(String(16))


class ResetRequest(db.Model):
    """A forgot-password request waiting for the background job, which looks the email up and,
    if an account uses it, emails a reset link. Queued rather than acted on in the request, so
    the answer takes as long whether or not the account exists."""

    __tablename__ = "reset_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Lower-cased as typed; it may match no account.
    email: Mapped[str] = mapped_column(String(254))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
