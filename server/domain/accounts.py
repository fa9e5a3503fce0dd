"""Accounts: therapists register; clients join only through a therapist's invite."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from ..errors import EmailTaken, InvalidInput, InviteExpired, InviteUsed, NotFound
from ..extensions import db
from ..models import CLIENT, THERAPIST, Invite, User, utcnow
from ..security.passwords import hash_password, verify_password


def normalise_email(email: str) -> str:
    return email.strip().lower()


def _add_user(user: User) -> User:
    """Insert and catch: the unique index on email decides, not a prior SELECT (no race)."""
    try:
        with db.session.begin_nested():
            db.session.add(user)
    except IntegrityError as exc:
        raise EmailTaken(errors={"email": ["An account with that email already exists."]}) from exc
    return user


def register_therapist(email: str, password: str, name: str, timezone: str = "UTC") -> User:
    return _add_user(User(role=THERAPIST, email=normalise_email(email), name=name.strip(),
                          password_hash=hash_password(password), timezone=timezone))


def authenticate(email: str, password: str) -> User | None:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if not verify_password(user.password_hash if user else None, password):
        return None
    return user


def update_profile(user: User, name: str | None = None, timezone: str | None = None) -> User:
    if name is not None:
        user.name = name.strip()
    if timezone is not None:
        user.timezone = timezone
    db.session.flush()
    return user


def _invite_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(therapist: User, name: str, email: str | None,
                  ttl: timedelta) -> tuple[Invite, str]:
    """A single-use invite; the token is returned once and only its hash is kept."""
    token = secrets.token_urlsafe(24)
    invite = Invite(token_hash=_invite_hash(token), therapist_id=therapist.id, name=name.strip(),
                    email=normalise_email(email) if email else None,
                    expires_at=utcnow() + ttl)
    db.session.add(invite)
    db.session.flush()
    return invite, token


def find_open_invite(token: str, now: datetime | None = None) -> Invite:
    """The invite behind a token, if it can still be accepted."""
    invite = db.session.scalar(select(Invite).where(Invite.token_hash == _invite_hash(token)))
    if invite is None:
        raise NotFound("This invite link is not valid.")
    if invite.accepted_at is not None:
        raise InviteUsed()
    if (now or utcnow()) >= invite.expires_at:
        raise InviteExpired()
    return invite


def invite_preview(token: str) -> dict:
    invite = find_open_invite(token)
    therapist = db.session.get(User, invite.therapist_id)
    return {"name": invite.name, "email": invite.email, "therapist_name": therapist.name,
            "expires_at": invite.expires_at}


def accept_invite(token: str, password: str, timezone: str, name: str | None = None,
                  email: str | None = None) -> User:
    """Create the client, linked to the inviting therapist. The invite is consumed by a
    conditional UPDATE, so two simultaneous accepts cannot both succeed."""
    invite = find_open_invite(token)
    address = invite.email or (normalise_email(email) if email else None)
    if not address:
        raise InvalidInput(errors={"email": ["Enter the email you will sign in with."]})
    now = utcnow()
    # The used invite keeps the address it was accepted with, so erasing the client (which
    # deletes invites by email) also removes the invite that carried their name.
    claimed = db.session.execute(
        update(Invite).where(Invite.id == invite.id, Invite.accepted_at.is_(None))
        .values(accepted_at=now, email=address)
    ).rowcount
    if claimed != 1:
        raise InviteUsed()
    return _add_user(User(role=CLIENT, email=address, name=(name or invite.name).strip(),
                          password_hash=hash_password(password), timezone=timezone,
                          therapist_id=invite.therapist_id))


def erase_client(client: User) -> None:
    """Delete the client and, through the foreign keys' ON DELETE CASCADE, everything of theirs."""
    db.session.execute(delete(Invite).where(
        Invite.therapist_id == client.therapist_id,
        func.lower(func.coalesce(Invite.email, "")) == client.email,
    ))
    db.session.delete(client)
    db.session.flush()
