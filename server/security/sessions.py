"""Server-side sign-in sessions.

The cookie carries a random token; the database keeps only its SHA-256. Logging out deletes the
row, so a copy of the cookie kept elsewhere stops working at once (ASVS 7.4.1). A session ends
after SESSION_IDLE_MINUTES without use, and SESSION_MAX_DAYS after sign-in whatever happens.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask import Flask, current_app, g, request
from sqlalchemy import delete, select

from ..extensions import db
from ..models import AuthSession, User, utcnow

#: Touch last_seen_at at most this often, so reads do not each cost a write.
_TOUCH_EVERY = timedelta(minutes=1)


def cookie_name() -> str:
    # The __Host- prefix pins the cookie to this host, path / and HTTPS; browsers refuse it
    # over plain http, so the prefix is used exactly when the cookie is Secure.
    return "__Host-cc_session" if current_app.config["SESSION_COOKIE_SECURE"] else "cc_session"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def begin_session(user: User) -> None:
    """Sign the user in: a fresh token every time (no session fixation). The session the
    request's cookie names, if any, ends: a sign-out queued offline that never reached us
    leaves no live session behind once the person signs in again."""
    presented = request.cookies.get(cookie_name())
    if presented:
        db.session.execute(delete(AuthSession).where(
            AuthSession.token_hash == token_hash(presented)))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(AuthSession(
        token_hash=token_hash(token), user_id=user.id, created_at=now, last_seen_at=now,
        expires_at=now + timedelta(days=current_app.config["SESSION_MAX_DAYS"]),
    ))
    g.current_user = user
    g.set_session_token = token


def end_session() -> None:
    token = request.cookies.get(cookie_name())
    if token:
        db.session.execute(delete(AuthSession).where(AuthSession.token_hash == token_hash(token)))
    g.current_user = None
    g.set_session_token = ""


def end_all_sessions(user_id: int) -> None:
    db.session.execute(delete(AuthSession).where(AuthSession.user_id == user_id))


def end_other_sessions(user: User) -> None:
    """Every sign-in of the user but this request's (after a password change or reset: a phone
    someone else holds is signed out)."""
    keep = g.get("set_session_token") or request.cookies.get(cookie_name())
    statement = delete(AuthSession).where(AuthSession.user_id == user.id)
    if keep:
        statement = statement.where(AuthSession.token_hash != token_hash(keep))
    db.session.execute(statement)


def load_signed_in_user() -> User | None:
    """The user behind this request's cookie, or None; expired sessions are removed."""
    if "current_user" in g:
        return g.current_user
    g.current_user = None
    token = request.cookies.get(cookie_name())
    if not token:
        return None
    row = db.session.execute(
        select(AuthSession, User).join(User, User.id == AuthSession.user_id)
        .where(AuthSession.token_hash == token_hash(token))
    ).first()
    if row is None:
        return None
    auth_session, user = row
    now = utcnow()
    idle_limit = timedelta(minutes=current_app.config["SESSION_IDLE_MINUTES"])
    if now >= auth_session.expires_at or now - auth_session.last_seen_at >= idle_limit:
        db.session.delete(auth_session)
        db.session.commit()
        return None
    if now - auth_session.last_seen_at >= _TOUCH_EVERY:
        auth_session.last_seen_at = now
        db.session.commit()
    g.current_user = user
    return user


def init_app(app: Flask) -> None:
    @app.after_request
    def write_session_cookie(response):
        token = g.pop("set_session_token", None)
        if token is None:
            return response
        secure = current_app.config["SESSION_COOKIE_SECURE"]
        if token == "":
            response.delete_cookie(cookie_name(), path="/", secure=secure, httponly=True,
                                   samesite="Lax")
        else:
            response.set_cookie(
                cookie_name(), token, path="/", secure=secure, httponly=True, samesite="Lax",
                max_age=int(timedelta(days=current_app.config["SESSION_MAX_DAYS"]).total_seconds()),
            )
        return response
