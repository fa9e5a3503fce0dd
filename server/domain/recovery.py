"""Getting back into an account: a single-use, expiring reset link (from the client's therapist,
or emailed to the owner who forgot their password), and changing one's password.

A user has at most one live link (the table's primary key is the user): issuing another
replaces it. Only the token's hash is stored; using the link deletes the row in the same
statement that checks it, so two uses of one link cannot both succeed.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from ..errors import NotFound, ResetLinkExpired
from ..extensions import db
from ..models import CLIENT, PasswordReset, ResetRequest, User, utcnow
from . import access_log
from .accounts import set_password
from .unique_email import account_with_email, normalise_email

NOT_VALID = ("This reset link is not valid. It may have been used already, or replaced by a "
             "newer one.")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_reset_link(user: User, ttl: timedelta, issued_by: User | None = None,
                     now: datetime | None = None) -> tuple[str, datetime]:
    """A new reset token for the user (any earlier link stops working); returns it once, with
    its expiry."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    values = {"user_id": user.id, "token_hash": _token_hash(token), "created_at": now,
              "expires_at": now + ttl, "created_by_id": issued_by.id if issued_by else None}
    table = PasswordReset.__table__
    module = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    statement = module.insert(table).values(**values)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=[table.c.user_id],
        set_={k: v for k, v in values.items() if k != "user_id"}))
    return token, values["expires_at"]


def _live_link(token: str, now: datetime) -> tuple[PasswordReset, User]:
    row = db.session.execute(
        select(PasswordReset, User).join(User, User.id == PasswordReset.user_id)
        .where(PasswordReset.token_hash == _token_hash(token))).first()
    if row is None or row[1].closed_at is not None:
        raise NotFound(NOT_VALID)
    if now >= row[0].expires_at:
        raise ResetLinkExpired()
    return row[0], row[1]


def reset_preview(token: str) -> dict:
    """Whose password the link sets, so the page can say so."""
    link, user = _live_link(token, utcnow())
    return {"email": user.email, "name": user.name, "expires_at": link.expires_at}


def use_reset_link(token: str, password: str) -> User:
    now = utcnow()
    _link, user = _live_link(token, now)
    used = db.session.execute(delete(PasswordReset).where(
        PasswordReset.token_hash == _token_hash(token), PasswordReset.expires_at > now)).rowcount
    if used != 1:  # another request used it first
        raise NotFound(NOT_VALID)
    set_password(user, password)
    if user.role == CLIENT:
        access_log.record_access(user, user, access_log.UPDATE, access_log.PASSWORD)
    return user


def request_reset_email(email: str, *, mail_enabled: bool) -> None:
    """Queue a forgot-password request for the background job; without mail, there is nobody to
    send it, and nothing is kept (the answer is the same)."""
    if mail_enabled:
        db.session.add(ResetRequest(email=normalise_email(email)[:254]))


def take_reset_requests(limit: int = 200) -> list[str]:
    """Claim waiting requests (each deleted by the one job that takes it), oldest first."""
    ids = list(db.session.scalars(select(ResetRequest.id).order_by(ResetRequest.id)
                                  .limit(limit)))
    if not ids:
        return []
    return list(db.session.scalars(delete(ResetRequest).where(ResetRequest.id.in_(ids))
                                   .returning(ResetRequest.email)))


def emailed_reset_links(emails: list[str], ttl: timedelta,
                        now: datetime | None = None) -> list[tuple[User, str]]:
    """A fresh link for each requested email that belongs to an open account; repeats of one
    email in the batch get one link."""
    links = []
    for email in dict.fromkeys(emails):
        user = account_with_email(email)
        if user is not None and user.closed_at is None:
            token, _expires = issue_reset_link(user, ttl, now=now)
            links.append((user, token))
    return links
