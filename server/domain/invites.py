"""Invites: a therapist asks a client to join their caseload, or a clinic's administrator asks a
colleague to join the clinic. Single use, expiring; only the token's hash is stored.

A therapist sees their invites that are still waiting (expired ones too, so they can be renewed),
can withdraw one (its link then says so: 410) or renew it (a new token and expiry under the same
id; the old link stops working: 404). An invite for an email that already has an account is
refused when it is made, rather than dead-ending the person who opens it.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update

from ..errors import (
    EmailTaken,
    InvalidInput,
    InviteExpired,
    InviteRevoked,
    InviteUsed,
    NotFound,
)
from ..extensions import db
from ..models import CLIENT, CLIENT_INVITE, THERAPIST, Invite, User, utcnow
from ..security.passwords import hash_password
from . import access_log, consent
from .unique_email import account_with_email, insert_user, normalise_email

HAS_ACCOUNT_MESSAGE = ("There is already an account with this email. If they forgot their "
                       "password, open their record and make a reset link instead.")


#: An invite token as its link carries it: base64url with at least one character that is not a
#: digit, so it never reads as an invite's id (/api/invites/<id> is another resource).
INVITE_TOKEN_PATTERN = r"[A-Za-z0-9_-]*[A-Za-z_-][A-Za-z0-9_-]*"


def _new_token() -> str:
    while True:
        candidate = secrets.token_urlsafe(24)
        if not candidate.isdigit():  # 32 digits in a row: about once in 10^25 tokens
            return candidate


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _refuse_existing_account(email: str | None) -> None:
    account = account_with_email(email) if email else None
    if account is None:
        return
    message = HAS_ACCOUNT_MESSAGE
    if account.erase_after is not None:
        message = ("This email belongs to an account its owner closed. Its record is kept until "
                   f"{account.erase_after:%d %B %Y}; after that, the email can be invited again.")
    raise EmailTaken(message, errors={"email": [message]})


def create_invite(therapist: User, name: str, email: str | None, ttl: timedelta,
                  kind: str = CLIENT_INVITE) -> tuple[Invite, str]:
    """A single-use invite; the token is returned once and only its hash is kept."""
    address = normalise_email(email) if email else None
    _refuse_existing_account(address)
    token = _new_token()
    invite = Invite(token_hash=_token_hash(token), therapist_id=therapist.id, kind=kind,
                    name=name.strip(), email=address, expires_at=utcnow() + ttl)
    db.session.add(invite)
    db.session.flush()
    return invite, token


def waiting_invites(therapist: User) -> list[Invite]:
    """The therapist's invites nobody has used or withdrawn, newest first."""
    return list(db.session.scalars(select(Invite).where(
        Invite.therapist_id == therapist.id, Invite.accepted_at.is_(None),
        Invite.revoked_at.is_(None)).order_by(Invite.created_at.desc(), Invite.id.desc())))


def therapists_waiting_invite(therapist: User, invite_id: int) -> Invite:
    """One of the therapist's waiting invites, or 404 (another's, used or withdrawn)."""
    invite = db.session.scalar(select(Invite).where(
        Invite.id == invite_id, Invite.therapist_id == therapist.id,
        Invite.accepted_at.is_(None), Invite.revoked_at.is_(None)))
    if invite is None:
        raise NotFound("No such invite waiting.")
    return invite


def revoke_invite(invite: Invite) -> None:
    invite.revoked_at = utcnow()
    db.session.flush()


def renew_invite(invite: Invite, ttl: timedelta) -> str:
    """A new token and expiry for the same invite; the old link stops working."""
    _refuse_existing_account(invite.email)
    token = _new_token()
    invite.token_hash = _token_hash(token)
    invite.expires_at = utcnow() + ttl
    db.session.flush()
    return token


def find_open_invite(token: str, now: datetime | None = None) -> Invite:
    """The invite behind a token, if it can still be accepted."""
    invite = db.session.scalar(select(Invite).where(Invite.token_hash == _token_hash(token)))
    if invite is None:
        raise NotFound("This invite link is not valid.")
    if invite.accepted_at is not None:
        raise InviteUsed()
    if invite.revoked_at is not None:
        raise InviteRevoked()
    if (now or utcnow()) >= invite.expires_at:
        raise InviteExpired()
    return invite


def invite_preview(token: str) -> dict:
    invite = find_open_invite(token)
    therapist = db.session.get(User, invite.therapist_id)
    return {"kind": invite.kind, "name": invite.name, "email": invite.email,
            "therapist_name": therapist.name, "expires_at": invite.expires_at}


def accept_invite(token: str, password: str, timezone: str, name: str | None = None,
                  email: str | None = None, consent_version: str | None = None,
                  retention_days: int | None = None) -> User:
    """Create the account the invite asks for: a client of the inviting therapist, or a
    therapist of their clinic. The invite is consumed by a conditional UPDATE, so two
    simultaneous accepts cannot both succeed.

    retention_days: when given (every request does), a client must have agreed to the privacy
    notice as it reads now, with that retention period (consent_version).
    """
    invite = find_open_invite(token)
    address = invite.email or (normalise_email(email) if email else None)
    if not address:
        raise InvalidInput(errors={"email": ["Enter the email you will sign in with."]})
    is_client = invite.kind == CLIENT_INVITE
    if is_client and retention_days is not None:
        consent.require_current(consent_version, retention_days)
    now = utcnow()
    claimed = db.session.execute(
        update(Invite).where(Invite.id == invite.id, Invite.accepted_at.is_(None),
                             Invite.revoked_at.is_(None))
        .values(accepted_at=now, email=address)
    ).rowcount
    if claimed != 1:
        raise InviteUsed()
    inviter = db.session.get(User, invite.therapist_id)
    user = insert_user(User(
        role=CLIENT if is_client else THERAPIST, email=address,
        name=(name or invite.name).strip(), password_hash=hash_password(password),
        timezone=timezone, clinic_id=inviter.clinic_id,
        therapist_id=inviter.id if is_client else None,
        consent_version=consent_version if is_client else None,
        consent_at=now if is_client and consent_version else None))
    db.session.flush()
    db.session.execute(update(Invite).where(Invite.id == invite.id)
                       .values(accepted_by_id=user.id))
    if is_client and consent_version:
        access_log.record_access(user, user, access_log.CREATE, access_log.CONSENT)
    return user
